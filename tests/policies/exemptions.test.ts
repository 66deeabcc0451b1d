import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExemptions, ExemptionIndex } from "../../policies/lib/exemptions";
import { formatAppliedExemption, parseAppliedExemption, type AppliedExemption } from "../../policies/lib/exemptionMessage";
import { meshkitPolicies } from "../../policies/pack";
import { T, TAGS, kmsKey } from "./awsFixtures";
import { findPolicy, resource, runPolicy, runStackPolicy, urnOf } from "./harness";

const TODAY = new Date("2026-11-21T09:30:00Z");
const KNOWN = new Set(["keys-kms-rotation-enabled", "storage-bucket-has-access-logging"]);
const UNEXEMPTABLE = new Set(["governance-exemption-valid"]);
const parse = (text: string) => parseExemptions(text, { knownPolicies: KNOWN, unexemptable: UNEXEMPTABLE, today: TODAY });

const entry = (fields: Record<string, string>) =>
  "  - " +
  Object.entries({
    policy: "keys-kms-rotation-enabled",
    resource: "legacy-*",
    stack: "production",
    reason: "Imported key; rotation after the migration.",
    owner: "platform-team",
    expires: "2026-12-31",
    ...fields,
  })
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join("\n    ");

const file = (...entries: string[]) => `exemptions:\n${entries.join("\n")}\n`;

