// Manifest problems in every report format, so a bad manifest reaches the same places a policy finding
// does (the terminal, the PR comment, code scanning, test tabs, tools). `validate` reports every check
// this way; `review` does when the stack's manifests stop it before the program runs.
import * as path from "path";
import { z } from "zod";
import { formatIssue, formatWarning, type ManifestIssue } from "../../components/manifest";
import { cell } from "./markdown";
import { sarifLog } from "./sarifLog";
import { xml } from "./xml";

export interface ManifestCheck {
  /** What was checked: `meshkit validate`, or the review of a stack. */
  title: string;
  stack?: string;
  /** Every manifest checked, relative to the project directory. */
  files: string[];
  /** Their problems, in the loader's order, each file relative to the project directory. */
  issues: ManifestIssue[];
  /**
   * Advice that fails nothing, located like the problems: previous majors past their sunset, schema
   * fields that look personal but carry no PII annotation.
   */
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

/** The title of a review that its stack's manifests stopped. */
export function stoppedReviewTitle(stack: string): string {
  return `meshkit review: \`${stack}\``;
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

function located({ file, line, column, path: field, message }: ManifestIssue): ManifestIssue {
  return { file, line, column, path: field, message };
}

/** The JSON shape of a check; `checkFromJson` reads it back. */
const LOCATED_ISSUE = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), path: z.string(), message: z.string() });

export const MANIFEST_CHECK_JSON = z.object({
  stack: z.string().optional(),
  manifests: z.array(z.object({ file: z.string(), valid: z.boolean() })),
  problems: z.array(LOCATED_ISSUE),
  warnings: z.array(LOCATED_ISSUE).optional(),
  summary: z.object({ manifests: z.number().int(), invalid: z.number().int(), problems: z.number().int(), warnings: z.number().int().optional() }),
});

export type ManifestCheckJson = z.infer<typeof MANIFEST_CHECK_JSON>;

/** The check as its JSON document. */
export function checkJson(check: ManifestCheck): ManifestCheckJson {
  return {
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
}

function jsonReport(check: ManifestCheck): string {
  return JSON.stringify(checkJson(check), null, 2) + "\n";
}

export function checkFromJson(doc: ManifestCheckJson): ManifestCheck {
  const title = doc.stack === undefined ? "meshkit validate" : stoppedReviewTitle(doc.stack);
  return { title, ...(doc.stack !== undefined ? { stack: doc.stack } : {}), files: doc.manifests.map((m) => m.file), issues: doc.problems, warnings: doc.warnings ?? [] };
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

/** Every check's problems (errors) and warnings as one SARIF run of the `meshkit-manifest` rule, at file, line and column. */
export function manifestRun(checks: readonly ManifestCheck[]) {
  const results = checks.flatMap((check) =>
    [...check.issues.map((i) => ({ i, level: "error" })), ...check.warnings.map((i) => ({ i, level: "warning" }))].map(({ i, level }) => ({
      ruleId: RULE_ID,
      ruleIndex: 0,
      level,
      message: { text: i.path ? `${i.path}: ${i.message}` : i.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: i.file }, region: { startLine: i.line, startColumn: i.column } } }],
      ...(check.stack !== undefined ? { properties: { stack: check.stack } } : {}),
    })),
  );
  const rule = { id: RULE_ID, name: RULE_ID, shortDescription: { text: RULE_TEXT }, defaultConfiguration: { level: "error" } };
  return { tool: { driver: { name: "meshkit", rules: [rule] } }, results };
}

function sarifReport(check: ManifestCheck): string {
  return sarifLog([manifestRun([check])]);
}

/** A JUnit case per manifest, failed with its problems; `name` names the case after the file. */
export function manifestTestCases(check: ManifestCheck, name: (file: string) => string = (file) => file): { xml: string; failed: boolean; skipped: boolean }[] {
  return check.files.map((file) => {
    const head = `    <testcase classname="meshkit.manifests" name="${xml(name(file))}"`;
    const issues = issuesOf(check, file);
    if (issues.length === 0) return { xml: `${head}/>`, failed: false, skipped: false };
    const failure = `<failure message="${xml(formatIssue(issues[0]))}" type="invalid">${xml(issues.map(formatIssue).join("\n"))}</failure>`;
    return { xml: `${head}>\n      ${failure}\n    </testcase>`, failed: true, skipped: false };
  });
}

function junitReport(check: ManifestCheck): string {
  const cases = manifestTestCases(check);
  // Warnings fail nothing and may sit in schema files rather than manifests: the suite's output lists them.
  const warnings = check.warnings.length === 0 ? [] : [`    <system-out>${xml(check.warnings.map(formatWarning).join("\n"))}</system-out>`];
  const counts = `tests="${cases.length}" failures="${cases.filter((c) => c.failed).length}" errors="0" skipped="0"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(check.title)}" ${counts}>`,
    `  <testsuite name="manifests" ${counts}>`,
    ...cases.map((c) => c.xml),
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
