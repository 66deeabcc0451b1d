/**
 * What a stack's alarms and alert topics say to the observability rules: which product's freshness
 * an alarm watches, whom it notifies (itself or through a composite alarm), which SNS topics are
 * alert topics (an alarm or EventBridge target publishes there, or its policy admits the publishing
 * services), and which KMS key encrypts a topic. Reads may meet values unknown in preview; the
 * callers run them under a Deferral.
 */
import type { PolicyResource } from "@pulumi/policy";
import { ALERT_PUBLISHING_SERVICES, CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE, FRESHNESS_METRIC } from "../../conventions";
import { coversAction, isAllow, readPolicyDocument, type Statement } from "./policyDocument";
import { ALARM_TYPES, COMPOSITE_ALARM, EVENT_TARGET, KMS_ALIAS, KMS_KEY, SNS_TOPIC, SNS_TOPIC_POLICY } from "./types";
import { and, guard, isUnknown, some, type Verdict } from "./unknowns";
import { bool, list, record, records, stringMap, text, type Props } from "./values";

/** The product whose freshness metric an alarm watches, directly or in a metric-math query. */
export interface WatchedProduct {
  readonly domain: string | undefined;
  readonly product: string | undefined;
}

export function watchedProduct(props: Props): WatchedProduct | undefined {
  const metrics: Props[] = [{ namespace: props.namespace, metricName: props.metricName, dimensions: props.dimensions }];
  for (const query of records(props.metricQueries)) {
    const metric = record(query.metric);
    if (metric !== undefined) metrics.push(metric);
  }
  const freshness = metrics.find((m) => text(m.namespace) === FRESHNESS_METRIC.namespace && text(m.metricName) === FRESHNESS_METRIC.metricName);
  if (freshness === undefined) return undefined;
  const dimensions = stringMap(freshness.dimensions);
  return { domain: dimensions[FRESHNESS_METRIC.dimensions.domain], product: dimensions[FRESHNESS_METRIC.dimensions.product] };
}

export function isAlarm(r: { type: string }): boolean {
  return ALARM_TYPES.includes(r.type);
}

/** An alarm's name as CloudWatch knows it (what a composite alarm's rule names). */
export function alarmName(alarm: PolicyResource): string | undefined {
  return text(alarm.type === COMPOSITE_ALARM ? alarm.props.alarmName : alarm.props.name);
}

const ACTION_PROPERTIES = ["alarmActions", "okActions", "insufficientDataActions"];

/** Whether the alarm acts itself when it fires: actions enabled and at least one alarm action. */
export function hasOwnAlarmActions(alarm: PolicyResource): boolean {
  return bool(alarm.props.actionsEnabled) !== false && list(alarm.props.alarmActions).length > 0;
}

/** Alarms a composite alarm's rule builds on: `ALARM(name)`, `OK(…)`, `INSUFFICIENT_DATA(…)`, by name or ARN. */
export function ruleAlarmNames(rule: string): string[] {
  const names: string[] = [];
  for (const match of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\(\s*(?:"([^"]+)"|([^)\s]+))\s*\)/g)) {
    const reference = match[1] ?? match[2]!;
    names.push(reference.includes(":alarm:") ? reference.slice(reference.lastIndexOf(":alarm:") + 7) : reference);
  }
  return names;
}

/**
 * The alarms that notify someone when they fire: those with their own alarm actions, and those a
 * notifying composite alarm builds on (by its rule's names, or by depending on them), transitively.
 * Linear in the alarms: they are indexed by name once, not searched for each composite.
 */
export function notifyingAlarms(resources: readonly PolicyResource[]): Set<PolicyResource> {
  const alarms = resources.filter(isAlarm);
  const notifying = new Set(alarms.filter(hasOwnAlarmActions));
  const pending = alarms.filter((a) => a.type === COMPOSITE_ALARM && notifying.has(a));
  if (pending.length === 0) return notifying;
  const builtOn = (composite: PolicyResource) => ({
    names: ruleAlarmNames(text(composite.props.alarmRule) ?? ""),
    dependencies: (composite.propertyDependencies.alarmRule ?? []).filter(isAlarm),
  });
  // A name is read only where it decides something, since reading one unknown in preview defers the
  // whole rule: not for an alarm that notifies already, nor for one the first composite depends on
  // (it is taken in by dependency before any name is looked up).
  const first = builtOn(pending[0]);
  const taken = new Set(first.dependencies);
  const byName = new Map<string, PolicyResource[]>();
  for (const alarm of alarms) {
    if (notifying.has(alarm) || taken.has(alarm)) continue;
    const name = alarmName(alarm) ?? "";
    const named = byName.get(name);
    if (named) named.push(alarm);
    else byName.set(name, [alarm]);
  }
  for (let i = 0; i < pending.length; i++) {
    const { names, dependencies } = i === 0 ? first : builtOn(pending[i]);
    for (const alarm of [...dependencies, ...names.flatMap((n) => byName.get(n) ?? [])]) {
      if (notifying.has(alarm)) continue;
      notifying.add(alarm);
      if (alarm.type === COMPOSITE_ALARM) pending.push(alarm);
    }
  }
  return notifying;
}

