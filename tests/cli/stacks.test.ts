// The built CLI on meshkit's own example stacks: plan grouped by domain, review in every format
// (SARIF located at the domain manifests), byte-identical JSON, the exit status the summary implies,
// and declared access by principal and product, IAM and Kafka.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, json, meshkit, ROOT, type Result } from "./meshkit";
import { sarifErrors } from "./sarifSchema";

const DOMAINS = ["customer-profile", "orders", "payments"];

interface JsonReview {
  stack: string;
  resources: { urn: string; type: string; name: string; parent: string | null; protect: boolean }[];
  violations: { policyPack: string; policy: string; urn: string | null; enforcementLevel: string; frameworks: string[]; exempted: boolean }[];
  summary: { resources: number; mandatory: number; advisory: number; exempted: number };
}

beforeAll(() => ensureBuilt());

/**
 * The production config with one rule tightened (at most 4 partitions), so the compliant examples have
 * findings on domain resources for the SARIF locations to point at.
 */
function tightenedProductionConfig(): string {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies/config/production.json"), "utf8")) as Record<string, object>;
  config["streaming-topic-partitions"] = { ...config["streaming-topic-partitions"], enforcementLevel: "advisory", maxPartitions: 4 };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-config-")), "production.json");
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

describe("meshkit review on the example production stack", () => {
  let first: Result;
  let second: Result;
  let sarif: Result;
  beforeAll(async () => {
    [first, second, sarif] = await Promise.all([
      meshkit(["review", "--stack", "production", "--format", "json"]),
      meshkit(["review", "--stack", "production", "--format", "json"]),
      meshkit(["review", "--stack", "production", "--format", "sarif", "--policy-pack-config", tightenedProductionConfig()]),
    ]);
  });

  it("prints byte-identical JSON on every run, consistent with its exit status", () => {
    expect(first.stdout.length).toBeGreaterThan(0);
    expect(second.stdout).toBe(first.stdout);
    const doc = json<JsonReview>(first);
    expect(doc.stack).toBe("production");
    expect(doc.summary.resources).toBe(doc.resources.length);
    const urns = new Set(doc.resources.map((r) => r.urn));
    for (const v of doc.violations) if (v.urn !== null) expect(urns).toContain(v.urn);
    const open = doc.violations.filter((v) => !v.exempted);
    expect(doc.summary.mandatory).toBe(open.filter((v) => v.enforcementLevel === "mandatory").length);
    expect(doc.summary.advisory).toBe(open.length - doc.summary.mandatory);
    expect(doc.summary.exempted).toBe(doc.violations.length - open.length);
    expect(first.code).toBe(doc.summary.mandatory > 0 ? 1 : 0);
    // Production protects its stateful resources: at least every bucket and key is protected.
    const stateful = doc.resources.filter((r) => r.type === "aws:s3/bucket:Bucket" || r.type === "aws:kms/key:Key");
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.every((r) => r.protect)).toBe(true);
  });

  it("writes schema-valid SARIF whose results point at the domain manifests", () => {
    const doc = json(sarif);
    expect(sarifErrors(doc)).toEqual([]);
    const results = doc.runs.flatMap((r: { results: unknown[] }) => r.results) as {
      properties: { domain?: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    const inDomains = results.filter((r) => r.properties.domain !== undefined);
    expect(inDomains.length).toBeGreaterThan(0);
    for (const r of inDomains) {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      expect(artifactLocation.uri).toMatch(/^domains\/[a-z-]+\.yaml$/);
      // The region is the domain's name or one of its products, in the file it names.
      const line = fs.readFileSync(path.join(ROOT, artifactLocation.uri), "utf8").split("\n")[region.startLine - 1];
      expect(line).toMatch(new RegExp(`^\\s*(name: ${r.properties.domain}|- name: [a-z-]+)\\s*$`));
    }
  });
});

describe("meshkit review on the example staging stack", () => {
  it("writes JUnit with a suite per policy, a case per domain, and Markdown with the domain access diagram", async () => {
    const [junit, md] = await Promise.all([
      meshkit(["review", "--stack", "staging", "--format", "junit"]),
      meshkit(["review", "--stack", "staging", "--format", "markdown"]),
    ]);
    expect(junit.code).toBe(md.code);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (n) => n === "testsuite" || n === "testcase" }).parse(junit.stdout);
    const suites = doc.testsuites.testsuite as { name: string; testcase: unknown[] }[];
    expect(suites.length).toBeGreaterThanOrEqual(40);
    expect(suites.every((s) => s.name.startsWith("meshkit-guardrails/"))).toBe(true);
    // A test case per policy and domain, whatever the number of resources.
    for (const s of suites) expect((s.testcase as { name: string }[]).map((c) => c.name)).toEqual([...DOMAINS, "(outside any domain)"]);
    expect(Number(doc.testsuites.tests)).toBe(suites.length * (DOMAINS.length + 1));

    expect(md.stdout).toMatch(/^## meshkit review: `staging`\n/);
    for (const d of DOMAINS) expect(md.stdout).toMatch(new RegExp(`^\\| ${d} \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ \\|$`, "m"));
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(md.stdout)?.[1] ?? "";
    expect(diagram.startsWith("flowchart LR\n")).toBe(true);
    // orders.yaml grants order-events to payments "to settle captured payments".
    const purpose = /- domain: payments\n\s+purpose: (.+)/.exec(fs.readFileSync(path.join(ROOT, "domains", "orders.yaml"), "utf8"))?.[1];
    expect(diagram).toContain(`p__orders__order_events -->|"${purpose}"| d__payments`);
  });
});

describe("meshkit plan", () => {
  it("prints the staging resource tree grouped by domain", async () => {
    const r = await meshkit(["plan", "--stack", "staging"]);
    expect(r.code).toBe(0);
    const headings = r.stdout.split("\n").filter((l) => /^\S/.test(l) && !l.startsWith("Plan of"));
    expect(headings.map((h) => h.replace(/ \(\d+ resources?\)$/, ""))).toEqual([...DOMAINS, "(outside any domain)"]);
    for (const d of DOMAINS) expect(r.stdout).toContain(`\n${d} (`);
    expect(r.stdout).toContain("\n  meshkit:data:DataDomain orders\n");
    // Staging protects nothing.
    expect(r.stdout).not.toContain("[protect]");
  });
});

describe("meshkit access", () => {
  it("lists IAM and Kafka access of the orders team's stack, consumers reading only", async () => {
    const r = await meshkit(["access", "--stack", "orders-production", "--format", "json"]);
    expect(r.code).toBe(0);
    const doc = json(r) as {
      environment: string;
      iam: { principal: string; domain: string; product: string; access: string[] }[];
      kafka: { principal: string; operation: string; resource: string }[];
    };
    expect(doc.environment).toBe("production");
    expect(new Set(doc.iam.map((g) => `${g.domain}`))).toEqual(new Set(["orders", "payments", "customer-profile"]));
    for (const g of doc.iam.filter((x) => x.domain !== "orders")) expect(g.access).toEqual(["read"]);
    expect(doc.iam).toContainEqual(expect.objectContaining({ principal: "meshkit-production-payments-consumer", product: "order-facts", access: ["read"] }));
    expect(doc.iam).toContainEqual(expect.objectContaining({ principal: "meshkit-production-orders-producer", product: "order-events", access: ["read", "write"] }));
    expect(doc.kafka).toContainEqual(expect.objectContaining({ principal: "User:payments-consumer", operation: "Read", resource: "orders.order-events.v1" }));
    expect(doc.kafka.filter((k) => k.operation === "Write").every((k) => k.principal === "User:orders-producer")).toBe(true);
    const again = await meshkit(["access", "--stack", "orders-production", "--format", "json"]);
    expect(again.stdout).toBe(r.stdout);
  });

  it("refuses a program without meshkit domains", async () => {
    const r = await meshkit(["access", "--cwd", path.join(ROOT, "tests", "fixtures", "cli", "raw-program"), "--stack", "clean"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^meshkit: stack 'clean' sets no meshkit:domains in .*Pulumi\.clean\.yaml, so it declares no access\n$/);
  });
});

describe("meshkit review with a third-party pack beside meshkit's", () => {
  it("runs @pulumi/awsguard unchanged on the production stack: one SARIF run per pack", async () => {
    const awsguard = path.join(ROOT, "tests", "fixtures", "engine", "awsguard-pack");
    const args = ["review", "--stack", "production", "--policy-pack", path.join(ROOT, "dist", "policies"), "--policy-pack", awsguard];
    const [report, sarif] = await Promise.all([meshkit([...args, "--format", "json"]), meshkit([...args, "--format", "sarif"])]);
    const doc = json<JsonReview>(report);
    expect(report.code).toBe(doc.summary.mandatory > 0 ? 1 : 0);
    const log = json(sarif);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)).toEqual(["meshkit-guardrails", "pulumi-awsguard"]);
    expect(log.runs[1].tool.driver.rules.length).toBeGreaterThan(10);
    // Its findings come through with its own enforcement (all mandatory) and no meshkit metadata.
    for (const v of doc.violations.filter((x) => x.policyPack === "pulumi-awsguard")) {
      expect(v).toMatchObject({ enforcementLevel: "mandatory", frameworks: [] });
    }
  });
});
