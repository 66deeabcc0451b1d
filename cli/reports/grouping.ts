// Findings grouped by domain, then severity, and how a finding names its resource: shared by the text and
// Markdown reports so both read the same way.
import { SEVERITY_ORDER, type Finding, type Review, type SeverityName } from "../review/model";

/** Findings outside every domain (platform resources, stack-wide findings) are grouped last under this. */
export const NO_DOMAIN = "(outside any domain)";

export interface DomainGroup {
  domain: string;
  severities: { severity: SeverityName; findings: Finding[] }[];
}

const LEVEL_RANK: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };

function rank(f: Finding): number {
  return f.exempted ? 9 : (LEVEL_RANK[f.enforcementLevel] ?? 5);
}

/** Each domain once, by name, with everything outside any domain (`undefined`) last as NO_DOMAIN. */
export function domainsInOrder(domains: Iterable<string | undefined>): string[] {
  const named = new Set<string>();
  let outside = false;
  for (const d of domains) {
    if (d === undefined || d === NO_DOMAIN) outside = true;
    else named.add(d);
  }
  return [...[...named].sort(), ...(outside ? [NO_DOMAIN] : [])];
}

export function byDomainAndSeverity(findings: readonly Finding[]): DomainGroup[] {
  const domains = domainsInOrder(findings.map((f) => f.domain));
  return domains.map((domain) => ({
    domain,
    severities: SEVERITY_ORDER.map((severity) => ({
      severity,
      // Stable sort keeps the model's order within a level.
      findings: findings.filter((f) => (f.domain ?? NO_DOMAIN) === domain && f.severity === severity).sort((a, b) => rank(a) - rank(b)),
    })).filter((g) => g.findings.length > 0),
  }));
}

/** `type name` of the finding's resource, or `stack <name>` for a finding on no resource. */
const indexes = new WeakMap<Review, Map<string, Review["resources"][number]>>();

export function resourceLabel(review: Review, urn: string | undefined): string {
  if (urn === undefined) return `stack ${review.stack}`;
  let index = indexes.get(review);
  if (!index) indexes.set(review, (index = new Map(review.resources.map((x) => [x.urn, x]))));
  const r = index.get(urn);
  return r ? `${r.type} ${r.name}` : urn;
}

/** What a finding is, in a word: its enforcement level, or `exempted`. */
export function levelWord(f: Finding): string {
  return f.exempted ? "exempted" : f.enforcementLevel;
}
