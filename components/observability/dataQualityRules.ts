/**
 * `meshkit:observability:DataQualityRules`: per table product with a schema, a Glue Data Quality
 * ruleset generated from the schema and targeting the product's catalog table, and an EventBridge
 * rule sending evaluations that score below the contract's quality threshold to the domain's
 * alert topic. Stream products have no ruleset: their quarantine topic is their quality gate.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { catalogTableName, dataQualityName } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { productTags } from "../domain/tagging";
import { isTable } from "../manifest/products";
import type { ProductSchema } from "../manifest";
import { schemaFields } from "../schemas/schemaFields";
import { dqdlRuleset } from "./dqdl";
import { qualityScoreEventPattern } from "./qualityEventPattern";

export interface DataQualityRulesArgs {
  readonly context: DomainContext;
  /** The products' schemas (`LoadedManifest.schemas`); table products without one get no ruleset. */
  readonly schemas: Readonly<Record<string, ProductSchema>>;
  /** The Glue database holding the products' tables (`DomainCatalog.database.name`). */
  readonly databaseName: pulumi.Input<string>;
  /** The domain's alert topic, which low quality scores reach. */
  readonly alertTopicArn: pulumi.Input<string>;
}

export class DataQualityRules extends pulumi.ComponentResource {
  /** Rulesets keyed by product name. */
  public readonly rulesets: Record<string, aws.glue.DataQualityRuleset> = {};
  /** EventBridge rules routing each ruleset's low scores, keyed by product name. */
  public readonly scoreRules: Record<string, aws.cloudwatch.EventRule> = {};

  constructor(name: string, args: DataQualityRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:observability:DataQualityRules", name, {}, opts);
    const { spec, profile, tags } = args.context;
    const domain = spec.metadata.name;

    for (const product of spec.spec.products.filter(isTable)) {
      const schema = args.schemas[product.name];
      if (schema === undefined) continue;
      const productLabels = productTags(tags, spec, product);
      const rulesetName = dataQualityName(profile.environment, domain, product.name);
      const tableName = catalogTableName(product.name);
      const ruleset = new aws.glue.DataQualityRuleset(
        `${name}-${product.name}-ruleset`,
        {
          name: rulesetName,
          description: `${product.name}: columns, completeness and allowed values from ${schema.path}; alerts below a score of ${product.contract.qualityThreshold} %`,
          ruleset: dqdlRuleset(schemaFields(schema), product.storage.partitionKeys),
          targetTable: { databaseName: args.databaseName, tableName },
          tags: productLabels,
        },
        { parent: this },
      );
      const scoreRule = new aws.cloudwatch.EventRule(
        `${name}-${product.name}-score-rule`,
        {
          name: rulesetName,
          description: `Glue Data Quality scores of ${domain}/${product.name} below its contract's ${product.contract.qualityThreshold} %`,
          eventPattern: pulumi
            .output(args.databaseName)
            .apply((databaseName) =>
              JSON.stringify(qualityScoreEventPattern({ rulesetName, databaseName, tableName, thresholdPercent: product.contract.qualityThreshold })),
            ),
          tags: productLabels,
        },
        { parent: this, dependsOn: [ruleset] },
      );
      new aws.cloudwatch.EventTarget(
        `${name}-${product.name}-alert`,
        { rule: scoreRule.name, arn: args.alertTopicArn },
        { parent: this },
      );
      this.rulesets[product.name] = ruleset;
      this.scoreRules[product.name] = scoreRule;
    }

    this.registerOutputs({ rulesets: this.rulesets, scoreRules: this.scoreRules });
  }
}
