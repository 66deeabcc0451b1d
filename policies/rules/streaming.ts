/**
 * Streaming guardrails: Kafka topics (durability, size, retention, naming, dead letters) and ACLs
 * (no wildcard principals, each domain confined to its own topic and consumer-group prefix, no
 * cluster administration).
 *
 * Kafka topics carry no tags, so a topic's classification is resolved at stack level, in order:
 * the `topicClassifications` config (longest matching name prefix), then a Glue schema-registry
 * schema in the stack named exactly like the topic and tagged `data-classification` (meshkit's
 * EventStreams registers one per stream product), then `defaultClassification` (restricted, the
 * strictest, so an unclassified topic is never given a looser cap than it might need).
 */
import type { Policies, PolicyResource } from "@pulumi/policy";
import {
  CLASSIFICATIONS,
  DEAD_LETTER_SUFFIX,
  ENVIRONMENT_MINIMUMS,
  KAFKA_ROLES,
  MAX_STREAM_RETENTION_DAYS,
  PARTITION_BOUNDS,
  QUARANTINE_SUFFIX,
  TOPIC_NAME_PATTERN,
  consumerGroupPrefix,
  topicPrefix,
  type Classification,
} from "../../conventions";
import { Deferral } from "../lib/deferral";
import { resourceRule, stackRule, type ConfigProperties } from "../lib/rule";
import { num, record, text } from "../lib/values";

const TOPIC = "kafka:index/topic:Topic";
const ACL = "kafka:index/acl:Acl";
const GLUE_SCHEMA = "aws:glue/schema:Schema";
const CLASSIFICATION_TAG = "data-classification";
const PRODUCTION = ENVIRONMENT_MINIMUMS.production;
const MS_PER_DAY = 86_400_000;

/** Operations that only read a topic; every other operation changes it or its data. */
const READ_OPERATIONS = new Set(["read", "describe", "describeconfigs"]);
/** Principals meshkit gives a domain: `User:<domain>-<role>`. */
const DOMAIN_PRINCIPAL = new RegExp(`^User:([a-z][a-z0-9-]*)-(${KAFKA_ROLES.join("|")})$`);

function lower(value: unknown): string | undefined {
  return typeof value === "string" ? value.toLowerCase() : undefined;
}

/** One compiled pattern per source, so rules running per resource don't recompile it. */
const patternCache = new Map<string, RegExp | undefined>();
/** The configured pattern compiled, or undefined when the config holds no valid regular expression. */
function compiled(source: string): RegExp | undefined {
  if (!patternCache.has(source)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(source);
    } catch {
      re = undefined;
    }
    patternCache.set(source, re);
  }
  return patternCache.get(source);
}

const invalidPattern = (key: string, source: string) => `the policy's config '${key}' (${source}) is not a valid regular expression, so nothing can match it; fix the policy config.`;

