// What every review report renders: the stack's resources, each pack's policies with their metadata, and
// the findings, exempted ones included. Built once from the engine's run and analysis; reports only
// format it. Everything is sorted here, so the same input gives the same report.
import * as path from "path";
import type { AnalyzeResult, CapturedResource, Diagnostic, EnforcementLevel, PolicyInfo, RunResult } from "../../engine";
import type { Grant } from "../../components/grants/accessModel";
import { areaFromTags, frameworksFromTags } from "../../policies/lib/metadata";
import type { ChangeReview } from "../changes/model";
import { productOf, resourceDomains } from "./domains";

export type SeverityName = "critical" | "high" | "medium" | "low" | "unspecified";
export const SEVERITY_ORDER: readonly SeverityName[] = ["critical", "high", "medium", "low", "unspecified"];

export interface ReportResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  protect: boolean;
  domain?: string;
  product?: string;
}

export interface ReportPolicy {
  policyPack: string;
  name: string;
  description: string;
  type: "resource" | "stack";
  severity: SeverityName;
  enforcementLevel: EnforcementLevel;
  frameworks: string[];
  area?: string;
  remediation?: string;
  url?: string;
}

export interface Exemption {
  reason: string;
  owner?: string;
  expires?: string;
}

export interface Finding {
  policyPack: string;
  policy: string;
  severity: SeverityName;
  enforcementLevel: EnforcementLevel;
  urn?: string;
  message: string;
  frameworks: string[];
  exempted: boolean;
  exemption?: Exemption;
  domain?: string;
  /** Where a change finding points in the manifests (policy findings are located through their resource). */
  location?: { file: string; line: number };
}

/** A domain manifest the stack deploys, relative to the project directory. */
export interface ManifestRef {
  domain: string;
  file: string;
  /** Line of `metadata.name`. */
  line: number;
  /** Product name → line of its entry under `spec.products`. */
  productLines: Record<string, number>;
}

export interface Review {
  stack: string;
  project: string;
  /** The program's entry point, relative to the project directory. */
  program: string;
  packs: { name: string; version: string }[];
  resources: ReportResource[];
  policies: ReportPolicy[];
  findings: Finding[];
  manifests: ManifestRef[];
  /** Declared access of the stack's domains (empty for a program without manifests). */
  grants: Grant[];
  summary: { resources: number; mandatory: number; advisory: number; exempted: number };
  /** With `--base`: what the change does against the base revision. */
  changes?: ChangeReview;
}

/** A finding that the exemption mechanism reported instead of the original. */
export interface ExemptedFinding {
  policyPack: string;
  policy: string;
  urn?: string;
  message: string;
  exemption: Exemption;
}

export interface ReviewInput {
  projectDir: string;
  programFile: string;
  run: RunResult;
  analysis: AnalyzeResult;
  manifests: ManifestRef[];
  grants: Grant[];
  /** Splits the analysis into ordinary diagnostics and findings an exemption suppressed. */
  exemptions: (diagnostics: Diagnostic[]) => { diagnostics: Diagnostic[]; exempted: ExemptedFinding[] };
  /** With `--base`: the change review, whose rules and findings join the packs'. */
  changes?: ChangeReview;
}

function severityName(s: string | undefined): SeverityName {
  return (SEVERITY_ORDER as readonly string[]).includes(s ?? "") ? (s as SeverityName) : "unspecified";
}

function byKeys<T>(...keys: ((t: T) => string | number | undefined)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = k(a) ?? "";
      const y = k(b) ?? "";
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };
}

function toResource(r: CapturedResource, domains: Map<string, string>): ReportResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...(r.parent ? { parent: r.parent } : {}),
    protect: r.options.protect,
    ...(domains.has(r.urn) ? { domain: domains.get(r.urn) } : {}),
    ...(productOf(r) ? { product: productOf(r) } : {}),
  };
}

