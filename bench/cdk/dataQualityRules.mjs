// A table product's Glue Data Quality ruleset and its score rule, as components/observability/
// dataQualityRules.ts builds them: DQDL generated from the product's schema (meshkit's own dqdlRuleset),
// targeting the product's catalog table, and an EventBridge rule sending evaluations that score below the
// contract's quality threshold to the domain's alert topic.
import { createRequire } from "node:module";
import { conventions, dqdlRuleset, qualityScoreEventPattern, schemaFields } from "./meshkit.mjs";

const require = createRequire(import.meta.url);
const cdk = require("aws-cdk-lib");
const { aws_events: events, aws_glue: glue } = cdk;
const { catalogDatabaseName, catalogTableName, dataQualityName } = conventions;

/** `schema` is meshkit's ProductSchema shape ({ path, format, definition }); `table` the product's CfnTable. */
export function dataQualityRules(stack, domain, env, product, schema, table, topic) {
  const rulesetName = dataQualityName(env, domain, product.name);
  const tableName = catalogTableName(product.name);
  const threshold = product.contract.qualityThreshold;
  const ruleset = new glue.CfnDataQualityRuleset(stack, `Quality-${product.name}`, {
    name: rulesetName,
    description: `${product.name}: columns, completeness and allowed values from ${schema.path}; alerts below a score of ${threshold} %`,
    ruleset: dqdlRuleset(schemaFields(schema), product.storage.partitionKeys),
    targetTable: { databaseName: table.databaseName, tableName },
  });
  ruleset.node.addDependency(table);
  const pattern = qualityScoreEventPattern({ rulesetName, databaseName: catalogDatabaseName(env, domain), tableName, thresholdPercent: threshold });
  const rule = new events.Rule(stack, `QualityScore-${product.name}`, {
    ruleName: rulesetName,
    description: `Glue Data Quality scores of ${domain}/${product.name} below its contract's ${threshold} %`,
    eventPattern: { source: pattern.source, detailType: pattern["detail-type"], detail: pattern.detail },
  });
  // targets.SnsTopic would add an unconditioned events.amazonaws.com grant to the topic policy; the
  // policy already admits this account's rules (RulesPublish), as meshkit's does, so bind the ARN only.
  rule.addTarget({ bind: () => ({ arn: topic.topicArn }) });
  rule.node.addDependency(ruleset);
}
