/**
 * Streaming guardrails: Kafka topics (durability, size, retention, naming, dead letters) and ACLs
 * (no wildcard principals, each domain confined to its own topic and consumer-group prefix, no
 * cluster administration). How a topic's classification is resolved: see lib/topicClassification.
 */
import type { Policies } from "@pulumi/policy";
import {
  CLASSIFICATIONS,
  DEAD_LETTER_SUFFIX,
  ENVIRONMENT_MINIMUMS,
  MAX_STREAM_RETENTION_DAYS,
  PARTITION_BOUNDS,
  QUARANTINE_SUFFIX,
  TOPIC_NAME_PATTERN,
  consumerGroupPrefix,
  parseKafkaPrincipal,
  topicPrefix,
  type Classification,
} from "../../conventions";
import { compiledPattern, invalidPattern } from "../lib/configuredPattern";
import { Deferral } from "../lib/deferral";
import { grants, isReadOnly, readAcl, within, type AclView } from "../lib/kafkaAcls";
import { topicsOf } from "../lib/kafkaTopics";
import { resourceRule, stackRule, type ConfigProperties } from "../lib/rule";
import { classificationSchema, forEachClassifiedTopic, type ClassificationConfig } from "../lib/topicClassification";
import { KAFKA_ACL, KAFKA_TOPIC } from "../lib/types";
import { lower, num, record, text } from "../lib/values";

const PRODUCTION = ENVIRONMENT_MINIMUMS.production;
const MS_PER_DAY = 86_400_000;

interface RetentionConfig extends ClassificationConfig {
  maxRetentionDays: Partial<Record<Classification, number>>;
  environmentCapDays?: number;
  minRetentionDays: number;
}

function retentionFinding(raw: unknown, capDays: number, floorDays: number): string | undefined {
  const ms = num(raw);
  if (raw === undefined) return `retention.ms is not set, so the broker default applies; set it to at most ${capDays} days.`;
  if (ms === undefined) return `retention.ms '${String(raw)}' is not a number.`;
  if (ms < 0) return `retention.ms is ${ms} (infinite); the cap is ${capDays} days.`;
  if (ms > capDays * MS_PER_DAY) return `retention is ${+(ms / MS_PER_DAY).toFixed(2)} days; the cap is ${capDays} days.`;
  if (ms < floorDays * MS_PER_DAY) {
    return `retention is ${+(ms / MS_PER_DAY).toFixed(2)} days; the floor is ${floorDays} days, the window consumers have to replay after an outage.`;
  }
  return undefined;
}

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

