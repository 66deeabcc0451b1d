// SARIF 2.1.0 for code scanning: one run per policy pack (its tool), the pack's policies as rules with
// help from description and remediation, findings as results (mandatory → error, else warning), located
// logically by URN and physically at the domain manifest the resource comes from (the product's entry
// when known), else at the program; a change finding at the manifest line its change is made on. Exempted
// findings are results with an accepted suppression.
import { createHash } from "crypto";
import type { Finding, ManifestRef, Review, ReportPolicy, SeverityName } from "../review/model";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

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

export function sarifReport(review: Review): string {
  const manifestOf = new Map(review.manifests.map((m) => [m.domain, m]));
  const productOf = new Map(review.resources.map((r) => [r.urn, r.product]));
  const runs = review.packs.map((pack) => {
    const policies = review.policies.filter((p) => p.policyPack === pack.name);
    const index = new Map(policies.map((p, i) => [p.name, i]));
    const results = review.findings
      .filter((f) => f.policyPack === pack.name)
      .map((f) => ({
        ruleId: f.policy,
        ...(index.has(f.policy) ? { ruleIndex: index.get(f.policy) } : {}),
        level: level(f.enforcementLevel),
        message: { text: f.message },
        locations: [location(review, f, manifestOf, productOf)],
        partialFingerprints: { "meshkitFinding/v1": fingerprint(f) },
        ...(f.exemption ? { suppressions: [{ kind: "external", status: "accepted", justification: f.exemption.reason }] } : {}),
        properties: { severity: f.severity, enforcementLevel: f.enforcementLevel, frameworks: f.frameworks, stack: review.stack, ...(f.domain ? { domain: f.domain } : {}) },
      }));
    return {
      tool: { driver: { name: pack.name, version: pack.version, rules: policies.map(rule) } },
      results,
      properties: { stack: review.stack, project: review.project },
    };
  });
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs }, null, 2) + "\n";
}
