/** Turns zod's issues into manifest issues: pinned to the YAML, worded for the person editing it. */
import type { Document, LineCounter } from "yaml";
import { z } from "zod";
import { fieldPath, NOT_A_MANIFEST, type ManifestIssue } from "./errors";
import { closestWord } from "./closestWord";
import { fieldPlace, keyPlace } from "./positions";
import { domainManifestSchema } from "./schema";
import { keysAt, schemaAt } from "./schemaAt";

export function toIssues(issue: z.core.$ZodIssue, doc: Document, file: string, lineCounter: LineCounter): ManifestIssue[] {
  if (issue.code === "unrecognized_keys") {
    // Point at each unknown key itself, so the editor lands on the word to delete.
    const allowed = keysAt(domainManifestSchema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = closestWord(key, allowed);
      return {
        file,
        ...keyPlace(doc, issue.path, key, lineCounter),
        path: fieldPath([...issue.path, key]),
        message: `unknown field "${key}"` + (suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`),
      };
    });
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors[0].length > 0) {
    return toIssues(issue.errors[0][0], doc, file, lineCounter);
  }
  return [{ file, ...fieldPlace(doc, issue.path, lineCounter), path: fieldPath(issue.path), message: describe(issue) }];
}

function describe(issue: z.core.$ZodIssue): string {
  const missing = (issue.code === "invalid_type" || issue.code === "invalid_value") && issue.input === undefined;
  if (issue.path.length === 0 && (missing || issue.input === null)) {
    return "the manifest is empty; it must be a map with apiVersion, kind, metadata and spec";
  }
  if (missing) return "is required";
  if (issue.code === "invalid_type") {
    if (issue.path.length === 0) {
      if (typeof issue.input === "string") return `${NOT_A_MANIFEST}; it reads as plain text`;
      return `the manifest must be a map with apiVersion, kind, metadata and spec, not ${describeValue(issue.input)}`;
    }
    const hint = issue.expected === "string" && isScalarValue(issue.input) ? ` (${asTextHint(issue.path, String(issue.input))})` : "";
    return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}${hint}`;
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.length > 1 ? `must be one of ${issue.values.map((v) => String(v)).join(" | ")}` : issue.message;
    return `${allowed}, not ${describeValue(issue.input)}`;
  }
  return issue.message;
}

/**
 * What to write instead of a number or boolean where text belongs: quoting it, if the quoted value
 * is then valid; otherwise what the field must look like, so the hint never leads to another error.
 */
function asTextHint(path: readonly PropertyKey[], text: string): string {
  const field = schemaAt(domainManifestSchema, path);
  const quoted = field === undefined ? undefined : z.safeParse(field, text);
  return quoted === undefined || quoted.success ? `quote it: "${text}"` : quoted.error.issues[0].message;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map",
  array: "a list",
};

function isScalarValue(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean";
}

/** How a value reads in an error: quoted text, a literal number, or its YAML shape. */
function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}
