/**
 * Manifest loading: YAML with line positions → zod → a typed `DomainSpec`, or every issue,
 * each pinned to file, line, column and field path. Never throws on bad input.
 */
import * as fs from "node:fs";
import { LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { fieldPath, type ManifestIssue } from "./errors";
import { fieldPlace, placeOf, type Place } from "./positions";
import { readProductSchema, type ProductSchema } from "./productSchemaFile";
import { checkProductSchema } from "./schemaChecks";
import { domainManifestSchema, type DomainSpec } from "./schema";
import { yamlIssues } from "./yamlErrors";
import { toIssues } from "./zodIssues";

export interface LoadedManifest {
  readonly file: string;
  readonly spec: DomainSpec;
  /** The products' schema files, read and checked, keyed by product name. */
  readonly schemas: Readonly<Record<string, ProductSchema>>;
  /** Problems that do not stop the manifest (fields that look personal but carry no PII annotation). */
  readonly warnings: readonly ManifestIssue[];
}

/** A manifest that fails on its schemas still reports its warnings. */
export type LoadResult = { ok: true; manifest: LoadedManifest } | { ok: false; issues: ManifestIssue[]; warnings?: ManifestIssue[] };

/** Parses one manifest's text; `file` names it in issues and anchors relative schema paths. */
export function parseManifest(text: string, file: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, issues: yamlIssues(doc.errors, text, file, lineCounter) };
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // yaml resolves aliases only here: an alias to an unknown anchor, or too many aliases, throws.
    return { ok: false, issues: [{ file, ...firstAliasPlace(doc, lineCounter), path: "", message: `YAML: ${(e as Error).message}` }] };
  }
  const parsed = domainManifestSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.flatMap((issue) => toIssues(issue, doc, file, lineCounter)) };
  }
  const schemas: Record<string, ProductSchema> = {};
  const schemaIssues: ManifestIssue[] = [];
  const warnings: ManifestIssue[] = [];
  parsed.data.spec.products.forEach((product, i) => {
    if (product.schema === undefined) return;
    const read = readProductSchema(file, product.schema);
    if (read.ok) {
      schemas[product.name] = read.schema;
      const checked = checkProductSchema(product, read.schema, { file, doc, lineCounter, productIndex: i });
      schemaIssues.push(...checked.errors);
      warnings.push(...checked.warnings);
      return;
    }
    const fieldAt = ["spec", "products", i, "schema"];
    schemaIssues.push({ file, ...fieldPlace(doc, fieldAt, lineCounter), path: fieldPath(fieldAt), message: read.reason });
  });
  if (schemaIssues.length > 0) return { ok: false, issues: schemaIssues, warnings };
  return { ok: true, manifest: { file, spec: parsed.data, schemas, warnings } };
}

/** Reads and parses one manifest file. */
export function loadManifestFile(file: string): LoadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message: `cannot read: ${(e as Error).message}` }] };
  }
  const text = textOf(bytes);
  if (text === undefined) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message: "the file is not text (it holds NUL bytes or is not UTF-8); a manifest is a YAML text file" }] };
  }
  return parseManifest(text, file);
}

/** The file's UTF-8 text, or undefined for a binary file, which would otherwise be echoed back as escaped bytes. */
function textOf(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Where yaml failed to resolve an alias: the first one without an anchor, else the first one. */
function firstAliasPlace(doc: Document, lineCounter: LineCounter): Place {
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
  return range ? placeOf(lineCounter, range[0]) : { line: 1, column: 1 };
}
