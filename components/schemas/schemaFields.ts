/**
 * A product schema's fields in one shape, whichever language the schema is written in: the Glue
 * columns, the data-quality rules, the exported contract and the PII checks all read this.
 */
import type { ProductSchema } from "../manifest/productSchemaFile";
import { avroFields } from "./avroFields";
import { jsonSchemaFields } from "./jsonSchemaFields";

/** Scalar types a field can hold, named as Hive names them (the Glue column types). */
export type ScalarType = "int" | "bigint" | "float" | "double" | "boolean" | "string" | "binary" | "date" | "timestamp";

export type FieldType =
  | { readonly kind: "scalar"; readonly scalar: ScalarType }
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number }
  | { readonly kind: "enum"; readonly symbols: readonly string[] }
  | { readonly kind: "record"; readonly fields: readonly SchemaField[] }
  | { readonly kind: "array"; readonly items: FieldType }
  | { readonly kind: "map"; readonly values: FieldType }
  /** A union of several non-null types (a nullable single type is that type, not required). */
  | { readonly kind: "union"; readonly types: readonly FieldType[] };

export interface SchemaField {
  readonly name: string;
  readonly type: FieldType;
  /** A value is always present: not a nullable union, and (JSON Schema) listed in `required`. */
  readonly required: boolean;
  /** The PII category the schema annotates the field with, if any (`none` included). */
  readonly pii?: string;
  readonly description?: string;
  /** Where the field is declared in the schema document (a path into its JSON), for error positions. */
  readonly at: readonly (string | number)[];
}

/** Thrown for a schema whose fields cannot be read as columns; the message names the field and why. */
export class UnmappableSchemaError extends Error {}

/** The top-level fields (columns) of a product schema, nested records kept as record types. */
export function schemaFields(schema: ProductSchema): SchemaField[] {
  const doc: unknown = JSON.parse(schema.definition);
  return schema.format === "AVRO" ? avroFields(doc) : jsonSchemaFields(doc);
}

/** Every field at any depth, with its dotted path (`address.city`), parents before children. */
export function flattenFields(fields: readonly SchemaField[], prefix = ""): { path: string; field: SchemaField }[] {
  return fields.flatMap((field) => {
    const path = prefix + field.name;
    return [{ path, field }, ...flattenFields(nestedFields(field.type), `${path}.`)];
  });
}

/** The fields a type nests (through arrays, maps and unions), none for scalars. */
function nestedFields(type: FieldType): readonly SchemaField[] {
  switch (type.kind) {
    case "record":
      return type.fields;
    case "array":
      return nestedFields(type.items);
    case "map":
      return nestedFields(type.values);
    case "union":
      return type.types.flatMap(nestedFields);
    default:
      return [];
  }
}
