import { describe, expect, it } from "vitest";
import { ENVIRONMENT_MINIMUMS, PARTITION_BOUNDS } from "../../conventions";
import { streamingPolicies } from "../../policies/rules/streaming";
import { findPolicy, productionFindings, resource, runResourcePolicy, runStackPolicy, unknown, urnOf, type TestResource } from "./harness";
import { describeRules } from "./ruleCases";

const TOPIC = "kafka:index/topic:Topic";
const ACL = "kafka:index/acl:Acl";
const GLUE_SCHEMA = "aws:glue/schema:Schema";
const DAY_MS = 86_400_000;

const rule = (name: string) => findPolicy(streamingPolicies, name);

/** A production-compliant topic; overrides replace top-level props, `config` merges into config. */
function topic(name: string, overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}): TestResource {
  return resource(TOPIC, name, {
    name,
    partitions: 12,
    replicationFactor: 3,
    config: { "min.insync.replicas": "2", "retention.ms": String(7 * DAY_MS), "cleanup.policy": "delete", ...config },
    ...overrides,
  });
}

function acl(name: string, props: Record<string, unknown>): TestResource {
  return resource(ACL, name, {
    aclHost: "*",
    aclPermissionType: "Allow",
    aclResourceType: "Topic",
    resourcePatternTypeFilter: "Literal",
    ...props,
  });
}

function schema(name: string, classification: unknown): TestResource {
  return resource(GLUE_SCHEMA, `schema-${name}`, { schemaName: name, tags: { "data-classification": classification } });
}

/** The catalog entry DomainCatalog registers for a stream product, with or without a schema. */
function streamCatalogTable(topicName: string, classification: string): TestResource {
  return resource("aws:glue/catalogTable:CatalogTable", `table-${topicName}`, { name: "t", parameters: { typeOfData: "kafka", topicName, "data-classification": classification } });
}

const messages = (r: { violations: { message: string }[] }) => r.violations.map((v) => v.message);

