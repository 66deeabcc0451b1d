/**
 * Observability guardrails: a product that promises freshness has an alarm that reaches its
 * domain's alert topic; no alarm fires into the void; alert topics are encrypted with a
 * customer-managed key that lets the publishing services use it (else SNS drops every alarm without
 * a sound); and production freshness alarms count a silent pipeline as stale.
 */
import type { Policies, PolicyResource } from "@pulumi/policy";
import {
  DATA_PRODUCT_TAG_KEY,
  DOMAIN_TAG_KEY,
  ENVIRONMENT_MINIMUMS,
  FRESHNESS_METRIC,
  FRESHNESS_PARAMETER_KEY,
  type FreshnessMissingData,
} from "../../conventions";
import {
  alarmName,
  alarmTopics,
  alertTopics,
  isAlarm,
  isAwsManagedSnsKey,
  missingKeyActions,
  notifyingAlarms,
  topicKey,
  watchedProduct,
} from "../lib/alerting";
import { Deferral } from "../lib/deferral";
import { readPolicyDocument } from "../lib/policyDocument";
import { resourceRule, stackRule } from "../lib/rule";
import { ownTags } from "../lib/tags";
import { GLUE_TABLE, METRIC_ALARM, SNS_TOPIC } from "../lib/types";
import { guard, isUnknown } from "../lib/unknowns";
import { stringMap, text } from "../lib/values";

/** A product that promises freshness, as its catalog entry declares it. */
interface FreshnessPromise {
  readonly domain: string;
  readonly product: string;
  readonly minutes: string;
  readonly entry: PolicyResource;
}

function freshnessPromises(resources: readonly PolicyResource[], deferral: Deferral): FreshnessPromise[] {
  const promises: FreshnessPromise[] = [];
  for (const table of resources.filter((r) => r.type === GLUE_TABLE)) {
    const parameters = deferral.read(() => stringMap(table.props.parameters)) ?? {};
    const minutes = parameters[FRESHNESS_PARAMETER_KEY];
    const domain = parameters[DOMAIN_TAG_KEY];
    const product = parameters[DATA_PRODUCT_TAG_KEY];
    if (minutes !== undefined && domain !== undefined && product !== undefined) promises.push({ domain, product, minutes, entry: table });
  }
  return promises;
}

