/**
 * Glue columns from a product schema's fields: the Hive type of each field, its PII category as a
 * column parameter, and the partition keys as partition columns (never repeated as data columns).
 * The mapping is documented in the README ("Columns from the schema").
 */
import { COLUMN_PII_PARAMETER } from "../../conventions";
import type { FieldType, SchemaField } from "../schemas/schemaFields";

export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
  readonly parameters?: Record<string, string>;
}

/** The Hive type of a field type: nested records become `struct<…>`, arrays `array<…>`, maps `map<string,…>`. */
export function hiveType(type: FieldType): string {
  switch (type.kind) {
    case "scalar":
      return type.scalar;
    case "decimal":
      return `decimal(${type.precision},${type.scale})`;
    case "enum":
      return "string";
    case "record":
      return `struct<${type.fields.map((f) => `${f.name}:${hiveType(f.type)}`).join(",")}>`;
    case "array":
      return `array<${hiveType(type.items)}>`;
    case "map":
      return `map<string,${hiveType(type.values)}>`;
    case "union":
      return `uniontype<${type.types.map(hiveType).join(",")}>`;
  }
}

export function glueColumn(field: SchemaField): GlueColumn {
  return {
    name: field.name,
    type: hiveType(field.type),
    ...(field.description !== undefined ? { comment: field.description } : {}),
    ...(field.pii !== undefined ? { parameters: { [COLUMN_PII_PARAMETER]: field.pii } } : {}),
  };
}

export interface TableColumns {
  readonly columns: GlueColumn[];
  readonly partitionKeys: GlueColumn[];
}

/**
 * A table's data and partition columns. A partition key the schema declares takes the field's
 * type (and leaves the data columns); one it does not declare is a `string`, which is what a
 * Hive-style `key=value` path holds.
 */
export function tableColumns(fields: readonly SchemaField[], partitionKeys: readonly string[]): TableColumns {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return {
    columns: fields.filter((f) => !partitionKeys.includes(f.name)).map(glueColumn),
    partitionKeys: partitionKeys.map((key) => {
      const field = byName.get(key);
      return field === undefined ? { name: key, type: "string" } : glueColumn(field);
    }),
  };
}
