// Manifest problems in every report format, so a bad manifest reaches the same places a policy finding
// does (the terminal, the PR comment, code scanning, test tabs, tools). `validate` reports every check
// this way; `review` does when the stack's manifests stop it before the program runs.
import * as path from "path";
import { formatIssue, formatWarning, type ManifestIssue } from "../../components/manifest";
import { cell } from "./markdown";
import { SARIF_SCHEMA } from "./sarif";
import { xml } from "./xml";

export interface ManifestCheck {
  /** What was checked: `meshkit validate`, or the review of a stack. */
  title: string;
  stack?: string;
  /** Every manifest checked, relative to the project directory. */
  files: string[];
  /** Their problems, in the loader's order, each file relative to the project directory. */
  issues: ManifestIssue[];
  /** Problems that do not fail the check (a schema file's field that looks personal but is not annotated). */
  warnings: ManifestIssue[];
}

const RULE_ID = "meshkit-manifest";
const RULE_TEXT = "Domain manifests follow the manifest schema and its cross-field rules (meshkit schema prints it).";

/** A file as reports name it: relative to the project directory, with forward slashes. */
function projectPath(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)).split(path.sep).join("/");
}

/** A check's result, every file relative to the project directory; a file with problems is always listed. */
export function manifestCheck(
  title: string,
  checked: readonly string[],
  issues: readonly ManifestIssue[],
  options: { stack?: string; warnings?: readonly ManifestIssue[] } = {},
): ManifestCheck {
  const located = issues.map((i) => ({ ...i, file: projectPath(i.file) }));
  const warnings = (options.warnings ?? []).map((w) => ({ ...w, file: projectPath(w.file) }));
  const files = [...new Set([...checked.map(projectPath), ...located.map((i) => i.file)])];
  return { title, ...(options.stack !== undefined ? { stack: options.stack } : {}), files, issues: located, warnings };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `N problems in M manifests`, the one-line reason of a failed check. */
export function problemCount(check: ManifestCheck): string {
  return `${plural(check.issues.length, "problem")} in ${plural(new Set(check.issues.map((i) => i.file)).size, "manifest")}`;
}

function issuesOf(check: ManifestCheck, file: string): ManifestIssue[] {
  return check.issues.filter((i) => i.file === file);
}

function textReport(check: ManifestCheck): string {
  const valid = check.files.filter((f) => issuesOf(check, f).length === 0).map((f) => `ok ${f}`);
  return [...check.issues.map(formatIssue), ...check.warnings.map(formatWarning), ...(check.issues.length === 0 ? valid : [])].join("\n") + "\n";
}

function located({ file, line, column, path: field, message }: ManifestIssue) {
  return { file, line, column, path: field, message };
}

function jsonReport(check: ManifestCheck): string {
  const doc = {
    ...(check.stack !== undefined ? { stack: check.stack } : {}),
    manifests: check.files.map((file) => ({ file, valid: issuesOf(check, file).length === 0 })),
    problems: check.issues.map(located),
    warnings: check.warnings.map(located),
    summary: {
      manifests: check.files.length,
      invalid: new Set(check.issues.map((i) => i.file)).size,
      problems: check.issues.length,
      warnings: check.warnings.length,
    },
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

function markdownRow(i: ManifestIssue): string {
  return `| \`${i.file}\` | ${i.line}:${i.column} | ${i.path ? `\`${i.path}\`` : "—"} | ${cell(i.message)} |`;
}

function markdownReport(check: ManifestCheck): string {
  const verdict = check.issues.length > 0 ? `❌ ${problemCount(check)}` : `✅ ${plural(check.files.length, "manifest")}, no problems`;
  const lines = [`## ${check.title}`, "", `**${verdict}**`];
  if (check.issues.length > 0) {
    lines.push("", "| manifest | line | field | problem |", "|---|---:|---|---|");
    for (const i of check.issues) lines.push(markdownRow(i));
  }
  if (check.warnings.length > 0) {
    lines.push("", `⚠️ ${plural(check.warnings.length, "warning")} (not failing the check)`, "", "| file | line | field | warning |", "|---|---:|---|---|");
    for (const w of check.warnings) lines.push(markdownRow(w));
  }
  return lines.join("\n") + "\n";
}

function sarifReport(check: ManifestCheck): string {
  const result = (i: ManifestIssue, level: "error" | "warning") => ({
    ruleId: RULE_ID,
    ruleIndex: 0,
    level,
    message: { text: i.path ? `${i.path}: ${i.message}` : i.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: i.file }, region: { startLine: i.line, startColumn: i.column } } }],
    ...(check.stack !== undefined ? { properties: { stack: check.stack } } : {}),
  });
  const results = [...check.issues.map((i) => result(i, "error")), ...check.warnings.map((w) => result(w, "warning"))];
  const rule = { id: RULE_ID, name: RULE_ID, shortDescription: { text: RULE_TEXT }, defaultConfiguration: { level: "error" } };
  const run = { tool: { driver: { name: "meshkit", rules: [rule] } }, results };
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] }, null, 2) + "\n";
}

function junitReport(check: ManifestCheck): string {
  const cases = check.files.map((file) => {
    const head = `    <testcase classname="meshkit.manifests" name="${xml(file)}"`;
    const issues = issuesOf(check, file);
    if (issues.length === 0) return `${head}/>`;
    return `${head}>\n      <failure message="${xml(formatIssue(issues[0]))}" type="invalid">${xml(issues.map(formatIssue).join("\n"))}</failure>\n    </testcase>`;
  });
  // Warnings sit in schema files rather than manifests and fail nothing: the suite's output lists them.
  const warnings = check.warnings.length === 0 ? [] : [`    <system-out>${xml(check.warnings.map(formatWarning).join("\n"))}</system-out>`];
  const failures = cases.filter((c) => c.includes("<failure")).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="0"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(check.title)}" ${counts}>`,
    `  <testsuite name="manifests" ${counts}>`,
    ...cases,
    ...warnings,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}

export const MANIFEST_FORMATS: Record<string, (check: ManifestCheck) => string> = {
  text: textReport,
  markdown: markdownReport,
  json: jsonReport,
  sarif: sarifReport,
  junit: junitReport,
};