describe("exemptions file", () => {
  it("accepts a live exemption", () => {
    const r = parse(file(entry({})));
    expect(r.problems).toEqual([]);
    expect(r.live).toHaveLength(1);
  });

  it("accepts an exemption on its last day and refuses it the day after", () => {
    expect(parse(file(entry({ expires: "2026-11-21" }))).live).toHaveLength(1);
    const r = parse(file(entry({ expires: "2026-11-20" })));
    expect(r.live).toEqual([]);
    expect(r.problems).toEqual([{ line: 2, message: "exemption #1: keys-kms-rotation-enabled on legacy-* expired on 2026-11-20" }]);
  });

  it("refuses expiries more than 90 days ahead", () => {
    expect(parse(file(entry({ expires: "2027-02-19" }))).live).toHaveLength(1);
    const r = parse(file(entry({ expires: "2027-02-20" })));
    expect(r.live).toEqual([]);
    expect(r.problems[0]!.message).toMatch(/more than 90 days ahead \(latest 2027-02-19\)/);
  });

  it("reports malformed entries with their line and never applies them", () => {
    const r = parse(
      file(
        entry({}),
        entry({ policy: "no-such-policy" }),
        entry({ expires: "2026-02-30" }),
        entry({ owner: "Platform Team" }),
        entry({ reason: "" }),
        entry({ policy: "governance-exemption-valid" }),
        "  - just a string",
        entry({}),
        "  - { policy: keys-kms-rotation-enabled, resource: x, stack: s, reason: r, owner: o, expires: 2026-12-01, extra: 1 }",
      ),
    );
    expect(r.live).toHaveLength(1);
    expect(r.problems.map((p) => [p.line, p.message.replace(/^exemption #\d+: /, "")])).toEqual([
      [8, "policy no-such-policy is not a policy of this pack"],
      [14, "expires 2026-02-30 is not a date (YYYY-MM-DD)"],
      [20, "owner Platform Team is neither a team (kebab-case) nor an e-mail address"],
      [26, "reason is required (a non-empty string)"],
      [31, "policy governance-exemption-valid is not a policy of this pack; policy governance-exemption-valid cannot be exempted"],
      [37, "must be a map of policy, resource, stack, reason, owner, expires"],
      [38, "duplicates an earlier exemption"],
      [44, "unknown field extra"],
    ]);
  });

  it("reports a file that is not YAML or not a list", () => {
    expect(parse("exemptions: [\n").problems[0]!.message).toMatch(/not valid YAML/);
    expect(parse("exemptions: {}\n").problems).toEqual([{ line: 1, message: "`exemptions` must be a list" }]);
    expect(parse("- a\n").problems[0]!.message).toMatch(/must be a map/);
    expect(parse("").problems).toEqual([]);
    expect(parse("exemptions: []\nother: 1\n").problems).toEqual([{ line: 2, message: "unknown top-level key other" }]);
  });

  it("matches logical names, URNs and stacks by glob", () => {
    const { live } = parse(file(entry({}), entry({ resource: "urn:pulumi:*::*::aws:s3/bucket:Bucket::*", stack: "prod*", policy: "storage-bucket-has-access-logging" })));
    const index = new ExemptionIndex(live);
    const keyUrn = urnOf(T.key, "legacy-key");
    expect(index.find("keys-kms-rotation-enabled", keyUrn, "production")?.resource).toBe("legacy-*");
    expect(index.find("keys-kms-rotation-enabled", keyUrn, "staging")).toBeUndefined();
    expect(index.find("keys-kms-rotation-enabled", urnOf(T.key, "new-key"), "production")).toBeUndefined();
    expect(index.find("storage-bucket-has-access-logging", urnOf(T.bucket, "any/with/slashes"), "production-eu")).toBeDefined();
    expect(index.find("storage-bucket-has-access-logging", urnOf(T.key, "k"), "production")).toBeUndefined();
  });
});

describe("applied-exemption message", () => {
  const applied: AppliedExemption = {
    policy: "keys-kms-rotation-enabled",
    urn: urnOf(T.key, "legacy-key"),
    message: "key rotation is off",
    exemption: { policy: "keys-kms-rotation-enabled", resource: "legacy-*", stack: "production", reason: "r", owner: "o", expires: "2026-12-31" },
  };

  it("round-trips, also behind the analyzer's description prefix", () => {
    expect(parseAppliedExemption(formatAppliedExemption(applied))).toEqual(applied);
    expect(parseAppliedExemption(`Reports each finding …\n${formatAppliedExemption(applied)}`)).toEqual(applied);
  });

  it("rejects anything else", () => {
    expect(parseAppliedExemption("key rotation is off")).toBeUndefined();
    expect(parseAppliedExemption("meshkit-exemption-applied {not json")).toBeUndefined();
    expect(parseAppliedExemption('meshkit-exemption-applied {"policy":"p","urn":"u","message":"m"}')).toBeUndefined();
  });
});

describe("exemptions in the pack", () => {
  function packWith(yaml: string | undefined, stack = "production") {
    const dir = mkdtempSync(join(tmpdir(), "meshkit-exemptions-"));
    if (yaml !== undefined) writeFileSync(join(dir, "exemptions.yaml"), yaml);
    const { policies } = meshkitPolicies({ now: () => TODAY, stack: () => stack, packDir: dir });
    return { policies, dir };
  }
  const unrotated = [kmsKey("legacy-key", { enableKeyRotation: false }), kmsKey("new-key", { enableKeyRotation: false })];

  it("suppresses a live exemption's findings and reports them as applied", async () => {
    const { policies } = packWith(file(entry({})));
    const rotation = await runPolicy(findPolicy(policies, "keys-kms-rotation-enabled"), unrotated);
    expect(rotation.violations.map((v) => v.urn)).toEqual([urnOf(T.key, "new-key")]);

    const applied = await runStackPolicy(findPolicy(policies, "governance-exemption-applied"), unrotated);
    expect(applied.violations.map((v) => v.urn)).toEqual([urnOf(T.key, "legacy-key")]);
    expect(parseAppliedExemption(applied.violations[0]!.message)).toMatchObject({
      policy: "keys-kms-rotation-enabled",
      message: "key rotation is off",
      exemption: { owner: "platform-team", expires: "2026-12-31" },
    });
    expect((await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), unrotated)).violations).toEqual([]);
  });

  it("suppresses stack-policy findings against the URN they name", async () => {
    const { policies } = packWith(file(entry({ policy: "storage-bucket-has-access-logging", resource: "raw-*" })));
    const raw = resource(T.bucket, "raw-dump", { bucket: "raw-dump", tags: TAGS });
    const r = await runStackPolicy(findPolicy(policies, "storage-bucket-has-access-logging"), [raw]);
    expect(r.violations).toEqual([]);
    const applied = await runStackPolicy(findPolicy(policies, "governance-exemption-applied"), [raw]);
    expect(applied.violations.map((v) => v.urn)).toEqual([urnOf(T.bucket, "raw-dump")]);
  });

  it("does not apply an exemption for another stack", async () => {
    const { policies } = packWith(file(entry({})), "staging");
    const rotation = await runPolicy(findPolicy(policies, "keys-kms-rotation-enabled"), unrotated);
    expect(rotation.violations).toHaveLength(2);
  });

  it("reports an expired exemption as a violation and does not apply it", async () => {
    const { policies } = packWith(file(entry({ expires: "2026-10-01" })));
    expect((await runPolicy(findPolicy(policies, "keys-kms-rotation-enabled"), unrotated)).violations).toHaveLength(2);
    const valid = await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), unrotated);
    expect(valid.violations).toEqual([
      { policy: "governance-exemption-valid", urn: undefined, message: "exemptions.yaml:2: exemption #1: keys-kms-rotation-enabled on legacy-* expired on 2026-10-01" },
    ]);
    expect(findPolicy(policies, "governance-exemption-valid").enforcementLevel).toBe("mandatory");
  });

  it("accepts an exemption naming a change-review rule, which `meshkit review --base` applies", async () => {
    const { policies } = packWith(file(entry({ policy: "change-product-declassified", resource: "orders.order-facts" })));
    expect((await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), [])).violations).toEqual([]);
  });

  it("reports a malformed exemption as a violation", async () => {
    const { policies } = packWith(file(entry({ owner: "" })));
    const valid = await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), []);
    expect(valid.violations.map((v) => v.message)).toEqual(["exemptions.yaml:2: exemption #1: owner is required (a non-empty string)"]);
  });

  it("reads the configured file, and requires it to exist when configured", async () => {
    const { policies, dir } = packWith(undefined);
    const other = join(dir, "other.yaml");
    writeFileSync(other, file(entry({})));
    const rotation = await runPolicy(findPolicy(policies, "keys-kms-rotation-enabled"), unrotated, { config: { exemptionsFile: other } });
    expect(rotation.violations).toHaveLength(1);
    // No file beside the pack: no exemptions, no problem.
    expect((await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), [])).violations).toEqual([]);
    const missing = await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), [], { config: { exemptionsFile: "nowhere.yaml" } });
    expect(missing.violations[0]!.message).toMatch(/cannot read .*nowhere\.yaml/);
  });

  it("reads a compiled pack's source exemptions when the checkout has them, else its own copy", async () => {
    const root = mkdtempSync(join(tmpdir(), "meshkit-compiled-"));
    const pack = join(root, "dist", "policies");
    mkdirSync(pack, { recursive: true });
    writeFileSync(join(pack, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", meshkit: { sourceDir: "../../policies" } }));
    writeFileSync(join(pack, "exemptions.yaml"), "exemptions: []\n");
    const fromPack = () => meshkitPolicies({ now: () => TODAY, stack: () => "production", packDir: pack }).policies;
    expect((await runPolicy(findPolicy(fromPack(), "keys-kms-rotation-enabled"), unrotated)).violations).toHaveLength(2);
    mkdirSync(join(root, "policies"));
    writeFileSync(join(root, "policies", "exemptions.yaml"), file(entry({})));
    expect((await runPolicy(findPolicy(fromPack(), "keys-kms-rotation-enabled"), unrotated)).violations).toHaveLength(1);
  });

  it("ships an exemptions file the pack accepts", async () => {
    const { policies } = meshkitPolicies({ now: () => TODAY, stack: () => "production" });
    expect((await runStackPolicy(findPolicy(policies, "governance-exemption-valid"), [])).violations).toEqual([]);
  });
});
