import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, AnalyzeResult, CapturedResource, plainValue, Progress, runAndAnalyze, RunResult } from "../../engine";
import { engineFailure } from "./engineFailure";
import { readPackConfigFile, reconcilePackConfig } from "../../engine/policy/packConfig";
import { parseProviderRef } from "../../engine/urn";
import { policies } from "../fixtures/engine/policy-pack/policies";

const FIXTURES = path.join(__dirname, "..", "fixtures", "engine");
const PROJECT = path.join(FIXTURES, "basic-program");
const PACK = path.join(FIXTURES, "policy-pack");
const AWSGUARD = path.join(FIXTURES, "awsguard-pack");
const CONFIG_FILE = path.join(FIXTURES, "policy-config.json");
const U = (qualifiedType: string, name: string) => `urn:pulumi:dev::engine-fixture::${qualifiedType}::${name}`;

interface Finding {
  policy: string;
  urn?: string;
  message: string;
  enforcementLevel: string;
}

const key = (f: Finding) => `${f.policy}|${f.urn}|${f.message}|${f.enforcementLevel}`;
const sorted = (fs: Finding[]) => [...fs].sort((a, b) => (key(a) < key(b) ? -1 : 1));

// The fixture pack's own functions, called directly on the captured resources: the expected findings.
function ownFindings(resources: CapturedResource[]): Finding[] {
  // The engine's own reconciliation: it is under test elsewhere (and the pack's outcome here).
  const config = reconcilePackConfig(
    "fixture",
    policies.map((p) => ({
      name: p.name,
      enforcementLevel: p.enforcementLevel ?? "advisory",
      ...(p.configSchema ? { configSchema: { properties: p.configSchema.properties, required: p.configSchema.required ?? [] } } : {}),
    })),
    {},
    readPackConfigFile(CONFIG_FILE),
  );
  const levelOf = (name: string) => config[name]!.enforcementLevel!;
  const configOf = (p: { name: string }) => config[p.name]?.properties ?? {};
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const asPolicyResource = (r: CapturedResource, props: unknown) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: props as Record<string, never>,
    opts: { protect: r.options.protect, ignoreChanges: r.options.ignoreChanges, aliases: r.options.aliases, additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
  });
  const findings: Finding[] = [];
  const reporter = (p: { name: string; description: string }, level: string, urn?: string): ReportViolation =>
    ((message: string, at?: string) =>
      findings.push({ policy: p.name, urn: at ?? urn, message: `${p.description}\n${message}`, enforcementLevel: level })) as ReportViolation;

  for (const p of policies) {
    const level = levelOf(p.name);
    if (level === "disabled") continue;
    if ("validateResource" in p) {
      const policy = p as ResourceValidationPolicy;
      for (const r of resources) {
        const provider = r.provider ? byUrn.get(parseProviderRef(r.provider).urn) : undefined;
        const args = {
          ...asPolicyResource(r, plainValue(r.inputs)),
          provider: provider && { type: provider.type, name: provider.name, urn: provider.urn, props: plainValue(provider.inputs) },
          getConfig: () => configOf(p),
        };
        [policy.validateResource].flat().forEach((v) => v!(args as never, reporter(p, level, r.urn)));
      }
    } else {
      const stackResources = resources.map((r) => ({ ...asPolicyResource(r, plainValue(r.outputs)), dependencies: [], propertyDependencies: {} })) as unknown as PolicyResource[];
      for (const pr of stackResources) {
        const r = byUrn.get(pr.urn)!;
        pr.propertyDependencies = Object.fromEntries(
          Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map((u) => stackResources.find((x) => x.urn === u)!)]),
        );
      }
      (p as StackValidationPolicy).validateStack({ resources: stackResources, getConfig: () => configOf(p) } as never, reporter(p, level));
    }
  }
  return findings;
}

const findingsOf = (a: AnalyzeResult, pack: string): Finding[] =>
  a.diagnostics
    .filter((d) => d.policyPack === pack)
    .map((d) => ({ policy: d.policy, urn: d.urn, message: d.message, enforcementLevel: d.enforcementLevel }));

