// `meshkit review` on a plain Pulumi program (no meshkit components) with a third-party pack, through
// --cwd: exit statuses, every report format parsed, determinism, config pairing and clear failures.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, json, meshkit, type Result } from "./meshkit";
import { sarifErrors } from "./sarifSchema";

const PROJECT = path.join(FIXTURES, "raw-program");
const PACK = path.join(FIXTURES, "packs", "tiny");
const STRICT = path.join(FIXTURES, "packs", "tiny-strict.json");
const URN = (name: string, stack = "careless") => `urn:pulumi:${stack}::cli-fixture::aws:s3/bucket:Bucket::${name}`;

const review = (stack: string, ...extra: string[]) => meshkit(["review", "--cwd", PROJECT, "--stack", stack, "--policy-pack", PACK, ...extra]);

/** The last stderr line: the one-line reason every failure ends with. */
function reason(r: Result): string {
  return r.stderr.trim().split("\n")[0];
}

beforeAll(() => ensureBuilt());

describe("meshkit review on a plain Pulumi program", () => {
  let careless: Result;
  let carelessAgain: Result;
  beforeAll(async () => {
    [careless, carelessAgain] = await Promise.all([review("careless", "--format", "json"), review("careless", "--format", "json")]);
  });

  it("exits 1 on a mandatory violation, with a one-line reason", () => {
    expect(careless.code).toBe(1);
    expect(careless.stderr).toBe("meshkit: 1 mandatory policy violation in stack careless\n");
  });

  it("prints the design's JSON, and what a merged report needs, byte-identical across runs", () => {
    expect(carelessAgain.stdout).toBe(careless.stdout);
    const doc = json(careless);
    expect(Object.keys(doc)).toEqual(["stack", "project", "resources", "violations", "program", "packs", "policies", "manifests", "grants", "summary"]);
    expect(doc.stack).toBe("careless");
    expect(doc.project).toBe("cli-fixture");
    const bucket = doc.resources.find((r: { urn: string }) => r.urn === URN("sales-public"));
    expect(bucket).toEqual({ urn: URN("sales-public"), type: "aws:s3/bucket:Bucket", name: "sales-public", parent: "urn:pulumi:careless::cli-fixture::pulumi:pulumi:Stack::cli-fixture-careless", protect: false, domain: "sales", product: null });
    expect(doc.resources.find((r: { name: string }) => r.name === "billing-data").protect).toBe(true);
    expect(doc.violations).toEqual([
      {
        policyPack: "cli-fixture-pack",
        policy: "fixture-bucket-owner",
        severity: "low",
        enforcementLevel: "advisory",
        urn: URN("sales-public"),
        message: "bucket has no owner tag",
        frameworks: [],
        exempted: false,
        exemption: null,
      },
      {
        policyPack: "cli-fixture-pack",
        policy: "fixture-bucket-private",
        severity: "high",
        enforcementLevel: "mandatory",
        urn: URN("sales-public"),
        message: 'bucket <sales-public> is "public-read" & readable by anyone',
        frameworks: ["cis-aws", "soc2"],
        exempted: false,
        exemption: null,
      },
    ]);
    // The pack's policies with their metadata, for SARIF rules and remediation in a merged report.
    expect(doc.policies.find((p: { name: string }) => p.name === "fixture-bucket-private")).toMatchObject({
      policyPack: "cli-fixture-pack",
      severity: "high",
      enforcementLevel: "mandatory",
      frameworks: ["cis-aws", "soc2"],
    });
    expect(doc.packs.map((p: { name: string }) => p.name)).toContain("cli-fixture-pack");
    expect(doc.manifests).toEqual([]);
    expect(doc.summary).toEqual({ resources: doc.resources.length, mandatory: 1, advisory: 1, exempted: 0 });
  });

  it("exits 0 on a stack with advisory findings only", async () => {
    const clean = await review("clean");
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe("");
    expect(clean.stdout).toContain("0 mandatory, 0 advisory, 0 exempted: passed");
  });

  it("pairs --policy-pack-config with the pack in the same position", async () => {
    const strict = await review("careless", "--policy-pack-config", STRICT, "--format", "json");
    const doc = json(strict);
    const levels = Object.fromEntries(doc.violations.map((v: { policy: string; enforcementLevel: string }) => [v.policy, v.enforcementLevel]));
    expect(levels).toEqual({ "fixture-bucket-owner": "mandatory", "fixture-bucket-private": "mandatory", "fixture-stack-bucket-count": "advisory" });
    expect(doc.violations.find((v: { policy: string }) => v.policy === "fixture-stack-bucket-count")).toMatchObject({ urn: null, message: "3 buckets, more than 1" });
    expect(strict.code).toBe(1);
  });

  it("writes SARIF 2.1.0 that the official schema accepts", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-sarif-")), "review.sarif");
    const r = await review("careless", "--policy-pack-config", STRICT, "--format", "sarif", "--output", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const sarif = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    const [run] = sarif.runs;
    expect(run.tool.driver).toMatchObject({ name: "cli-fixture-pack", version: "1.2.3" });
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === "fixture-bucket-private");
    expect(rule.help.text).toBe("Buckets are never public.\n\nRemediation: Remove the public ACL & use a bucket policy.\n\nFrameworks: cis-aws, soc2");
    expect(rule.properties["security-severity"]).toBe("8.0");
    const results = Object.fromEntries(run.results.map((x: { ruleId: string }) => [x.ruleId, x]));
    expect(results["fixture-bucket-private"].level).toBe("error");
    expect(results["fixture-stack-bucket-count"].level).toBe("warning");
    expect(results["fixture-bucket-private"].locations[0].logicalLocations).toEqual([{ fullyQualifiedName: URN("sales-public"), kind: "resource" }]);
    // A program without manifests: the finding points at the program that declared the resource.
    expect(results["fixture-bucket-private"].locations[0].physicalLocation.artifactLocation.uri).toBe("index.ts");
    expect(run.tool.driver.rules[results["fixture-bucket-private"].ruleIndex].id).toBe("fixture-bucket-private");
  });

  it("writes JUnit XML with a test case per policy and domain, naming the failing resources", async () => {
    const r = await review("careless", "--format", "junit");
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => name === "testsuite" || name === "testcase" }).parse(r.stdout);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: { name: string; failure?: { message: string; "#text": string } }[] }[];
    expect(suites.map((s) => s.name)).toEqual(["cli-fixture-pack/fixture-bucket-owner", "cli-fixture-pack/fixture-bucket-private", "cli-fixture-pack/fixture-stack-bucket-count"]);
    for (const s of suites) expect(s.testcase.map((c) => c.name)).toEqual(["billing", "sales", "(outside any domain)"]);
    expect(Number(doc.testsuites.tests)).toBe(9);
    expect(Number(doc.testsuites.failures)).toBe(2);
    const failed = suites[1].testcase.find((c) => c.failure);
    expect(failed?.name).toBe("sales");
    expect(failed?.failure?.message).toBe('aws:s3/bucket:Bucket sales-public: bucket <sales-public> is "public-read" & readable by anyone');
    expect(failed?.failure?.["#text"]).toBe(
      'mandatory (high) aws:s3/bucket:Bucket sales-public: bucket <sales-public> is "public-read" & readable by anyone\nRemediation: Remove the public ACL & use a bucket policy.',
    );
  });

  it("writes text and Markdown grouped by domain, escaping what Markdown would interpret", async () => {
    const [text, md] = await Promise.all([review("careless"), review("careless", "--format", "markdown")]);
    expect(text.stdout).toContain("\nsales\n  high\n    ✖ mandatory  fixture-bucket-private  aws:s3/bucket:Bucket sales-public\n");
    expect(md.stdout).toContain("| sales | 2 | 1 | 1 | 0 |");
    expect(md.stdout).toContain("bucket &lt;sales-public&gt; is \"public-read\" &amp; readable by anyone");
    expect(md.stdout).toContain("*Remediation:* Remove the public ACL &amp; use a bucket policy.");
    // No manifests, no declared access to draw.
    expect(md.stdout).not.toContain("```mermaid");
  });
});