export const observabilityPolicies: Policies = [
  stackRule({
    name: "observability-freshness-alarm-alerts-domain",
    description: "Every product with a freshness objective has a freshness alarm whose action is an alert topic of its domain.",
    meta: {
      area: "observability",
      severity: "high",
      frameworks: ["soc2"],
      remediation: `Create a CloudWatch alarm on ${FRESHNESS_METRIC.namespace}/${FRESHNESS_METRIC.metricName} with the product's Domain and Product dimensions, and put the domain's alert topic (an SNS topic tagged with the domain) in its alarmActions.`,
    },
    validate: (args, _config, report) => {
      const deferral = new Deferral();
      const topics = args.resources.filter((r) => r.type === SNS_TOPIC);
      const alarms = args.resources
        .filter((r) => r.type === METRIC_ALARM)
        .flatMap((alarm) => {
          const watched = deferral.read(() => watchedProduct(alarm.props));
          return watched === undefined ? [] : [{ alarm, watched }];
        });
      // Alarms by the product they watch, looked up per promise rather than searched.
      const watching = new Map<string, typeof alarms>();
      for (const entry of alarms) {
        const key = JSON.stringify([entry.watched.domain, entry.watched.product]);
        const same = watching.get(key);
        if (same) same.push(entry);
        else watching.set(key, [entry]);
      }
      for (const promise of freshnessPromises(args.resources, deferral)) {
        const own = watching.get(JSON.stringify([promise.domain, promise.product])) ?? [];
        if (own.length === 0) {
          report(`${promise.domain}/${promise.product} promises freshness within ${promise.minutes} minutes but no alarm watches its ${FRESHNESS_METRIC.metricName}`, promise.entry.urn);
          continue;
        }
        const verdicts = own.map(({ alarm }) =>
          deferral.read(() => alarmTopics(alarm, topics).some((topic) => ownTags(topic.type, topic.props)[DOMAIN_TAG_KEY] === promise.domain)),
        );
        if (verdicts.every((routed) => routed === false)) {
          for (const { alarm } of own) report(`freshness alarm of ${promise.domain}/${promise.product} notifies no alert topic of domain ${promise.domain}`, alarm.urn);
        }
      }
      deferral.rethrow();
    },
  }),

  stackRule({
    name: "observability-alarm-has-action",
    description: "Every CloudWatch alarm notifies someone: it has alarm actions, or a composite alarm with actions builds on it.",
    meta: {
      area: "observability",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Put the domain's alert topic in the alarm's alarmActions (and keep actionsEnabled), or name the alarm in a composite alarm that has them.",
    },
    validate: (args, _config, report) => {
      const deferral = new Deferral();
      const notifying = deferral.read(() => notifyingAlarms(args.resources));
      if (notifying !== undefined) {
        for (const alarm of args.resources.filter(isAlarm)) {
          if (!notifying.has(alarm)) report(`alarm ${alarmName(alarm) ?? alarm.name} notifies nobody when it fires`, alarm.urn);
        }
      }
      deferral.rethrow();
    },
  }),

  stackRule({
    name: "observability-alert-topic-encrypted",
    description: "Alert topics (SNS topics that alarms or EventBridge rules publish to) are encrypted with a customer-managed KMS key.",
    meta: {
      area: "observability",
      severity: "high",
      frameworks: ["soc2", "gdpr", "hipaa"],
      remediation:
        "Set kmsMasterKeyId on the topic to a customer-managed key (the domain key); AWS's alias/aws/sns cannot admit CloudWatch or EventBridge, which then drop their notifications.",
    },
    validate: (args, _config, report) => {
      const deferral = new Deferral();
      const topics = deferral.read(() => alertTopics(args.resources)) ?? new Map();
      for (const topic of topics.keys()) {
        if (topicKey(topic) !== undefined) continue;
        const keyId = guard(() => text(topic.props.kmsMasterKeyId));
        if (isUnknown(keyId)) {
          deferral.holds(keyId);
          continue;
        }
        if (keyId === undefined || keyId === "") report(`alert topic ${text(topic.props.name) ?? topic.name} is not encrypted`, topic.urn);
        else if (isAwsManagedSnsKey(keyId)) report(`alert topic ${text(topic.props.name) ?? topic.name} uses AWS's own SNS key, which CloudWatch and EventBridge cannot use`, topic.urn);
      }
      deferral.rethrow();
    },
  }),

  stackRule({
    name: "observability-alert-key-admits-publishers",
    description: "The KMS key of an alert topic lets the services that publish to it (CloudWatch, EventBridge) generate data keys and decrypt.",
    meta: {
      area: "observability",
      severity: "high",
      frameworks: ["soc2"],
      remediation:
        "Add a key-policy statement allowing the service principal (cloudwatch.amazonaws.com, events.amazonaws.com) kms:GenerateDataKey* and kms:Decrypt, with aws:SourceAccount / aws:SourceArn conditions where the service sends them.",
    },
    validate: (args, _config, report) => {
      const deferral = new Deferral();
      const topics = deferral.read(() => alertTopics(args.resources)) ?? new Map<PolicyResource, Set<string>>();
      for (const [topic, services] of topics) {
        const key = topicKey(topic);
        if (key === undefined) continue;
        const statements = readPolicyDocument(() => key.props.policy);
        if (isUnknown(statements)) {
          deferral.holds(statements);
          continue;
        }
        const known = statements === undefined || statements === "invalid" ? [] : deferral.known(statements);
        for (const service of services) {
          const missing = missingKeyActions(known, service);
          if (missing.length > 0) {
            report(`key ${key.name} of alert topic ${text(topic.props.name) ?? topic.name} does not let ${service} ${missing.join(" or ")}: its notifications are dropped`, topic.urn);
          }
        }
      }
      deferral.rethrow();
    },
  }),

  resourceRule<{ freshnessMissingData: FreshnessMissingData }>({
    name: "observability-alarm-missing-data-breaching",
    description: "Freshness alarms treat missing data as breaching where the environment requires it: a silent pipeline is a stale product.",
    meta: {
      area: "observability",
      severity: "high",
      frameworks: ["soc2"],
      remediation: `Set treatMissingData: "breaching" on alarms over ${FRESHNESS_METRIC.namespace}/${FRESHNESS_METRIC.metricName}.`,
    },
    types: [METRIC_ALARM],
    config: {
      freshnessMissingData: {
        type: "string",
        enum: ["breaching", "notBreaching"],
        default: ENVIRONMENT_MINIMUMS.production.freshnessMissingData,
        description: "What a minute without a freshness data point must count as; `breaching` requires treatMissingData breaching.",
      },
    },
    validate: (args, config, report) => {
      if (config.freshnessMissingData !== "breaching") return;
      if (watchedProduct(args.props) === undefined) return;
      // CloudWatch's default is "missing": a silent metric leaves the alarm where it was.
      const treatment = text(args.props.treatMissingData) ?? "missing";
      if (treatment !== "breaching") report(`treatMissingData is ${treatment}; a freshness alarm must count silence as stale`);
    },
  }),
];
