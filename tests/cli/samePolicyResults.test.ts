// The offline review reports exactly what meshkit's pack's own functions report on the same resources:
// the CLI's JSON for a stack against the pack's policies called directly (through the
// policy test harness, which presents resources as @pulumi/policy's analyzer server does), with the
// production config, the preview's unknown values and the exemptions folded the same way.
import * as fs from "fs";
import * as path from "path";
import type { Policy } from "@pulumi/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { runProgram, type CapturedResource } from "../../engine";
import { meshkitPolicies, PACK_NAME } from "../../policies/pack";
import { parseAppliedExemption } from "../../policies/lib/exemptionMessage";
import { isStackPolicy, runResourcePolicy, runStackPolicy } from "../policies/harness";
import { testResource } from "../support/capturedResources";
import { ensureBuilt, json, meshkit, ROOT } from "./meshkit";

const STACK = "production";
const PACK_DIR = path.join(ROOT, "policies");

interface Row {
  policy: string;
  urn: string | null;
  message: string;
  enforcementLevel: string;
  exempted: boolean;
}

const key = (r: Row) => JSON.stringify([r.policy, r.urn, r.message, r.enforcementLevel, r.exempted]);
const sorted = (rows: Row[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));

/** Level and properties of each policy from a --policy-pack-config file: `all` first, then the policy's entry. */
function configOf(file: Record<string, unknown>, p: Policy): { level: string; properties: Record<string, unknown> } {
  const entry = file[p.name];
  const all = typeof file.all === "string" ? file.all : (file.all as { enforcementLevel?: string } | undefined)?.enforcementLevel;
  if (typeof entry === "string") return { level: entry, properties: {} };
  const { enforcementLevel, ...properties } = (entry ?? {}) as Record<string, unknown>;
  return { level: (enforcementLevel as string | undefined) ?? all ?? p.enforcementLevel ?? "advisory", properties };
}

async function ownFindings(resources: CapturedResource[]): Promise<Row[]> {
  const file = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", `${STACK}.json`), "utf8")) as Record<string, unknown>;
  const version = (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version;
  const { policies } = meshkitPolicies({ stack: () => STACK, packDir: PACK_DIR });
  const levels = new Map(policies.map((p) => [p.name, configOf(file, p).level]));
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const analyzed = resources.filter((r) => !r.read);
  const inputs = analyzed.map((r) => testResource(r, byUrn, r.inputs));
  const outputs = resources.map((r) => testResource(r, byUrn, r.outputs));
  const rows: Row[] = [];
  const record = (p: Policy, level: string, result: { violations: { message: string; urn: string | undefined }[]; unknown: string | undefined }, urn?: string) => {
    for (const v of result.violations) rows.push({ policy: p.name, urn: v.urn ?? null, message: v.message, enforcementLevel: level, exempted: false });
    if (result.unknown !== undefined) {
      const message = `can't run policy '${p.name}' from policy pack '${PACK_NAME}@v${version}' during preview: ${result.unknown}`;
      rows.push({ policy: p.name, urn: urn ?? null, message, enforcementLevel: "advisory", exempted: false });
    }
  };
  // The engine analyzes every resource first, then the stack, in the pack's policy order.
  for (const p of policies.filter((x) => !isStackPolicy(x))) {
    const { level, properties } = configOf(file, p);
    if (level === "disabled") continue;
    for (const r of inputs) record(p, level, await runResourcePolicy(p, r, { config: properties }), r.urn);
  }
  for (const p of policies.filter(isStackPolicy)) {
    const { level, properties } = configOf(file, p);
    if (level === "disabled") continue;
    record(p, level, await runStackPolicy(p, outputs, { config: properties }));
  }
  // An exempted finding comes back as a record of the exemption policy; the report shows the original.
  return rows.map((row) => {
    const applied = parseAppliedExemption(row.message);
    if (applied === undefined) return row;
    return { policy: applied.policy, urn: applied.urn, message: applied.message, enforcementLevel: levels.get(applied.policy) ?? "advisory", exempted: true };
  });
}

beforeAll(() => ensureBuilt());

const CARELESS_DIR = path.join(ROOT, "tests/fixtures/careless-program");

describe.each([
  { project: "the example production stack", projectDir: ROOT, args: [], expectFindings: false },
  {
    project: "a careless team's raw program",
    projectDir: CARELESS_DIR,
    args: ["--cwd", CARELESS_DIR, "--policy-pack", path.join(ROOT, "dist/policies"), "--policy-pack-config", path.join(PACK_DIR, "config", `${STACK}.json`)],
    expectFindings: true,
  },
])("offline review against the pack's own functions on $project", ({ projectDir, args, expectFindings }) => {
  let cli: Row[];
  let own: Row[];
  beforeAll(async () => {
    const [review, run] = await Promise.all([meshkit(["review", "--stack", STACK, "--format", "json", ...args]), runProgram({ projectDir, stack: STACK })]);
    cli = (json<{ violations: Row[] }>(review)).violations.map(({ policy, urn, message, enforcementLevel, exempted }) => ({ policy, urn, message, enforcementLevel, exempted }));
    own = await ownFindings(run.resources);
  });

  it("finds the same violations, levels and exemptions", () => {
    // The examples are compliant; the careless program is there so the comparison has findings to compare.
    expect(own.length > 0).toBe(expectFindings);
    expect(sorted(cli)).toEqual(sorted(own));
  });
});
