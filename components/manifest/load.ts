/**
 * Manifest loading: YAML with line positions → zod → a typed `DomainSpec`, or every issue,
 * each pinned to file, line, column and field path. Never throws on bad input.
 */
import * as fs from "node:fs";
import { LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { fieldPath, type ManifestIssue } from "./errors";
import { fieldPlace, placeOf, type Place } from "./positions";
import { today } from "../../conventions";
import { isPastSunset } from "./majors";
import { readProductSchema, type PreviousMajorSchemas, type ProductSchema } from "./productSchemaFile";
import { checkProductSchema } from "./schemaChecks";
import { domainManifestSchema, type DomainSpec } from "./schema";
import { majorVersion } from "./products";
import { yamlIssues } from "./yamlErrors";
import { toIssues } from "./zodIssues";

export interface LoadedManifest {
  readonly file: string;
  readonly spec: DomainSpec;
  /** The products' schema files, read and checked, keyed by product name (the current major's). */
  readonly schemas: Readonly<Record<string, ProductSchema>>;
  /** The previous majors' schema files (`contract.previousMajors[].schema`), by product name, then major. */
  readonly previousMajorSchemas: PreviousMajorSchemas;
  /**
   * Advice that does not make the manifest invalid: previous majors past their sunset, schema fields
   * that look personal but carry no PII annotation.
   */
  readonly warnings: readonly ManifestIssue[];
  /** Where the file declares the domain (`metadata.name`) and each product (by name): 1-based lines, for reports. */
  readonly lines: DeclarationLines;
}

export interface DeclarationLines {
  readonly domain: number;
  readonly products: Readonly<Record<string, number>>;
}

/** What the rest of the platform needs of a valid manifest: where it is and what it declares. */
export type DeclaredManifest = Pick<LoadedManifest, "file" | "spec">;

/** A manifest that fails on its schemas still reports its warnings. */
export type LoadResult = { ok: true; manifest: LoadedManifest } | { ok: false; issues: ManifestIssue[]; warnings?: ManifestIssue[] };

export interface LoadOptions {
  /** The day sunsets are judged against, `YYYY-MM-DD`; defaults to the conventions' `today()`. */
  readonly today?: string;
}

/** Parses one manifest's text; `file` names it in issues and anchors relative schema paths. */
export function parseManifest(text: string, file: string, options: LoadOptions = {}): LoadResult {
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
  const issueAt = (fieldAt: (string | number)[], message: string): ManifestIssue => ({
    file,
    ...fieldPlace(doc, fieldAt, lineCounter),
    path: fieldPath(fieldAt),
    message,
  });
  const schemas: Record<string, ProductSchema> = {};
  const previousMajorSchemas: Record<string, Record<number, ProductSchema>> = {};
  const schemaIssues: ManifestIssue[] = [];
  const warnings: ManifestIssue[] = [];
  // The current major's schema and every previous major's go through the same reader; the current one
  // is also checked against the product (PII annotations, columns, partition keys).
  const readSchema = (schemaPath: string, fieldAt: (string | number)[], keep: (schema: ProductSchema) => void) => {
    const read = readProductSchema(file, schemaPath);
    if (read.ok) keep(read.schema);
    else schemaIssues.push(issueAt(fieldAt, read.reason));
  };
  parsed.data.spec.products.forEach((product, i) => {
    if (product.schema !== undefined) {
      readSchema(product.schema, ["spec", "products", i, "schema"], (schema) => {
        schemas[product.name] = schema;
        const checked = checkProductSchema(product, schema, { file, doc, lineCounter, productIndex: i });
        schemaIssues.push(...checked.errors);
        warnings.push(...checked.warnings);
      });
    }
    product.contract.previousMajors?.forEach((previous, k) => {
      if (previous.schema === undefined) return;
      readSchema(previous.schema, ["spec", "products", i, "contract", "previousMajors", k, "schema"], (schema) => {
        (previousMajorSchemas[product.name] ??= {})[previous.major] = schema;
      });
    });
  });
  if (schemaIssues.length > 0) return { ok: false, issues: schemaIssues, warnings };
  const day = options.today ?? today();
  parsed.data.spec.products.forEach((product, i) =>
    product.contract.previousMajors?.forEach((previous, k) => {
      if (!isPastSunset(previous, day)) return;
      warnings.push(
        issueAt(
          ["spec", "products", i, "contract", "previousMajors", k, "sunset"],
          `previous major ${previous.major} of ${product.name} passed its sunset (${previous.sunset}); once its consumers have moved to v${majorVersion(product)}, remove this entry to delete its topics, ACLs and schema`,
        ),
      );
    }),
  );
  const lines = { domain: lineOf(doc, lineCounter, ["metadata", "name"]) ?? 1, products: {} as Record<string, number> };
  parsed.data.spec.products.forEach((product, i) => {
    const line = lineOf(doc, lineCounter, ["spec", "products", i]);
    if (line !== undefined) lines.products[product.name] = line;
  });
  return { ok: true, manifest: { file, spec: parsed.data, schemas, previousMajorSchemas, warnings, lines } };
}

/** The line where the node at `at` starts, if it has a place in the text. */
function lineOf(doc: Document, lineCounter: LineCounter, at: (string | number)[]): number | undefined {
  const node = doc.getIn(at, true) as Node | undefined;
  return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
}

/** Reads and parses one manifest file. */
export function loadManifestFile(file: string, options: LoadOptions = {}): LoadResult {
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
  return parseManifest(text, file, options);
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