interface TopicView {
  readonly urn: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

function readTopic(r: PolicyResource): TopicView | undefined {
  const name = text(r.props.name);
  if (name === undefined) return undefined;
  // Copy every value now, so an unknown one is met here, where it is deferred, not mid-rule.
  return { urn: r.urn, name, config: { ...record(r.props.config) } };
}

interface AclView {
  readonly principal: string;
  readonly resourceType: string;
  readonly resourceName: string;
  readonly pattern: string;
  readonly operation: string;
  readonly allow: boolean;
}

function readAcl(props: Record<string, unknown>): AclView {
  return {
    principal: text(props.aclPrincipal) ?? "",
    resourceType: lower(props.aclResourceType) ?? "",
    resourceName: text(props.aclResourceName) ?? "",
    pattern: lower(props.resourcePatternTypeFilter) ?? "literal",
    operation: lower(props.aclOperation) ?? "",
    allow: lower(props.aclPermissionType) === "allow",
  };
}

/** Kafka's implication: All grants every operation, and Write or Read each imply Describe. */
function grants(acl: AclView, operation: string): boolean {
  return acl.operation === "all" || acl.operation === operation;
}

/** The domain a principal belongs to, or undefined when it follows no domain convention. */
function principalDomain(principal: string): string | undefined {
  return DOMAIN_PRINCIPAL.exec(principal)?.[1];
}

/** Whether the ACL stays inside a name prefix: a Literal name in it, or a Prefixed pattern at least as narrow. */
function within(acl: AclView, prefix: string): boolean {
  return (acl.pattern === "literal" || acl.pattern === "prefixed") && acl.resourceName.startsWith(prefix);
}

function baseTopic(name: string): string {
  for (const suffix of [DEAD_LETTER_SUFFIX, QUARANTINE_SUFFIX]) {
    if (name.endsWith(suffix)) return name.slice(0, -suffix.length);
  }
  return name;
}

function topicsOf(resources: PolicyResource[], deferral: Deferral): TopicView[] {
  const topics: TopicView[] = [];
  for (const r of resources) {
    if (r.type !== TOPIC) continue;
    const topic = deferral.read(() => readTopic(r));
    if (topic !== undefined) topics.push(topic);
  }
  return topics;
}

const isClassification = (v: unknown): v is Classification =>
  typeof v === "string" && (CLASSIFICATIONS as readonly string[]).includes(v);

// ---------------------------------------------------------------------------------------------
// Topic rules, per resource.

const replicationFactor = resourceRule<{ minReplicationFactor: number }>({
  name: "streaming-topic-replication-factor",
  description: "Kafka topics keep at least the environment's number of replicas, so losing a broker loses no data.",
  meta: {
    area: "streaming",
    severity: "high",
    frameworks: ["soc2"],
    remediation: "Set replicationFactor to at least the environment's minimum (3 in production, 2 in staging).",
  },
  config: { minReplicationFactor: { type: "integer", minimum: 1, default: PRODUCTION.replicationFactor } },
  types: [TOPIC],
  validate: (args, { minReplicationFactor }, report) => {
    const rf = num(args.props.replicationFactor);
    if (rf === undefined) report("replicationFactor is not set to a number.");
    else if (rf < minReplicationFactor) report(`replicationFactor is ${rf}; this environment requires at least ${minReplicationFactor}.`);
  },
});

const minInsyncReplicas = resourceRule<{ minInsyncReplicas: number }>({
  name: "streaming-topic-min-insync-replicas",
  description: "Kafka topics set min.insync.replicas to the environment's minimum and below the replication factor, so acknowledged writes survive a broker loss and one broker down does not stop producers.",
  meta: {
    area: "streaming",
    severity: "high",
    frameworks: ["soc2"],
    remediation: "Set config['min.insync.replicas'] to at least the environment's minimum (2 in production, 1 in staging) and below replicationFactor.",
  },
  config: { minInsyncReplicas: { type: "integer", minimum: 1, default: PRODUCTION.minInsyncReplicas } },
  types: [TOPIC],
  validate: (args, { minInsyncReplicas: required }, report) => {
    const mir = num(record(args.props.config)?.["min.insync.replicas"]);
    if (mir === undefined) {
      report(`config['min.insync.replicas'] is not set, so the broker default (1) acknowledges writes held by a single replica; set at least ${required}.`);
      return;
    }
    if (mir < required) report(`min.insync.replicas is ${mir}; this environment requires at least ${required}.`);
    // Read last: a definite finding above is reported even when the replication factor is unknown.
    const rf = num(args.props.replicationFactor);
    if (rf !== undefined && mir >= rf) {
      report(`min.insync.replicas (${mir}) must be below replicationFactor (${rf}), or a single broker outage blocks every producer using acks=all.`);
    }
  },
});

const partitions = resourceRule<{ minPartitions: number; maxPartitions: number }>({
  name: "streaming-topic-partitions",
  description: "Kafka topics have a partition count within the platform's bounds.",
  meta: {
    area: "streaming",
    severity: "medium",
    frameworks: ["soc2"],
    remediation: `Set partitions between ${PARTITION_BOUNDS.min} and ${PARTITION_BOUNDS.max}; more partitions than that need a platform review.`,
  },
  config: {
    minPartitions: { type: "integer", minimum: 1, default: PARTITION_BOUNDS.min },
    maxPartitions: { type: "integer", minimum: 1, default: PARTITION_BOUNDS.max },
  },
  types: [TOPIC],
  validate: (args, { minPartitions, maxPartitions }, report) => {
    const count = num(args.props.partitions);
    if (count === undefined) report("partitions is not set to a number.");
    else if (count < minPartitions || count > maxPartitions || !Number.isInteger(count)) {
      report(`partitions is ${count}; allowed: ${minPartitions}–${maxPartitions}.`);
    }
  },
});

const naming = resourceRule<{ pattern: string }>({
  name: "streaming-topic-naming",
  description: "Kafka topic names follow `<domain>.<product>.v<major>`, optionally suffixed `.dlq` or `.quarantine`, so ownership and ACL prefixes follow from the name.",
  meta: {
    area: "streaming",
    severity: "medium",
    frameworks: ["soc2"],
    remediation: "Rename the topic to `<domain>.<product>.v<major>` (kebab-case domain and product); renaming a topic replaces it, so migrate consumers first.",
  },
  config: { pattern: { type: "string", default: TOPIC_NAME_PATTERN.source } },
  types: [TOPIC],
  validate: (args, { pattern }, report) => {
    const name = text(args.props.name);
    const re = compiled(pattern);
    if (re === undefined) report(invalidPattern("pattern", pattern));
    else if (name === undefined) report("the topic has no name.");
    else if (!re.test(name)) report(`topic name '${name}' does not match ${pattern}.`);
  },
});

const uncleanLeaderElection = resourceRule<{ allowUncleanLeaderElection: boolean }>({
  name: "streaming-topic-no-unclean-leader-election",
  description: "Kafka topics never enable unclean leader election, which silently drops acknowledged records.",
  meta: {
    area: "streaming",
    severity: "high",
    frameworks: ["soc2"],
    remediation: "Remove config['unclean.leader.election.enable'] or set it to false.",
  },
  config: { allowUncleanLeaderElection: { type: "boolean", default: false } },
  types: [TOPIC],
  validate: (args, { allowUncleanLeaderElection }, report) => {
    if (allowUncleanLeaderElection) return;
    const value: unknown = record(args.props.config)?.["unclean.leader.election.enable"];
    if (value === true || lower(value) === "true") report("config['unclean.leader.election.enable'] is true.");
  },
});

// ---------------------------------------------------------------------------------------------
// Topic rules, per stack.

interface ClassificationConfig {
  topicClassifications: Record<string, Classification>;
  defaultClassification: Classification;
}

/** Config both classification-driven rules take, so a platform classifies its topics the same way for each. */
const classificationSchema: ConfigProperties = {
  topicClassifications: {
    type: "object",
    additionalProperties: { enum: [...CLASSIFICATIONS] },
    default: {},
    description: "Topic name prefix to classification, overriding tagged schemas; the longest prefix wins.",
  },
  defaultClassification: {
    enum: [...CLASSIFICATIONS],
    default: "restricted",
    description: "Classification of a topic neither the config nor a tagged schema classifies.",
  },
};

/** Classifications of topics declared by Glue schemas named like them (see the module comment). */
function schemaClassifications(resources: PolicyResource[], deferral: Deferral): Map<string, Classification> {
  const found = new Map<string, Classification>();
  for (const r of resources) {
    if (r.type !== GLUE_SCHEMA) continue;
    deferral.read(() => {
      const name = text(r.props.schemaName);
      const classification: unknown = record(r.props.tags)?.[CLASSIFICATION_TAG];
      if (name !== undefined && isClassification(classification)) found.set(name, classification);
    });
  }
  return found;
}

function configuredClassification(name: string, configured: Record<string, Classification>): Classification | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(configured)) {
    if (name.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : configured[best];
}

/**
 * Calls `judge` with every topic of the stack whose classification is certain (dead-letter and
 * quarantine topics take their main topic's), then rethrows any value left unknown in preview.
 */
function forEachClassifiedTopic(
  resources: PolicyResource[],
  config: ClassificationConfig,
  judge: (topic: TopicView, classification: Classification) => void,
): void {
  const topicDeferral = new Deferral();
  const schemaDeferral = new Deferral();
  const topics = topicsOf(resources, topicDeferral);
  const fromSchemas = schemaClassifications(resources, schemaDeferral);
  for (const topic of topics) {
    const base = baseTopic(topic.name);
    const explicit = configuredClassification(base, config.topicClassifications) ?? fromSchemas.get(base);
    // The default is only certain when no schema was left unread: that schema might describe this topic.
    if (explicit === undefined && schemaDeferral.pending) continue;
    judge(topic, explicit ?? config.defaultClassification);
  }
  topicDeferral.rethrow();
  schemaDeferral.rethrow();
}

interface RetentionConfig extends ClassificationConfig {
  maxRetentionDays: Partial<Record<Classification, number>>;
  environmentCapDays?: number;
}

const retention = stackRule<RetentionConfig>({
  name: "streaming-topic-retention",
  description: "Kafka topics set an explicit, finite retention within the cap of their data classification and environment.",
  meta: {
    area: "streaming",
    severity: "high",
    frameworks: ["gdpr", "ccpa", "soc2"],
    remediation: "Set config['retention.ms'] within the classification's cap (restricted 30 days, confidential 90, internal and public 365; staging caps every stream at 14).",
  },
  config: {
    maxRetentionDays: {
      type: "object",
      properties: Object.fromEntries(CLASSIFICATIONS.map((c) => [c, { type: "integer", minimum: 1 }])),
      additionalProperties: false,
      default: { ...MAX_STREAM_RETENTION_DAYS },
      description: "Longest retention per classification; classifications left out keep the platform's caps.",
    },
    environmentCapDays: { type: "integer", minimum: 1, description: "Cap on every stream in this environment; unset keeps the classification caps." },
    ...classificationSchema,
  },
  validate: (args, config, report) => {
    const maxDays = { ...MAX_STREAM_RETENTION_DAYS, ...config.maxRetentionDays };
    forEachClassifiedTopic(args.resources, config, (topic, classification) => {
      const capDays = Math.min(maxDays[classification], config.environmentCapDays ?? Infinity);
      const finding = retentionFinding(topic.config["retention.ms"], capDays);
      if (finding !== undefined) report(`topic '${topic.name}' (${classification}): ${finding}`, topic.urn);
    });
  },
});

function retentionFinding(raw: unknown, capDays: number): string | undefined {
  const ms = num(raw);
  if (raw === undefined) return `retention.ms is not set, so the broker default applies; set it to at most ${capDays} days.`;
  if (ms === undefined) return `retention.ms '${String(raw)}' is not a number.`;
  if (ms < 0) return `retention.ms is ${ms} (infinite); the cap is ${capDays} days.`;
  if (ms > capDays * MS_PER_DAY) return `retention is ${+(ms / MS_PER_DAY).toFixed(2)} days; the cap is ${capDays} days.`;
  return undefined;
}

const compaction = stackRule<ClassificationConfig & { compactClassifications: Classification[] }>({
  name: "streaming-topic-compaction",
  description: "Confidential and restricted topics are not compacted without deletion, since compaction keeps each key's latest record until a tombstone erases it, whatever retention.ms says.",
  meta: {
    area: "streaming",
    severity: "medium",
    frameworks: ["gdpr", "ccpa"],
    remediation: "Use cleanup.policy 'compact,delete' (or 'delete'), or make sure erasure requests publish tombstones and document that process.",
  },
  config: {
    compactClassifications: {
      type: "array",
      items: { enum: [...CLASSIFICATIONS] },
      default: ["public", "internal"],
      description: "Classifications whose topics may use cleanup.policy 'compact' alone.",
    },
    ...classificationSchema,
  },
  validate: (args, config, report) => {
    forEachClassifiedTopic(args.resources, config, (topic, classification) => {
      const policies = String(topic.config["cleanup.policy"] ?? "delete").split(",").map((p) => p.trim());
      if (!policies.includes("delete") && !config.compactClassifications.includes(classification)) {
        report(`topic '${topic.name}' (${classification}) uses cleanup.policy '${policies.join(",")}', keeping every key's latest record indefinitely.`, topic.urn);
      }
    });
  },
});

const deadLetter = stackRule<{ ignoredTopicPrefixes: string[] }>({
  name: "streaming-topic-dead-letter",
  description: "Every data topic has its dead-letter topic `<topic>.dlq` in the same stack, so unprocessable records are parked, not dropped or retried forever.",
  meta: {
    area: "streaming",
    severity: "medium",
    frameworks: ["soc2"],
    remediation: "Create `<topic>.dlq` alongside the topic (meshkit: `stream.deadLetter: true`), with the same replication and retention rules.",
  },
  config: {
    ignoredTopicPrefixes: {
      type: "array",
      items: { type: "string" },
      default: ["_"],
      description: "Topics that carry no domain data (Kafka's and connectors' internal topics).",
    },
  },
  validate: (args, { ignoredTopicPrefixes }, report) => {
    const deferral = new Deferral();
    const topics = topicsOf(args.resources, deferral);
    // A topic whose name is unknown might be any missing dead-letter topic.
    deferral.rethrow();
    const names = new Set(topics.map((t) => t.name));
    for (const topic of topics) {
      if (topic.name.endsWith(DEAD_LETTER_SUFFIX) || topic.name.endsWith(QUARANTINE_SUFFIX)) continue;
      if (ignoredTopicPrefixes.some((p) => topic.name.startsWith(p))) continue;
      if (!names.has(topic.name + DEAD_LETTER_SUFFIX)) {
        report(`topic '${topic.name}' has no dead-letter topic '${topic.name}${DEAD_LETTER_SUFFIX}'.`, topic.urn);
      }
    }
  },
});

const topicAcls = stackRule<{ requiredOperations: string[] }>({
  name: "streaming-topic-acls",
  description: "Every Kafka topic is named by Allow ACLs for the operations it needs, so who writes and who reads it is declared, not inherited from a wildcard.",
  meta: {
    area: "streaming",
    severity: "high",
    frameworks: ["soc2", "gdpr"],
    remediation: "Grant the owning domain's producer Write and its readers Read on the topic, by literal name or the domain's prefix.",
  },
  config: {
    requiredOperations: {
      type: "array",
      items: { type: "string" },
      default: ["Write", "Read"],
      description: "Operations some Allow ACL must grant on every topic (by literal name or prefix; `*` does not count).",
    },
  },
  validate: (args, { requiredOperations }, report) => {
    const topicDeferral = new Deferral();
    const aclDeferral = new Deferral();
    const topics = topicsOf(args.resources, topicDeferral);
    // Literal ACLs indexed by name, so a stack of thousands of topics and ACLs stays linear.
    const literal = new Map<string, AclView[]>();
    const prefixed: AclView[] = [];
    for (const r of args.resources) {
      if (r.type !== ACL) continue;
      const acl = aclDeferral.read(() => readAcl(r.props));
      // `*` and an empty prefix name every topic at once: they declare no one topic's readers or writers.
      if (acl === undefined || !acl.allow || acl.resourceType !== "topic" || acl.resourceName === "*" || acl.resourceName === "") continue;
      if (acl.pattern === "prefixed") prefixed.push(acl);
      else if (acl.pattern === "literal") {
        const named = literal.get(acl.resourceName);
        if (named === undefined) literal.set(acl.resourceName, [acl]);
        else named.push(acl);
      }
    }
    for (const topic of topics) {
      const naming = [...(literal.get(topic.name) ?? []), ...prefixed.filter((acl) => topic.name.startsWith(acl.resourceName))];
      const missing = requiredOperations.filter((op) => !naming.some((acl) => grants(acl, op.toLowerCase())));
      // An ACL still unknown in preview might grant what is missing.
      if (missing.length > 0 && !aclDeferral.pending) {
        report(`topic '${topic.name}' has no Allow ACL granting ${missing.join(", ")}.`, topic.urn);
      }
    }
    topicDeferral.rethrow();
    aclDeferral.rethrow();
  },
});

// ---------------------------------------------------------------------------------------------
// ACL rules, per resource.

const noWildcardPrincipal = resourceRule<{ principalPattern: string }>({
  name: "streaming-acl-no-wildcard-principal",
  description: "Kafka Allow ACLs name a single principal, never `User:*` or another wildcard.",
  meta: {
    area: "streaming",
    severity: "critical",
    frameworks: ["soc2", "gdpr", "pci-dss", "hipaa"],
    remediation: "Replace the wildcard with the principal that needs access (meshkit: `User:<domain>-producer` or `User:<domain>-consumer`).",
  },
  config: {
    principalPattern: {
      type: "string",
      default: "^User:[A-Za-z0-9][A-Za-z0-9._@-]*$",
      description: "Every Allow ACL's principal must match this; the default admits named users only.",
    },
  },
  types: [ACL],
  validate: (args, { principalPattern }, report) => {
    if (lower(args.props.aclPermissionType) !== "allow") return;
    const principal = text(args.props.aclPrincipal);
    const re = compiled(principalPattern);
    if (principal === undefined) report("the ACL names no principal.");
    else if (principal.includes("*")) report(`principal '${principal}' is a wildcard: every client that authenticates gets this access.`);
    else if (re === undefined) report(invalidPattern("principalPattern", principalPattern));
    else if (!re.test(principal)) report(`principal '${principal}' does not match ${principalPattern}.`);
  },
});

interface PlatformConfig {
  platformPrincipals: string[];
}

const platformPrincipalsConfig: ConfigProperties = {
  platformPrincipals: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "Platform principals (brokers' admin, connectors) outside any domain, exempt from the domain's prefix.",
  },
};

