/**
 * Manifest loading: YAML with line positions → zod → a typed `DomainSpec`, or every issue,
 * each pinned to file, line, column and field path. Never throws on bad input.
 */
import * as fs from "node:fs";
import { isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from "yaml";
import type { z } from "zod";
import { fieldPath, type ManifestIssue } from "./errors";
import { domainManifestSchema, type DomainSpec } from "./schema";
import { readProductSchema, type ProductSchema } from "./productSchemaFile";

export interface LoadedManifest {
  readonly file: string;
  readonly spec: DomainSpec;
  /** The products' schema files, read and checked, keyed by product name. */
  readonly schemas: Readonly<Record<string, ProductSchema>>;
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
        return { file, line, column: col, path: "", message: yamlMessage(e.code, e.message, text.slice(e.pos[0])) };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // yaml resolves aliases only here: an alias to an unknown anchor, or too many aliases, throws.
    return { ok: false, issues: [{ file, ...firstAliasPosition(doc, at), path: "", message: `YAML: ${(e as Error).message}` }] };
  }
  const parsed = domainManifestSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((issue) => toIssues(issue, doc, file, at)) };
  }
  const schemas: Record<string, ProductSchema> = {};
  const schemaIssues: ManifestIssue[] = [];
  parsed.data.spec.products.forEach((product, i) => {
    if (product.schema === undefined) return;
    const read = readProductSchema(file, product.schema);
    if (read.ok) {
      schemas[product.name] = read.schema;
      return;
    }
    const fieldAt = ["spec", "products", i, "schema"];
    schemaIssues.push({ file, ...position(doc, fieldAt, at), path: fieldPath(fieldAt), message: read.reason });
  });
  if (schemaIssues.length > 0) return { ok: false, issues: schemaIssues };
  return { ok: true, manifest: { file, spec: parsed.data, schemas } };
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

function yamlMessage(code: string, message: string, source: string): string {
  if (code === "MULTIPLE_DOCS") return "YAML: a manifest is one document; this `---` starts a second (one domain per file)";
  const key = code === "DUPLICATE_KEY" ? keyText(source) : undefined;
  if (key) return `YAML: key ${key} appears twice in the same map`;
  return `YAML: ${message.split("\n")[0]}`;
}

/** The key written at the start of `source` (plain or quoted), as the author wrote it. */
function keyText(source: string): string | undefined {
  const key = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*?)\s*:/.exec(source);
  return key?.[1];
}

function describe(issue: z.core.$ZodIssue): string {
  const missing = (issue.code === "invalid_type" || issue.code === "invalid_value") && issue.input === undefined;
  if (issue.path.length === 0 && (missing || issue.input === null)) {
    return "the manifest is empty; it must be a map with apiVersion, kind, metadata and spec";
  }
  if (missing) return "is required";
  if (issue.code === "invalid_type") {
    if (issue.path.length === 0) return `the manifest must be a map with apiVersion, kind, metadata and spec, not ${describeValue(issue.input)}`;
    const quoteHint = issue.expected === "string" && isScalarValue(issue.input) ? ` (quote it: "${String(issue.input)}")` : "";
    return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}${quoteHint}`;
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.length > 1 ? `must be one of ${issue.values.map((v) => String(v)).join(" | ")}` : issue.message;
    return `${allowed}, not ${describeValue(issue.input)}`;
  }
  return issue.message;
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

/** Where yaml failed to resolve an alias: the first one without an anchor, else the first one. */
function firstAliasPosition(doc: Document, at: LinePos): { line: number; column: number } {
  let first: Node | undefined;
  let unresolved: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      first ??= node;
      if (node.resolve(doc) === undefined) {
        unresolved = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const range = (unresolved ?? first)?.range;
  if (!range) return { line: 1, column: 1 };
  const { line, col } = at(range[0]);
  return { line, column: col };
}

/**
 * Position of the node at `path`, or of its nearest existing ancestor when the field is missing.
 * A block map or list starts on the line below its key, and an empty value has no text of its own,
 * so such a field is pinned to its key.
 */
function position(doc: Document, fieldAt: readonly PropertyKey[], at: LinePos): { line: number; column: number } {
  for (let depth = fieldAt.length; depth >= 0; depth--) {
    const nodePath = fieldAt.slice(0, depth);
    const node = doc.getIn(nodePath, true) as Node | undefined;
    if (!node?.range) continue;
    const last = nodePath[nodePath.length - 1];
    const startsElsewhere = (isCollection(node) && !node.flow) || node.range[0] === node.range[1];
    const key = startsElsewhere && typeof last === "string" ? keyNode(doc, nodePath.slice(0, -1), last) : undefined;
    const { line, col } = at((key?.range ?? node.range)[0]);
    return { line, column: col };
  }
  return { line: 1, column: 1 };
}

function keyPosition(doc: Document, parentPath: readonly PropertyKey[], key: string, at: LinePos): { line: number; column: number } {
  const range = keyNode(doc, parentPath, key)?.range;
  if (range) {
    const { line, col } = at(range[0]);
    return { line, column: col };
  }
  return position(doc, parentPath, at);
}

/** The key node of `key` in the map at `parentPath`, if that map holds it as a plain scalar key. */
function keyNode(doc: Document, parentPath: readonly PropertyKey[], key: string): Scalar | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
