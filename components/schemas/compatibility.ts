/**
 * Contract compatibility between schema versions, with Confluent Schema Registry's meaning of each mode:
 * `backward` — a consumer on the new schema reads data written with the old one; `forward` — a consumer
 * on the old schema reads data written with the new one; `full` — both; the `-transitive` forms check
 * against every previous version given rather than the newest only; `none` checks nothing.
 * `meshkit compat` and the change review both decide through `checkSchemaCompatibility`.
 */
import type { CompatibilityMode } from "../manifest";
import type { ProductSchema } from "../manifest/productSchemaFile";
import { avroIncompatibilities } from "./avroCompatibility";
import { jsonSchemaIncompatibilities } from "./jsonSchemaCompatibility";
import { parseProductSchema, type ParsedSchema } from "./parsedSchema";
import type { ReadingSides } from "./readingSides";
import { UnusableSchemaError } from "./unusableSchemaError";

export { UnusableSchemaError };

export interface CompatibilityVerdict {
  readonly compatible: boolean;
  /** One line per violation naming the field path and the rule it breaks. Empty when compatible. */
  readonly reasons: readonly string[];
  /** How many earlier versions were compared (1 for plain modes, every given one for -transitive, 0 for none). */
  readonly versionsChecked: number;
}

const BACKWARD: ReadingSides = { reader: "new", writer: "old", mode: "backward" };
const FORWARD: ReadingSides = { reader: "old", writer: "new", mode: "forward" };

/** The reading directions each mode checks, whatever its transitivity. */
const DIRECTIONS: Readonly<Record<CompatibilityMode, readonly ReadingSides[]>> = {
  none: [],
  backward: [BACKWARD],
  "backward-transitive": [BACKWARD],
  forward: [FORWARD],
  "forward-transitive": [FORWARD],
  full: [BACKWARD, FORWARD],
  "full-transitive": [BACKWARD, FORWARD],
};

/** `previous` is ordered newest first: plain modes compare with previous[0], -transitive with all, none with nothing. */
export function checkSchemaCompatibility(
  mode: CompatibilityMode,
  next: ProductSchema,
  previous: readonly ProductSchema[],
): CompatibilityVerdict {
  if (mode === "none") return { compatible: true, reasons: [], versionsChecked: 0 };
  const compared = mode.endsWith("-transitive") ? previous : previous.slice(0, 1);
  const newer = parsed(next);
  const reasons = compared.flatMap((version, i) => {
    const found = incompatibilities(newer, parsed(version), DIRECTIONS[mode]);
    return compared.length > 1 ? found.map((reason) => `against the version ${i + 1} back: ${reason}`) : found;
  });
  return { compatible: reasons.length === 0, reasons, versionsChecked: compared.length };
}

function incompatibilities(newer: ParsedSchema, older: ParsedSchema, directions: readonly ReadingSides[]): string[] {
  if (newer.format !== older.format) {
    return [`the schema changed from ${older.format} to ${newer.format}; no consumer reads one format as the other (format change)`];
  }
  const pick = (side: ReadingSides["reader"]) => (side === "new" ? newer : older);
  // A named type or $ref used twice is compared once, and its reasons would otherwise repeat.
  const found = directions.flatMap((sides) => {
    const reader = pick(sides.reader);
    const writer = pick(sides.writer);
    if (reader.format === "AVRO" && writer.format === "AVRO") return avroIncompatibilities(reader.type, writer.type, sides);
    if (reader.format === "JSON" && writer.format === "JSON") return jsonSchemaIncompatibilities(reader.document, writer.document, sides);
    return [];
  });
  return [...new Set(found)];
}

function parsed(schema: ProductSchema): ParsedSchema {
  try {
    return parseProductSchema(schema);
  } catch (e) {
    if (e instanceof UnusableSchemaError) throw new UnusableSchemaError(`${schema.path} is ${e.message}`);
    throw e;
  }
}