const domainPrefix = resourceRule<PlatformConfig>({
  name: "streaming-acl-domain-prefix",
  description: "Kafka topic ACLs keep a domain principal to its own topic prefix: it changes only `<domain>.` topics, and reads another domain's topics by literal name, never by prefix or wildcard.",
  meta: {
    area: "streaming",
    severity: "high",
    frameworks: ["soc2", "gdpr", "ccpa"],
    remediation: "Grant writes on `<domain>.` topics only (Literal, or Prefixed `<domain>.`), and cross-domain reads on each granted topic's literal name as declared in the producer's `consumers`.",
  },
  config: platformPrincipalsConfig,
  types: [ACL],
  validate: (args, { platformPrincipals }, report) => {
    const acl = readAcl(args.props);
    if (!acl.allow || acl.resourceType !== "topic" || platformPrincipals.includes(acl.principal)) return;
    if (acl.resourceName === "*") {
      report(`'${acl.principal}' is granted ${acl.operation} on every topic ('*').`);
      return;
    }
    if (acl.pattern !== "literal" && acl.pattern !== "prefixed") {
      report(`resource pattern '${acl.pattern}' is not Literal or Prefixed.`);
      return;
    }
    const domain = principalDomain(acl.principal);
    if (domain === undefined) {
      report(`principal '${acl.principal}' is neither a domain principal (User:<domain>-producer|consumer) nor a listed platform principal, so its topics cannot be checked.`);
      return;
    }
    if (within(acl, topicPrefix(domain))) return;
    if (!READ_OPERATIONS.has(acl.operation)) {
      report(`'${acl.principal}' is granted ${acl.operation} on '${acl.resourceName}', outside its domain's prefix '${topicPrefix(domain)}'.`);
    } else if (acl.pattern === "prefixed") {
      report(`'${acl.principal}' reads another domain's topics by prefix '${acl.resourceName}'; grant each topic by literal name.`);
    }
  },
});

