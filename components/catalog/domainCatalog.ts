/**
 * `meshkit:catalog:DomainCatalog`: the domain's Glue catalog database and a table entry per table
 * product, pointing at the product's bucket, so data can be discovered and queried.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { catalogDatabaseName, catalogTableName, productBucketName } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { isTable, type TableProduct } from "../manifest";
import { statefulOptions } from "../domain/profile";
import { HIVE_STORAGE_FORMATS } from "./tableFormats";
import { productTags } from "../domain/tagging";

export interface DomainCatalogArgs {
  readonly context: DomainContext;
}

export class DomainCatalog extends pulumi.ComponentResource {
  public readonly database: aws.glue.CatalogDatabase;
  /** Table entries, keyed by product name. */
  public readonly tables: Record<string, aws.glue.CatalogTable> = {};
  /** The database name: deterministic, known before deployment. */
  public readonly databaseName: string;

  constructor(name: string, args: DomainCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:catalog:DomainCatalog", name, {}, opts);
    const { spec, profile, platform, tags } = args.context;
    const domain = spec.metadata.name;
    const stateful = statefulOptions(profile);
    this.databaseName = catalogDatabaseName(profile.environment, domain);

    this.database = new aws.glue.CatalogDatabase(
      this.databaseName,
      {
        name: this.databaseName,
        description: `Data products of the ${domain} domain (${spec.metadata.businessCapability}), owned by ${spec.metadata.owner}`,
        parameters: { ...tags },
        tags: { ...tags },
      },
      { parent: this, ...stateful },
    );

    for (const product of spec.spec.products.filter(isTable)) {
      const bucket = productBucketName(profile.environment, domain, product.name, platform.accountId);
      const format = HIVE_STORAGE_FORMATS[product.storage.format];
      const tableName = catalogTableName(product.name);
      this.tables[product.name] = new aws.glue.CatalogTable(
        `${this.databaseName}.${tableName}`,
        {
          name: tableName,
          databaseName: this.database.name,
          description: product.description,
          owner: spec.metadata.owner,
          tableType: "EXTERNAL_TABLE",
          // Glue tables take no AWS tags: the required tags travel in the parameters instead.
          parameters: tableParameters(args.context, product),
          // The manifest names partition columns but not their types; string is what Hive-style
          // `key=value` paths hold.
          partitionKeys: product.storage.partitionKeys.map((key) => ({ name: key, type: "string" })),
          storageDescriptor: {
            location: `s3://${bucket}/`,
            inputFormat: format.inputFormat,
            outputFormat: format.outputFormat,
            serDeInfo: { name: product.storage.format, serializationLibrary: format.serializationLibrary, parameters: format.serdeParameters },
          },
        },
        { parent: this, ...stateful },
      );
    }

    this.registerOutputs({ database: this.database, tables: this.tables, databaseName: this.databaseName });
  }
}

function tableParameters(context: DomainContext, product: TableProduct): Record<string, string> {
  return {
    ...productTags(context.tags, context.spec, product),
    // Glue's own key: the data format crawlers and Athena read.
    classification: product.storage.format,
    EXTERNAL: "TRUE",
    "contract-version": product.contract.version,
    "contract-compatibility": product.contract.compatibility,
    "retention-days": String(product.retentionDays),
    "update-frequency": product.updateFrequency,
  };
}
