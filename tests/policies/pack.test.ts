/**
 * The pack as the engine runs it: started from `policies/` (TypeScript, through ts-node, as
 * `pulumi preview --policy-pack policies` does) and spoken to over the analyzer protocol, with the
 * production config file, exemptions from a configured file, and the stack name from the engine's
 * environment. Careless resources get mandatory violations; their compliant twins get none.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, type AnalyzeResult, type CapturedResource, type Diagnostic } from "../../engine";
import { utcDay } from "../../conventions";
import { parseAppliedExemption } from "../../policies/lib/exemptionMessage";
import { meshkitPolicies } from "../../policies/pack";
import { compliantStorage, kmsKey, T } from "./awsFixtures";
import type { TestResource } from "./harness";

const STACK = "production";
const PROJECT = "careless";
const urn = (type: string, name: string) => `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;

function captured(r: TestResource): CapturedResource {
  const name = r.name!;
  const byName = (u: string) => urn(u.split("::")[2]!, u.split("::")[3]!);
  return {
    urn: urn(r.type, name),
    type: r.type,
    name,
    custom: true,
    read: false,
    dependencies: [],
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(byName)])),
    inputs: r.props,
    outputs: r.props,
    options: {
      protect: r.opts?.protect ?? false,
      retainOnDelete: false,
      ignoreChanges: [],
      replaceOnChanges: [],
      hideDiffs: [],
      additionalSecretOutputs: [],
      aliases: [],
    },
  };
}

const daysFromNow = (days: number) => utcDay(new Date(Date.now() + days * 86_400_000));

const careless = [
  { type: T.bucket, name: "raw-dump", props: { bucket: "raw-dump", acl: "public-read" } },
  kmsKey("careless-key", { enableKeyRotation: false }),
  kmsKey("legacy-key", { enableKeyRotation: false }),
];
const twins = [...compliantStorage(), kmsKey("orders-key")];

describe("the policy pack over the analyzer protocol", () => {
  let result: AnalyzeResult;
  const on = (name: string, type: string) => result.diagnostics.filter((d) => d.urn === urn(type, name));
  const mandatory = (ds: Diagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policy);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "meshkit-pack-"));
    const exemptionsFile = join(dir, "exemptions.yaml");
    writeFileSync(
      exemptionsFile,
      [
        "exemptions:",
        "  - { policy: keys-kms-rotation-enabled, resource: legacy-*, stack: production, reason: Imported key; rotation after migration., owner: platform-team, " +
          `expires: ${daysFromNow(30)} }`,
        "  - { policy: keys-kms-rotation-enabled, resource: careless-*, stack: production, reason: Lapsed exemption., owner: platform-team, " +
          `expires: ${daysFromNow(-1)} }`,
      ].join("\n"),
    );
    // The production config, with every policy pointed at the test's exemptions file.
    const production = JSON.parse(readFileSync(join(__dirname, "../../policies/config/production.json"), "utf8")) as Record<string, unknown>;
    for (const [name, entry] of Object.entries(production)) {
      if (typeof entry === "object" && entry !== null) production[name] = { ...entry, exemptionsFile };
    }
    const configFile = join(dir, "production.json");
    writeFileSync(configFile, JSON.stringify(production));

    result = await analyze({
      packs: [{ dir: join(__dirname, "../../policies"), configFile }],
      resources: [...careless, ...twins].map(captured),
      project: PROJECT,
      stack: STACK,
      dryRun: false,
    });
  });

  it("loads with every policy and its metadata", () => {
    const [pack] = result.packs;
    expect(pack!.policies.map((p) => p.name).sort()).toEqual(meshkitPolicies().policies.map((p) => p.name).sort());
  });

  it("gives each careless resource at least one mandatory violation", () => {
    expect(mandatory(on("raw-dump", T.bucket))).toEqual(
      expect.arrayContaining(["storage-bucket-acl-private", "storage-bucket-has-encryption", "storage-bucket-has-public-access-block", "tagging-aws-required-tags"]),
    );
    expect(mandatory(on("careless-key", T.key))).toContain("keys-kms-rotation-enabled");
  });

  it("gives the compliant twins none", () => {
    for (const r of twins) expect(mandatory(on(r.name!, r.type)), r.name).toEqual([]);
  });

  it("suppresses a live exemption's finding and reports it, machine-readably, as applied", () => {
    const policies = on("legacy-key", T.key).map((d) => d.policy);
    expect(policies).not.toContain("keys-kms-rotation-enabled");
    expect(policies).toContain("governance-exemption-applied");
    const applied = parseAppliedExemption(on("legacy-key", T.key).find((d) => d.policy === "governance-exemption-applied")!.message);
    expect(applied).toMatchObject({ policy: "keys-kms-rotation-enabled", urn: urn(T.key, "legacy-key"), message: "key rotation is off" });
  });

  it("reports the expired exemption as a mandatory stack violation", () => {
    const invalid = result.diagnostics.filter((d) => d.policy === "governance-exemption-valid");
    expect(invalid.map((d) => [d.enforcementLevel, d.urn])).toEqual([["mandatory", undefined]]);
    expect(invalid[0]!.message).toMatch(/exemptions\.yaml:3: exemption #2: keys-kms-rotation-enabled on careless-\* expired on/);
  });

  it("publishes severity, area and frameworks, remediation and the environment's config", () => {
    const rotation = result.packs[0]!.policies.find((p) => p.name === "keys-kms-rotation-enabled")!;
    expect(rotation).toMatchObject({ severity: "high", enforcementLevel: "mandatory", type: "resource" });
    expect(rotation.tags).toEqual(expect.arrayContaining(["area:keys", "framework:cis-aws"]));
    expect(rotation.remediationSteps).toMatch(/enableKeyRotation/);
    const window = result.packs[0]!.policies.find((p) => p.name === "keys-kms-deletion-window")!;
    expect(window.config).toMatchObject({ kmsDeletionWindowDays: 30 });
    expect(on("careless-key", T.key).find((d) => d.policy === "keys-kms-rotation-enabled")?.severity).toBe("high");
  });
});