const T_URN = (name: string) => urnOf(TOPIC, name);
const A_URN = (name: string) => urnOf(ACL, name);
const EVENTS = "orders.order-events.v1";
/** ACLs meshkit gives a topic: its producer writes the domain's prefix, a consumer reads it by name. */
const topicGrants = [
  acl("write", { aclPrincipal: "User:orders-producer", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed", aclOperation: "Write" }),
  acl("read", { aclPrincipal: "User:payments-consumer", aclResourceName: EVENTS, aclOperation: "Read" }),
];
const groupAcl = (name: string, principal: string, group: unknown) =>
  acl(name, { aclPrincipal: principal, aclResourceType: "Group", aclResourceName: group, aclOperation: "Read" });
const clusterAcl = (name: string, operation: unknown) =>
  acl(name, { aclPrincipal: "User:orders-producer", aclResourceType: "Cluster", aclResourceName: "kafka-cluster", aclOperation: operation });
const compacted = (name: string) => topic(name, {}, { "cleanup.policy": "compact" });

describeRules("streaming", streamingPolicies, {
  "streaming-topic-replication-factor": {
    compliant: [topic(EVENTS)],
    violating: [topic("a.b.v1", { replicationFactor: 1 }), topic("c.d.v1", { replicationFactor: undefined })],
    violatingUrns: [T_URN("a.b.v1"), T_URN("c.d.v1")],
    unknown: [topic(EVENTS, { replicationFactor: unknown.number })],
    config: [{ config: { minReplicationFactor: 1 }, resources: [topic("a.b.v1", { replicationFactor: 1 })], violates: false }],
  },

  "streaming-topic-min-insync-replicas": {
    compliant: [topic(EVENTS)],
    violating: [topic("low", {}, { "min.insync.replicas": "1" }), topic("equal", { replicationFactor: 2 })],
    violatingUrns: [T_URN("low"), T_URN("equal")],
    unknown: [topic(EVENTS, {}, { "min.insync.replicas": unknown.string })],
    config: [{ config: { minInsyncReplicas: 1 }, resources: [topic("low", {}, { "min.insync.replicas": "1" })], violates: false }],
  },

  "streaming-topic-partitions": {
    compliant: [topic(EVENTS)],
    violating: [topic("none", { partitions: 0 }), topic("fraction", { partitions: 1.5 })],
    violatingUrns: [T_URN("none"), T_URN("fraction")],
    message: /partitions is/,
    unknown: [topic(EVENTS, { partitions: unknown.number })],
    config: [{ config: { maxPartitions: 6 }, resources: [topic(EVENTS)], violates: true }],
  },

  "streaming-topic-naming": {
    compliant: [topic(EVENTS), topic(`${EVENTS}.dlq`), topic(`${EVENTS}.quarantine`)],
    violating: [topic("OrderEvents"), topic("orders.order-events")],
    violatingUrns: [T_URN("OrderEvents"), T_URN("orders.order-events")],
    unknown: [topic(EVENTS, { name: unknown.string })],
    config: [{ config: { pattern: "^[a-z_]+$" }, resources: [topic("order_events")], violates: false }],
  },

  "streaming-topic-no-unclean-leader-election": {
    compliant: [topic(EVENTS), topic("off", {}, { "unclean.leader.election.enable": "false" })],
    violating: [topic("on", {}, { "unclean.leader.election.enable": "true" }), topic("on-bool", {}, { "unclean.leader.election.enable": true })],
    violatingUrns: [T_URN("on"), T_URN("on-bool")],
    unknown: [topic(EVENTS, {}, { "unclean.leader.election.enable": unknown.string })],
    config: [{ config: { allowUncleanLeaderElection: true }, resources: [topic("on", {}, { "unclean.leader.election.enable": "true" })], violates: false }],
  },

  "streaming-topic-retention": {
    compliant: [
      topic(EVENTS),
      topic(`${EVENTS}.dlq`),
      topic("public.x.v1", {}, { "retention.ms": String(300 * DAY_MS) }),
      schema("public.x.v1", "public"),
      // A stream product without a schema: its catalog entry classifies its topic.
      topic("internal.y.v1", {}, { "retention.ms": String(180 * DAY_MS) }),
      streamCatalogTable("internal.y.v1", "internal"),
    ],
    // Unclassified topics are restricted (30 days); the dead-letter topic inherits its main topic's class.
    violating: [
      topic("long", {}, { "retention.ms": String(60 * DAY_MS) }),
      topic("forever", {}, { "retention.ms": "-1" }),
      topic("unset", {}, { "retention.ms": undefined }),
      // Below the production floor: no window to replay.
      topic("short", {}, { "retention.ms": String(1 * DAY_MS) }),
    ],
    violatingUrns: [T_URN("long"), T_URN("forever"), T_URN("unset"), T_URN("short")],
    unknown: [topic(EVENTS, {}, { "retention.ms": unknown.string })],
    config: [
      { config: { environmentCapDays: 3 }, resources: [topic(EVENTS)], violates: true },
      // Staging's floor is a day.
      { config: { minRetentionDays: 1 }, resources: [topic(EVENTS, {}, { "retention.ms": String(1 * DAY_MS) })], violates: false },
      { config: { topicClassifications: { "long.": "internal" } }, resources: [topic("long.x.v1", {}, { "retention.ms": String(60 * DAY_MS) })], violates: false },
    ],
  },

  "streaming-topic-compaction": {
    compliant: [topic(EVENTS), topic("both", {}, { "cleanup.policy": "compact,delete" }), compacted("internal.x.v1"), schema("internal.x.v1", "internal")],
    violating: [compacted("restricted.x.v1"), compacted("confidential.x.v1"), schema("confidential.x.v1", "confidential")],
    violatingUrns: [T_URN("restricted.x.v1"), T_URN("confidential.x.v1")],
    message: /cleanup.policy 'compact'/,
    unknown: [topic(EVENTS, {}, { "cleanup.policy": unknown.string })],
    config: [{ config: { compactClassifications: ["restricted"] }, resources: [compacted(EVENTS)], violates: false }],
  },

  "streaming-topic-dead-letter": {
    compliant: [topic(EVENTS), topic(`${EVENTS}.dlq`), topic(`${EVENTS}.quarantine`), topic("__consumer_offsets")],
    violating: [topic(EVENTS), topic("payments.payment-events.v3"), topic("payments.payment-events.v3.dlq")],
    violatingUrns: [T_URN(EVENTS)],
    unknown: [topic(EVENTS), topic("dlq", { name: unknown.string })],
    config: [{ config: { ignoredTopicPrefixes: ["orders."] }, resources: [topic(EVENTS)], violates: false }],
  },

  "streaming-topic-acls": {
    compliant: [topic(EVENTS), ...topicGrants],
    violating: [topic(EVENTS), topicGrants[0]!, topic("payments.payment-events.v3"), acl("everyone", { aclPrincipal: "User:x", aclResourceName: "*", aclOperation: "All" })],
    violatingUrns: [T_URN(EVENTS), T_URN("payments.payment-events.v3")],
    unknown: [topic(EVENTS), topicGrants[0]!, acl("unknown", { aclPrincipal: "User:payments-consumer", aclResourceName: unknown.string, aclOperation: "Read" })],
    config: [{ config: { requiredOperations: ["Write"] }, resources: [topic(EVENTS), topicGrants[0]!], violates: false }],
  },

  "streaming-acl-no-wildcard-principal": {
    compliant: [...topicGrants, acl("deny-all", { aclPrincipal: "User:*", aclPermissionType: "Deny", aclResourceName: EVENTS, aclOperation: "Write" })],
    violating: [acl("star", { aclPrincipal: "User:*", aclResourceName: EVENTS, aclOperation: "Read" }), acl("group", { aclPrincipal: "Group:orders", aclResourceName: EVENTS, aclOperation: "Read" })],
    violatingUrns: [A_URN("star"), A_URN("group")],
    unknown: [acl("p", { aclPrincipal: unknown.string, aclResourceName: EVENTS, aclOperation: "Read" })],
    config: [{ config: { principalPattern: "^User:orders-" }, resources: [topicGrants[1]!], violates: true }],
  },

  "streaming-acl-domain-prefix": {
    compliant: topicGrants,
    violating: [
      acl("foreign-write", { aclPrincipal: "User:payments-producer", aclResourceName: EVENTS, aclOperation: "Write" }),
      acl("prefix-read", { aclPrincipal: "User:payments-consumer", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed", aclOperation: "Read" }),
      acl("nobody", { aclPrincipal: "User:connect", aclResourceName: EVENTS, aclOperation: "Write" }),
    ],
    violatingUrns: [A_URN("foreign-write"), A_URN("prefix-read"), A_URN("nobody")],
    unknown: [acl("name", { aclPrincipal: "User:orders-producer", aclResourceName: unknown.string, aclOperation: "Write" })],
    config: [{ config: { platformPrincipals: ["User:connect"] }, resources: [acl("connect", { aclPrincipal: "User:connect", aclResourceName: EVENTS, aclOperation: "Write" })], violates: false }],
  },

  "streaming-acl-consumer-group-prefix": {
    compliant: [groupAcl("own", "User:orders-consumer", "orders.settlement")],
    violating: [groupAcl("foreign", "User:orders-consumer", "payments.settlement"), groupAcl("nobody", "User:connect", "connect-cluster")],
    violatingUrns: [A_URN("foreign"), A_URN("nobody")],
    unknown: [groupAcl("g", "User:orders-consumer", unknown.string)],
    config: [{ config: { platformPrincipals: ["User:connect"] }, resources: [groupAcl("connect", "User:connect", "connect-cluster")], violates: false }],
  },

  "streaming-acl-cluster-operations": {
    compliant: [clusterAcl("idempotent", "IdempotentWrite"), ...topicGrants],
    violating: [clusterAcl("alter", "Alter"), clusterAcl("all", "All")],
    violatingUrns: [A_URN("alter"), A_URN("all")],
    message: /on the cluster/,
    unknown: [clusterAcl("op", unknown.string)],
    config: [{ config: { allowedClusterOperations: ["IdempotentWrite", "Alter"] }, resources: [clusterAcl("alter", "Alter")], violates: false }],
  },
});

describe("streaming-topic-replication-factor", () => {
  const p = rule("streaming-topic-replication-factor");
  it("passes a topic with the production replication factor and ignores other types", async () => {
    expect((await runResourcePolicy(p, topic("orders.order-events.v1"))).violations).toEqual([]);
    expect((await runResourcePolicy(p, acl("a", { aclPrincipal: "User:x" }))).violations).toEqual([]);
  });
  it("flags replication 1 and a missing factor", async () => {
    const r = await runResourcePolicy(p, topic("t", { replicationFactor: 1 }));
    expect(messages(r)).toEqual(["replicationFactor is 1; this environment requires at least 3."]);
    expect(r.violations[0]!.urn).toBe(urnOf(TOPIC, "t"));
    expect(messages(await runResourcePolicy(p, topic("t", { replicationFactor: undefined })))).toHaveLength(1);
  });
  it("reports an unknown factor as unknown, not as a pass", async () => {
    const r = await runResourcePolicy(p, topic("t", { replicationFactor: unknown.number }));
    expect(r.violations).toEqual([]);
    expect(r.unknown).toMatch(/replicationFactor/);
  });
  it("takes the staging minimum from config", async () => {
    const staging = { minReplicationFactor: ENVIRONMENT_MINIMUMS.staging.replicationFactor };
    expect((await runResourcePolicy(p, topic("t", { replicationFactor: 2 }), { config: staging })).violations).toEqual([]);
    expect((await runResourcePolicy(p, topic("t", { replicationFactor: 2 }))).violations).toHaveLength(1);
  });
});

describe("streaming-topic-min-insync-replicas", () => {
  const p = rule("streaming-topic-min-insync-replicas");
  it("passes 2 of 3", async () => {
    expect((await runResourcePolicy(p, topic("t"))).violations).toEqual([]);
  });
  it("flags a missing setting, a low one, and one equal to the replication factor", async () => {
    expect(messages(await runResourcePolicy(p, topic("t", {}, { "min.insync.replicas": undefined })))[0]).toMatch(/not set/);
    expect(messages(await runResourcePolicy(p, topic("t", {}, { "min.insync.replicas": 1 })))).toEqual([
      "min.insync.replicas is 1; this environment requires at least 2.",
    ]);
    const equal = await runResourcePolicy(p, topic("t", { replicationFactor: 2 }, { "min.insync.replicas": "2" }));
    expect(messages(equal)).toEqual([expect.stringMatching(/must be below replicationFactor \(2\)/)]);
  });
  it("keeps a definite finding when the replication factor is unknown, and reports the unknown", async () => {
    const r = await runResourcePolicy(p, topic("t", { replicationFactor: unknown.number }, { "min.insync.replicas": "1" }));
    expect(messages(r)).toEqual(["min.insync.replicas is 1; this environment requires at least 2."]);
    expect(r.unknown).toMatch(/replicationFactor/);
    const unknownSetting = await runResourcePolicy(p, topic("t", {}, { "min.insync.replicas": unknown.string }));
    expect(unknownSetting.violations).toEqual([]);
    expect(unknownSetting.unknown).toMatch(/min\.insync\.replicas/);
  });
  it("takes the staging minimum from config", async () => {
    const t = topic("t", { replicationFactor: 2 }, { "min.insync.replicas": "1" });
    expect((await runResourcePolicy(p, t, { config: { minInsyncReplicas: 1 } })).violations).toEqual([]);
    expect((await runResourcePolicy(p, t)).violations).toHaveLength(1);
  });
});

describe("streaming-topic-partitions", () => {
  const p = rule("streaming-topic-partitions");
  it("passes partitions within bounds and flags those outside", async () => {
    expect((await runResourcePolicy(p, topic("t", { partitions: PARTITION_BOUNDS.max }))).violations).toEqual([]);
    expect(messages(await runResourcePolicy(p, topic("t", { partitions: PARTITION_BOUNDS.max + 1 })))).toEqual([
      `partitions is ${PARTITION_BOUNDS.max + 1}; allowed: ${PARTITION_BOUNDS.min}–${PARTITION_BOUNDS.max}.`,
    ]);
    expect((await runResourcePolicy(p, topic("t", { partitions: 0 }))).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, topic("t", { partitions: undefined }))).violations).toHaveLength(1);
  });
  it("reports an unknown count as unknown", async () => {
    const r = await runResourcePolicy(p, topic("t", { partitions: unknown.number }));
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/partitions/) });
  });
  it("takes its bounds from config", async () => {
    expect((await runResourcePolicy(p, topic("t", { partitions: 12 }), { config: { maxPartitions: 8 } })).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, topic("t", { partitions: 2 }), { config: { minPartitions: 3 } })).violations).toHaveLength(1);
  });
});