function toPolicy(pack: string, p: PolicyInfo): ReportPolicy {
  const area = areaFromTags(p.tags);
  return {
    policyPack: pack,
    name: p.name,
    description: p.description,
    type: p.type,
    severity: severityName(p.severity),
    enforcementLevel: p.enforcementLevel,
    frameworks: [...frameworksFromTags(p.tags)].sort(),
    ...(area ? { area } : {}),
    ...(p.remediationSteps ? { remediation: p.remediationSteps } : {}),
    ...(p.url ? { url: p.url } : {}),
  };
}

// The analyzer server sends `<description>\n<message>`; reports show the description with the rule.
function ownMessage(d: Diagnostic): string {
  return d.description && d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message;
}

export function isMandatory(f: Finding): boolean {
  return f.enforcementLevel === "mandatory" && !f.exempted;
}

/** Resources as reports show them: tree order kept, each with its domain and product. */
export function reportResources(captured: readonly CapturedResource[]): ReportResource[] {
  const domains = resourceDomains(captured);
  return captured.map((r) => toResource(r, domains));
}

/** The counts every report leads with. */
export function summarize(resources: readonly ReportResource[], findings: readonly Finding[]): Review["summary"] {
  return {
    resources: resources.length,
    mandatory: findings.filter(isMandatory).length,
    advisory: findings.filter((f) => !f.exempted && f.enforcementLevel !== "mandatory").length,
    exempted: findings.filter((f) => f.exempted).length,
  };
}

export function buildReview(input: ReviewInput): Review {
  const { run, analysis } = input;
  const resources = reportResources(run.resources);
  const domains = new Map(resources.filter((r) => r.domain !== undefined).map((r) => [r.urn, r.domain!]));
  const policies = [...analysis.packs.flatMap((pack) => pack.policies.map((p) => toPolicy(pack.name, p))), ...(input.changes?.policies ?? [])]
    .sort(byKeys((p) => p.policyPack, (p) => p.name));
  const policyOf = new Map(policies.map((p) => [`${p.policyPack}\0${p.name}`, p]));
  const finding = (pack: string, policy: string, urn: string | undefined, message: string, level: EnforcementLevel | undefined, severity: string | undefined): Finding => {
    const meta = policyOf.get(`${pack}\0${policy}`);
    return {
      policyPack: pack,
      policy,
      severity: severityName(severity ?? meta?.severity),
      enforcementLevel: level ?? meta?.enforcementLevel ?? "advisory",
      ...(urn ? { urn } : {}),
      message,
      frameworks: meta?.frameworks ?? [],
      exempted: false,
      ...(urn && domains.has(urn) ? { domain: domains.get(urn) } : {}),
    };
  };
  const { diagnostics, exempted } = input.exemptions(analysis.diagnostics);
  const findings = [
    ...diagnostics.map((d) => finding(d.policyPack, d.policy, d.urn, ownMessage(d), d.enforcementLevel, d.severity)),
    ...exempted.map((e) => ({ ...finding(e.policyPack, e.policy, e.urn, e.message, undefined, undefined), exempted: true, exemption: e.exemption })),
    ...(input.changes?.findings ?? []),
  ].sort(byKeys((f) => f.policyPack, (f) => f.urn ?? "\uffff", (f) => f.policy, (f) => f.message, (f) => String(f.exempted)));

  return {
    stack: run.stack,
    project: run.project,
    program: path.relative(input.projectDir, input.programFile).split(path.sep).join("/"),
    packs: [...analysis.packs.map((p) => ({ name: p.name, version: p.version })), ...(input.changes ? [input.changes.pack] : [])].sort(byKeys((p) => p.name, (p) => p.version)),
    resources,
    policies,
    findings,
    manifests: [...input.manifests].sort(byKeys((m) => m.domain)),
    grants: input.grants,
    summary: summarize(resources, findings),
    ...(input.changes ? { changes: input.changes } : {}),
  };
}
