import { qualityPolicies } from "../../policies/rules/quality";
import { TAGS } from "./awsFixtures";
import { resource, unknown, urnOf } from "./harness";
import { describeRules } from "./ruleCases";

const TABLE = "aws:glue/catalogTable:CatalogTable";
const RULESET = "aws:glue/dataQualityRuleset:DataQualityRuleset";
const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const SNS_TOPIC = "aws:sns/topic:Topic";

const DB = "meshkit_production_orders";
const table = (name: string, parameters: Record<string, unknown> = { domain: "orders", "quality-threshold": "98" }, columns: unknown = [{ name: "id", type: "string" }]) =>
  resource(TABLE, name, { name, databaseName: DB, parameters, storageDescriptor: { columns } });
const ruleset = (name: string, tableName: string) =>
  resource(RULESET, name, { name, ruleset: 'Rules = [ColumnExists "id"]', targetTable: { databaseName: DB, tableName } });
const pattern = (rulesetName: string) =>
  JSON.stringify({ source: ["aws.glue-dataquality"], "detail-type": ["Data Quality Evaluation Results Available"], detail: { rulesetNames: [rulesetName], score: [{ numeric: ["<", 0.98] }] } });
const eventRule = (name: string, eventPattern: unknown) => resource(EVENT_RULE, name, { name, eventPattern });
const topic = (name: string, domain = "orders") => resource(SNS_TOPIC, name, { name, arn: `arn:aws:sns:eu-west-1:444455556666:${name}`, tags: { ...TAGS, domain } });
const target = (name: string, rule: string, topicName: string) =>
  resource(EVENT_TARGET, name, { rule, arn: `arn:aws:sns:eu-west-1:444455556666:${topicName}` }, {
    propertyDependencies: { rule: [urnOf(EVENT_RULE, rule)], arn: [urnOf(SNS_TOPIC, topicName)] },
  });

/** A table, its ruleset, the rule catching its low scores and the target routing them to the domain's alert topic. */
const alerted = (t: string) => [table(t), ruleset(`${t}-quality`, t), eventRule(`${t}-score`, pattern(`${t}-quality`)), target(`${t}-alert`, `${t}-score`, "alerts")];

describeRules("quality", qualityPolicies, {
  "governance-table-quality-alerted": {
    compliant: [
      topic("alerts"),
      ...alerted("order_facts"),
      // Without columns there is nothing to score; without a threshold nothing is promised.
      table("raw_drop", { domain: "orders", "quality-threshold": "98" }, []),
      table("scratch", { domain: "orders" }),
      // A domain without any alert topic is the freshness guardrail's finding, not this one's.
      table("elsewhere", { domain: "payments", "quality-threshold": "99" }),
    ],
    violating: [
      topic("alerts"),
      topic("other-domain-topic", "payments"),
      // No ruleset at all.
      table("unscored"),
      // A ruleset whose results no rule catches.
      table("unheard"),
      ruleset("unheard-quality", "unheard"),
      // Results routed to another domain's topic.
      table("misrouted"),
      ruleset("misrouted-quality", "misrouted"),
      eventRule("misrouted-score", pattern("misrouted-quality")),
      target("misrouted-alert", "misrouted-score", "other-domain-topic"),
      // A rule catching another source.
      table("wrong-source"),
      ruleset("wrong-source-quality", "wrong-source"),
      eventRule("wrong-source-score", JSON.stringify({ source: ["aws.glue"], detail: { rulesetNames: ["wrong-source-quality"] } })),
      target("wrong-source-alert", "wrong-source-score", "alerts"),
    ],
    violatingUrns: [urnOf(TABLE, "unscored"), urnOf(TABLE, "unheard"), urnOf(TABLE, "misrouted"), urnOf(TABLE, "wrong-source")],
    message: /quality/,
    unknown: [topic("alerts"), table("order_facts"), ruleset("order_facts-quality", "order_facts"), eventRule("order_facts-score", unknown.string), target("order_facts-alert", "order_facts-score", "alerts")],
  },
});
