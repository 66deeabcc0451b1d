// The review as a pull-request comment: verdict, a summary table by domain, findings with their
// remediation (mandatory first, the rest folded), and a Mermaid diagram of declared domain access.
// GitHub refuses comments over 65,536 characters, so findings stop at a budget with a count of the rest.
// A merged report of many reviews (a CI matrix) reads the same, with a table by stack instead.
import type { Grant } from "../../components/grants/accessModel";
import type { ContractChange } from "../changes/model";
import type { MergedReview } from "../merge/mergedReview";
import { isMandatory, type Finding, type Review } from "../review/model";
import { ACTIONS, changesByDomain } from "./changeSummary";
import { accessDiagram } from "./mermaid";
import { byDomainAndSeverity, domainsInOrder, levelWord, NO_DOMAIN, resourceLabel } from "./grouping";

const FINDINGS_BUDGET = 55_000;
/** GitHub's limit on a comment, and the share of it a merged report's table of stacks may take. */
const COMMENT_LIMIT = 65_536;
const STACK_TABLE_BUDGET = 8_000;
/** The share a merged report's changes (data loss, resource counts, contract verdicts) may take. */
const CHANGES_BUDGET = 8_000;

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

/** A finding with its remediation; `withStack` names the review's stack, as a merged report must. */
function findingBlock(review: Review, f: Finding, withStack = false): string {
  const policy = review.policies.find((p) => p.policyPack === f.policyPack && p.name === f.policy);
  const stack = withStack && f.urn !== undefined ? ` (stack ${code(review.stack)})` : "";
  const lines = [
    `- **${code(f.policy)}** (${f.severity}, ${levelWord(f)}) on ${code(resourceLabel(review, f.urn))}${f.domain ? ` in ${cell(f.domain)}` : ""}${stack}`,
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

/** Findings in report order: by domain, then severity, then level. */
function inOrder(list: readonly Finding[]): Finding[] {
  return byDomainAndSeverity(list).flatMap((g) => g.severities.flatMap((s) => s.findings));
}

const MORE = (n: number) => `… and ${n} more; see the JSON or SARIF report.`;

/** As many of `blocks` as fit in `budget`, then `rest(n)` for the n left out. */
function section(blocks: readonly (() => string)[], budget: { left: number }, rest = (n: number) => `- ${MORE(n)}`): string[] {
  const out: string[] = [];
  for (const [i, block] of blocks.entries()) {
    const text = block();
    if (text.length > budget.left) {
      out.push(rest(blocks.length - i));
      break;
    }
    budget.left -= text.length;
    out.push(text);
  }
  return out;
}

function verdictOf(mandatory: number): string {
  return mandatory > 0 ? `❌ ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}` : "✅ no mandatory violations";
}

/** The three finding sections: mandatory open, the rest folded; `blocksOf` renders the findings of a kind. */
function findingSections(blocksOf: (kind: (f: Finding) => boolean) => (() => string)[], budget: { left: number }): string[] {
  const lines: string[] = [];
  const mandatory = blocksOf(isMandatory);
  if (mandatory.length > 0) lines.push("", "### Mandatory violations", "", ...section(mandatory, budget));
  const folded = [
    ["Advisory findings", blocksOf((f) => !f.exempted && !isMandatory(f))],
    ["Exempted findings", blocksOf((f) => f.exempted)],
  ] as const;
  for (const [title, blocks] of folded) {
    if (blocks.length === 0) continue;
    lines.push("", `<details><summary>${title} (${blocks.length})</summary>`, "", ...section(blocks, budget), "", "</details>");
  }
  return lines;
}

function packList(packs: readonly { name: string; version: string }[]): string {
  return packs.map((p) => `${code(p.name)} ${p.version}`).join(", ");
}

/** A contract verdict's product, version, compatibility and verdict cells. */
function contractCells(c: ContractChange): string {
  const verdict = c.compatible ? "✅ compatible" : `❌ ${c.reasons.join("; ")}`;
  return `${cell(c.product)} | ${cell(`${c.fromVersion} → ${c.toVersion}`)} | ${cell(c.compatibility)} | ${cell(verdict)}`;
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
    for (const { d, c } of contracts) lines.push(`| ${cell(d.domain)} | ${contractCells(c)} |`);
  }
  return lines;
}

export function markdownReport(review: Review): string {
  const s = review.summary;
  const lines = [
    `## meshkit review: ${code(review.stack)}`,
    "",
    `**${verdictOf(s.mandatory)}** · ${s.advisory} advisory · ${s.exempted} exempted · ${s.resources} resources in ${code(review.project)} · policy packs ${packList(review.packs)}`,
    "",
    ...summaryTable(review),
    ...changeSection(review),
  ];
  const blocks = (kind: (f: Finding) => boolean) => inOrder(review.findings.filter(kind)).map((f) => () => findingBlock(review, f));
  lines.push(...findingSections(blocks, { left: FINDINGS_BUDGET }));
  if (review.grants.length > 0) {
    lines.push("", "### Domain access", "", "```mermaid", accessDiagram(review.grants), "```");
  }
  return lines.join("\n") + "\n";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A row per stack while they fit; past the budget, only stacks with findings, as many as fit. */
function stackTable(merged: MergedReview): string[] {
  const row = (r: Review) => `| ${code(r.stack)} | ${r.summary.resources} | ${r.summary.mandatory} | ${r.summary.advisory} | ${r.summary.exempted} |`;
  const all = merged.reviews.map(row);
  const fitsAll = all.reduce((n, x) => n + x.length + 1, 0) <= STACK_TABLE_BUDGET;
  const candidates = fitsAll ? merged.reviews : merged.reviews.filter((r) => r.findings.length > 0);
  const shown: string[] = [];
  let left = STACK_TABLE_BUDGET;
  for (const r of candidates) {
    const text = row(r);
    if (text.length + 1 > left) break;
    left -= text.length + 1;
    shown.push(text);
  }
  const hidden = all.length - shown.length;
  const quiet = merged.reviews.filter((r) => r.findings.length === 0).length;
  const note = hidden > 0 ? [`| … ${plural(hidden, "more stack")} (${quiet} without findings) | | | | |`] : [];
  const s = merged.summary;
  return [
    "| stack | resources | mandatory | advisory | exempted |",
    "|---|---:|---:|---:|---:|",
    ...shown,
    ...note,
    `| **total** | **${s.resources}** | **${s.mandatory}** | **${s.advisory}** | **${s.exempted}** |`,
  ];
}

/**
 * The reviews' changes against their bases (`review --base`), as one review's comment shows them but
 * with the stack on every row: data loss first, then resource changes by stack and domain, then the
 * contract verdicts, breaking ones first, while they fit in CHANGES_BUDGET (the findings get what it
 * leaves).
 */
function mergedChangeSection(merged: MergedReview): string[] {
  const changed = merged.reviews.filter((r) => r.changes !== undefined);
  if (changed.length === 0) return [];
  const bases = [...new Set(changed.map((r) => `${code(r.changes!.base.revision)} (${code(r.changes!.base.commit.slice(0, 12))})`))];
  const title = bases.length === 1 ? `### Change against ${bases[0]}` : `### Change against ${bases.length} bases`;
  const perDomain = changed.flatMap((r) => changesByDomain(r).map((d) => ({ stack: r.stack, d })));
  if (perDomain.length === 0) return ["", title, "", `No resource or contract changes in ${plural(changed.length, "reviewed stack")}.`];
  const budget = { left: CHANGES_BUDGET };
  const lines = ["", title];
  const dataLoss = perDomain.flatMap(({ stack, d }) => d.dataLoss.map((f) => `- ${isMandatory(f) ? "❌" : "⚠️"} ${code(stack)}: ${text(f.message)} (${levelWord(f)})`));
  if (dataLoss.length > 0) lines.push("", "**Data loss**", "", ...section(thunks(dataLoss), budget));
  const counted = perDomain.filter(({ d }) => ACTIONS.some((a) => d.counts[a] > 0));
  if (counted.length > 0) {
    const rows = counted.map(({ stack, d }) => `| ${code(stack)} | ${cell(d.domain)} | ${ACTIONS.map((a) => d.counts[a]).join(" | ")} |`);
    lines.push("", `| stack | domain | ${ACTIONS.join(" | ")} |`, `|---|---|${ACTIONS.map(() => "---:").join("|")}|`);
    lines.push(...section(thunks(rows), budget, (n) => `| … | ${MORE(n)} | ${ACTIONS.map(() => "").join(" | ")} |`));
  }
  const contracts = perDomain
    .flatMap(({ stack, d }) => d.contracts.map((c) => ({ stack, d, c })))
    .sort((a, b) => Number(a.c.compatible) - Number(b.c.compatible));
  if (contracts.length > 0) {
    const rows = contracts.map(({ stack, d, c }) => `| ${code(stack)} | ${cell(d.domain)} | ${contractCells(c)} |`);
    lines.push("", "| stack | domain | product | version | compatibility | verdict |", "|---|---|---|---|---|---|");
    lines.push(...section(thunks(rows), budget, (n) => `| … | | | | | ${MORE(n)} |`));
  }
  return lines;
}

const thunks = (rows: readonly string[]) => rows.map((r) => () => r);

function problemRows(merged: MergedReview, budget: { left: number }): string[] {
  const rows = merged.stopped.flatMap((c) =>
    c.issues.map((i) => `| ${code(c.stack ?? c.title)} | ${code(i.file)} | ${i.line}:${i.column} | ${i.path ? code(i.path) : "—"} | ${cell(i.message)} |`),
  );
  if (rows.length === 0) return [];
  const shown = section(thunks(rows), budget, (n) => `| … | | | | ${MORE(n)} |`);
  return ["", "### Manifest problems", "", "| stack | manifest | line | field | problem |", "|---|---|---:|---|---|", ...shown];
}

function uniqueGrants(merged: MergedReview): Grant[] {
  const byKey = new Map<string, Grant>();
  for (const g of merged.reviews.flatMap((r) => r.grants)) byKey.set(JSON.stringify([g.principalDomain, g.role, g.productDomain, g.product]), g);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** One comment for many reviews: verdict, a table by stack, manifest problems, findings, domain access. */
export function mergedMarkdownReport(merged: MergedReview): string {
  const s = merged.summary;
  const packs = new Map(merged.reviews.flatMap((r) => r.packs).map((p) => [`${p.name}@${p.version}`, p]));
  const projects = [...new Set(merged.reviews.map((r) => r.project))].sort();
  const problems = s.problems > 0 ? ` · ❌ ${plural(s.problems, "manifest problem")} in ${plural(merged.stopped.length, "stack")}` : "";
  const lines = [
    `## meshkit review: ${plural(s.stacks, "stack")}`,
    "",
    `**${verdictOf(s.mandatory)}${problems}** · ${s.advisory} advisory · ${s.exempted} exempted · ${s.resources} resources in ${projects.map(code).join(", ") || "no project"} · policy packs ${packList([...packs.keys()].sort().map((k) => packs.get(k)!))}`,
    "",
    ...stackTable(merged),
  ];
  const changes = mergedChangeSection(merged);
  lines.push(...changes);
  const budget = { left: FINDINGS_BUDGET - STACK_TABLE_BUDGET - changes.join("\n").length };
  lines.push(...problemRows(merged, budget));
  const blocks = (kind: (f: Finding) => boolean) => merged.reviews.flatMap((r) => inOrder(r.findings.filter(kind)).map((f) => () => findingBlock(r, f, true)));
  lines.push(...findingSections(blocks, budget));
  const grants = uniqueGrants(merged);
  if (grants.length > 0) {
    const diagram = ["", "### Domain access", "", "```mermaid", accessDiagram(grants), "```"];
    const used = lines.join("\n").length;
    if (used + diagram.join("\n").length + 1 < COMMENT_LIMIT) lines.push(...diagram);
    else lines.push("", "### Domain access", "", `The access diagram of ${plural(new Set(grants.map((g) => g.productDomain)).size, "domain")} is too large for a comment; \`meshkit access --stack NAME --format markdown\` shows a stack's.`);
  }
  return lines.join("\n") + "\n";
}
