/**
 * Manifest loading: YAML with line positions → zod → a typed `DomainSpec`, or every issue,
 * each pinned to file, line, column and field path. Never throws on bad input.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import { fieldPath, type ManifestIssue } from "./errors";
import { domainManifestSchema, type DomainSpec } from "./schema";
import { checkProductSchemaFile } from "./productSchemaFile";

export interface LoadedManifest {
  readonly file: string;
  readonly spec: DomainSpec;
}

export type LoadResult = { ok: true; manifest: LoadedManifest } | { ok: false; issues: ManifestIssue[] };

/** Parses one manifest's text; `file` names it in issues and anchors relative schema paths. */
export function parseManifest(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, column: col, path: "", message: `YAML: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  const parsed = domainManifestSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((issue) => toIssues(issue, doc, file, at)) };
  }
  const schemaIssues = parsed.data.spec.products.flatMap((product, i) => {
    if (product.schema === undefined) return [];
    const problem = checkProductSchemaFile(path.resolve(path.dirname(file), product.schema));
    if (problem === undefined) return [];
    const fieldAt = ["spec", "products", i, "schema"];
    return [{ file, ...position(doc, fieldAt, at), path: fieldPath(fieldAt), message: problem }];
  });
  if (schemaIssues.length > 0) return { ok: false, issues: schemaIssues };
  return { ok: true, manifest: { file, spec: parsed.data } };
}

/** Reads and parses one manifest file. */
export function loadManifestFile(file: string): LoadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message: `cannot read: ${(e as Error).message}` }] };
  }
  return parseManifest(text, file);
}

type LinePos = (offset: number) => { line: number; col: number };

function toIssues(issue: z.core.$ZodIssue, doc: Document, file: string, at: LinePos): ManifestIssue[] {
  if (issue.code === "unrecognized_keys") {
    // Point at each unknown key itself, so the editor lands on the word to delete.
    return issue.keys.map((key) => {
      const keyPath = [...issue.path, key];
      return { file, ...keyPosition(doc, issue.path, key, at), path: fieldPath(keyPath), message: `unknown field "${key}"` };
    });
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors[0].length > 0) {
    return toIssues(issue.errors[0][0], doc, file, at);
  }
  return [{ file, ...position(doc, issue.path, at), path: fieldPath(issue.path), message: describe(issue) }];
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  if (issue.code === "invalid_value" && issue.values.length > 1) {
    return `must be one of ${issue.values.map((v) => String(v)).join(" | ")}`;
  }
  return issue.message;
}

/** Position of the node at `path`, or of its nearest existing ancestor when the field is missing. */
function position(doc: Document, fieldAt: readonly PropertyKey[], at: LinePos): { line: number; column: number } {
  for (let depth = fieldAt.length; depth >= 0; depth--) {
    const node = doc.getIn(fieldAt.slice(0, depth), true) as Node | undefined;
    if (node?.range) {
      const { line, col } = at(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

function keyPosition(doc: Document, parentPath: readonly PropertyKey[], key: string, at: LinePos): { line: number; column: number } {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) {
      const { line, col } = at(pair.key.range[0]);
      return { line, column: col };
    }
  }
  return isSeq(parent) || isMap(parent) ? position(doc, parentPath, at) : { line: 1, column: 1 };
}