describe("streaming-topic-naming", () => {
  const p = rule("streaming-topic-naming");
  it("passes product, dead-letter and quarantine topics", async () => {
    for (const name of ["orders.order-events.v1", "orders.order-events.v1.dlq", "orders.order-events.v12.quarantine"]) {
      expect((await runResourcePolicy(p, topic(name))).violations).toEqual([]);
    }
  });
  it("flags names outside the pattern", async () => {
    for (const name of ["orders", "Orders.events.v1", "orders.events", "orders.events.v1.retry"]) {
      expect(messages(await runResourcePolicy(p, topic(name)))).toEqual([expect.stringContaining(`'${name}' does not match`)]);
    }
  });
  it("reports an unknown name as unknown", async () => {
    expect((await runResourcePolicy(p, topic("t", { name: unknown.string }))).unknown).toMatch(/name/);
  });
  it("takes the pattern from config, and reports a broken one instead of throwing", async () => {
    expect((await runResourcePolicy(p, topic("legacy_orders"), { config: { pattern: "^[a-z_]+$" } })).violations).toEqual([]);
    expect(messages(await runResourcePolicy(p, topic("orders.order-events.v1"), { config: { pattern: "([" } }))).toEqual([
      expect.stringMatching(/^the policy's config 'pattern' \(\(\[\) is not a valid regular expression/),
    ]);
  });
});

describe("streaming-topic-no-unclean-leader-election", () => {
  const p = rule("streaming-topic-no-unclean-leader-election");
  it("passes unset and false, flags true (as string or boolean)", async () => {
    expect((await runResourcePolicy(p, topic("t"))).violations).toEqual([]);
    expect((await runResourcePolicy(p, topic("t", {}, { "unclean.leader.election.enable": "false" }))).violations).toEqual([]);
    expect((await runResourcePolicy(p, topic("t", {}, { "unclean.leader.election.enable": "true" }))).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, topic("t", {}, { "unclean.leader.election.enable": true }))).violations).toHaveLength(1);
  });
  it("reports an unknown setting as unknown", async () => {
    const r = await runResourcePolicy(p, topic("t", {}, { "unclean.leader.election.enable": unknown.string }));
    expect(r).toMatchObject({ violations: [], unknown: expect.any(String) });
  });
  it("can be relaxed by config", async () => {
    const t = topic("t", {}, { "unclean.leader.election.enable": "true" });
    expect((await runResourcePolicy(p, t, { config: { allowUncleanLeaderElection: true } })).violations).toEqual([]);
  });
});