export const streamingPolicies: Policies = [
  // Topic rules, per resource.
  resourceRule<{ minReplicationFactor: number }>({
    name: "streaming-topic-replication-factor",
    description: "Kafka topics keep at least the environment's number of replicas, so losing a broker loses no data.",
    meta: {
      area: "streaming",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Set replicationFactor to at least the environment's minimum (3 in production, 2 in staging).",
    },
    config: { minReplicationFactor: { type: "integer", minimum: 1, default: PRODUCTION.replicationFactor } },
    types: [KAFKA_TOPIC],
    validate: (args, { minReplicationFactor }, report) => {
      const rf = num(args.props.replicationFactor);
      if (rf === undefined) report("replicationFactor is not set to a number.");
      else if (rf < minReplicationFactor) report(`replicationFactor is ${rf}; this environment requires at least ${minReplicationFactor}.`);
    },
  }),

  resourceRule<{ minInsyncReplicas: number }>({
    name: "streaming-topic-min-insync-replicas",
    description: "Kafka topics set min.insync.replicas to the environment's minimum and below the replication factor, so acknowledged writes survive a broker loss and one broker down does not stop producers.",
    meta: {
      area: "streaming",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Set config['min.insync.replicas'] to at least the environment's minimum (2 in production, 1 in staging) and below replicationFactor.",
    },
    config: { minInsyncReplicas: { type: "integer", minimum: 1, default: PRODUCTION.minInsyncReplicas } },
    types: [KAFKA_TOPIC],
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
  }),

  resourceRule<{ minPartitions: number; maxPartitions: number }>({
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
    types: [KAFKA_TOPIC],
    validate: (args, { minPartitions, maxPartitions }, report) => {
      const count = num(args.props.partitions);
      if (count === undefined) report("partitions is not set to a number.");
      else if (count < minPartitions || count > maxPartitions || !Number.isInteger(count)) {
        report(`partitions is ${count}; allowed: ${minPartitions}–${maxPartitions}.`);
      }
    },
  }),

  resourceRule<{ pattern: string }>({
    name: "streaming-topic-naming",
    description: "Kafka topic names follow `<domain>.<product>.v<major>`, optionally suffixed `.dlq` or `.quarantine`, so ownership and ACL prefixes follow from the name.",
    meta: {
      area: "streaming",
      severity: "medium",
      frameworks: ["soc2"],
      remediation: "Rename the topic to `<domain>.<product>.v<major>` (kebab-case domain and product); renaming a topic replaces it, so migrate consumers first.",
    },
    config: { pattern: { type: "string", default: TOPIC_NAME_PATTERN.source } },
    types: [KAFKA_TOPIC],
    validate: (args, { pattern }, report) => {
      const name = text(args.props.name);
      const re = compiledPattern(pattern);
      if (re === undefined) report(invalidPattern("pattern", pattern));
      else if (name === undefined) report("the topic has no name.");
      else if (!re.test(name)) report(`topic name '${name}' does not match ${pattern}.`);
    },
  }),

  resourceRule<{ allowUncleanLeaderElection: boolean }>({
    name: "streaming-topic-no-unclean-leader-election",
    description: "Kafka topics never enable unclean leader election, which silently drops acknowledged records.",
    meta: {
      area: "streaming",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Remove config['unclean.leader.election.enable'] or set it to false.",
    },
    config: { allowUncleanLeaderElection: { type: "boolean", default: false } },
    types: [KAFKA_TOPIC],
    validate: (args, { allowUncleanLeaderElection }, report) => {
      if (allowUncleanLeaderElection) return;
      const value: unknown = record(args.props.config)?.["unclean.leader.election.enable"];
      if (value === true || lower(value) === "true") report("config['unclean.leader.election.enable'] is true.");
    },
  }),

  // Topic rules, per stack.
  stackRule<RetentionConfig>({
    name: "streaming-topic-retention",
    description:
      "Kafka topics set an explicit, finite retention within the cap of their data classification and environment, and at least the environment's floor so consumers can replay.",
    meta: {
      area: "streaming",
      severity: "high",
      frameworks: ["gdpr", "ccpa", "soc2"],
      remediation: `Set config['retention.ms'] within the classification's cap (restricted 30 days, confidential 90, internal and public 365; staging caps every stream at 14) and at least the environment's floor (production ${ENVIRONMENT_MINIMUMS.production.streamRetentionFloorDays} days, staging ${ENVIRONMENT_MINIMUMS.staging.streamRetentionFloorDays}).`,
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
      minRetentionDays: {
        type: "integer",
        minimum: 0,
        default: ENVIRONMENT_MINIMUMS.production.streamRetentionFloorDays,
        description: "Shortest retention of any topic in this environment, the window consumers have to replay; 0 turns the floor off.",
      },
      ...classificationSchema,
    },
    validate: (args, config, report) => {
      const maxDays = { ...MAX_STREAM_RETENTION_DAYS, ...config.maxRetentionDays };
      forEachClassifiedTopic(args.resources, config, (topic, classification) => {
        const capDays = Math.min(maxDays[classification], config.environmentCapDays ?? Infinity);
        const finding = retentionFinding(topic.config["retention.ms"], capDays, config.minRetentionDays);
        if (finding !== undefined) report(`topic '${topic.name}' (${classification}): ${finding}`, topic.urn);
      });
    },
  }),

  stackRule<ClassificationConfig & { compactClassifications: Classification[] }>({
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
  }),

  stackRule<{ ignoredTopicPrefixes: string[] }>({
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
  }),

  stackRule<{ requiredOperations: string[] }>({
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
        if (r.type !== KAFKA_ACL) continue;
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
  }),

  // ACL rules, per resource.
  resourceRule<{ principalPattern: string }>({
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
    types: [KAFKA_ACL],
    validate: (args, { principalPattern }, report) => {
      if (lower(args.props.aclPermissionType) !== "allow") return;
      const principal = text(args.props.aclPrincipal);
      const re = compiledPattern(principalPattern);
      if (principal === undefined) report("the ACL names no principal.");
      else if (principal.includes("*")) report(`principal '${principal}' is a wildcard: every client that authenticates gets this access.`);
      else if (re === undefined) report(invalidPattern("principalPattern", principalPattern));
      else if (!re.test(principal)) report(`principal '${principal}' does not match ${principalPattern}.`);
    },
  }),

  resourceRule<PlatformConfig>({
    name: "streaming-acl-domain-prefix",
    description: "Kafka topic ACLs keep a domain principal to its own topic prefix: it changes only `<domain>.` topics, and reads another domain's topics by literal name, never by prefix or wildcard.",
    meta: {
      area: "streaming",
      severity: "high",
      frameworks: ["soc2", "gdpr", "ccpa"],
      remediation: "Grant writes on `<domain>.` topics only (Literal, or Prefixed `<domain>.`), and cross-domain reads on each granted topic's literal name as declared in the producer's `consumers`.",
    },
    config: platformPrincipalsConfig,
    types: [KAFKA_ACL],
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
      const domain = parseKafkaPrincipal(acl.principal)?.domain;
      if (domain === undefined) {
        report(`principal '${acl.principal}' is neither a domain principal (User:<domain>-producer|consumer) nor a listed platform principal, so its topics cannot be checked.`);
        return;
      }
      if (within(acl, topicPrefix(domain))) return;
      if (!isReadOnly(acl)) {
        report(`'${acl.principal}' is granted ${acl.operation} on '${acl.resourceName}', outside its domain's prefix '${topicPrefix(domain)}'.`);
      } else if (acl.pattern === "prefixed") {
        report(`'${acl.principal}' reads another domain's topics by prefix '${acl.resourceName}'; grant each topic by literal name.`);
      }
    },
  }),

  resourceRule<PlatformConfig>({
    name: "streaming-acl-consumer-group-prefix",
    description: "Kafka consumer-group ACLs keep a domain principal to groups prefixed by its own domain, so domains cannot join or reset each other's groups.",
    meta: {
      area: "streaming",
      severity: "medium",
      frameworks: ["soc2"],
      remediation: "Name the principal's consumer groups `<domain>.…` and grant the group ACL on that name or prefix.",
    },
    config: platformPrincipalsConfig,
    types: [KAFKA_ACL],
    validate: (args, { platformPrincipals }, report) => {
      const acl = readAcl(args.props);
      if (!acl.allow || acl.resourceType !== "group" || platformPrincipals.includes(acl.principal)) return;
      const domain = parseKafkaPrincipal(acl.principal)?.domain;
      if (domain === undefined) {
        report(`principal '${acl.principal}' is neither a domain principal nor a listed platform principal, so its consumer groups cannot be checked.`);
      } else if (!within(acl, consumerGroupPrefix(domain))) {
        report(`'${acl.principal}' is granted group '${acl.resourceName}' (${acl.pattern}); its groups must start with '${consumerGroupPrefix(domain)}'.`);
      }
    },
  }),

  resourceRule<PlatformConfig & { allowedClusterOperations: string[] }>({
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
    types: [KAFKA_ACL],
    validate: (args, { platformPrincipals, allowedClusterOperations }, report) => {
      const acl = readAcl(args.props);
      if (!acl.allow || acl.resourceType !== "cluster" || platformPrincipals.includes(acl.principal)) return;
      if (!allowedClusterOperations.some((op) => op.toLowerCase() === acl.operation)) {
        report(`'${acl.principal}' is granted ${acl.operation} on the cluster; only ${allowedClusterOperations.join(", ")} may be.`);
      }
    },
  }),
];
