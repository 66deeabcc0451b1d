/**
 * JSON Schema compatibility as Confluent Schema Registry decides it (json-schema-provider's
 * `SchemaDiff` under its default STRICT policy: the "JSON Schema compatibility rules" of
 * https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/serdes-json.html,
 * implemented in confluentinc/schema-registry, json-schema-provider, package
 * io.confluent.kafka.schemaregistry.json.diff: SchemaDiff, ObjectSchemaDiff, NumberSchemaDiff,
 * EnumSchemaDiff, ArraySchemaDiff, CombinedSchemaDiff). Confluent compares an original schema (the
 * one data was written with) to an update (the one validating it now) and calls the update
 * compatible when every difference is on its list of compatible changes. The rules meshkit applies,
 * for the common cases, with the update being the reader:
 *
 * - types: a different type is breaking, unless the reader accepts anything (`true`, `{}`) or the
 *   writer accepted nothing; integer → number widens (compatible), number → integer narrows (breaking);
 *   a type gaining branches (`"string"` → `["string", "null"]`, a wider anyOf/oneOf) is compatible,
 *   losing one is breaking; allOf may lose members but not gain them;
 * - enum (and const): values added are compatible, removed or changed are breaking, an enum where
 *   there was none is breaking, dropping the enum (or the type beside it) is compatible;
 * - objects, by content model (open: additionalProperties absent or true; closed: false; partially
 *   open: additionalProperties is a schema, or a patternProperties pattern matches):
 *   - a property only the reader has: against an open writer it is breaking unless its schema is
 *     empty (old data may hold it with any value; STRICT treats even an optional one so); against a
 *     partially open writer it must be compatible with the schema that covered it; against a closed
 *     writer only a required one without default is breaking;
 *   - a property only the writer had: compatible when the reader is open, must match the covering
 *     schema when it is partially open, breaking when it is closed (unless the writer's was `false`);
 *   - required added to an existing property without a default is breaking, required removed is not;
 *   - additionalProperties from allowed to false, or from absent to a schema, is breaking;
 *     from false to allowed, or from a schema to absent, is compatible; two schemas compare recursively;
 * - arrays: items compare recursively; a tuple (items as a list, prefixItems) whose shape changes is
 *   reported as breaking, since meshkit does not model Confluent's tuple rules;
 * - bounds: an upper bound (maxLength, maximum, exclusiveMaximum, maxItems, maxProperties) added or
 *   lowered, a lower bound (minLength, minimum, exclusiveMinimum, minItems, minProperties) added or
 *   raised, a pattern added or changed, uniqueItems added, a multipleOf added or not dividing the old
 *   one are breaking; removing or relaxing them is compatible;
 * - changes of title, description, $id, default, examples, format, $comment and vendor annotations
 *   (`x-…`, `connect.type`) are compatible (Confluent accepts each); any other keyword whose
 *   value changes (patternProperties, not, if/then/else, contains, dependencies …) is reported as
 *   breaking, since meshkit does not model it.
 */
import type { AnySchemaObject } from "ajv";
import { isVendorAnnotation } from "./jsonSchemaDocument";
import { nodeOf, resolved, type JsonSchema, type JsonSchemaNode } from "./jsonSchemaNodes";
import type { ReadingSides } from "./readingSides";

/** Every reason data valid under `writer` may be refused by `reader`; empty when none. */
export function jsonSchemaIncompatibilities(reader: JsonSchema, writer: JsonSchema, sides: ReadingSides): string[] {
  return new JsonSchemaDiff(writer, reader, sides).compare(writer, reader, "");
}

type Typed = Extract<JsonSchemaNode, { schema: AnySchemaObject }>;

const UPPER_BOUNDS = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"] as const;
const LOWER_BOUNDS = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"] as const;
/** Keywords whose change Confluent accepts, and those the rules here compare themselves. */
const ANNOTATIONS = new Set(["title", "description", "$id", "id", "default", "examples", "format", "$comment", "$schema", "deprecated", "readOnly", "writeOnly"]);
const COMPARED = new Set([
  "type", "enum", "const", "properties", "required", "additionalProperties", "items", "prefixItems",
  "additionalItems", "uniqueItems", "pattern", "multipleOf", "$ref", "definitions", "$defs", "anyOf", "oneOf", "allOf",
  ...UPPER_BOUNDS, ...LOWER_BOUNDS,
]);

class JsonSchemaDiff {
  /** Original → update → reasons, or "pending" while that pair is compared (a recursive $ref). */
  private readonly memo = new Map<JsonSchema, Map<JsonSchema, readonly string[] | "pending">>();

  constructor(
    private readonly originalRoot: JsonSchema,
    private readonly updateRoot: JsonSchema,
    private readonly sides: ReadingSides,
  ) {}