describe("streaming-topic-retention", () => {
  const p = rule("streaming-topic-retention");
  const days = (n: number) => String(n * DAY_MS);

  it("caps retention by the classification of the topic's schema, DLQs inheriting it", async () => {
    const stack = [
      topic("orders.order-events.v1", {}, { "retention.ms": days(90) }),
      topic("orders.order-events.v1.dlq", {}, { "retention.ms": days(120) }),
      schema("orders.order-events.v1", "confidential"),
    ];
    const r = await runStackPolicy(p, stack);
    expect(r.violations).toEqual([
      {
        policy: p.name,
        message: "topic 'orders.order-events.v1.dlq' (confidential): retention is 120 days; the cap is 90 days.",
        urn: urnOf(TOPIC, "orders.order-events.v1.dlq"),
      },
    ]);
    expect(r.unknown).toBeUndefined();
  });

  it("treats an unclassified topic as restricted, and flags unset, infinite and non-numeric retention", async () => {
    const r = await runStackPolicy(p, [
      topic("a.b.v1", {}, { "retention.ms": days(31) }),
      topic("a.c.v1", {}, { "retention.ms": undefined }),
      topic("a.d.v1", {}, { "retention.ms": "-1" }),
      topic("a.e.v1", {}, { "retention.ms": "forever" }),
      topic("a.f.v1", {}, { "retention.ms": days(30) }),
    ]);
    expect(messages(r)).toEqual([
      "topic 'a.b.v1' (restricted): retention is 31 days; the cap is 30 days.",
      "topic 'a.c.v1' (restricted): retention.ms is not set, so the broker default applies; set it to at most 30 days.",
      "topic 'a.d.v1' (restricted): retention.ms is -1 (infinite); the cap is 30 days.",
      "topic 'a.e.v1' (restricted): retention.ms 'forever' is not a number.",
    ]);
  });

  it("does not judge a topic by the default while a schema is unknown, but still judges classified topics", async () => {
    const r = await runStackPolicy(p, [
      topic("a.b.v1", {}, { "retention.ms": days(200) }),
      topic("a.c.v1", {}, { "retention.ms": days(400) }),
      schema("a.c.v1", "internal"),
      resource(GLUE_SCHEMA, "pending", { schemaName: unknown.string, tags: { "data-classification": "internal" } }),
    ]);
    expect(messages(r)).toEqual(["topic 'a.c.v1' (internal): retention is 400 days; the cap is 365 days."]);
    expect(r.unknown).toMatch(/schemaName/);
  });

  it("reports an unknown retention as unknown after judging the other topics", async () => {
    const r = await runStackPolicy(p, [
      topic("a.b.v1", {}, { "retention.ms": unknown.string }),
      topic("a.c.v1", {}, { "retention.ms": days(40) }),
    ]);
    expect(messages(r)).toEqual(["topic 'a.c.v1' (restricted): retention is 40 days; the cap is 30 days."]);
    expect(r.unknown).toMatch(/retention\.ms/);
  });

  it("takes the environment cap, name-prefix classifications and default from config", async () => {
    const stack = [topic("a.b.v1", {}, { "retention.ms": days(20) }), topic("pub.x.v1", {}, { "retention.ms": days(300) })];
    expect(messages(await runStackPolicy(p, stack))).toEqual([expect.stringMatching(/'pub\.x\.v1' \(restricted\)/)]);
    const staging = await runStackPolicy(p, stack, { config: { environmentCapDays: 14, topicClassifications: { "pub.": "public" } } });
    expect(messages(staging)).toEqual([
      "topic 'a.b.v1' (restricted): retention is 20 days; the cap is 14 days.",
      "topic 'pub.x.v1' (public): retention is 300 days; the cap is 14 days.",
    ]);
    const lenient = await runStackPolicy(p, stack, { config: { defaultClassification: "internal", maxRetentionDays: { internal: 10 } } });
    expect(messages(lenient)).toEqual([
      "topic 'a.b.v1' (internal): retention is 20 days; the cap is 10 days.",
      "topic 'pub.x.v1' (internal): retention is 300 days; the cap is 10 days.",
    ]);
  });
});