describe("meshkit review failures", () => {
  it("a program that throws: exit 2 and the program's own message", async () => {
    const r = await review("explodes");
    expect(r.code).toBe(2);
    expect(reason(r)).toMatch(/^meshkit: the program .*index\.ts \(stack 'explodes'\) failed: the fixture program failed on purpose$/);
    expect(r.stdout).toBe("");
  });

  it("a program the compiler refuses: exit 2, the reason first, then the compiler's diagnostic", async () => {
    const r = await meshkit(["review", "--cwd", path.join(FIXTURES, "bad-tsconfig"), "--stack", "dev", "--policy-pack", PACK]);
    expect(r.code).toBe(2);
    const [first, second] = r.stderr.split("\n");
    expect(first).toBe("meshkit: the program index.ts (stack 'dev') failed: TSError: ⨯ Unable to compile TypeScript:");
    expect(second).toBe("  error TS5110: Option 'module' must be set to 'NodeNext' when option 'moduleResolution' is set to 'NodeNext'.");
  });

  it("a pack that fails to load: exit 2 and why", async () => {
    const r = await review("clean", "--policy-pack", path.join(FIXTURES, "packs", "broken"));
    expect(r.code).toBe(2);
    expect(reason(r)).toMatch(/^meshkit: policy pack .*broken failed to load: Error: this pack is broken on purpose/);
  });

  it("a stack without a config file: exit 2 naming the stacks that exist", async () => {
    const r = await review("nope");
    expect(r.code).toBe(2);
    expect(reason(r)).toMatch(/no stack config for stack 'nope'.*\(stacks with a config file: careless, clean, explodes\)$/);
  });

  it("more config files than packs: exit 2", async () => {
    const r = await review("clean", "--policy-pack-config", STRICT, "--policy-pack-config", STRICT);
    expect(r.code).toBe(2);
    expect(reason(r)).toContain("2 --policy-pack-config files for 1 policy pack");
  });

  it.each([
    ["--policy-pack", "/nonexistent/pack", "no such directory"],
    ["--policy-pack-config", "/nonexistent/config.json", "no such file"],
  ])("a missing %s is a usage error: exit 2", async (option, missing, why) => {
    const r = await review("clean", option, missing);
    expect(r.code).toBe(2);
    expect(reason(r)).toBe(`meshkit: ${option} ${missing}: ${why}`);
  });

  it("an invalid pack config file: exit 1", async () => {
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-cfg-")), "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ "fixture-bucket-owner": "sometimes" }));
    const r = await review("clean", "--policy-pack-config", bad);
    expect(r.code).toBe(1);
    expect(reason(r)).toContain('"sometimes" is not a valid enforcement level');
  });

  it("--cwd at a directory without Pulumi.yaml: exit 2", async () => {
    const r = await meshkit(["review", "--cwd", FIXTURES, "--stack", "clean", "--policy-pack", PACK]);
    expect(r.code).toBe(2);
    expect(reason(r)).toBe(`meshkit: no Pulumi.yaml in ${FIXTURES}`);
  });
});