const consumerGroups = resourceRule<PlatformConfig>({
  name: "streaming-acl-consumer-group-prefix",
  description: "Kafka consumer-group ACLs keep a domain principal to groups prefixed by its own domain, so domains cannot join or reset each other's groups.",
  meta: {
    area: "streaming",
    severity: "medium",
    frameworks: ["soc2"],
    remediation: "Name the principal's consumer groups `<domain>.…` and grant the group ACL on that name or prefix.",
  },
  config: platformPrincipalsConfig,
  types: [ACL],
  validate: (args, { platformPrincipals }, report) => {
    const acl = readAcl(args.props);
    if (!acl.allow || acl.resourceType !== "group" || platformPrincipals.includes(acl.principal)) return;
    const domain = principalDomain(acl.principal);
    if (domain === undefined) {
      report(`principal '${acl.principal}' is neither a domain principal nor a listed platform principal, so its consumer groups cannot be checked.`);
    } else if (!within(acl, consumerGroupPrefix(domain))) {
      report(`'${acl.principal}' is granted group '${acl.resourceName}' (${acl.pattern}); its groups must start with '${consumerGroupPrefix(domain)}'.`);
    }
  },
});

const clusterOperations = resourceRule<PlatformConfig & { allowedClusterOperations: string[] }>({
  name: "streaming-acl-cluster-operations",
  description: "Kafka cluster-level ACLs give domain principals no more than idempotent writes: no Alter (ACL management), Create, AlterConfigs, ClusterAction or All.",
  meta: {
    area: "streaming",
    severity: "critical",
    frameworks: ["soc2", "gdpr", "pci-dss"],
    remediation: "Remove the cluster ACL, or grant only IdempotentWrite; topics and ACLs are created by the platform's pipeline, not by domain principals.",
  },
  config: {
    ...platformPrincipalsConfig,
    allowedClusterOperations: {
      type: "array",
      items: { type: "string" },
      default: ["IdempotentWrite"],
      description: "Cluster operations any principal may be granted.",
    },
  },
  types: [ACL],
  validate: (args, { platformPrincipals, allowedClusterOperations }, report) => {
    const acl = readAcl(args.props);
    if (!acl.allow || acl.resourceType !== "cluster" || platformPrincipals.includes(acl.principal)) return;
    if (!allowedClusterOperations.some((op) => op.toLowerCase() === acl.operation)) {
      report(`'${acl.principal}' is granted ${acl.operation} on the cluster; only ${allowedClusterOperations.join(", ")} may be.`);
    }
  },
});

export const streamingPolicies: Policies = [
  replicationFactor,
  minInsyncReplicas,
  partitions,
  naming,
  uncleanLeaderElection,
  retention,
  compaction,
  deadLetter,
  topicAcls,
  noWildcardPrincipal,
  domainPrefix,
  consumerGroups,
  clusterOperations,
];