describe("streaming-topic-compaction", () => {
  const p = rule("streaming-topic-compaction");
  const stack = [
    topic("a.secret.v1", {}, { "cleanup.policy": "compact" }),
    schema("a.secret.v1", "confidential"),
    topic("a.open.v1", {}, { "cleanup.policy": "compact" }),
    schema("a.open.v1", "internal"),
    topic("a.both.v1", {}, { "cleanup.policy": "compact,delete" }),
    schema("a.both.v1", "confidential"),
    topic("a.plain.v1"),
  ];

  it("refuses compaction alone on confidential data, accepts it on internal data and with delete", async () => {
    const r = await runStackPolicy(p, stack);
    expect(r.violations).toEqual([
      {
        policy: p.name,
        message: "topic 'a.secret.v1' (confidential) uses cleanup.policy 'compact', keeping every key's latest record indefinitely.",
        urn: urnOf(TOPIC, "a.secret.v1"),
      },
    ]);
  });
  it("treats an unclassified compacted topic as restricted, unless a schema is still unknown", async () => {
    const bare = topic("b.state.v1", {}, { "cleanup.policy": "compact" });
    expect((await runStackPolicy(p, [bare])).violations).toHaveLength(1);
    const pending = resource(GLUE_SCHEMA, "pending", { schemaName: "b.state.v1", tags: unknown.object });
    expect(await runStackPolicy(p, [bare, pending])).toMatchObject({ violations: [], unknown: expect.stringMatching(/tags/) });
  });
  it("reports an unknown cleanup policy as unknown", async () => {
    const r = await runStackPolicy(p, [topic("a.x.v1", {}, { "cleanup.policy": unknown.string })]);
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/cleanup\.policy/) });
  });
  it("takes the compactable classifications and topic classifications from config", async () => {
    expect((await runStackPolicy(p, stack, { config: { compactClassifications: ["internal", "confidential"] } })).violations).toEqual([]);
    const bare = [topic("b.state.v1", {}, { "cleanup.policy": "compact" })];
    expect((await runStackPolicy(p, bare, { config: { topicClassifications: { "b.": "public" } } })).violations).toEqual([]);
  });
});