  compare(originalSchema: JsonSchema, updateSchema: JsonSchema, path: string): string[] {
    const original = resolved(originalSchema, this.originalRoot);
    const update = resolved(updateSchema, this.updateRoot);
    const byUpdate = this.memo.get(original) ?? new Map<JsonSchema, readonly string[] | "pending">();
    this.memo.set(original, byUpdate);
    const known = byUpdate.get(update);
    if (known === "pending") return [];
    if (known !== undefined) return [...known];
    byUpdate.set(update, "pending");
    const reasons = this.compareNodes(nodeOf(original), nodeOf(update), path);
    byUpdate.set(update, reasons);
    return reasons;
  }

  private compareNodes(original: JsonSchemaNode, update: JsonSchemaNode, path: string): string[] {
    if (update.kind === "empty" || original.kind === "false") return [];
    if (original.kind === "combined" || update.kind === "combined") return this.combined(original, update, path);
    // A bare enum reads a typed enum when it keeps every value (everit: allOf [type, enum] narrowed to its enum member).
    if (update.kind === "enum" && "schema" in original && allowedValues(original.schema) !== undefined) {
      return this.enumValues(original.schema, update.schema, path);
    }
    if (original.kind !== update.kind) {
      return [this.reason(path, `${describe(original)} in the ${this.sides.writer} schema, ${describe(update)} in the ${this.sides.reader} one`, "type changed")];
    }
    if (!("schema" in original) || !("schema" in update)) return [];
    return [
      ...(original.integer || !update.integer ? [] : [this.reason(path, `number in the ${this.sides.writer} schema, integer in the ${this.sides.reader} one`, "type narrowed")]),
      ...this.enumValues(original.schema, update.schema, path),
      ...this.bounds(original.schema, update.schema, path),
      ...(original.kind === "object" ? this.objects(original, update, path) : []),
      ...(original.kind === "array" ? this.arrays(original.schema, update.schema, path) : []),
      ...this.unmodelled(original.schema, update.schema, path),
    ];
  }

  private combined(original: JsonSchemaNode, update: JsonSchemaNode, path: string): string[] {
    const compatible = (o: JsonSchema, u: JsonSchema) => this.compare(o, u, path).length === 0;
    const typeChanged = [this.reason(path, `${describe(original)} in the ${this.sides.writer} schema, ${describe(update)} in the ${this.sides.reader} one`, "type changed")];
    if (original.kind !== "combined" && update.kind === "combined") {
      const single = update.branches.length === 1;
      if (single || update.criterion !== "allOf") {
        const fit = update.branches.find((branch) => compatible(originalSchemaOf(original), branch));
        if (fit !== undefined) return [];
        if (single) return this.compare(originalSchemaOf(original), update.branches[0], path);
      }
      return typeChanged;
    }
    if (original.kind === "combined" && update.kind !== "combined") {
      if (original.branches.length === 1) return this.compare(original.branches[0], updateSchemaOf(update), path);
      if (original.criterion === "allOf" && original.branches.some((branch) => compatible(branch, updateSchemaOf(update)))) return [];
      return typeChanged;
    }
    if (original.kind !== "combined" || update.kind !== "combined") return typeChanged;
    const reasons: string[] = [];
    if (original.criterion !== update.criterion && update.criterion !== "anyOf") {
      return [this.reason(path, `${original.criterion} in the ${this.sides.writer} schema, ${update.criterion} in the ${this.sides.reader} one`, "combined type changed")];
    }
    if (original.branches.length > update.branches.length && original.criterion !== "allOf") {
      reasons.push(this.reason(path, `${original.criterion} has ${original.branches.length} branches in the ${this.sides.writer} schema, ${update.branches.length} in the ${this.sides.reader} one`, "sum type narrowed"));
    }
    if (original.branches.length < update.branches.length && update.criterion === "allOf") {
      reasons.push(this.reason(path, `allOf has ${original.branches.length} members in the ${this.sides.writer} schema, ${update.branches.length} in the ${this.sides.reader} one`, "product type extended"));
    }
    const matched = maximumMatching(original.branches, update.branches, compatible);
    if (matched < Math.min(original.branches.length, update.branches.length)) {
      reasons.push(this.reason(path, `some ${original.criterion} branches of the ${this.sides.writer} schema have no compatible branch in the ${this.sides.reader} one`, "combined type subschemas changed"));
    }
    return reasons;
  }

