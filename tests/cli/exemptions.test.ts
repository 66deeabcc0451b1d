// Exemptions end to end through the built CLI: meshkit's pack run on a plain program with an exemptions
// file of the test's own (the `exemptionsFile` property, set for every policy in a --policy-pack-config):
// a live exemption turns a mandatory finding into an exempted one in every format; an expired one
// suppresses nothing and is itself a mandatory violation.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { meshkitPolicies } from "../../policies/pack";
import { ensureBuilt, FIXTURES, json, meshkit, ROOT } from "./meshkit";

const PROJECT = path.join(FIXTURES, "raw-program");
// The compiled pack, as the CLI runs it by default (the TypeScript one type-checks for seconds on start).
const PACK = path.join(ROOT, "dist", "policies");
const SOURCE = path.join(ROOT, "policies");
const KEY = "urn:pulumi:careless::cli-fixture::aws:kms/key:Key::shared-key";
const EXEMPTED = "tagging-aws-required-tags";

interface Violation {
  policy: string;
  urn: string | null;
  enforcementLevel: string;
  exempted: boolean;
}

function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** A production config whose every policy reads the given exemptions file. */
function configWith(exemptions: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-exemptions-"));
  const file = path.join(dir, "exemptions.yaml");
  fs.writeFileSync(file, exemptions);
  const production = JSON.parse(fs.readFileSync(path.join(SOURCE, "config", "production.json"), "utf8")) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...production };
  for (const p of meshkitPolicies().policies) {
    const entry = production[p.name];
    config[p.name] = { ...(typeof entry === "string" ? { enforcementLevel: entry } : (entry as object | undefined)), exemptionsFile: file };
  }
  const configFile = path.join(dir, "config.json");
  fs.writeFileSync(configFile, JSON.stringify(config));
  return configFile;
}

const exemption = (expires: string) => `exemptions:
  - policy: ${EXEMPTED}
    resource: shared-key
    stack: careless
    reason: The shared key predates the tagging standard; retagged in PLAT-7.
    owner: platform-team
    expires: ${expires}
`;

const review = (config: string, format: string) =>
  meshkit(["review", "--cwd", PROJECT, "--stack", "careless", "--policy-pack", PACK, "--policy-pack-config", config, "--format", format]);

beforeAll(() => ensureBuilt());

describe("a live exemption", () => {
  let exempted: { violations: Violation[]; summary: { mandatory: number; exempted: number } };
  let without: { violations: Violation[]; summary: { mandatory: number } };
  let sarif: { runs: { results: { ruleId: string; suppressions?: { kind: string; status: string; justification: string }[] }[] }[] };
  let junit: string;
  let exemptedJson: string;
  beforeAll(async () => {
    const live = configWith(exemption(day(30)));
    const none = configWith("exemptions: []\n");
    const [a, b, c, d] = await Promise.all([review(live, "json"), review(none, "json"), review(live, "sarif"), review(live, "junit")]);
    exempted = json(a);
    exemptedJson = a.stdout;
    without = json(b);
    sarif = json(c);
    junit = d.stdout;
  });

  it("reports the finding as exempted and no longer mandatory", () => {
    const before = without.violations.find((v) => v.policy === EXEMPTED && v.urn === KEY);
    expect(before).toMatchObject({ enforcementLevel: "mandatory", exempted: false });
    const after = exempted.violations.filter((v) => v.policy === EXEMPTED && v.urn === KEY);
    expect(before).toMatchObject({ exemption: null });
    const exemption = { reason: "The shared key predates the tagging standard; retagged in PLAT-7.", owner: "platform-team", expires: day(30) };
    expect(after).toEqual([{ ...before, exempted: true, exemption }]);
    expect(exempted.summary.exempted).toBe(1);
    expect(exempted.summary.mandatory).toBe(without.summary.mandatory - 1);
    // The pack's own record of it is folded into the finding, not reported twice.
    expect(exempted.violations.some((v) => v.policy === "governance-exemption-applied")).toBe(false);
  });

  it("suppresses the SARIF result with the exemption's reason", () => {
    const suppressed = sarif.runs[0].results.filter((r) => r.suppressions);
    expect(suppressed.map((r) => r.ruleId)).toEqual([EXEMPTED]);
    expect(suppressed[0].suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "The shared key predates the tagging standard; retagged in PLAT-7." },
    ]);
  });

  it("skips the JUnit test case of the key's domain (it has none), whose only finding it covers", () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (n) => n === "testsuite" || n === "testcase" }).parse(junit);
    const suite = (doc.testsuites.testsuite as { name: string; testcase: { name: string; skipped?: { message: string }; failure?: unknown }[] }[]).find(
      (s) => s.name === `meshkit-guardrails/${EXEMPTED}`,
    );
    const testcase = suite?.testcase.find((c) => c.name === "(outside any domain)");
    expect(testcase?.failure).toBeUndefined();
    expect(testcase?.skipped?.message).toBe("exempted: The shared key predates the tagging standard; retagged in PLAT-7.");
    expect(Number(doc.testsuites.skipped)).toBe(1);
  });

  it("stays exempted, with its reason, owner and expiry, in a merged report", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-exempted-merge-"));
    fs.writeFileSync(path.join(dir, "review.json"), exemptedJson);
    const out = (f: string) => path.join(dir, f);
    const r = await meshkit(["report", "merge", out("review.json"), "--markdown", out("merged.md"), "--sarif", out("merged.sarif"), "--json", out("merged.json")]);
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(out("merged.json"), "utf8")).summary).toMatchObject({ exempted: 1, mandatory: exempted.summary.mandatory });
    const suppressed = JSON.parse(fs.readFileSync(out("merged.sarif"), "utf8")).runs[0].results.filter((x: { suppressions?: unknown }) => x.suppressions);
    expect(suppressed.map((x: { ruleId: string }) => x.ruleId)).toEqual([EXEMPTED]);
    expect(fs.readFileSync(out("merged.md"), "utf8")).toContain(
      `  *Exempted:* The shared key predates the tagging standard; retagged in PLAT-7. (owner platform-team, until ${day(30)})`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("an expired exemption", () => {
  it("suppresses nothing and is a mandatory violation of its own", async () => {
    const r = await review(configWith(exemption(day(-1))), "json");
    expect(r.code).toBe(1);
    const doc = json(r) as { violations: Violation[]; summary: { exempted: number } };
    expect(doc.summary.exempted).toBe(0);
    expect(doc.violations.find((v) => v.policy === EXEMPTED && v.urn === KEY)).toMatchObject({ exempted: false, enforcementLevel: "mandatory" });
    expect(doc.violations.find((v) => v.policy === "governance-exemption-valid")).toMatchObject({ enforcementLevel: "mandatory", exempted: false });
  });
});
