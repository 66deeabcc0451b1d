/**
 * Avro record fields as `SchemaField`s, from a schema the manifest loader has parsed (with avsc,
 * parsedSchema.ts). The walk reads the JSON itself, since avsc drops the field properties (the PII
 * annotation) and the logical types it has no implementation for.
 */
import { AVRO_PII_PROPERTY, KEBAB_CASE } from "../../conventions";
import { UnmappableSchemaError, type FieldType, type ScalarType, type SchemaField } from "./schemaFields";

type Json = Record<string, unknown>;
type Path = readonly (string | number)[];

const PRIMITIVES: Record<string, ScalarType> = {
  int: "int",
  long: "bigint",
  float: "float",
  double: "double",
  boolean: "boolean",
  string: "string",
  bytes: "binary",
};

/** Logical types with a column type of their own; any other keeps its underlying type, as the Avro spec says. */
const LOGICAL_SCALARS: Record<string, ScalarType> = {
  date: "date",
  "timestamp-millis": "timestamp",
  "timestamp-micros": "timestamp",
  "local-timestamp-millis": "timestamp",
  "local-timestamp-micros": "timestamp",
};

export function avroFields(doc: unknown): SchemaField[] {
  const root = doc as Json;
  if (root.type !== "record") throw new UnmappableSchemaError("the schema's top-level type must be a record, whose fields become the columns");
  return recordFields(root, [], new Map(), namespaceOf(root, undefined));
}

function namespaceOf(named: Json, enclosing: string | undefined): string | undefined {
  const name = String(named.name);
  if (name.includes(".")) return name.slice(0, name.lastIndexOf("."));
  return typeof named.namespace === "string" ? named.namespace : enclosing;
}

function fullName(named: Json, namespace: string | undefined): string {
  const name = String(named.name);
  return name.includes(".") || namespace === undefined || namespace === "" ? name : `${namespace}.${name}`;
}

function recordFields(record: Json, at: Path, named: Map<string, Json>, namespace: string | undefined): SchemaField[] {
  const fields = record.fields as Json[];
  return fields.map((field, i) => {
    const fieldAt = [...at, "fields", i];
    const { type, nullable } = typeOf(field.type, [...fieldAt, "type"], named, namespace, String(field.name));
    const pii = field[AVRO_PII_PROPERTY];
    if (pii !== undefined && (typeof pii !== "string" || !KEBAB_CASE.test(pii))) {
      throw new UnmappableSchemaError(`field ${String(field.name)}'s "${AVRO_PII_PROPERTY}" annotation must be a kebab-case category such as postal-address, not ${JSON.stringify(pii)}`);
    }
    return {
      name: String(field.name),
      type,
      required: !nullable,
      ...(typeof pii === "string" ? { pii } : {}),
      ...(typeof field.doc === "string" ? { description: field.doc } : {}),
      at: fieldAt,
    };
  });
}

/** A field's type, and whether its union admits null. */
function typeOf(schema: unknown, at: Path, named: Map<string, Json>, namespace: string | undefined, field: string): { type: FieldType; nullable: boolean } {
  if (Array.isArray(schema)) {
    const nonNull = schema.map((s, i) => [s, i] as const).filter(([s]) => s !== "null" && (s as Json)?.type !== "null");
    const nullable = nonNull.length < schema.length;
    if (nonNull.length === 0) throw new UnmappableSchemaError(`field ${field} only ever holds null, which no column type stores`);
    if (nonNull.length === 1) return { type: typeOf(nonNull[0][0], [...at, nonNull[0][1]], named, namespace, field).type, nullable };
    return { type: { kind: "union", types: nonNull.map(([s, i]) => typeOf(s, [...at, i], named, namespace, field).type) }, nullable };
  }
  return { type: nonUnionType(schema, at, named, namespace, field), nullable: false };
}

function nonUnionType(schema: unknown, at: Path, named: Map<string, Json>, namespace: string | undefined, field: string): FieldType {
  if (typeof schema === "string") {
    if (schema in PRIMITIVES) return { kind: "scalar", scalar: PRIMITIVES[schema] };
    if (schema === "null") throw new UnmappableSchemaError(`field ${field} only ever holds null, which no column type stores`);
    const reference = named.get(schema) ?? (namespace === undefined ? undefined : named.get(`${namespace}.${schema}`));
    // The loader's avsc accepted the schema, so the name is defined: unknown here means a record still being
    // walked, which refers to itself.
    if (reference === undefined) {
      throw new UnmappableSchemaError(`field ${field} refers to record ${schema} recursively, which no column type can hold`);
    }
    return nonUnionType(reference, at, named, namespace, field);
  }
  const s = schema as Json;
  const logical = typeof s.logicalType === "string" ? s.logicalType : undefined;
  if (logical === "decimal" && (s.type === "bytes" || s.type === "fixed")) {
    if (s.type === "fixed") named.set(fullName(s, namespace), s);
    return { kind: "decimal", precision: Number(s.precision), scale: typeof s.scale === "number" ? s.scale : 0 };
  }
  if (logical !== undefined && logical in LOGICAL_SCALARS) return { kind: "scalar", scalar: LOGICAL_SCALARS[logical] };
  switch (s.type) {
    case "record": {
      const inner = namespaceOf(s, namespace);
      const fields = recordFields(s, at, named, inner);
      named.set(fullName(s, namespace), s);
      return { kind: "record", fields };
    }
    case "enum":
      named.set(fullName(s, namespace), s);
      return { kind: "enum", symbols: (s.symbols as string[]).slice() };
    case "fixed":
      named.set(fullName(s, namespace), s);
      return { kind: "scalar", scalar: "binary" };
    case "array":
      return { kind: "array", items: typeOf(s.items, [...at, "items"], named, namespace, field).type };
    case "map":
      return { kind: "map", values: typeOf(s.values, [...at, "values"], named, namespace, field).type };
    default:
      return typeOf(s.type, [...at, "type"], named, namespace, field).type;
  }
}
