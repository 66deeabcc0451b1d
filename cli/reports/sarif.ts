// SARIF 2.1.0 for code scanning: one run per policy pack (its tool), the pack's policies as rules with
// help from description and remediation, findings as results (mandatory → error, else warning), located
// logically by URN and physically at the domain manifest the resource comes from (the product's entry
// when known), else at the program; a change finding at the manifest line its change is made on. Exempted
// findings are results with an accepted suppression. A merged report of many reviews keeps that shape.
import { createHash } from "crypto";
import type { MergedReview } from "../merge/mergedReview";
import type { Finding, ManifestRef, Review, ReportPolicy, SeverityName } from "../review/model";
import { manifestRun } from "./manifestProblems";
import { sarifLog } from "./sarifLog";

// GitHub ranks security alerts by this property: ≥9 critical, 7–8.9 high, 4–6.9 medium, below low.
const SECURITY_SEVERITY: Record<SeverityName, string | undefined> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", unspecified: undefined };

function level(enforcementLevel: string): "error" | "warning" | "none" {
  return enforcementLevel === "mandatory" ? "error" : enforcementLevel === "disabled" ? "none" : "warning";
}

function rule(p: ReportPolicy) {
  const remediation = p.remediation ? `\n\nRemediation: ${p.remediation}` : "";
  const frameworks = p.frameworks.length ? `\n\nFrameworks: ${p.frameworks.join(", ")}` : "";
  const securitySeverity = SECURITY_SEVERITY[p.severity];
  return {
    id: p.name,
    name: p.name,
    shortDescription: { text: p.description },
    fullDescription: { text: p.description },
    help: {
      text: `${p.description}${remediation}${frameworks}`,
      markdown: `${p.description}${p.remediation ? `\n\n**Remediation:** ${p.remediation}` : ""}${p.frameworks.length ? `\n\n**Frameworks:** ${p.frameworks.join(", ")}` : ""}`,
    },
    ...(p.url ? { helpUri: p.url } : {}),
    defaultConfiguration: { level: level(p.enforcementLevel) },
    properties: {
      tags: [...(p.area ? [p.area] : []), ...p.frameworks, p.severity],
      ...(securitySeverity ? { "security-severity": securitySeverity } : {}),
    },
  };
}

function physicalLocation(uri: string, line: number) {
  return { artifactLocation: { uri }, region: { startLine: line } };
}

function location(review: Review, f: Finding, manifestOf: Map<string, ManifestRef>, productOf: Map<string, string | undefined>) {
  const manifest = f.domain ? manifestOf.get(f.domain) : undefined;
  const product = f.urn ? productOf.get(f.urn) : undefined;
  const physical = f.location
    ? physicalLocation(f.location.file, f.location.line)
    : manifest
    ? physicalLocation(manifest.file, (product && manifest.productLines[product]) || manifest.line)
    : physicalLocation(review.program, 1);
  return { physicalLocation: physical, ...(f.urn ? { logicalLocations: [{ fullyQualifiedName: f.urn, kind: "resource" }] } : {}) };
}

// A change finding without a resource (a contract, a product) is told apart by its domain and message.
function fingerprint(f: Finding): string {
  const about = f.location && f.urn === undefined ? `\0${f.domain ?? ""}\0${f.message}` : "";
  return createHash("sha256").update(`${f.policyPack}\0${f.policy}\0${f.urn ?? ""}${about}`).digest("hex");
}

function results(review: Review, packName: string, ruleIndex: Map<string, number>) {
  const manifestOf = new Map(review.manifests.map((m) => [m.domain, m]));
  const productOf = new Map(review.resources.map((r) => [r.urn, r.product]));
  return review.findings
    .filter((f) => f.policyPack === packName)
    .map((f) => ({
      ruleId: f.policy,
      ...(ruleIndex.has(f.policy) ? { ruleIndex: ruleIndex.get(f.policy) } : {}),
      level: level(f.enforcementLevel),
      message: { text: f.message },
      locations: [location(review, f, manifestOf, productOf)],
      partialFingerprints: { "meshkitFinding/v1": fingerprint(f) },
      ...(f.exemption ? { suppressions: [{ kind: "external", status: "accepted", justification: f.exemption.reason }] } : {}),
      properties: { severity: f.severity, enforcementLevel: f.enforcementLevel, frameworks: f.frameworks, stack: review.stack, ...(f.domain ? { domain: f.domain } : {}) },
    }));
}

/** One run for a pack: its policies as rules, the findings of every review as results. */
function packRun(pack: { name: string; version: string }, policies: readonly ReportPolicy[], reviews: readonly Review[], properties: Record<string, unknown>) {
  const index = new Map(policies.map((p, i) => [p.name, i]));
  return {
    tool: { driver: { name: pack.name, version: pack.version, rules: policies.map(rule) } },
    results: reviews.flatMap((r) => results(r, pack.name, index)),
    properties,
  };
}

export function sarifReport(review: Review): string {
  const runs = review.packs.map((pack) =>
    packRun(pack, review.policies.filter((p) => p.policyPack === pack.name), [review], { stack: review.stack, project: review.project }),
  );
  return sarifLog(runs);
}

/**
 * Many reviews in one log, as code scanning takes one upload: still one run per pack, its rules the
 * policies any review ran, its results every review's, each naming its stack; the manifest problems
 * of stopped reviews in one more run, as `validate` reports them.
 */
export function mergedSarifReport(merged: MergedReview): string {
  const packs = new Map<string, { name: string; version: string }>();
  for (const r of merged.reviews) for (const p of r.packs) packs.set(`${p.name}@${p.version}`, p);
  const runs: unknown[] = [...packs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, pack]) => {
      const reviews = merged.reviews.filter((r) => r.packs.some((p) => p.name === pack.name && p.version === pack.version));
      const policies = new Map<string, ReportPolicy>();
      for (const r of reviews) for (const p of r.policies) if (p.policyPack === pack.name && !policies.has(p.name)) policies.set(p.name, p);
      const ordered = [...policies.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return packRun(pack, ordered, reviews, { stacks: reviews.map((r) => r.stack), projects: [...new Set(reviews.map((r) => r.project))].sort() });
    });
  if (merged.stopped.length > 0) runs.push(manifestRun(merged.stopped));
  return sarifLog(runs);
}
