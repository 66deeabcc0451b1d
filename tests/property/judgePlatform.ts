/**
 * What the design brief's invariant forbids in a deployment: a mandatory finding of meshkit's own
 * pack under the environment's --policy-pack-config (its policy functions called in-process, on
 * inputs per resource and outputs per stack, as the engine feeds them), a URN registered twice, and
 * two resources of a type sharing a physical name.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CapturedResource } from "../../engine";
import { meshkitPolicies } from "../../policies/pack";
import type { Environment } from "../../conventions";
import { isStackPolicy, runResourcePolicy, runStackPolicy } from "../policies/harness";
import { testResource } from "../support/capturedResources";
import type { Deployed } from "./deployPlatform";

const PACK_DIR = path.join(__dirname, "../../policies");

/** The name each kind of resource takes in its cloud, which two resources may never share. */
const PHYSICAL_NAME: Record<string, (inputs: Record<string, any>) => string | undefined> = {
  "aws:s3/bucket:Bucket": (i) => i.bucket,
  "kafka:index/topic:Topic": (i) => i.name,
  "aws:iam/role:Role": (i) => i.name,
  "aws:iam/policy:Policy": (i) => i.name,
  "aws:kms/alias:Alias": (i) => i.name,
  "aws:glue/catalogDatabase:CatalogDatabase": (i) => i.name,
  "aws:glue/catalogTable:CatalogTable": (i) => `${i.databaseName}.${i.name}`,
  "aws:glue/registry:Registry": (i) => i.registryName,
  "aws:glue/schema:Schema": (i) => `${i.registryArn}/${i.schemaName}`,
  "aws:budgets/budget:Budget": (i) => i.name,
};

function physicalName(r: CapturedResource): string | undefined {
  if (r.type.startsWith("kubernetes:") && !r.type.startsWith("pulumi:")) {
    const metadata = r.inputs.metadata as { name?: string; namespace?: string } | undefined;
    return metadata?.name === undefined ? undefined : `${metadata.namespace ?? ""}/${metadata.name}`;
  }
  return PHYSICAL_NAME[r.type]?.(r.inputs);
}

function repeated(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.size === seen.add(v).size))];
}

export interface Verdict {
  readonly mandatoryFindings: string[];
  readonly duplicateUrns: string[];
  readonly duplicatePhysicalNames: string[];
  readonly failedRegistrations: string[];
}

export async function judgePlatform(deployed: Deployed, environment: Environment): Promise<Verdict> {
  const file = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", `${environment}.json`), "utf8")) as Record<string, Record<string, unknown>>;
  const { policies } = meshkitPolicies({ stack: () => environment, packDir: PACK_DIR });
  const byUrn = new Map(deployed.resources.map((r) => [r.urn, r]));
  const inputs = deployed.resources.map((r) => testResource(r, byUrn, r.inputs));
  const outputs = deployed.resources.map((r) => testResource(r, byUrn, r.outputs));
  const mandatoryFindings: string[] = [];
  for (const p of policies) {
    const { enforcementLevel, ...config } = file[p.name] ?? {};
    if (enforcementLevel !== "mandatory") continue;
    const results = isStackPolicy(p) ? [await runStackPolicy(p, outputs, { config })] : await Promise.all(inputs.map((r) => runResourcePolicy(p, r, { config })));
    for (const result of results) {
      mandatoryFindings.push(...result.violations.map((v) => `${p.name}: ${v.message} (${v.urn ?? "stack"})`));
      // Every value is known outside preview: a rule that cannot decide is a finding too.
      if (result.unknown !== undefined) mandatoryFindings.push(`${p.name} could not run: ${result.unknown}`);
    }
  }
  const names = new Map<string, string[]>();
  for (const r of deployed.resources) {
    const name = physicalName(r);
    if (name !== undefined) names.set(r.type, [...(names.get(r.type) ?? []), name]);
  }
  return {
    mandatoryFindings,
    duplicateUrns: repeated(deployed.requestedUrns),
    duplicatePhysicalNames: [...names].flatMap(([type, list]) => repeated(list).map((n) => `${type} ${n}`)),
    failedRegistrations: deployed.failures,
  };
}
