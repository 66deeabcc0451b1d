/**
 * Properties of the loader over generated input: valid manifests always load; junk and mutated
 * manifests never throw, and every issue points at a real place in the text and in the document.
 */
import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { manifestJsonSchema, parseManifest, type LoadResult, type ManifestIssue } from "../../components/manifest";
import { validManifest, type ManifestData } from "./arbitraries";
import { fixture } from "./fixtures";

/** Generated manifests are parsed as if they sat next to the valid fixture, so schema paths resolve. */
const FILE = fixture("valid", "generated.yaml");

function parse(text: string): LoadResult {
  let result: LoadResult | undefined;
  expect(() => {
    result = parseManifest(text, FILE);
  }).not.toThrow();
  return result as LoadResult;
}

function issues(text: string): readonly ManifestIssue[] {
  const result = parse(text);
  return result.ok ? [] : result.issues;
}

/** Every issue names the file and a line and column inside the text (a YAML error may sit just past its end). */
function expectPlacedInText(issue: ManifestIssue, text: string): void {
  expect(issue.file).toBe(FILE);
  expect(issue.line).toBeGreaterThanOrEqual(1);
  expect(issue.column).toBeGreaterThanOrEqual(1);
  expect(issue.line).toBeLessThanOrEqual(text.split("\n").length + 1);
}

/** `spec.products[1].name` → ["spec", "products", 1, "name"]. */
function segments(fieldPath: string): (string | number)[] {
  return [...fieldPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));
}

function resolve(data: unknown, at: readonly (string | number)[]): { found: boolean; value: unknown } {
  let value = data;
  for (const segment of at) {
    if (typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, segment)) {
      return { found: false, value: undefined };
    }
    value = (value as Record<string | number, unknown>)[segment];
  }
  return { found: true, value };
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The issue's path exists in the document, or it names a field missing from a map that exists. */
function expectPathInDocument(issue: ManifestIssue, data: unknown): void {
  const at = segments(issue.path);
  const parent = resolve(data, at.slice(0, -1));
  const ok = resolve(data, at).found || (parent.found && isMap(parent.value));
  expect(ok, `${issue.path} is neither in the document nor a field of a map in it`).toBe(true);
}

/** A field that exists is reported on the line that names it (its key, or a list item's first line). */
function expectOnFieldLine(issue: ManifestIssue, data: unknown, text: string): void {
  const at = segments(issue.path);
  const last = at[at.length - 1];
  if (typeof last !== "string" || !resolve(data, at).found) return;
  expect(text.split("\n")[issue.line - 1], `${issue.path} at line ${issue.line}`).toContain(last);
}

/** The line and column land on the first character of a token, never on blank space. */
function expectOnToken(issue: ManifestIssue, text: string): void {
  const line = text.split("\n")[issue.line - 1] ?? "";
  expect(line.charAt(issue.column - 1), `${issue.line}:${issue.column} in ${JSON.stringify(line)}`).toMatch(/\S/);
}

