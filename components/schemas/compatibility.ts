// Placeholder of interface A until branch issue-10-compat lands its real checker (Avro through avsc, JSON
// Schema through ajv) under the same names; it compares top-level field sets only.
import type { CompatibilityMode } from "../manifest";
import type { ProductSchema } from "../manifest/productSchemaFile";

export interface CompatibilityVerdict {
  readonly compatible: boolean;
  /** One line per violation naming the field path and the rule it breaks. Empty when compatible. */
  readonly reasons: readonly string[];
  /** How many earlier versions were compared (1 for plain modes, every given one for -transitive, 0 for none). */
  readonly versionsChecked: number;
}

/** Thrown when a schema cannot be parsed at all; its message says why. */
export class UnusableSchemaError extends Error {}

interface Field {
  readonly required: boolean;
}

function fields(schema: ProductSchema): Map<string, Field> {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(schema.definition) as Record<string, unknown>;
  } catch (e) {
    throw new UnusableSchemaError(`${schema.path}: ${(e as Error).message}`);
  }
  if (schema.format === "AVRO") {
    const list = Array.isArray(doc.fields) ? (doc.fields as { name: string; default?: unknown }[]) : [];
    return new Map(list.map((f) => [f.name, { required: !("default" in f) }]));
  }
  const required = new Set(Array.isArray(doc.required) ? (doc.required as string[]) : []);
  return new Map(Object.keys((doc.properties as object) ?? {}).map((name) => [name, { required: required.has(name) }]));
}

// Backward: the new reader needs a default for every field the old writer lacks.
function backward(next: Map<string, Field>, old: Map<string, Field>): string[] {
  return [...next].filter(([name, f]) => f.required && !old.has(name)).map(([name]) => `${name}: added without a default, so data written with the old schema cannot be read`);
}

/** `previous` is ordered newest first: plain modes compare with previous[0], -transitive with all, none with nothing. */
export function checkSchemaCompatibility(mode: CompatibilityMode, next: ProductSchema, previous: readonly ProductSchema[]): CompatibilityVerdict {
  const against = mode === "none" ? [] : mode.endsWith("-transitive") ? previous : previous.slice(0, 1);
  const reasons: string[] = [];
  const nextFields = fields(next);
  for (const old of against) {
    const oldFields = fields(old);
    if (mode.startsWith("backward") || mode.startsWith("full")) reasons.push(...backward(nextFields, oldFields));
    if (mode.startsWith("forward") || mode.startsWith("full")) reasons.push(...backward(oldFields, nextFields));
  }
  return { compatible: reasons.length === 0, reasons: [...new Set(reasons)], versionsChecked: against.length };
}