describe("streaming-topic-dead-letter", () => {
  const p = rule("streaming-topic-dead-letter");
  it("passes a topic with its DLQ and flags one without, against the topic's URN", async () => {
    const r = await runStackPolicy(p, [
      topic("orders.order-events.v1"),
      topic("orders.order-events.v1.dlq"),
      topic("orders.order-events.v1.quarantine"),
      topic("orders.refunds.v1"),
    ]);
    expect(r.violations).toEqual([
      {
        policy: p.name,
        message: "topic 'orders.refunds.v1' has no dead-letter topic 'orders.refunds.v1.dlq'.",
        urn: urnOf(TOPIC, "orders.refunds.v1"),
      },
    ]);
  });
  it("reports unknown topic names as unknown rather than guessing", async () => {
    const r = await runStackPolicy(p, [topic("orders.refunds.v1"), topic("dlq", { name: unknown.string })]);
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/name/) });
  });
  it("ignores internal topics by the configured prefixes", async () => {
    expect((await runStackPolicy(p, [topic("_schemas")])).violations).toEqual([]);
    expect((await runStackPolicy(p, [topic("connect-offsets")])).violations).toHaveLength(1);
    expect((await runStackPolicy(p, [topic("connect-offsets")], { config: { ignoredTopicPrefixes: ["connect-"] } })).violations).toEqual([]);
  });
});

describe("streaming-topic-acls", () => {
  const p = rule("streaming-topic-acls");
  const name = "orders.order-events.v1";
  const producer = acl("w", { aclPrincipal: "User:orders-producer", aclOperation: "Write", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" });
  const reader = acl("r", { aclPrincipal: "User:payments-consumer", aclOperation: "Read", aclResourceName: name });

  it("passes a topic written by prefix and read by name", async () => {
    expect((await runStackPolicy(p, [topic(name), producer, reader])).violations).toEqual([]);
  });
  it("flags a topic without ACLs, one only a wildcard or a Deny names, and a missing operation", async () => {
    const wildcard = acl("any", { aclPrincipal: "User:x", aclOperation: "All", aclResourceName: "*" });
    const deny = acl("d", { aclPrincipal: "User:x", aclOperation: "All", aclResourceName: name, aclPermissionType: "Deny" });
    const emptyPrefix = acl("e", { aclPrincipal: "User:x", aclOperation: "All", aclResourceName: "", resourcePatternTypeFilter: "Prefixed" });
    expect(messages(await runStackPolicy(p, [topic(name), wildcard, deny, emptyPrefix]))).toEqual([
      `topic '${name}' has no Allow ACL granting Write, Read.`,
    ]);
    const r = await runStackPolicy(p, [topic(name), producer]);
    expect(r.violations).toEqual([{ policy: p.name, message: `topic '${name}' has no Allow ACL granting Read.`, urn: urnOf(TOPIC, name) }]);
  });
  it("does not call a topic bare while an ACL is unknown", async () => {
    const pending = acl("p", { aclPrincipal: "User:orders-consumer", aclOperation: "Read", aclResourceName: unknown.string });
    const r = await runStackPolicy(p, [topic(name), producer, pending]);
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/aclResourceName/) });
  });
  it("takes the required operations from config", async () => {
    expect((await runStackPolicy(p, [topic(name), producer], { config: { requiredOperations: ["Write"] } })).violations).toEqual([]);
  });
});