describe("analyzing captured resources with policy packs over the analyzer protocol", () => {
  let update: { run: RunResult; analysis: AnalyzeResult };
  let preview: { run: RunResult; analysis: AnalyzeResult };
  const progress: Progress[] = [];

  beforeAll(async () => {
    const packs = [{ dir: PACK, configFile: CONFIG_FILE }, { dir: AWSGUARD }];
    [update, preview] = await Promise.all([
      runAndAnalyze({ projectDir: PROJECT, stack: "dev", dryRun: false, packs, progress: (p) => progress.push(p) }),
      runAndAnalyze({ projectDir: PROJECT, stack: "dev", packs }),
    ]);
  });

  it("gives exactly what the pack's own functions give on the same resources", () => {
    const expected = ownFindings(update.run.resources);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(sorted(findingsOf(update.analysis, "engine-fixture-pack"))).toEqual(sorted(expected));
  });

  it("reports the pack's policies with the effective levels and config", () => {
    const pack = update.analysis.packs[0];
    expect(pack).toMatchObject({ name: "engine-fixture-pack", version: "0.2.0", dir: PACK, configFile: CONFIG_FILE });
    const byName = Object.fromEntries(pack.policies.map((p) => [p.name, p]));
    expect(byName["fixture-bucket-team-tag"]).toMatchObject({
      type: "resource",
      enforcementLevel: "mandatory",
      severity: "high",
      remediationSteps: "Add a `team` tag to the bucket.",
    });
    expect(byName["fixture-bucket-protected"].enforcementLevel).toBe("mandatory");
    expect(byName["fixture-always-reports"]).toMatchObject({ type: "stack", enforcementLevel: "disabled" });
    expect(byName["fixture-key-deletion-window"].config).toEqual({ maxDays: 5 });
    expect(byName["fixture-provider-region"].config).toEqual({ allowedRegions: ["eu-west-1"] });
    expect(byName["fixture-key-deletion-window"].configSchema).toEqual({ properties: { maxDays: { type: "number", default: 30 } }, required: [] });
  });

  it("fills per-resource diagnostics with the resource's URN and keeps the URN a stack policy names", () => {
    const ds = update.analysis.diagnostics.filter((d) => d.policyPack === "engine-fixture-pack");
    expect(ds.find((d) => d.policy === "fixture-key-deletion-window")).toMatchObject({
      urn: U("aws:kms/key:Key", "key"),
      source: "resource",
      severity: "low",
      message: "KMS keys wait no longer than the configured window before deletion.\ndeletion window 7 days exceeds 5",
    });
    expect(ds.find((d) => d.policy === "fixture-buckets-versioned")).toMatchObject({
      urn: U("aws:s3/bucket:Bucket", "eu-bucket"),
      source: "stack",
      enforcementLevel: "mandatory",
    });
    expect(ds.some((d) => d.policy === "fixture-always-reports")).toBe(false);
  });

  it("turns a policy that reads an unknown value in preview into an advisory note", () => {
    const wildcard = preview.analysis.diagnostics.filter((d) => d.policy === "fixture-role-policy-no-wildcard");
    expect(wildcard).toEqual([
      expect.objectContaining({
        urn: U("aws:iam/rolePolicy:RolePolicy", "reader"),
        enforcementLevel: "advisory",
        message: expect.stringContaining("during preview: string value at .policy can't be known during preview"),
      }),
    ]);
    const decided = update.analysis.diagnostics.filter((d) => d.policy === "fixture-role-policy-no-wildcard");
    expect(decided.map((d) => [d.enforcementLevel, d.message])).toEqual([
      ["mandatory", "Inline role policies grant no wildcard action.\na statement allows every action"],
    ]);
  });

  it("runs a third-party pack (AWSGuard) unchanged alongside", () => {
    expect(update.analysis.packs.map((p) => p.name)).toEqual(["engine-fixture-pack", "pulumi-awsguard"]);
    const guard = findingsOf(update.analysis, "pulumi-awsguard").map((f) => `${f.policy} ${f.urn}`);
    expect(guard).toEqual([
      `cmk-backing-key-rotation-enabled ${U("aws:kms/key:Key", "key")}`,
      `s3-bucket-logging-enabled ${U("aws:s3/bucket:Bucket", "eu-bucket")}`,
      `s3-bucket-logging-enabled ${U("fixture:index:Storage$aws:s3/bucket:Bucket", "data-bucket")}`,
    ]);
  });

  it("reports progress of the program and of each pack", () => {
    const registered = update.run.resources.filter((r) => r.name !== "default_7_48_0").length;
    expect(progress.filter((p) => p.phase === "program").pop()).toEqual({ phase: "program", resources: registered });
    const total = update.run.resources.length;
    for (const pack of ["engine-fixture-pack", "pulumi-awsguard"]) {
      expect(progress.filter((p) => p.phase === "analyze" && p.pack === pack).pop()).toEqual({ phase: "analyze", pack, analyzed: total, total });
    }
  });

  it("orders diagnostics by pack, URN, policy and message", () => {
    const keys = update.analysis.diagnostics.map((d) => [d.policyPack, d.urn ?? "\uffff", d.policy, d.message].join("\u0000"));
    expect(keys).toEqual([...keys].sort());
  });
});

