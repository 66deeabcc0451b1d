/**
 * Whether data written with one Avro schema can be read with another, decided exactly as Apache Avro's
 * Java `SchemaCompatibility.checkReaderWriterCompatibility` (1.12) decides it, which is what Confluent
 * Schema Registry runs for AVRO subjects. The walk follows that class rule for rule:
 *
 * - same types: primitives match; arrays compare items, maps values; fixed and enum and record must
 *   have the same unqualified name, or the reader lists the writer's full name among its aliases;
 *   fixed sizes must be equal; every writer enum symbol must be a reader symbol unless the reader enum
 *   has a default; every reader field must find its writer field (by name or by one of its aliases)
 *   and read it, or have a default; every branch of a writer union must be readable;
 * - different types: a writer union needs every branch readable; int promotes to long, float and
 *   double, long to float and double, float to double, string and bytes to each other; a reader
 *   union needs one branch that reads the writer; anything else is a type mismatch;
 * - logical types are ignored (only the underlying types are compared), and a recursive pair already
 *   being compared counts as compatible, as Java's memo does;
 * - where Java throws instead of answering (a reader field whose name and aliases match two writer
 *   fields), the field is reported as ambiguous.
 *
 * avsc's own `reader.createResolver(writer)` is not asked for the verdict: it stops at the first
 * problem (the review names every offending field), and it differs from Java where the corpus in
 * tests/fixtures/avro-compatibility shows it: avsc compares full names where Java compares unqualified
 * names, so a record moved to another namespace is readable for Java and not for avsc.
 */
import type { Type } from "avsc";
import type { ReadingSides } from "./readingSides";

/** Every reason `writer`'s data cannot be read with `reader`; empty when it can. */
export function avroIncompatibilities(reader: Type, writer: Type, sides: ReadingSides): string[] {
  return new AvroReadCheck(sides).check(reader, writer, "");
}

interface AvroNode {
  readonly typeName: string;
  readonly name?: string;
  readonly aliases?: readonly string[];
  readonly fields?: readonly AvroField[];
  readonly symbols?: readonly string[];
  readonly default?: string;
  readonly size?: number;
  readonly itemsType?: Type;
  readonly valuesType?: Type;
  readonly types?: readonly Type[];
}

interface AvroField {
  readonly name: string;
  readonly type: Type;
  readonly aliases: readonly string[];
  defaultValue(): unknown;
}

/** Java's order of the numeric promotions: a writer type is readable as any type it promotes to. */
const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  long: ["int"],
  float: ["int", "long"],
  double: ["int", "long", "float"],
  bytes: ["string"],
  string: ["bytes"],
};

class AvroReadCheck {
  /** Reader → writer → reasons, or "pending" while that pair is being compared (a recursive schema). */
  private readonly memo = new Map<Type, Map<Type, readonly string[] | "pending">>();

  constructor(private readonly sides: ReadingSides) {}

  check(reader: Type, writer: Type, path: string): string[] {
    const byWriter = this.memo.get(reader) ?? new Map<Type, readonly string[] | "pending">();
    this.memo.set(reader, byWriter);
    const known = byWriter.get(writer);
    if (known === "pending") return [];
    if (known !== undefined) return [...known];
    byWriter.set(writer, "pending");
    const reasons = this.compare(node(reader), node(writer), path);
    byWriter.set(writer, reasons);
    return reasons;
  }

  private compare(reader: AvroNode, writer: AvroNode, path: string): string[] {
    const readerType = kindOf(reader);
    const writerType = kindOf(writer);
    if (readerType === writerType) {
      switch (readerType) {
        case "array":
          return this.check(reader.itemsType!, writer.itemsType!, `${path}[]`);
        case "map":
          return this.check(reader.valuesType!, writer.valuesType!, `${path}{}`);
        case "fixed":
          return [...this.names(reader, writer, path), ...this.fixedSizes(reader, writer, path)];
        case "enum":
          return [...this.names(reader, writer, path), ...this.enumSymbols(reader, writer, path)];
        case "record":
          return [...this.names(reader, writer, path), ...this.fields(reader, writer, path)];
        case "union":
          return writer.types!.flatMap((branch) => this.check(reader as unknown as Type, branch, path));
        default:
          return [];
      }
    }
    if (writerType === "union") return writer.types!.flatMap((branch) => this.check(reader as unknown as Type, branch, path));
    if (readerType === "union") return this.readerUnion(reader, writer, path);
    if (PROMOTIONS[readerType]?.includes(writerType)) return [];
    return [`${where(path)}: ${describe(writer)} cannot be read as ${describe(reader)} (type mismatch)`];
  }

