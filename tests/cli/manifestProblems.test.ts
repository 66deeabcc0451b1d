// Manifest problems reach every report: `validate` in each format (and --output), and `review`, whose bad
// manifest stops it before the program runs, in the format asked for, with SARIF located at the
// manifest's line and column. Exit 1 either way.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, json, meshkit, ROOT } from "./meshkit";
import { sarifErrors } from "./sarifSchema";

const BAD = path.relative(ROOT, path.join(FIXTURES, "manifests", "bad.yaml"));
const PROBLEMS = [
  { file: BAD, line: 7, column: 13, path: "metadata.stewards", message: "a domain needs at least 2 stewards" },
  { file: BAD, line: 20, column: 24, path: "spec.products[0].storage.warmAfterDays", message: "warmAfterDays (90) must be below retentionDays (60)" },
];
const junit = (text: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (n) => n === "testcase" }).parse(text);

/** A Pulumi project whose staging stack deploys the bad manifest. */
function projectWithBadManifest(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-bad-manifest-"));
  fs.mkdirSync(path.join(dir, "domains"));
  fs.copyFileSync(path.join(ROOT, BAD), path.join(dir, "domains", "bad.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bad-manifest\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), 'config:\n  meshkit:environment: staging\n  meshkit:domains: ["domains/*.yaml"]\n');
  fs.writeFileSync(path.join(dir, "index.ts"), "// never runs: the manifests stop the review first\n");
  return dir;
}

beforeAll(() => ensureBuilt());

describe("meshkit validate --format", () => {
  it("json: every problem with its file, line, column and field", async () => {
    const r = await meshkit(["validate", BAD, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(json(r)).toEqual({
      manifests: [{ file: BAD, valid: false }],
      problems: PROBLEMS,
      warnings: [],
      summary: { manifests: 1, invalid: 1, problems: 2, warnings: 0 },
    });
  });

  it("sarif: results located at the manifest's line and column, valid SARIF 2.1.0", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-validate-")), "validate.sarif");
    const r = await meshkit(["validate", BAD, "--format", "sarif", "--output", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("meshkit: 2 problems in 1 manifest\n");
    const sarif = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((x: { locations: { physicalLocation: unknown }[] }) => x.locations[0].physicalLocation)).toEqual(
      PROBLEMS.map((p) => ({ artifactLocation: { uri: BAD }, region: { startLine: p.line, startColumn: p.column } })),
    );
    expect(sarif.runs[0].results[0]).toMatchObject({ level: "error", message: { text: "metadata.stewards: a domain needs at least 2 stewards" } });
  });

  it("junit: a test case per manifest, failed with its problems", async () => {
    const r = await meshkit(["validate", BAD, "domains", "--format", "junit"]);
    expect(r.code).toBe(1);
    const cases = junit(r.stdout).testsuites.testsuite.testcase as { name: string; failure?: { "#text": string } }[];
    expect(cases.map((c) => c.name)).toEqual([BAD, "domains/customer-profile.yaml", "domains/orders.yaml", "domains/payments.yaml"]);
    expect(cases[0].failure?.["#text"]).toBe(`${BAD}:7:13 metadata.stewards: a domain needs at least 2 stewards\n${BAD}:20:24 spec.products[0].storage.warmAfterDays: warmAfterDays (90) must be below retentionDays (60)`);
    expect(cases.slice(1).every((c) => c.failure === undefined)).toBe(true);
  });

  it("markdown: a row per problem", async () => {
    const r = await meshkit(["validate", BAD, "--format", "markdown"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("**❌ 2 problems in 1 manifest**");
    expect(r.stdout).toContain(`| \`${BAD}\` | 7:13 | \`metadata.stewards\` | a domain needs at least 2 stewards |`);
  });

  it("every format passes the example domains: exit 0", async () => {
    const runs = await Promise.all(["text", "markdown", "json", "sarif", "junit"].map((f) => meshkit(["validate", "--format", f])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    expect(json(runs[2]).summary).toEqual({ manifests: 3, invalid: 0, problems: 0, warnings: 0 });
  });
});

describe("meshkit validate warnings (fields that look personal but carry no PII annotation)", () => {
  const MANIFEST = "tests/fixtures/manifests/warnings/shipping.yaml";
  const AVRO = "tests/fixtures/manifests/schemas/shipment-events-unannotated.avsc";
  const validate = (format: string) => meshkit(["validate", MANIFEST, "--format", format]);

  it("text: a warning line at the schema field, and the manifest is ok: exit 0", async () => {
    const r = await validate("text");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      `${AVRO}:8:15 fields[2].name: warning: field recipientEmail looks like personal data (email) but carries no "pii" annotation: annotate it "pii": "email" (and list the category in the product's pii), or "pii": "none" if it is not personal data`,
    );
    expect(r.stdout).toContain(`ok ${MANIFEST}`);
  });

  it("json: warnings beside the problems, counted in the summary", async () => {
    const doc = json<{ problems: unknown[]; warnings: { file: string; line: number; column: number; path: string }[]; summary: unknown }>(await validate("json"));
    expect(doc.problems).toEqual([]);
    expect(doc.warnings.map(({ file, line, column, path: field }) => ({ file, line, column, path: field }))[0]).toEqual({ file: AVRO, line: 8, column: 15, path: "fields[2].name" });
    expect(doc.summary).toEqual({ manifests: 1, invalid: 0, problems: 0, warnings: 3 });
  });

  it("sarif: warning-level results located in the schema file, valid SARIF", async () => {
    const r = await validate("sarif");
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout);
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((x: { level: string }) => x.level)).toEqual(["warning", "warning", "warning"]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: AVRO }, region: { startLine: 8, startColumn: 15 } });
  });

  it("markdown and junit: listed, failing nothing", async () => {
    const [markdown, xml] = await Promise.all([validate("markdown"), validate("junit")]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("⚠️ 3 warnings (not failing the check)");
    expect(markdown.stdout).toContain(`| \`${AVRO}\` | 8:15 | \`fields[2].name\` |`);
    expect(xml.code).toBe(0);
    const suite = junit(xml.stdout).testsuites.testsuite;
    expect(suite.failures).toBe("0");
    expect(suite["system-out"]).toContain(`${AVRO}:8:15 fields[2].name: warning: field recipientEmail`);
  });
});

describe("meshkit review of a stack with a bad manifest", () => {
  const dir = projectWithBadManifest();
  const review = (...extra: string[]) => meshkit(["review", "--cwd", dir, "--stack", "staging", ...extra]);

  it("writes the SARIF file, located at the manifest line, and exits 1", async () => {
    const out = path.join(dir, "review.sarif");
    const r = await review("--format", "sarif", "--output", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("meshkit: 2 problems in 1 manifest\n");
    const sarif = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results[1].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "domains/bad.yaml" }, region: { startLine: 20, startColumn: 24 } });
  });

  it.each(["text", "markdown", "json", "junit"])("reports the problems as %s on stdout, exit 1", async (format) => {
    const r = await review("--format", format);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("a domain needs at least 2 stewards");
  });
});
