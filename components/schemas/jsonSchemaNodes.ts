/**
 * A JSON Schema seen as the kinds Confluent's compatibility rules compare (everit's schema classes):
 * local `$ref`s followed, `true`/`{}` as the empty schema that accepts anything, a list of types as
 * an `anyOf` of one schema per type, and a schema's kind taken from `type` or, without one, from the
 * keywords it uses.
 */
import type { AnySchemaObject } from "ajv";

export type JsonSchema = AnySchemaObject | boolean;

type TypedKind = "object" | "array" | "string" | "number" | "boolean" | "null" | "enum";

export type JsonSchemaNode =
  | { readonly kind: "empty" | "false" }
  | { readonly kind: "combined"; readonly criterion: "anyOf" | "oneOf" | "allOf"; readonly branches: readonly JsonSchema[] }
  | { readonly kind: TypedKind; readonly schema: AnySchemaObject; readonly integer: boolean };

const COMBINERS = ["anyOf", "oneOf", "allOf"] as const;
const KIND_KEYWORDS: readonly [TypedKind, readonly string[]][] = [
  ["object", ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties", "dependencies", "dependentRequired"]],
  ["array", ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains"]],
  ["string", ["minLength", "maxLength", "pattern", "format"]],
  ["number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]],
  ["enum", ["enum", "const"]],
];

/** Follows `$ref` chains within `root` ("#", "#/definitions/x", "#/$defs/x"); a ref elsewhere stays as written. */
export function resolved(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current === "object" && typeof current.$ref === "string" && current.$ref.startsWith("#") && hops < 64; hops++) {
    const target = pointer(root, current.$ref.slice(1));
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

export function nodeOf(schema: JsonSchema): JsonSchemaNode {
  if (schema === false) return { kind: "false" };
  if (schema === true) return { kind: "empty" };
  const combiner = COMBINERS.find((c) => Array.isArray(schema[c]));
  if (combiner !== undefined) {
    const rest = { ...schema };
    delete rest[combiner];
    const constrains = nodeOf(rest).kind !== "empty";
    return { kind: "combined", criterion: constrains ? "allOf" : combiner, branches: constrains ? [rest, { [combiner]: schema[combiner] }] : schema[combiner] };
  }
  if (Array.isArray(schema.type)) {
    if (schema.type.length === 1) return nodeOf({ ...schema, type: schema.type[0] });
    return { kind: "combined", criterion: "anyOf", branches: schema.type.map((type: string) => ({ ...schema, type })) };
  }
  if (typeof schema.type === "string") {
    const integer = schema.type === "integer";
    return { kind: integer ? "number" : (schema.type as TypedKind), schema, integer };
  }
  const inferred = KIND_KEYWORDS.find(([, keywords]) => keywords.some((k) => k in schema));
  return inferred === undefined ? { kind: "empty" } : { kind: inferred[0], schema, integer: false };
}

function pointer(root: JsonSchema, fragment: string): JsonSchema | undefined {
  let target: unknown = root;
  for (const token of fragment.split("/").slice(1)) {
    const key = decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
    target = typeof target === "object" && target !== null ? (target as Record<string, unknown>)[key] : undefined;
  }
  return typeof target === "boolean" || (typeof target === "object" && target !== null) ? (target as JsonSchema) : undefined;
}
