// `meshkit report merge`: a CI matrix reviews each domain in its own stack; the merged reports must say
// what one review of the whole platform says — the same counts, the same findings on the same
// resources at the same manifest lines, valid SARIF — whatever order the files come in. A generated
// three-domain platform is reviewed once as the platform stack and once per domain stack, under a
// pack config that makes two domains' short-lived streams mandatory violations.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainName, generatePlatform } from "../../bench/generate.mjs";
import { mergedMarkdownReport } from "../../cli/reports/markdown";
import type { MergedReview } from "../../cli/merge/mergedReview";
import type { Finding, Review } from "../../cli/review/model";
import { ensureBuilt, FIXTURES, meshkit, ROOT } from "./meshkit";
import { sarifErrors } from "./sarifSchema";

const DOMAINS = [0, 1, 2].map(domainName);
const FORMATS = ["markdown", "sarif", "junit", "json"] as const;

let dir: string;
let out: string;
const read = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
const readJson = (file: string) => JSON.parse(read(file));
/** A URN without its stack, so the platform stack's resources and a domain stack's compare. */
const unstacked = (urn: string | null | undefined) => urn?.replace(/^urn:pulumi:[^:]+::/, "urn:pulumi:*::") ?? null;

/** Reviews the stack under the test's pack config, writing each `format: file` report into `out`. */
async function review(stack: string, reports: Record<string, string>): Promise<void> {
  const args = ["review", "--stack", stack, "--cwd", dir, "--policy-pack-config", path.join(out, "production.json")];
  const r = await meshkit([...args, ...Object.entries(reports).flatMap(([format, file]) => ["--report", `${format}=${path.join(out, file)}`])]);
  // 1 is a review with mandatory findings (billing-2's stack has none): still a complete review.
  expect([0, 1], r.stderr).toContain(r.code);
}

async function merge(prefix: string, files: string[]) {
  const targets = FORMATS.flatMap((f) => [`--${f}`, path.join(out, `${prefix}.${f}`)]);
  return meshkit(["report", "merge", ...files.map((f) => path.join(out, f)), ...targets]);
}