  /** A reader union reads a writer type when one branch does; otherwise the branch of the same kind says why it does not. */
  private readerUnion(reader: AvroNode, writer: AvroNode, path: string): string[] {
    const attempts = reader.types!.map((branch) => ({ branch: node(branch), reasons: this.check(branch, writer as unknown as Type, path) }));
    if (attempts.some((attempt) => attempt.reasons.length === 0)) return [];
    const sameKind = attempts.filter((a) => kindOf(a.branch) === kindOf(writer) && simpleName(a.branch) === simpleName(writer));
    if (sameKind.length === 1) return sameKind[0].reasons;
    return [`${where(path)}: ${describe(writer)} is in no branch of the ${this.sides.reader} ${describe(reader)} (missing union branch)`];
  }

  private names(reader: AvroNode, writer: AvroNode, path: string): string[] {
    if (simpleName(reader) === simpleName(writer) || (reader.aliases ?? []).includes(writer.name ?? "")) return [];
    return [
      `${where(path)}: ${kindOf(writer)} ${writer.name} cannot be read as ${kindOf(reader)} ${reader.name}: the names differ and no alias of the ${this.sides.reader} one names ${writer.name} (name mismatch)`,
    ];
  }

  private fixedSizes(reader: AvroNode, writer: AvroNode, path: string): string[] {
    if (reader.size === writer.size) return [];
    return [`${where(path)}: fixed ${writer.name} of ${writer.size} bytes cannot be read as ${reader.size} bytes (fixed size mismatch)`];
  }

  private enumSymbols(reader: AvroNode, writer: AvroNode, path: string): string[] {
    const missing = writer.symbols!.filter((symbol) => !reader.symbols!.includes(symbol)).sort();
    if (missing.length === 0 || (reader.default !== undefined && reader.symbols!.includes(reader.default))) return [];
    return [
      `${where(path)}: symbol${missing.length === 1 ? "" : "s"} ${missing.join(", ")} of the ${this.sides.writer} enum ${writer.name} ${missing.length === 1 ? "is" : "are"} missing from the ${this.sides.reader} one, which has no default (missing enum symbols)`,
    ];
  }

  private fields(reader: AvroNode, writer: AvroNode, path: string): string[] {
    return reader.fields!.flatMap((field) => {
      const fieldPath = path === "" ? field.name : `${path}.${field.name}`;
      const candidates = writer.fields!.filter((w) => w.name === field.name || field.aliases.includes(w.name));
      if (candidates.length > 1) {
        return [`${where(fieldPath)}: its name and aliases match several ${this.sides.writer} fields (${candidates.map((c) => c.name).join(", ")}) (ambiguous field)`];
      }
      if (candidates.length === 1) return this.check(field.type, candidates[0].type, fieldPath);
      if (field.defaultValue() !== undefined) return [];
      return [this.missingDefault(fieldPath)];
    });
  }

  private missingDefault(fieldPath: string): string {
    return this.sides.reader === "new"
      ? `${where(fieldPath)}: added without a default, so old data cannot be read (${this.sides.mode})`
      : `${where(fieldPath)}: removed, and the old schema has no default for it, so consumers on the old schema cannot read new data (${this.sides.mode})`;
  }
}

function node(type: Type): AvroNode {
  return type as unknown as AvroNode;
}

/** The Avro type, with avsc's spellings folded: an error is a record, a union is a union however avsc wraps it. */
function kindOf(type: AvroNode): string {
  if (type.typeName === "error") return "record";
  return type.typeName.startsWith("union:") ? "union" : type.typeName;
}

function simpleName(type: AvroNode): string | undefined {
  return type.name?.slice(type.name.lastIndexOf(".") + 1);
}

function describe(type: AvroNode): string {
  const kind = kindOf(type);
  if (kind === "array") return `array<${describe(node(type.itemsType!))}>`;
  if (kind === "map") return `map<${describe(node(type.valuesType!))}>`;
  if (kind === "union") return `union [${type.types!.map((t) => describe(node(t))).join(", ")}]`;
  return type.name === undefined ? kind : `${kind} ${type.name}`;
}

function where(path: string): string {
  return path === "" ? "the schema" : `field ${path}`;
}