describe("streaming-acl-no-wildcard-principal", () => {
  const p = rule("streaming-acl-no-wildcard-principal");
  const grant = (principal: unknown, extra: Record<string, unknown> = {}) =>
    acl("a", { aclPrincipal: principal, aclOperation: "Read", aclResourceName: "orders.order-events.v1", ...extra });

  it("passes a named user and a wildcard Deny", async () => {
    expect((await runResourcePolicy(p, grant("User:orders-consumer"))).violations).toEqual([]);
    expect((await runResourcePolicy(p, grant("User:*", { aclPermissionType: "Deny" }))).violations).toEqual([]);
  });
  it("flags User:* and other wildcards", async () => {
    expect(messages(await runResourcePolicy(p, grant("User:*")))).toEqual([expect.stringMatching(/^principal 'User:\*' is a wildcard/)]);
    expect((await runResourcePolicy(p, grant("*"))).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, grant("Group:ops"))).violations).toHaveLength(1);
  });
  it("reports an unknown principal as unknown", async () => {
    expect((await runResourcePolicy(p, grant(unknown.string))).unknown).toMatch(/aclPrincipal/);
  });
  it("takes the principal pattern from config, and reports a broken one instead of throwing", async () => {
    expect((await runResourcePolicy(p, grant("Group:ops"), { config: { principalPattern: "^(User|Group):[a-z-]+$" } })).violations).toEqual([]);
    expect(messages(await runResourcePolicy(p, grant("User:orders-consumer"), { config: { principalPattern: "(" } }))[0]).toMatch(/not a valid regular expression/);
  });
});

describe("streaming-acl-domain-prefix", () => {
  const p = rule("streaming-acl-domain-prefix");
  const grant = (principal: string, operation: string, name: string, pattern = "Literal") =>
    acl("a", { aclPrincipal: principal, aclOperation: operation, aclResourceName: name, resourcePatternTypeFilter: pattern });

  it("passes own-prefix writes, own-prefix reads and literal cross-domain reads", async () => {
    for (const a of [
      grant("User:orders-producer", "Write", "orders.", "Prefixed"),
      grant("User:orders-producer", "Write", "orders.order-events.v1"),
      grant("User:orders-consumer", "Read", "orders.", "Prefixed"),
      grant("User:payments-consumer", "Read", "orders.order-events.v1"),
      grant("User:payments-consumer", "Describe", "orders.order-events.v1"),
    ]) {
      expect((await runResourcePolicy(p, a)).violations).toEqual([]);
    }
  });
  it("flags writes outside the prefix, prefixed cross-domain reads, wildcards and unknown principals", async () => {
    expect(messages(await runResourcePolicy(p, grant("User:payments-producer", "Write", "orders.order-events.v1")))).toEqual([
      "'User:payments-producer' is granted write on 'orders.order-events.v1', outside its domain's prefix 'payments.'.",
    ]);
    // `orders` without the dot would also match the topics of a domain called `orders-archive`.
    expect((await runResourcePolicy(p, grant("User:orders-producer", "All", "orders", "Prefixed"))).violations).toHaveLength(1);
    expect(messages(await runResourcePolicy(p, grant("User:payments-consumer", "Read", "orders.", "Prefixed")))[0]).toMatch(/by prefix/);
    expect(messages(await runResourcePolicy(p, grant("User:orders-consumer", "Read", "*")))[0]).toMatch(/every topic/);
    expect(messages(await runResourcePolicy(p, grant("User:etl", "Read", "orders.order-events.v1")))[0]).toMatch(/neither a domain principal/);
    expect(messages(await runResourcePolicy(p, grant("User:orders-producer", "Write", "orders.", "Match")))[0]).toMatch(/not Literal or Prefixed/);
  });
  it("ignores Deny and non-topic ACLs", async () => {
    expect((await runResourcePolicy(p, acl("d", { aclPrincipal: "User:x", aclOperation: "All", aclResourceName: "*", aclPermissionType: "Deny" }))).violations).toEqual([]);
    expect((await runResourcePolicy(p, acl("g", { aclPrincipal: "User:x", aclOperation: "Read", aclResourceName: "*", aclResourceType: "Group" }))).violations).toEqual([]);
  });
  it("reports an unknown resource name as unknown", async () => {
    const r = await runResourcePolicy(p, grant("User:orders-producer", "Write", unknown.string));
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/aclResourceName/) });
  });
  it("exempts configured platform principals", async () => {
    const a = grant("User:platform-connect", "Write", "orders.", "Prefixed");
    expect((await runResourcePolicy(p, a)).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, a, { config: { platformPrincipals: ["User:platform-connect"] } })).violations).toEqual([]);
  });
});

