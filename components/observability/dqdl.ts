/**
 * A table product's Glue Data Quality ruleset, in DQDL, generated from its schema: every column
 * exists, every required field is complete, every enum field takes only its symbols (and null,
 * where the schema allows null). The product's quality threshold applies to the ruleset's overall
 * score, through the EventBridge rule (qualityEventPattern.ts), not inside the DQDL.
 */
import type { SchemaField } from "../schemas/schemaFields";

/** A DQDL string literal: double-quoted, with backslash escapes. */
function literal(value: string): string {
  return JSON.stringify(value);
}

/** The ruleset's DQDL: one rule per line, columns in the table's order, partition keys last. */
export function dqdlRuleset(fields: readonly SchemaField[], partitionKeys: readonly string[]): string {
  const columns = [...fields.map((f) => f.name).filter((name) => !partitionKeys.includes(name)), ...partitionKeys];
  const rules = [
    ...columns.map((column) => `ColumnExists ${literal(column)}`),
    ...fields.filter((f) => f.required).map((f) => `IsComplete ${literal(f.name)}`),
    ...fields.flatMap((f) => {
      if (f.type.kind !== "enum") return [];
      const allowed = [...f.type.symbols.map(literal), ...(f.required ? [] : ["NULL"])];
      return [`ColumnValues ${literal(f.name)} in [${allowed.join(", ")}]`];
    }),
  ];
  return `Rules = [\n${rules.map((r) => `    ${r}`).join(",\n")}\n]`;
}