  private enumValues(original: AnySchemaObject, update: AnySchemaObject, path: string): string[] {
    const before = allowedValues(original);
    const after = allowedValues(update);
    if (after === undefined) return [];
    if (before === undefined) return [this.reason(path, `the ${this.sides.reader} schema allows only ${after.join(", ")}, the ${this.sides.writer} one any value`, "enum added")];
    const dropped = before.filter((value) => !after.includes(value));
    if (dropped.length === 0) return [];
    return [this.reason(path, `value${dropped.length === 1 ? "" : "s"} ${dropped.join(", ")} of the ${this.sides.writer} schema ${dropped.length === 1 ? "is" : "are"} not allowed by the ${this.sides.reader} one`, "enum narrowed")];
  }

  private bounds(original: AnySchemaObject, update: AnySchemaObject, path: string): string[] {
    const reasons: string[] = [];
    const tightened = (keyword: string, before: unknown, after: unknown, tighter: boolean) =>
      reasons.push(this.reason(path, `${keyword} ${before === undefined ? "absent" : JSON.stringify(before)} in the ${this.sides.writer} schema, ${JSON.stringify(after)} in the ${this.sides.reader} one`, tighter ? `${keyword} tightened` : `${keyword} added`));
    for (const [keywords, tighter] of [[UPPER_BOUNDS, (b: number, a: number) => a < b], [LOWER_BOUNDS, (b: number, a: number) => a > b]] as const) {
      for (const keyword of keywords) {
        const before = original[keyword];
        const after = update[keyword];
        if (after === undefined || before === after) continue;
        if (before === undefined) tightened(keyword, before, after, false);
        else if (typeof before !== "number" || typeof after !== "number" || tighter(before, after)) tightened(keyword, before, after, true);
      }
    }
    if (update.pattern !== undefined && update.pattern !== original.pattern) tightened("pattern", original.pattern, update.pattern, original.pattern !== undefined);
    if (update.uniqueItems === true && original.uniqueItems !== true) tightened("uniqueItems", original.uniqueItems, true, false);
    const [before, after] = [original.multipleOf, update.multipleOf];
    if (after !== undefined && before !== after && !(typeof before === "number" && typeof after === "number" && Number.isInteger(before / after))) {
      tightened("multipleOf", before, after, before !== undefined);
    }
    return reasons;
  }

  private objects(original: Typed, update: Typed, path: string): string[] {
    const o = original.schema;
    const u = update.schema;
    const oProps: Record<string, JsonSchema> = o.properties ?? {};
    const uProps: Record<string, JsonSchema> = u.properties ?? {};
    const oRequired: string[] = o.required ?? [];
    const uRequired: string[] = u.required ?? [];
    const reasons: string[] = [];
    for (const name of Object.keys(oProps)) {
      if (name in uProps && !oRequired.includes(name) && uRequired.includes(name) && !hasDefault(uProps[name])) {
        reasons.push(this.reason(join(path, name), `required in the ${this.sides.reader} schema without a default, optional in the ${this.sides.writer} one`, "required attribute added"));
      }
    }
    for (const name of new Set([...Object.keys(oProps), ...Object.keys(uProps)])) {
      const at = join(path, name);
      if (name in oProps && name in uProps) {
        reasons.push(...this.compare(oProps[name], uProps[name], at));
      } else if (name in uProps) {
        reasons.push(...this.propertyOnlyInReader(o, uProps[name], uRequired.includes(name), name, at));
      } else {
        reasons.push(...this.propertyOnlyInWriter(u, oProps[name], name, at));
      }
    }
    reasons.push(...this.additionalProperties(o, u, path));
    return reasons;
  }

  private propertyOnlyInReader(writer: AnySchemaObject, schema: JsonSchema, required: boolean, name: string, at: string): string[] {
    const { reader: r, writer: w } = this.sides;
    if (isOpen(writer)) {
      if (nodeOf(resolved(schema, this.updateRoot)).kind === "empty") return [];
      const kind = required ? (hasDefault(schema) ? "required property with default" : "required property") : "optional property";
      return [this.reason(at, `only in the ${r} schema, while the ${w} one is open (additionalProperties not false), so ${w} data may hold it with any value`, `${kind} added to open content model`)];
    }
    const reasons: string[] = [];
    const covering = coveringSchema(writer, name);
    if (covering !== undefined && this.compare(covering, schema, at).length > 0) {
      reasons.push(this.reason(at, `only in the ${r} schema, and the ${w} schema's additionalProperties or patternProperties that covered it allow values it refuses`, "property added not covered by partially open content model"));
    }
    if (required && !hasDefault(schema)) {
      reasons.push(this.reason(at, `required in the ${r} schema without a default, absent from the ${w} one`, "required property added to closed content model"));
    }
    return reasons;
  }

