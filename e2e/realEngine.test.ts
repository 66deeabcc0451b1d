// Real-engine acceptance: the Pulumi CLI with a local file backend, the engine's own policy analyzer
// running meshkit's pack, and a three-broker Kafka cluster with SCRAM and enforced ACLs.
// Run through `npm run test:e2e` (e2e/run.sh), which provides the CLI and starts the cluster.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrokerProbe, runningCluster, type AclView, type Cluster } from "./support/cluster";
import { fixtureDir, policyEvents, PulumiCli, repoRoot, stateDir, stepOps, type PolicyEvent } from "./support/pulumi";

const policyPack = path.join(repoRoot, "policies");
const productionPolicyConfig = path.join(policyPack, "config/production.json");
const policyArgs = ["--policy-pack", policyPack, "--policy-pack-config", productionPolicyConfig];

const GOOD = "production"; // the checkout domain: passes the guardrails
const BAD = "hoarder-production"; // the hoarder domain: stopped by them

const MAIN = "checkout.cart-events.v1";
const TOPICS = [MAIN, `${MAIN}.dlq`, `${MAIN}.quarantine`];
const THIRTY_DAYS_MS = String(30 * 86_400_000);

let cluster: Cluster;
let probe: BrokerProbe;
let cli: PulumiCli;
let badPreviewFindings: PolicyEvent[] = [];

function manifestCopy(name: string): string {
  const copy = path.join(stateDir, "domains", `${name}.yaml`);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(path.join(fixtureDir, "domains", `${name}.yaml`), copy);
  return copy;
}

/** A production stack for one manifest, its Kafka provider pointed at the e2e cluster as an admin principal. */
function initStack(stack: string, manifest: string): void {
  cli.must(["stack", "init", stack]);
  const set = (...args: string[]) => cli.must(["config", "set", "-s", stack, ...args]);
  set("meshkit:environment", "production");
  set("--path", "meshkit:domains[0]", manifest);
  // The platform is the suite's copies, which it edits: the fixture's originals would declare the same domains again.
  set("--path", "meshkit:platformDomains[0]", path.join(path.dirname(manifest), "*.yaml"));
  cluster.bootstrap.forEach((b, i) => set("--path", `kafka:bootstrapServers[${i}]`, b));
  set("kafka:saslMechanism", "scram-sha512");
  set("kafka:saslUsername", cluster.adminUser);
  set("--secret", "kafka:saslPassword", cluster.adminPassword);
  set("kafka:tlsEnabled", "false");
}

const mandatory = (events: PolicyEvent[]) => events.filter((e) => e.enforcementLevel === "mandatory");

beforeAll(() => {
  cluster = runningCluster();
  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(stateDir, "stacks"), { recursive: true });
  probe = new BrokerProbe(cluster);
  cli = new PulumiCli(path.join(stateDir, "backend"));
  initStack(GOOD, manifestCopy("checkout"));
  initStack(BAD, manifestCopy("hoarder"));
});

afterAll(() => probe?.dispose());

