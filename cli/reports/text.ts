// The review for a terminal: findings grouped by domain and severity, then a one-line verdict.
import type { Review } from "../review/model";
import { ACTIONS, changesByDomain, contractVerdict } from "./changeSummary";
import { byDomainAndSeverity, levelWord, resourceLabel } from "./grouping";

const MARK: Record<string, string> = { mandatory: "✖", exempted: "○" };

// Per domain: data-loss warnings first, then what happens to resources, then the contract verdicts.
function changeSection(review: Review): string[] {
  if (review.changes === undefined) return [];
  const { revision, commit } = review.changes.base;
  const lines = ["", `Change against ${revision} (${commit.slice(0, 12)}):`];
  const domains = changesByDomain(review);
  if (domains.length === 0) lines.push("  no resource or contract changes");
  for (const d of domains) {
    lines.push(`  ${d.domain}`);
    for (const f of d.dataLoss) lines.push(`    ${MARK[levelWord(f)] ?? "!"} ${levelWord(f).padEnd(10)} ${f.message}`);
    lines.push(`    resources: ${ACTIONS.map((a) => `${d.counts[a]} ${a}`).join(", ")}`);
    for (const c of d.contracts) lines.push(`    contract ${contractVerdict(c)}`);
  }
  return lines;
}

export function textReport(review: Review): string {
  const lines: string[] = [];
  const packs = review.packs.map((p) => `${p.name}@${p.version}`).join(", ");
  lines.push(`Review of stack ${review.stack} (project ${review.project}): ${review.summary.resources} resources, policy packs ${packs}`);
  lines.push(...changeSection(review));
  for (const group of byDomainAndSeverity(review.findings)) {
    lines.push("", group.domain);
    for (const { severity, findings } of group.severities) {
      lines.push(`  ${severity}`);
      for (const f of findings) {
        const level = levelWord(f);
        lines.push(`    ${MARK[level] ?? "!"} ${level.padEnd(10)} ${f.policy}  ${resourceLabel(review, f.urn)}`);
        lines.push(`      ${f.message.split("\n").join("\n      ")}`);
        if (f.exemption) {
          const by = [f.exemption.owner && `owner ${f.exemption.owner}`, f.exemption.expires && `until ${f.exemption.expires}`].filter(Boolean).join(", ");
          lines.push(`      exempted: ${f.exemption.reason}${by ? ` (${by})` : ""}`);
        }
      }
    }
  }
  const { mandatory, advisory, exempted } = review.summary;
  lines.push("", `${mandatory} mandatory, ${advisory} advisory, ${exempted} exempted: ${mandatory > 0 ? "FAILED" : "passed"}`);
  return lines.join("\n") + "\n";
}
