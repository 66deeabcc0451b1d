/**
 * JSON Schema object properties as `SchemaField`s, from a schema the manifest loader has compiled
 * with ajv (parsedSchema.ts), which takes the PII keyword as a vendor annotation (`x-…`).
 */
import { JSON_SCHEMA_PII_KEYWORD, KEBAB_CASE } from "../../conventions";
import { UnmappableSchemaError, type FieldType, type SchemaField } from "./schemaFields";

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];

export function jsonSchemaFields(doc: unknown): SchemaField[] {
  const root = doc as Json;
  if (root.type !== "object" || !isObject(root.properties)) {
    throw new UnmappableSchemaError("the schema's top level must be an object with properties, which become the columns");
  }
  return objectFields(root, [], root);
}

function objectFields(object: Json, at: Path, root: Json): SchemaField[] {
  const required = new Set(Array.isArray(object.required) ? (object.required as string[]) : []);
  return Object.entries(object.properties as Record<string, unknown>).map(([name, raw]) => {
    const fieldAt = [...at, "properties", name];
    const property = resolve(raw, root, name);
    const { type, nullable } = typeOf(property, fieldAt, root, name);
    const pii = property[JSON_SCHEMA_PII_KEYWORD] ?? (raw as Json)[JSON_SCHEMA_PII_KEYWORD];
    if (pii !== undefined && (typeof pii !== "string" || !KEBAB_CASE.test(pii))) {
      throw new UnmappableSchemaError(`property ${name}'s "${JSON_SCHEMA_PII_KEYWORD}" annotation must be a kebab-case category such as postal-address, not ${JSON.stringify(pii)}`);
    }
    const description = property.description;
    return {
      name,
      type,
      required: required.has(name) && !nullable,
      ...(typeof pii === "string" ? { pii } : {}),
      ...(typeof description === "string" ? { description } : {}),
      at: fieldAt,
    };
  });
}

/** A local `$ref` (`#/definitions/x`, `#/$defs/x`) resolved against the root; other schemas as they are. */
function resolve(schema: unknown, root: Json, field: string): Json {
  const s = (isObject(schema) ? schema : {}) as Json;
  if (typeof s.$ref !== "string") return s;
  if (!s.$ref.startsWith("#/")) throw new UnmappableSchemaError(`property ${field} refers to ${s.$ref}; only references inside the schema are read`);
  let target: unknown = root;
  for (const part of s.$ref.slice(2).split("/")) target = isObject(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  if (!isObject(target)) throw new UnmappableSchemaError(`property ${field} refers to ${s.$ref}, which the schema does not define`);
  return resolve(target, root, field);
}

function typeOf(schema: Json, at: Path, root: Json, field: string): { type: FieldType; nullable: boolean } {
  const declared = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  const enumValues = Array.isArray(schema.enum) ? schema.enum : undefined;
  const nullable = declared.includes("null") || (enumValues?.includes(null) ?? false);
  const types = declared.filter((t) => t !== "null");
  if (enumValues !== undefined && types.every((t) => t === "string")) {
    return { type: { kind: "enum", symbols: enumValues.filter((v): v is string => typeof v === "string") }, nullable };
  }
  if (types.length === 0) throw new UnmappableSchemaError(`property ${field} declares no type, so it has no column type`);
  const one = (t: string): FieldType => singleType(t, schema, at, root, field);
  return { type: types.length === 1 ? one(types[0]) : { kind: "union", types: types.map(one) }, nullable };
}

function singleType(type: string, schema: Json, at: Path, root: Json, field: string): FieldType {
  switch (type) {
    case "string":
      if (schema.format === "date") return { kind: "scalar", scalar: "date" };
      if (schema.format === "date-time") return { kind: "scalar", scalar: "timestamp" };
      return { kind: "scalar", scalar: "string" };
    case "integer":
      return { kind: "scalar", scalar: "bigint" };
    case "number":
      return { kind: "scalar", scalar: "double" };
    case "boolean":
      return { kind: "scalar", scalar: "boolean" };
    case "array":
      return { kind: "array", items: typeOf(resolve(schema.items, root, field), [...at, "items"], root, field).type };
    case "object":
      if (isObject(schema.properties)) return { kind: "record", fields: objectFields(schema, at, root) };
      if (isObject(schema.additionalProperties)) {
        return { kind: "map", values: typeOf(resolve(schema.additionalProperties, root, field), [...at, "additionalProperties"], root, field).type };
      }
      throw new UnmappableSchemaError(`property ${field} is an object without properties or additionalProperties, so it has no column type`);
    default:
      throw new UnmappableSchemaError(`property ${field} has type ${type}, which no column type stores`);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