beforeAll(async () => {
  ensureBuilt();
  dir = generatePlatform(DOMAINS.length);
  out = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-merge-"));
  // Streams kept 30 days or less (confidential and restricted classifications) now fail.
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", "production.json"), "utf8"));
  config["streaming-topic-retention"].minRetentionDays = 60;
  fs.writeFileSync(path.join(out, "production.json"), JSON.stringify(config));
  // Each domain's own stack, as stacks/Pulumi.orders-production.yaml is for orders.
  const platform = YAML.parse(fs.readFileSync(path.join(dir, "stacks", "Pulumi.production.yaml"), "utf8"));
  for (const d of DOMAINS) {
    const own = { config: { ...platform.config, "meshkit:domains": [`domains/${d}.yaml`], "meshkit:platformDomains": ["domains/*.yaml"] } };
    fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${d}-production.yaml`), YAML.stringify(own));
  }
  await review("production", { json: "single.json", sarif: "single.sarif", junit: "single.xml", markdown: "single.md" });
  for (const d of DOMAINS) await review(`${d}-production`, { json: `${d}.json` });
}, 900_000);

afterAll(() => {
  for (const d of [dir, out]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("merged reports of per-domain reviews equal one review of the platform", () => {
  it("exits 1 on the mandatory violations, and merges the same whatever the order of the files", async () => {
    const forward = await merge("merged", DOMAINS.map((d) => `${d}.json`));
    expect(forward.code, forward.stderr).toBe(1);
    expect(forward.stderr).toMatch(/meshkit: \d+ mandatory policy violations in 2 of 3 stacks/);
    const backward = await merge("reversed", [...DOMAINS].reverse().map((d) => `${d}.json`));
    expect(backward.code).toBe(1);
    for (const f of FORMATS) expect(read(`reversed.${f}`), f).toBe(read(`merged.${f}`));
  }, 120_000);

  it("has the single review's counts and findings, on the same resources", () => {
    const single = readJson("single.json");
    const merged = readJson("merged.json");
    expect(single.summary.mandatory).toBeGreaterThan(0);
    expect(merged.summary).toMatchObject({ stacks: 3, mandatory: single.summary.mandatory, advisory: single.summary.advisory, exempted: single.summary.exempted, problems: 0 });
    const key = (v: Record<string, unknown>) => JSON.stringify({ ...v, urn: unstacked(v.urn as string) });
    const mergedViolations = merged.reviews.flatMap((r: { violations: Record<string, unknown>[] }) => r.violations);
    expect(mergedViolations.map(key).sort()).toEqual(single.violations.map(key).sort());
    // Every domain's resources, whichever stack deployed them.
    const inDomains = (resources: { urn: string; domain: string | null }[]) => resources.filter((r) => r.domain !== null).map((r) => `${r.domain} ${unstacked(r.urn)}`).sort();
    expect(inDomains(merged.reviews.flatMap((r: { resources: never[] }) => r.resources))).toEqual(inDomains(single.resources));
  });

  it("is valid SARIF with the single review's results at the same manifest lines", () => {
    const single = readJson("single.sarif");
    const merged = readJson("merged.sarif");
    expect(sarifErrors(merged)).toEqual([]);
    expect(merged.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)).toEqual(single.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name));
    const results = (log: { runs: { results: Record<string, any>[] }[] }) =>
      log.runs
        .flatMap((run) => run.results)
        .map((r) => JSON.stringify([r.ruleId, r.level, r.message.text, r.locations[0].physicalLocation, unstacked(r.locations[0].logicalLocations?.[0].fullyQualifiedName)]))
        .sort();
    expect(results(merged)).toHaveLength(readJson("single.json").violations.length);
    expect(results(merged)).toEqual(results(single));
    // Each result names the stack it was found in.
    const stacks = new Set(merged.runs.flatMap((run: { results: { properties: { stack: string } }[] }) => run.results.map((r) => r.properties.stack)));
    expect([...stacks].sort()).toEqual([`${DOMAINS[0]}-production`, `${DOMAINS[2]}-production`]);
  });

  it("fails the same JUnit cases: each policy on each domain", () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (n) => n === "testsuite" || n === "testcase" });
    const failing = (xml: string, domainOf: (name: string) => string) =>
      (parser.parse(xml).testsuites.testsuite as { name: string; testcase: { name: string; failure?: unknown }[] }[])
        .flatMap((s) => s.testcase.filter((c) => c.failure !== undefined).map((c) => `${s.name} ${domainOf(c.name)}`))
        .sort();
    const single = failing(read("single.xml"), (name) => name);
    expect(single.length).toBeGreaterThan(0);
    expect(failing(read("merged.junit"), (name) => name.slice(name.indexOf("/") + 1))).toEqual(single);
  });

  it("is one PR comment listing the single review's findings, each with its stack", () => {
    const blocks = (md: string) =>
      md
        .split("\n")
        .filter((l) => l.startsWith("- **`"))
        .map((l) => l.replace(/ \(stack `[^`]+`\)$/, ""))
        .sort();
    const md = read("merged.markdown");
    expect(md).toMatch(new RegExp(`^## meshkit review: 3 stacks\n\n\\*\\*❌ ${readJson("single.json").summary.mandatory} mandatory violations\\*\\*`));
    expect(blocks(md)).toEqual(blocks(read("single.md")));
    for (const d of DOMAINS) expect(md).toContain(`| \`${d}-production\` |`);
    expect(md).toContain("```mermaid");
  });

  it("merges merged results again to the same reports", async () => {
    const again = await merge("again", ["merged.json"]);
    expect(again.code).toBe(1);
    for (const f of FORMATS) expect(read(`again.${f}`), f).toBe(read(`merged.${f}`));
  });
});

describe("meshkit report merge inputs", () => {
  it("reports a review its manifests stopped as manifest problems in every format", async () => {
    const stopped = path.join(out, "stopped.json");
    const bad = path.relative(ROOT, path.join(FIXTURES, "manifests", "bad.yaml"));
    fs.writeFileSync(stopped, (await meshkit(["validate", bad, "--format", "json"])).stdout.replace(/^\{/, '{\n  "stack": "bad-production",'));
    const r = await merge("stopped", ["stopped.json", `${DOMAINS[1]}.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("2 manifest problems in 1 of 2 stacks");
    expect(read("stopped.markdown")).toContain("### Manifest problems");
    expect(read("stopped.markdown")).toContain("| `bad-production` | `" + bad + "` | 7:13 | `metadata.stewards` | a domain needs at least 2 stewards |");
    const sarif = readJson("stopped.sarif");
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs.at(-1).results.map((x: { properties: { stack: string } }) => x.properties.stack)).toEqual(["bad-production", "bad-production"]);
    expect(read("stopped.junit")).toContain(`name="bad-production/${bad}"`);
  });

  it("refuses a stack given twice, naming both files", async () => {
    const r = await merge("twice", [`${DOMAINS[0]}.json`, `${DOMAINS[0]}.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`meshkit-bench-3/${DOMAINS[0]}-production is in ${path.join(out, `${DOMAINS[0]}.json`)} too`);
  });

  it("refuses a review JSON without the policies a merged report needs, naming the file", async () => {
    const old = readJson(`${DOMAINS[0]}.json`);
    delete old.policies;
    fs.writeFileSync(path.join(out, "old.json"), JSON.stringify(old));
    const r = await merge("old", ["old.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/old\.json: not a meshkit review JSON at policies: .*this version's `meshkit review --format json`/);
  });
});

describe("a merged PR comment of a thousand stacks", () => {
  const finding = (stack: string, i: number): Finding => ({
    policyPack: "pack",
    policy: "rule",
    severity: "high",
    enforcementLevel: "mandatory",
    urn: `urn:pulumi:${stack}::p::aws:s3/bucket:Bucket::bucket-${i}`,
    message: "x".repeat(120),
    frameworks: [],
    exempted: false,
    domain: stack,
  });
  const reviewOf = (i: number): Review => {
    const stack = `domain-${String(i).padStart(4, "0")}`;
    const findings = i % 2 === 0 ? [finding(stack, 1), finding(stack, 2)] : [];
    return {
      stack,
      project: "p",
      program: "index.ts",
      packs: [{ name: "pack", version: "1.0.0" }],
      resources: [1, 2].map((n) => ({ urn: `urn:pulumi:${stack}::p::aws:s3/bucket:Bucket::bucket-${n}`, type: "aws:s3/bucket:Bucket", name: `bucket-${n}`, protect: false, domain: stack })),
      policies: [{ policyPack: "pack", name: "rule", description: "A rule.", type: "resource", severity: "high", enforcementLevel: "mandatory", frameworks: [], remediation: "Fix it." }],
      findings,
      manifests: [],
      grants: [{ principalDomain: stack, role: "producer", productDomain: stack, product: "events", access: ["read", "write"], reason: "owner" }],
      summary: { resources: 2, mandatory: findings.length, advisory: 0, exempted: 0 },
    };
  };

  it("stays within GitHub's limit, keeps the stacks with findings in the table and says what it left out", () => {
    const reviews = Array.from({ length: 1000 }, (_, i) => reviewOf(i));
    const merged: MergedReview = { reviews, stopped: [], summary: { stacks: 1000, resources: 2000, mandatory: 1000, advisory: 0, exempted: 0, problems: 0 } };
    const md = mergedMarkdownReport(merged);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain("| `domain-0000` | 2 | 2 | 0 | 0 |");
    expect(md).not.toContain("| `domain-0001` |");
    expect(md).toMatch(/\| … \d+ more stacks \(500 without findings\) \| \| \| \| \|/);
    expect(md).toMatch(/- … and \d+ more; see the JSON or SARIF report\./);
    expect(md).toContain("| **total** | **2000** | **1000** | **0** | **0** |");
    expect(md).toContain("The access diagram of 1000 domains is too large for a comment");
  });
});
