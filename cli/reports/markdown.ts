// The review as a pull-request comment: verdict, a summary table by domain, findings with their
// remediation (mandatory first, the rest folded), and a Mermaid diagram of declared domain access.
// GitHub refuses comments over 65,536 characters, so findings stop at a budget with a count of the rest.
import { isMandatory, type Finding, type Review } from "../review/model";
import { ACTIONS, changesByDomain } from "./changeSummary";
import { accessDiagram } from "./mermaid";
import { byDomainAndSeverity, domainsInOrder, levelWord, NO_DOMAIN, resourceLabel } from "./grouping";

const FINDINGS_BUDGET = 55_000;

function text(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
}

/** Text for a Markdown table cell: markup escaped, one line. */
export function cell(s: string): string {
  return text(s).replace(/\|/g, "\\|");
}

function code(s: string): string {
  return "`" + s.replace(/`/g, "'") + "`";
}

function summaryTable(review: Review): string[] {
  const domains = domainsInOrder([...review.resources.map((r) => r.domain), ...review.findings.map((f) => f.domain)]);
  const rows = ["| domain | resources | mandatory | advisory | exempted |", "|---|---:|---:|---:|---:|"];
  for (const d of domains) {
    const fs = review.findings.filter((f) => (f.domain ?? NO_DOMAIN) === d);
    rows.push(
      `| ${cell(d)} | ${review.resources.filter((r) => (r.domain ?? NO_DOMAIN) === d).length} | ${fs.filter(isMandatory).length} | ${fs.filter((f) => !f.exempted && !isMandatory(f)).length} | ${fs.filter((f) => f.exempted).length} |`,
    );
  }
  const s = review.summary;
  rows.push(`| **total** | **${s.resources}** | **${s.mandatory}** | **${s.advisory}** | **${s.exempted}** |`);
  return rows;
}

function findingBlock(review: Review, f: Finding): string {
  const policy = review.policies.find((p) => p.policyPack === f.policyPack && p.name === f.policy);
  const lines = [
    `- **${code(f.policy)}** (${f.severity}, ${levelWord(f)}) on ${code(resourceLabel(review, f.urn))}${f.domain ? ` in ${cell(f.domain)}` : ""}`,
    `  ${text(f.message)}`,
  ];
  if (policy?.remediation) lines.push(`  *Remediation:* ${text(policy.remediation)}`);
  if (f.frameworks.length > 0) lines.push(`  *Frameworks:* ${f.frameworks.join(", ")}`);
  if (f.exemption) {
    const by = [f.exemption.owner && `owner ${f.exemption.owner}`, f.exemption.expires && `until ${f.exemption.expires}`].filter(Boolean).join(", ");
    lines.push(`  *Exempted:* ${text(f.exemption.reason)}${by ? ` (${text(by)})` : ""}`);
  }
  return lines.join("\n");
}

/** Blocks that fit the remaining budget, and a line saying how many did not. */
function section(review: Review, list: Finding[], budget: { left: number }): string[] {
  const findings = byDomainAndSeverity(list).flatMap((g) => g.severities.flatMap((s) => s.findings));
  const out: string[] = [];
  for (const [i, f] of findings.entries()) {
    const block = findingBlock(review, f);
    if (block.length > budget.left) {
      out.push(`- … and ${findings.length - i} more; see the JSON or SARIF report.`);
      break;
    }
    budget.left -= block.length;
    out.push(block);
  }
  return out;
}

// Data-loss warnings first, then a table of resource changes by domain, then the contract verdicts.
function changeSection(review: Review): string[] {
  if (review.changes === undefined) return [];
  const { revision, commit } = review.changes.base;
  const domains = changesByDomain(review);
  const lines = ["", `### Change against ${code(revision)} (${code(commit.slice(0, 12))})`, ""];
  if (domains.length === 0) return [...lines, "No resource or contract changes."];
  const dataLoss = domains.flatMap((d) => d.dataLoss);
  if (dataLoss.length > 0) {
    lines.push("**Data loss**", "", ...dataLoss.map((f) => `- ${isMandatory(f) ? "❌" : "⚠️"} ${text(f.message)} (${levelWord(f)})`), "");
  }
  lines.push(`| domain | ${ACTIONS.join(" | ")} |`, `|---|${ACTIONS.map(() => "---:").join("|")}|`);
  for (const d of domains) lines.push(`| ${cell(d.domain)} | ${ACTIONS.map((a) => d.counts[a]).join(" | ")} |`);
  const contracts = domains.flatMap((d) => d.contracts.map((c) => ({ d, c })));
  if (contracts.length > 0) {
    lines.push("", "| domain | product | version | compatibility | verdict |", "|---|---|---|---|---|");
    for (const { d, c } of contracts) {
      const verdict = c.compatible ? "✅ compatible" : `❌ ${c.reasons.join("; ")}`;
      lines.push(`| ${cell(d.domain)} | ${cell(c.product)} | ${cell(`${c.fromVersion} → ${c.toVersion}`)} | ${cell(c.compatibility)} | ${cell(verdict)} |`);
    }
  }
  return lines;
}

export function markdownReport(review: Review): string {
  const s = review.summary;
  const verdict = s.mandatory > 0 ? `❌ ${s.mandatory} mandatory violation${s.mandatory === 1 ? "" : "s"}` : "✅ no mandatory violations";
  const packs = review.packs.map((p) => `${code(p.name)} ${p.version}`).join(", ");
  const lines = [
    `## meshkit review: ${code(review.stack)}`,
    "",
    `**${verdict}** · ${s.advisory} advisory · ${s.exempted} exempted · ${s.resources} resources in ${code(review.project)} · policy packs ${packs}`,
    "",
    ...summaryTable(review),
    ...changeSection(review),
  ];
  const budget = { left: FINDINGS_BUDGET };
  const mandatory = review.findings.filter(isMandatory);
  const advisory = review.findings.filter((f) => !f.exempted && !isMandatory(f));
  const exempted = review.findings.filter((f) => f.exempted);
  if (mandatory.length > 0) lines.push("", "### Mandatory violations", "", ...section(review, mandatory, budget));
  for (const [title, list] of [["Advisory findings", advisory], ["Exempted findings", exempted]] as const) {
    if (list.length === 0) continue;
    lines.push("", `<details><summary>${title} (${list.length})</summary>`, "", ...section(review, list, budget), "", "</details>");
  }
  if (review.grants.length > 0) {
    lines.push("", "### Domain access", "", "```mermaid", accessDiagram(review.grants), "```");
  }
  return lines.join("\n") + "\n";
}