describe("streaming-acl-consumer-group-prefix", () => {
  const p = rule("streaming-acl-consumer-group-prefix");
  const group = (principal: unknown, name: unknown, pattern = "Prefixed") =>
    acl("g", { aclPrincipal: principal, aclOperation: "Read", aclResourceType: "Group", aclResourceName: name, resourcePatternTypeFilter: pattern });

  it("passes groups under the principal's domain", async () => {
    expect((await runResourcePolicy(p, group("User:payments-consumer", "payments."))).violations).toEqual([]);
    expect((await runResourcePolicy(p, group("User:payments-consumer", "payments.settlement", "Literal"))).violations).toEqual([]);
  });
  it("flags other domains' groups, wildcards and unknown principals", async () => {
    expect(messages(await runResourcePolicy(p, group("User:payments-consumer", "orders.")))).toEqual([
      "'User:payments-consumer' is granted group 'orders.' (prefixed); its groups must start with 'payments.'.",
    ]);
    expect((await runResourcePolicy(p, group("User:payments-consumer", "*", "Literal"))).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, group("User:payments-consumer", "", "Prefixed"))).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, group("User:etl", "etl."))).violations).toHaveLength(1);
  });
  it("reports an unknown group as unknown", async () => {
    expect((await runResourcePolicy(p, group("User:payments-consumer", unknown.string))).unknown).toMatch(/aclResourceName/);
  });
  it("exempts configured platform principals", async () => {
    const g = group("User:etl", "etl.");
    expect((await runResourcePolicy(p, g, { config: { platformPrincipals: ["User:etl"] } })).violations).toEqual([]);
  });
});

describe("streaming-acl-cluster-operations", () => {
  const p = rule("streaming-acl-cluster-operations");
  const cluster = (principal: string, operation: unknown, permission = "Allow") =>
    acl("c", { aclPrincipal: principal, aclOperation: operation, aclResourceType: "Cluster", aclResourceName: "kafka-cluster", aclPermissionType: permission });

  it("passes idempotent writes, Deny ACLs and topic ACLs", async () => {
    expect((await runResourcePolicy(p, cluster("User:orders-producer", "IdempotentWrite"))).violations).toEqual([]);
    expect((await runResourcePolicy(p, cluster("User:orders-producer", "All", "Deny"))).violations).toEqual([]);
    expect((await runResourcePolicy(p, acl("t", { aclPrincipal: "User:orders-producer", aclOperation: "All", aclResourceName: "orders." }))).violations).toEqual([]);
  });
  it("flags ACL management, topic creation and All on the cluster", async () => {
    expect(messages(await runResourcePolicy(p, cluster("User:orders-producer", "Alter")))).toEqual([
      "'User:orders-producer' is granted alter on the cluster; only IdempotentWrite may be.",
    ]);
    expect((await runResourcePolicy(p, cluster("User:orders-producer", "Create"))).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, cluster("User:etl", "All"))).violations).toHaveLength(1);
  });
  it("reports an unknown operation as unknown", async () => {
    expect((await runResourcePolicy(p, cluster("User:orders-producer", unknown.string))).unknown).toMatch(/aclOperation/);
  });
  it("takes the platform principals and allowed operations from config", async () => {
    const admin = cluster("User:platform-admin", "All");
    expect((await runResourcePolicy(p, admin, { config: { platformPrincipals: ["User:platform-admin"] } })).violations).toEqual([]);
    const describe_ = cluster("User:orders-consumer", "Describe");
    expect((await runResourcePolicy(p, describe_, { config: { allowedClusterOperations: ["IdempotentWrite", "Describe"] } })).violations).toEqual([]);
    expect((await runResourcePolicy(p, describe_)).violations).toHaveLength(1);
  });
});

describe("production: careless topics and ACLs, and their compliant twins", () => {
  const careless = [
    topic("orders.raw.v1", { replicationFactor: 1 }, { "min.insync.replicas": "1" }),
    topic("orders.same.v1", {}, { "min.insync.replicas": "3" }),
    acl("everyone", { aclPrincipal: "User:*", aclOperation: "Read", aclResourceName: "orders.raw.v1" }),
    acl("superuser", { aclPrincipal: "User:orders-producer", aclOperation: "All", aclResourceType: "Cluster", aclResourceName: "kafka-cluster" }),
  ];
  const twins = [
    topic("orders.events.v1"),
    topic("orders.events.v1.dlq"),
    acl("write", { aclPrincipal: "User:orders-producer", aclOperation: "Write", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" }),
    acl("read", { aclPrincipal: "User:orders-consumer", aclOperation: "Read", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" }),
    acl("group", { aclPrincipal: "User:orders-consumer", aclOperation: "Read", aclResourceType: "Group", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" }),
    acl("idempotent", { aclPrincipal: "User:orders-producer", aclOperation: "IdempotentWrite", aclResourceType: "Cluster", aclResourceName: "kafka-cluster" }),
  ];

  it("gives every careless resource a mandatory finding and its twins none", async () => {
    const findings = await productionFindings(streamingPolicies, [...careless, ...twins]);
    for (const r of careless) {
      const urn = urnOf(r.type, r.name!);
      expect(findings.filter((f) => f.urn === urn && f.level === "mandatory"), urn).not.toEqual([]);
    }
    for (const r of twins) expect(findings.filter((f) => f.urn === urnOf(r.type, r.name!))).toEqual([]);
  });
});