  private propertyOnlyInWriter(reader: AnySchemaObject, schema: JsonSchema, name: string, at: string): string[] {
    const { reader: r, writer: w } = this.sides;
    if (isOpen(reader)) return [];
    const covering = coveringSchema(reader, name);
    if (covering !== undefined) {
      return this.compare(schema, covering, at).length === 0
        ? []
        : [this.reason(at, `only in the ${w} schema, and the ${r} schema's additionalProperties or patternProperties refuse some of its values`, "property removed not covered by partially open content model")];
    }
    if (schema === false) return [];
    return [this.reason(at, `only in the ${w} schema, and the ${r} one is closed (additionalProperties: false), so ${w} data holding it is refused`, "property removed from closed content model")];
  }

  private additionalProperties(original: AnySchemaObject, update: AnySchemaObject, path: string): string[] {
    const before = original.additionalProperties;
    const after = update.additionalProperties;
    const { reader: r, writer: w } = this.sides;
    if (after === false && before !== false) return [this.reason(path, `the ${w} schema allows further properties, the ${r} one does not`, "additional properties removed")];
    if (isSchemaObject(after) && (before === undefined || before === true)) {
      return [this.reason(path, `the ${w} schema allows further properties of any kind, the ${r} one only those matching its additionalProperties`, "additional properties narrowed")];
    }
    if (isSchemaObject(after) && isSchemaObject(before)) return this.compare(before, after, join(path, "*"));
    return [];
  }

  private arrays(original: AnySchemaObject, update: AnySchemaObject, path: string): string[] {
    const tuple = (s: AnySchemaObject) => Array.isArray(s.items) || s.prefixItems !== undefined;
    if (tuple(original) || tuple(update)) {
      const same = JSON.stringify([original.items, original.prefixItems, original.additionalItems]) === JSON.stringify([update.items, update.prefixItems, update.additionalItems]);
      return same ? [] : [this.reason(path, "tuple items differ; meshkit does not model tuple compatibility, so it counts the change as breaking", "tuple items changed")];
    }
    return this.compare(original.items ?? true, update.items ?? true, `${path}[]`);
  }

  private unmodelled(original: AnySchemaObject, update: AnySchemaObject, path: string): string[] {
    const keywords = new Set([...Object.keys(original), ...Object.keys(update)]);
    return [...keywords]
      .filter((k) => !ANNOTATIONS.has(k) && !isVendorAnnotation(k) && !COMPARED.has(k) && JSON.stringify(original[k]) !== JSON.stringify(update[k]))
      .map((k) => this.reason(path, `${k} differs; meshkit does not model its compatibility, so it counts the change as breaking`, `${k} changed`));
  }

  private reason(path: string, what: string, rule: string): string {
    return `${path === "" ? "the schema" : `property ${path}`}: ${what} (${rule}; ${this.sides.mode})`;
  }
}

function originalSchemaOf(node: JsonSchemaNode): JsonSchema {
  return "schema" in node ? node.schema : node.kind === "false" ? false : true;
}
const updateSchemaOf = originalSchemaOf;

function describe(node: JsonSchemaNode): string {
  if (node.kind === "combined") return `${node.criterion} of ${node.branches.length}`;
  if ("integer" in node && node.integer) return "integer";
  return node.kind;
}

function allowedValues(schema: AnySchemaObject): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v: unknown) => JSON.stringify(v));
  return "const" in schema ? [JSON.stringify(schema.const)] : undefined;
}

function hasDefault(schema: JsonSchema): boolean {
  return typeof schema === "object" && "default" in schema;
}

function isSchemaObject(value: unknown): value is AnySchemaObject {
  return typeof value === "object" && value !== null;
}

/** Open: anything unlisted is allowed with any value (additionalProperties absent or true, no patternProperties). */
function isOpen(schema: AnySchemaObject): boolean {
  return (schema.additionalProperties === undefined || schema.additionalProperties === true) && schema.patternProperties === undefined;
}

/** The schema a partially open object applies to an unlisted property: a matching patternProperties entry, else additionalProperties. */
function coveringSchema(schema: AnySchemaObject, name: string): JsonSchema | undefined {
  for (const [pattern, covering] of Object.entries<JsonSchema>(schema.patternProperties ?? {})) {
    if (new RegExp(pattern, "u").test(name)) return covering;
  }
  return isSchemaObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

/** Size of a maximum matching between left and right under `fits` (augmenting paths; unions are small). */
function maximumMatching<T>(left: readonly T[], right: readonly T[], fits: (l: T, r: T) => boolean): number {
  const edges = left.map((l) => right.map((r) => fits(l, r)));
  const owner: (number | undefined)[] = right.map(() => undefined);
  const augment = (i: number, seen: Set<number>): boolean =>
    right.some((_, j) => {
      if (!edges[i][j] || seen.has(j)) return false;
      seen.add(j);
      if (owner[j] === undefined || augment(owner[j]!, seen)) {
        owner[j] = i;
        return true;
      }
      return false;
    });
  return left.filter((_, i) => augment(i, new Set())).length;
}
