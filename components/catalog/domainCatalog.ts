/**
 * `meshkit:catalog:DomainCatalog`: the domain's Glue catalog database and a table entry per
 * product, so every product can be discovered: a table product's entry points at its bucket (and
 * can be queried), a stream product's is a Kafka-sourced entry naming its topic.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import {
  catalogDatabaseName,
  catalogTableName,
  CONTRACT_ID_PARAMETER,
  CONTRACT_STANDARD_PARAMETER,
  CONTRACT_VERSION_PARAMETER,
  contractId,
  FRESHNESS_PARAMETER_KEY,
  ODCS_API_VERSION,
  PREVIOUS_MAJOR_TOPICS_PARAMETER,
  QUALITY_THRESHOLD_PARAMETER,
  productBucketName,
  topicName,
} from "../../conventions";
import type { DomainContext } from "../domain/context";
import { previousMajorsOf } from "../manifest/majors";
import { isStream, isTable, majorVersion } from "../manifest/products";
import type { DataProduct, ProductSchema, TableProduct } from "../manifest";
import { schemaFields, type SchemaField } from "../schemas/schemaFields";
import { glueColumn, tableColumns } from "./hiveColumns";
import { statefulOptions } from "../domain/profile";
import { HIVE_STORAGE_FORMATS } from "./tableFormats";
import { productTags } from "../domain/tagging";

export interface DomainCatalogArgs {
  readonly context: DomainContext;
  /** The products' schemas (`LoadedManifest.schemas`), whose fields become the tables' columns. Default: none. */
  readonly schemas?: Readonly<Record<string, ProductSchema>>;
}

export class DomainCatalog extends pulumi.ComponentResource {
  public readonly database: aws.glue.CatalogDatabase;
  /** Table entries of table and stream products, keyed by product name. */
  public readonly tables: Record<string, aws.glue.CatalogTable> = {};
  /** The database name: deterministic, known before deployment. */
  public readonly databaseName: string;

  constructor(name: string, args: DomainCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:catalog:DomainCatalog", name, {}, opts);
    const { spec, profile, platform, tags } = args.context;
    const domain = spec.metadata.name;
    const stateful = statefulOptions(profile);
    const fieldsOf = (product: DataProduct): SchemaField[] => {
      const schema = args.schemas?.[product.name];
      return schema === undefined ? [] : schemaFields(schema);
    };
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

    /** A product's entry: what every entry says, plus where its data is. */
    const entry = (product: DataProduct, where: Pick<aws.glue.CatalogTableArgs, "parameters" | "partitionKeys" | "storageDescriptor">) => {
      const tableName = catalogTableName(product.name);
      this.tables[product.name] = new aws.glue.CatalogTable(
        `${this.databaseName}.${tableName}`,
        { name: tableName, databaseName: this.database.name, description: product.description, owner: spec.metadata.owner, tableType: "EXTERNAL_TABLE", ...where },
        { parent: this, ...stateful },
      );
    };

    for (const product of spec.spec.products.filter(isTable)) {
      const bucket = productBucketName(profile.environment, domain, product.name, platform.accountId);
      const format = HIVE_STORAGE_FORMATS[product.storage.format];
      const { columns, partitionKeys } = tableColumns(fieldsOf(product), product.storage.partitionKeys);
      entry(product, {
        // Glue tables take no AWS tags: the required tags travel in the parameters instead.
        parameters: tableParameters(args.context, product),
        partitionKeys,
        storageDescriptor: {
          columns,
          location: `s3://${bucket}/`,
          inputFormat: format.inputFormat,
          outputFormat: format.outputFormat,
          serDeInfo: { name: product.storage.format, serializationLibrary: format.serializationLibrary, parameters: format.serdeParameters },
        },
      });
    }

    // A stream's entry carries its classification on a resource meshkit creates for every stream
    // product, schema or not: topics take no tags, and the pack reads a topic's classification
    // from this entry (policies/lib/topicClassification.ts) instead of assuming restricted.
    // One entry per product whatever its majors: it names the current major's topic, and the
    // previous majors' topics kept until their sunsets.
    for (const product of spec.spec.products.filter(isStream)) {
      const topic = topicName(domain, product.name, majorVersion(product));
      const previous = previousMajorsOf(product).map((p) => topicName(domain, product.name, p.major));
      entry(product, {
        parameters: {
          ...productParameters(args.context, product),
          ...kafkaSource(topic),
          ...(previous.length === 0 ? {} : { [PREVIOUS_MAJOR_TOPICS_PARAMETER]: previous.join(",") }),
        },
        storageDescriptor: { columns: fieldsOf(product).map(glueColumn), parameters: kafkaSource(topic) },
      });
    }

    this.registerOutputs({ database: this.database, tables: this.tables, databaseName: this.databaseName });
  }
}

function tableParameters(context: DomainContext, product: TableProduct): Record<string, string> {
  return {
    ...productParameters(context, product),
    // Its DataQualityRules ruleset checks against this, and the guardrails look for that ruleset.
    [QUALITY_THRESHOLD_PARAMETER]: String(product.contract.qualityThreshold),
    // Glue's own key: the data format crawlers and Athena read.
    classification: product.storage.format,
    EXTERNAL: "TRUE",
  };
}

/** Glue's keys for a table whose data is a Kafka topic, as Glue streaming ETL reads them. */
function kafkaSource(topic: string): Record<string, string> {
  return { typeOfData: "kafka", topicName: topic };
}

/** What every product's entry says: the product's tags and its contract. */
function productParameters(context: DomainContext, product: DataProduct): Record<string, string> {
  return {
    ...productTags(context.tags, context.spec, product),
    // Where a consumer finds the contract: `meshkit contracts export` writes it under this id.
    [CONTRACT_ID_PARAMETER]: contractId(context.spec.metadata.name, product.name),
    [CONTRACT_VERSION_PARAMETER]: product.contract.version,
    [CONTRACT_STANDARD_PARAMETER]: `odcs-${ODCS_API_VERSION}`,
    "contract-compatibility": product.contract.compatibility,
    "retention-days": String(product.retentionDays),
    "update-frequency": product.updateFrequency,
    // Guardrails find the products that promise freshness here, and check they have an alarm.
    [FRESHNESS_PARAMETER_KEY]: String(product.contract.freshnessMinutes),
  };
}