describe("generated valid manifests", () => {
  const validate = new Ajv2020({ formats: { email: true, uri: true } }).compile(manifestJsonSchema());

  it("always load, as YAML and as JSON, and keep every field they were given", () => {
    fc.assert(
      fc.property(validManifest, (manifest) => {
        for (const text of [stringify(manifest), JSON.stringify(manifest)]) {
          const result = parse(text);
          expect(result.ok ? [] : result.issues).toEqual([]);
          expect(result.ok && result.manifest.spec).toMatchObject(manifest);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("are valid against the JSON Schema too", () => {
    fc.assert(
      fc.property(validManifest, (manifest) => {
        expect(validate(manifest) ? [] : validate.errors).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe("junk never throws and is always refused with placed issues", () => {
  const junkText = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.array(fc.constantFrom("a:", " ", "- ", "[", "]", "{", "}", "&x ", "*x", "! ", "|", ">", "'", '"', "#", ":", "\n", "\t", "---", "?"), {
      maxLength: 40,
    }).map((tokens) => tokens.join("")),
  );

  it("for arbitrary text, YAML and JSON", () => {
    fc.assert(
      fc.property(junkText, (text) => {
        const result = parse(text);
        expect(result.ok).toBe(false);
        for (const issue of result.ok ? [] : result.issues) expectPlacedInText(issue, text);
      }),
      { numRuns: 500 },
    );
  });

  it("for a valid manifest's text with characters inserted or deleted", () => {
    const edit = fc.record({ at: fc.nat(), length: fc.nat(8), insert: fc.string({ unit: "grapheme-ascii", maxLength: 8 }) });
    fc.assert(
      fc.property(validManifest, edit, (manifest, { at, length, insert }) => {
        const original = stringify(manifest);
        const start = at % (original.length + 1);
        const text = original.slice(0, start) + insert + original.slice(start + length);
        for (const issue of issues(text)) expectPlacedInText(issue, text);
      }),
      { numRuns: 200 },
    );
  });
});

/** Every node of a document, as its path, for picking a place to change. */
function nodePaths(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(data)) return data.flatMap((item, i) => [[...at, i], ...nodePaths(item, [...at, i])]);
  if (isMap(data)) return Object.entries(data).flatMap(([key, value]) => [[...at, key], ...nodePaths(value, [...at, key])]);
  return [];
}

const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,10}$/);
const junkValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e9, "", " ", "UPPER", "a@b", "1.0", "meshkit/v1"),
    fc.integer(),
    fc.string({ maxLength: 20 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 3 }),
  ),
})).value;

type Mutation = { kind: "delete" } | { kind: "replace"; value: unknown } | { kind: "add-field"; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>({ kind: "delete" }),
  junkValue.map((value): Mutation => ({ kind: "replace", value })),
  fc.tuple(key, junkValue).map(([k, value]): Mutation => ({ kind: "add-field", key: k, value })),
);

/** Applies one change at `at`: delete or replace that node, or add a field to it when it is a map. */
function mutate(data: ManifestData, at: readonly (string | number)[], change: Mutation): ManifestData {
  const copy = structuredClone(data);
  if (change.kind === "add-field") {
    const target = resolve(copy, at).value;
    if (isMap(target)) target[change.key] = change.value;
    return copy;
  }
  const parent = resolve(copy, at.slice(0, -1)).value as Record<string | number, unknown> | unknown[];
  const last = at[at.length - 1];
  if (change.kind === "replace") (parent as Record<string | number, unknown>)[last] = change.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/** `["spec", "products", 1, "name"]` → `spec.products[1].name`, as issues spell paths. */
function dotted(at: readonly (string | number)[]): string {
  return at.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

describe("single-field mutations of a valid manifest", () => {
  it("never throw; every issue points at a token and at a path in the mutated document", () => {
    fc.assert(
      fc.property(validManifest, fc.nat(), mutation, (manifest, pick, change) => {
        const paths = nodePaths(manifest);
        const mutated = mutate(manifest, paths[pick % paths.length], change);
        const text = stringify(mutated);
        for (const issue of issues(text)) {
          expectPlacedInText(issue, text);
          expectOnToken(issue, text);
          expectPathInDocument(issue, mutated);
          expectOnFieldLine(issue, mutated, text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("an unknown field added to any map is refused at that field's key", () => {
    fc.assert(
      fc.property(validManifest, fc.nat(), key, (manifest, pick, name) => {
        const maps = [[], ...nodePaths(manifest)].filter((at) => isMap(resolve(manifest, at).value));
        const at = maps[pick % maps.length];
        const unknown = `x-${name}`;
        const text = stringify(mutate(manifest, at, { kind: "add-field", key: unknown, value: 1 }));
        const found = issues(text).find((i) => i.message.startsWith(`unknown field "${unknown}"`));
        expect(found?.path).toBe(dotted([...at, unknown]));
        const line = text.split("\n")[(found?.line ?? 0) - 1] ?? "";
        expect(line.slice((found?.column ?? 0) - 1).startsWith(unknown)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