/** Whether a value names the topic by ARN. */
function namesTopic(topic: PolicyResource, value: string): boolean {
  const name = guard(() => text(topic.props.name));
  const arn = guard(() => text(topic.props.arn));
  return (!isUnknown(arn) && value === arn) || (typeof name === "string" && value.endsWith(`:${name}`));
}

/**
 * A property's string values, skipping unknown ones: a value unknown in preview is some resource's
 * output, and that resource is among the property's dependencies, which callers look at first.
 */
function knownStrings(read: () => unknown): string[] {
  const value = guard(read);
  if (isUnknown(value)) return [];
  const items = Array.isArray(value) ? value.map((_, i) => guard(() => value[i])) : [value];
  return items.map((v) => (isUnknown(v) ? undefined : text(v))).filter((v): v is string => v !== undefined);
}

/** The SNS topics among `topics` that a property of `r` names: by dependency, else by ARN. */
function topicsNamedBy(r: PolicyResource, property: string, topics: readonly PolicyResource[]): PolicyResource[] {
  const byDependency = (r.propertyDependencies[property] ?? []).filter((d) => d.type === SNS_TOPIC);
  if (byDependency.length > 0) return byDependency;
  const values = knownStrings(() => r.props[property]);
  return topics.filter((t) => values.some((v) => namesTopic(t, v)));
}

/** The topics an alarm notifies when it fires. */
export function alarmTopics(alarm: PolicyResource, topics: readonly PolicyResource[]): PolicyResource[] {
  return topicsNamedBy(alarm, "alarmActions", topics);
}

/** Statements of a topic's policies: its own `policy` and every TopicPolicy on it (`policies`, in stack order). */
function topicPolicyStatements(topic: PolicyResource, policies: readonly PolicyResource[]): Statement[] {
  const documents: (() => unknown)[] = [() => topic.props.policy, ...policies.map((policy) => () => policy.props.policy)];
  // Evidence only: a policy unknown in preview names no service here (an alarm or target still can).
  return documents.flatMap((read) => {
    const statements = readPolicyDocument(read);
    if (statements === undefined || statements === "invalid" || isUnknown(statements)) return [];
    return statements.filter((s): s is Statement => !isUnknown(s));
  });
}

/** Whether a statement lets the service do the action. */
function admits(s: Statement, service: string, action: string): Verdict {
  return and(isAllow(s), some(s.principals, (p) => p.type === "Service" && p.id === service), coversAction(s, action));
}

/**
 * Alert topics and the services that publish to each: CloudWatch when an alarm acts on it,
 * EventBridge when a rule targets it, and whichever publishing service its policy lets publish.
 */
export function alertTopics(resources: readonly PolicyResource[]): Map<PolicyResource, Set<string>> {
  const topics = resources.filter((r) => r.type === SNS_TOPIC);
  const publishers = new Map<PolicyResource, Set<string>>();
  const add = (topic: PolicyResource, service: string) => publishers.set(topic, new Set([...(publishers.get(topic) ?? []), service]));
  for (const alarm of resources.filter(isAlarm)) {
    for (const property of ACTION_PROPERTIES) for (const topic of topicsNamedBy(alarm, property, topics)) add(topic, CLOUDWATCH_SERVICE);
  }
  for (const target of resources.filter((r) => r.type === EVENT_TARGET)) {
    for (const topic of topicsNamedBy(target, "arn", topics)) add(topic, EVENTBRIDGE_SERVICE);
  }
  // Each TopicPolicy is matched to its topics once, not once per topic.
  const policiesOf = new Map<PolicyResource, PolicyResource[]>();
  for (const policy of resources.filter((r) => r.type === SNS_TOPIC_POLICY)) {
    for (const topic of new Set(topicsNamedBy(policy, "arn", topics))) {
      const policies = policiesOf.get(topic);
      if (policies) policies.push(policy);
      else policiesOf.set(topic, [policy]);
    }
  }
  for (const topic of topics) {
    for (const s of topicPolicyStatements(topic, policiesOf.get(topic) ?? [])) {
      for (const service of ALERT_PUBLISHING_SERVICES) if (admits(s, service, "sns:Publish") === true) add(topic, service);
    }
  }
  return publishers;
}

/** AWS's own SNS key: its policy cannot admit CloudWatch or EventBridge, so their notifications are dropped. */
export function isAwsManagedSnsKey(keyId: string): boolean {
  return keyId === "alias/aws/sns" || keyId.endsWith(":alias/aws/sns");
}

/** The KMS key resource in the stack that encrypts a topic, directly or through an alias. */
export function topicKey(topic: PolicyResource): PolicyResource | undefined {
  for (const dependency of topic.propertyDependencies.kmsMasterKeyId ?? []) {
    if (dependency.type === KMS_KEY) return dependency;
    if (dependency.type === KMS_ALIAS) {
      const key = (dependency.propertyDependencies.targetKeyId ?? []).find((d) => d.type === KMS_KEY);
      if (key !== undefined) return key;
    }
  }
  return undefined;
}

/** What a publishing service needs of a topic's key: a data key per message, and Decrypt. */
export const PUBLISHING_KEY_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"];

/** The key-policy actions a service is not admitted to (empty when it may publish through the key). */
export function missingKeyActions(keyPolicy: readonly Statement[], service: string): string[] {
  return PUBLISHING_KEY_ACTIONS.filter((action) => !keyPolicy.some((s) => admits(s, service, action) === true));
}
