import { observabilityPolicies } from "../../policies/rules/observability";
import { TAGS, T, kmsKey } from "./awsFixtures";
import { resource, unknown, urnOf, type TestResource } from "./harness";
import { describeRules } from "./ruleCases";

const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const TABLE = "aws:glue/catalogTable:CatalogTable";
const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const ACCOUNT = "123456789012";
const topicArn = (name: string) => `arn:aws:sns:eu-west-1:${ACCOUNT}:${name}`;

/** A key whose policy admits the given publishing services, as meshkit's domain key does. */
function alertKey(name: string, services: readonly string[] = ["cloudwatch.amazonaws.com", "events.amazonaws.com"]): TestResource {
  const base = kmsKey(name);
  const policy = JSON.parse(base.props.policy as string);
  for (const service of services) {
    policy.Statement.push({ Effect: "Allow", Principal: { Service: service }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" });
  }
  return { ...base, props: { ...base.props, policy: JSON.stringify(policy) } };
}

/** The orders alert topic, encrypted with `keyName` (by dependency; null: no key), tagged with its domain. */
function alertTopic(name = "orders-alerts", keyName: string | null = "alerts-key", props: Record<string, unknown> = {}): TestResource {
  return resource(
    TOPIC,
    name,
    { name: `meshkit-production-${name}`, kmsMasterKeyId: keyName === null ? undefined : `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${keyName}`, tags: { ...TAGS }, ...props },
    { propertyDependencies: keyName === null ? {} : { kmsMasterKeyId: [urnOf(T.key, keyName)] } },
  );
}

/** A freshness alarm on orders/<product> notifying `topic` (by dependency) unless told otherwise. */
function freshnessAlarm(name: string, product: string, topic: string | undefined, props: Record<string, unknown> = {}): TestResource {
  return resource(
    ALARM,
    name,
    {
      name: `meshkit-production-orders-${product}-freshness`,
      namespace: "Meshkit/DataProducts",
      metricName: "MinutesSinceLastUpdate",
      dimensions: { Domain: "orders", Product: product },
      statistic: "Maximum",
      period: 60,
      threshold: 5,
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      treatMissingData: "breaching",
      alarmActions: topic === undefined ? [] : [topicArn(`meshkit-production-${topic}`)],
      tags: { ...TAGS },
      ...props,
    },
    { propertyDependencies: topic === undefined ? {} : { alarmActions: [urnOf(TOPIC, topic)] } },
  );
}

/** A burn-rate window: metric math over the freshness metric, no actions of its own. */
function windowAlarm(name: string, props: Record<string, unknown> = {}): TestResource {
  return resource(ALARM, name, {
    name,
    metricQueries: [
      { id: "age", metric: { namespace: "Meshkit/DataProducts", metricName: "MinutesSinceLastUpdate", dimensions: { Domain: "orders", Product: "order-events" }, period: 60, stat: "Maximum" }, returnData: false },
      { id: "stale", expression: "IF(age > 5, 1, 0)", returnData: true },
    ],
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 1,
    evaluationPeriods: 60,
    datapointsToAlarm: 1,
    treatMissingData: "breaching",
    ...props,
  });
}

function composite(name: string, rule: unknown, topic: string | undefined): TestResource {
  return resource(
    COMPOSITE,
    name,
    { alarmName: name, alarmRule: rule, alarmActions: topic === undefined ? [] : [topicArn(`meshkit-production-${topic}`)] },
    { propertyDependencies: topic === undefined ? {} : { alarmActions: [urnOf(TOPIC, topic)] } },
  );
}

/** The catalog entry of a product that promises freshness within `minutes`. */
function catalogEntry(product: string, parameters: Record<string, unknown> = {}): TestResource {
  return resource(TABLE, product, { name: product.replace(/-/g, "_"), parameters: { domain: "orders", "data-product": product, "freshness-minutes": "5", ...parameters } });
}

const compliantAlerts = [alertKey("alerts-key"), alertTopic(), freshnessAlarm("order-events-freshness", "order-events", "orders-alerts")];

describeRules("observability", observabilityPolicies, {
  "observability-freshness-alarm-alerts-domain": {
    compliant: [
      ...compliantAlerts,
      catalogEntry("order-events"),
      // A table without a freshness promise needs no alarm.
      resource(TABLE, "scratch", { name: "scratch", parameters: { domain: "orders" } }),
      // An alarm naming the topic by ARN alone also reaches it.
      catalogEntry("order-facts"),
      resource(ALARM, "order-facts-freshness", { ...freshnessAlarm("x", "order-facts", "orders-alerts").props }),
    ],
    violating: [
      alertKey("alerts-key"),
      alertTopic(),
      alertTopic("payments-alerts", "alerts-key", { tags: { ...TAGS, domain: "payments" } }),
      catalogEntry("order-events"),
      catalogEntry("order-facts"),
      // order-facts' alarm notifies another domain's topic; order-events has none.
      freshnessAlarm("order-facts-freshness", "order-facts", "payments-alerts"),
    ],
    violatingUrns: [urnOf(TABLE, "order-events"), urnOf(ALARM, "order-facts-freshness")],
    unknown: [...compliantAlerts, catalogEntry("order-events", { "freshness-minutes": unknown.string })],
  },

  "observability-alarm-has-action": {
    compliant: [
      ...compliantAlerts,
      windowAlarm("burn-fast-long"),
      windowAlarm("burn-fast-short"),
      composite("burn-fast", 'ALARM("burn-fast-long") AND ALARM("burn-fast-short")', "orders-alerts"),
      // Through a composite without actions that a notifying one builds on, by name and by ARN.
      windowAlarm("slow-long"),
      windowAlarm("slow-short"),
      composite("slow", 'ALARM("slow-long") OR ALARM(arn:aws:cloudwatch:eu-west-1:123456789012:alarm:slow-short)', undefined),
      composite("page", "ALARM(slow)", "orders-alerts"),
    ],
    violating: [
      ...compliantAlerts,
      freshnessAlarm("silent", "order-events", undefined),
      freshnessAlarm("disabled", "order-events", "orders-alerts", { actionsEnabled: false }),
      windowAlarm("orphan-long"),
      composite("quiet", 'ALARM("orphan-long")', undefined),
    ],
    violatingUrns: [urnOf(ALARM, "silent"), urnOf(ALARM, "disabled"), urnOf(ALARM, "orphan-long"), urnOf(COMPOSITE, "quiet")],
    message: /notifies nobody/,
    unknown: [windowAlarm("burn-fast-long"), composite("burn-fast", unknown.string, "orders-alerts")],
  },

  "observability-alert-topic-encrypted": {
    compliant: [
      ...compliantAlerts,
      // Not an alert topic: nothing publishes to it from CloudWatch or EventBridge.
      resource(TOPIC, "chatter", { name: "chatter", tags: { ...TAGS } }),
      // A customer-managed key named by ARN.
      resource(TOPIC, "rules", { name: "rules", kmsMasterKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/abc`, tags: { ...TAGS } }),
      resource(EVENT_TARGET, "rules-target", { rule: "r", arn: topicArn("rules") }),
    ],
    violating: [
      alertTopic("plain", null),
      freshnessAlarm("plain-freshness", "order-events", "plain"),
      alertTopic("aws-managed", null, { kmsMasterKeyId: "alias/aws/sns" }),
      resource(EVENT_TARGET, "aws-managed-target", { rule: "r", arn: topicArn("meshkit-production-aws-managed") }),
      // Its policy admits CloudWatch: an alert topic even before an alarm names it.
      resource(TOPIC, "by-policy", {
        name: "by-policy",
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "*" }] }),
      }),
      resource(TOPIC_POLICY, "unrelated-policy", { arn: topicArn("elsewhere"), policy: "{}" }),
    ],
    violatingUrns: [urnOf(TOPIC, "plain"), urnOf(TOPIC, "aws-managed"), urnOf(TOPIC, "by-policy")],
    unknown: [alertTopic("late", null, { kmsMasterKeyId: unknown.string }), freshnessAlarm("late-freshness", "order-events", "late")],
  },

  "observability-alert-key-admits-publishers": {
    compliant: [...compliantAlerts, resource(EVENT_TARGET, "rule-target", { rule: "r", arn: topicArn("x") }, { propertyDependencies: { arn: [urnOf(TOPIC, "orders-alerts")] } })],
    violating: [
      // The alarm's key admits nobody; the rule's key admits CloudWatch but not EventBridge.
      kmsKey("plain-key"),
      alertTopic("alarmed", "plain-key"),
      freshnessAlarm("alarmed-freshness", "order-events", "alarmed"),
      alertKey("alarms-only-key", ["cloudwatch.amazonaws.com"]),
      alertTopic("ruled", "alarms-only-key"),
      resource(EVENT_TARGET, "ruled-target", { rule: "r", arn: "x" }, { propertyDependencies: { arn: [urnOf(TOPIC, "ruled")] } }),
    ],
    violatingUrns: [urnOf(TOPIC, "alarmed"), urnOf(TOPIC, "ruled")],
    message: /notifications are dropped/,
    unknown: [kmsKey("alerts-key", { policy: unknown.string }), alertTopic(), freshnessAlarm("f", "order-events", "orders-alerts")],
  },

  "observability-alarm-missing-data-breaching": {
    compliant: [
      freshnessAlarm("fresh", "order-events", "orders-alerts"),
      windowAlarm("burn-fast-long"),
      // Not a freshness alarm: an error count may well treat silence as fine.
      resource(ALARM, "errors", { name: "errors", namespace: "AWS/Lambda", metricName: "Errors", treatMissingData: "notBreaching", alarmActions: ["a"] }),
    ],
    violating: [
      freshnessAlarm("lenient", "order-events", "orders-alerts", { treatMissingData: "notBreaching" }),
      freshnessAlarm("default", "order-events", "orders-alerts", { treatMissingData: undefined }),
      windowAlarm("window-ignoring", { treatMissingData: "ignore" }),
    ],
    violatingUrns: [urnOf(ALARM, "lenient"), urnOf(ALARM, "default"), urnOf(ALARM, "window-ignoring")],
    message: /silence as stale/,
    unknown: [freshnessAlarm("fresh", "order-events", "orders-alerts", { treatMissingData: unknown.string })],
    config: [{ config: { freshnessMissingData: "notBreaching" }, resources: [freshnessAlarm("lenient", "order-events", "orders-alerts", { treatMissingData: "notBreaching" })], violates: false }],
  },
});