describe("pulumi preview with meshkit's policy pack (production config)", () => {
  it("passes for a domain that keeps the guardrails", () => {
    const res = cli.run(["preview", "-s", GOOD, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);
    expect(mandatory(policyEvents(res)), res.output).toEqual([]);
    const planned = [...stepOps(res).entries()].filter(([urn]) => urn.includes("kafka:index/topic:Topic"));
    expect(planned.map(([, op]) => op)).toEqual(["create", "create", "create"]);
  });

  it("is stopped by a mandatory violation for a domain that breaks them", () => {
    const res = cli.run(["preview", "-s", BAD, ...policyArgs], { events: true });
    badPreviewFindings = policyEvents(res);
    expect(res.code, res.output).not.toBe(0);
    // 90 days on a topic the guardrails must treat as restricted (see fixture/domains/hoarder.yaml).
    expect([...new Set(mandatory(badPreviewFindings).map((e) => e.policyName))], res.output).toEqual(["streaming-topic-retention"]);
    expect(mandatory(badPreviewFindings)[0].resourceUrn).toMatch(/kafka:index\/topic:Topic::hoarder\.click-events\.v1$/);
    // Advisory findings are reported and do not stop it.
    expect(badPreviewFindings.map((e) => e.policyName)).toEqual(expect.arrayContaining(["streaming-topic-compaction", "streaming-topic-dead-letter"]));
  });
});

describe("pulumi up against the Kafka cluster", () => {
  it("creates the topics, dead-letter and quarantine topics and ACLs the manifest asks for", () => {
    const res = cli.run(["up", "--yes", "-s", GOOD, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);

    const topics = probe.topics(...TOPICS);
    for (const name of TOPICS) {
      expect(topics[name], name).toMatchObject({ partitions: 3, replicationFactor: 3 });
      expect(topics[name].configs, name).toEqual({
        "cleanup.policy": "delete",
        "min.insync.replicas": "2",
        "retention.ms": THIRTY_DAYS_MS,
      });
    }

    const allow = (principal: string, operation: string, resourceType: string, resourceName: string, patternType = "LITERAL"): AclView => ({
      principal: `User:${principal}`,
      host: "*",
      operation,
      permissionType: "ALLOW",
      resourceType,
      resourceName,
      patternType,
    });
    const expected = [
      ...TOPICS.map((t) => allow("checkout-producer", "WRITE", "TOPIC", t)),
      ...TOPICS.map((t) => allow("checkout-consumer", "READ", "TOPIC", t)),
      allow("payments-consumer", "READ", "TOPIC", MAIN),
      allow("checkout-consumer", "READ", "GROUP", "checkout.", "PREFIXED"),
    ];
    const key = (a: AclView) => JSON.stringify(a);
    expect(probe.acls().map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("lets the producer principal write and the broker refuse principals without a grant", () => {
    expect(probe.produce("checkout-producer", MAIN)).toEqual({ ok: true });
    expect(probe.produce("checkout-producer", `${MAIN}.dlq`)).toEqual({ ok: true });
    const intruder = probe.produce("intruder", MAIN);
    expect(intruder.ok).toBe(false);
    expect(intruder.error).toMatch(/TopicAuthorizationException/);
    // A granted reader is still no writer.
    const reader = probe.produce("payments-consumer", MAIN);
    expect(reader.ok).toBe(false);
    expect(reader.error).toMatch(/TopicAuthorizationException/);
    // The domain's consumer reads in a group under its own prefix, and nowhere else.
    expect(probe.consume("checkout-consumer", MAIN, "checkout.e2e-reader")).toMatchObject({ ok: true });
    const foreignGroup = probe.consume("checkout-consumer", MAIN, "someone-else");
    expect(foreignGroup.ok).toBe(false);
    expect(foreignGroup.error).toMatch(/GroupAuthorizationException/);
  });

  it("changes nothing on a second up", () => {
    const res = cli.run(["up", "--yes", "--expect-no-changes", "-s", GOOD, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);
    const changed = [...stepOps(res).entries()].filter(([, op]) => op !== "same");
    expect(changed).toEqual([]);
  });

  it("updates partitions in place when the manifest changes them", () => {
    const manifest = path.join(stateDir, "domains", "checkout.yaml");
    const text = fs.readFileSync(manifest, "utf8");
    expect(text).toMatch(/partitions: 3\n/);
    fs.writeFileSync(manifest, text.replace(/partitions: 3\n/, "partitions: 6\n"));

    const res = cli.run(["up", "--yes", "-s", GOOD, ...policyArgs], { events: true });
    expect(res.code, res.output).toBe(0);
    const ops = stepOps(res);
    const topicOps = [...ops.entries()].filter(([urn]) => urn.includes("kafka:index/topic:Topic")).map(([, op]) => op);
    expect(topicOps).toEqual(["update", "update", "update"]);
    expect([...ops.values()].filter((op) => /replace|delete/.test(op))).toEqual([]);
    const topics = probe.topics(...TOPICS);
    for (const name of TOPICS) expect(topics[name].partitions, name).toBe(6);
  });

  it("refuses pulumi destroy on production because the topics are protected", () => {
    const res = cli.run(["destroy", "--yes", "-s", GOOD]);
    expect(res.code, res.output).not.toBe(0);
    expect(res.output).toMatch(/protected/);
    const topics = probe.topics(...TOPICS);
    for (const name of TOPICS) expect(topics[name].missing, name).toBeUndefined();
  });
});

describe("offline review", () => {
  const cliEntry = path.join(repoRoot, "cli/main.ts");

  it.skipIf(!fs.existsSync(cliEntry))("reports exactly the violations the engine's analyzer reported", () => {
    expect(badPreviewFindings.length, "the bad-domain preview ran first and reported findings").toBeGreaterThan(0);
    const res = spawnSync(
      process.execPath,
      ["-r", "ts-node/register", cliEntry, "review", "--cwd", fixtureDir, "--stack", BAD, ...policyArgs, "--format", "json"],
      {
        cwd: repoRoot,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", PULUMI_CONFIG_PASSPHRASE: cli.env.PULUMI_CONFIG_PASSPHRASE },
        encoding: "utf8",
        timeout: 300_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // meshkit review exits 1 exactly when a mandatory finding remains, as the engine then stops.
    expect(res.status, res.stderr).toBe(mandatory(badPreviewFindings).length > 0 ? 1 : 0);
    const report = JSON.parse(res.stdout) as {
      violations: { policyPack: string; policy: string; enforcementLevel: string; urn: string; message: string }[];
    };
    const key = (pack: string, policy: string, level: string, urn: string | undefined) => `${pack} ${policy} ${level} ${urn ?? ""}`;
    const offline = report.violations.map((v) => key(v.policyPack, v.policy, v.enforcementLevel, v.urn)).sort();
    const engine = badPreviewFindings.map((e) => key(e.policyPackName, e.policyName, e.enforcementLevel, e.resourceUrn)).sort();
    expect(offline).toEqual(engine);
  });
});