describe("policy pack failures", () => {
  const base = { resources: [] as CapturedResource[], project: "p", stack: "dev" };

  it("reports a pack that fails to load with the reason it printed", async () => {
    const e = await engineFailure(analyze({ ...base, packs: [{ dir: path.join(FIXTURES, "broken-pack") }] }));
    expect(e.code).toBe("PACK_LOAD_FAILED");
    expect(e.message).toMatch(/^policy pack .*broken-pack failed to load: Error: broken-pack: rules file is missing \(exit code \d+\)$/);
  });

  it("says in one line what to do when a pack runs out of memory", async () => {
    const dir = path.join(FIXTURES, "memory-hungry-pack");
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = "--max-old-space-size=96";
    try {
      const e = await engineFailure(analyze({ ...base, packs: [{ dir }] }));
      expect(e.code).toBe("PACK_OUT_OF_MEMORY");
      expect(e.message).toBe(
        `policy pack ${dir} ran out of memory while analyzing the stack (0 resources); split the platform into per-domain stacks (see README) or raise the pack's heap limit with NODE_OPTIONS=--max-old-space-size=MB`,
      );
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
  }, 120_000);

  it("reports a directory that is not a policy pack", async () => {
    const e = await engineFailure(analyze({ ...base, packs: [{ dir: PROJECT }] }));
    expect(e.message).toBe(`policy pack ${PROJECT} failed to load: neither a PulumiPolicy.yaml nor a package.json in it`);
  });

  it("reports an npm package that neither constructs nor exports a PolicyPack", async () => {
    const dir = path.join(FIXTURES, "no-pack-package");
    const e = await engineFailure(analyze({ ...base, packs: [{ dir }] }));
    expect(e.message).toMatch(new RegExp(`^policy pack ${dir} failed to load: its main module neither constructs a PolicyPack nor exports a PolicyPack class \\(exit code \\d+\\)$`));
  });

  it("refuses config that does not match a policy's config schema", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engine-")), "bad.json");
    fs.writeFileSync(file, JSON.stringify({ "encrypted-volumes": { kmsId: 5 }, "ec2-volume-inuse": "sometimes" }));
    const levelError = await engineFailure(analyze({ ...base, packs: [{ dir: AWSGUARD, configFile: file }] }));
    expect(levelError.message).toBe(`${file}: 'ec2-volume-inuse': "sometimes" is not a valid enforcement level (advisory, mandatory, remediate, disabled)`);
    fs.writeFileSync(file, JSON.stringify({ "encrypted-volumes": { kmsId: 5 } }));
    const schemaError = await engineFailure(analyze({ ...base, packs: [{ dir: AWSGUARD, configFile: file }] }));
    expect(schemaError.code).toBe("PACK_CONFIG_INVALID");
    expect(schemaError.message).toBe("policy pack 'pulumi-awsguard' configuration is invalid: encrypted-volumes: kmsId must be string");
  });
});
