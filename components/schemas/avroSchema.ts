/**
 * Avro schemas, parsed by avsc the way Apache Avro's own parser takes them: named types resolved,
 * namespaces and aliases qualified, every field default checked against its type, and an unnamed
 * record, enum or fixed refused (avsc would accept one; the specification and Java do not).
 * Logical types are left unregistered, so they resolve as their underlying types, as the
 * specification asks for compatibility and for a logical type it does not know.
 *
 * A union field's default may match any branch since Avro 1.11 ("the first schema that matches in
 * the union"; Java 1.12 accepts it), while avsc still wants the first branch: the copy avsc parses has
 * the first branch the default fits moved to the front, which changes nothing else here, since union
 * branches resolve by type, not by position. The file itself is registered unchanged.
 */
import { Type } from "avsc";
import { UnusableSchemaError } from "./unusableSchemaError";

export function parseAvroSchema(document: unknown): Type {
  try {
    return Type.forSchema(withDefaultBranchFirst(document) as Parameters<typeof Type.forSchema>[0], { noAnonymousTypes: true });
  } catch (e) {
    // The copy has already put the branch a default fits first, so avsc's advice to match the first branch does not apply.
    const message = (e as Error).message.replace(/, union defaults must match the first branch's type \(.*\)$/, ", nor does any other branch of the union");
    const field = offendingField(document, message);
    throw new UnusableSchemaError(`not a usable Avro schema: ${field === undefined ? "" : `field ${field}: `}${message}`);
  }
}

const PRIMITIVE_DEFAULTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  null: (v) => v === null,
  boolean: (v) => typeof v === "boolean",
  int: Number.isInteger,
  long: Number.isInteger,
  float: (v) => typeof v === "number",
  double: (v) => typeof v === "number",
  bytes: (v) => typeof v === "string",
  string: (v) => typeof v === "string",
};
const COMPLEX_DEFAULTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  array: Array.isArray,
  map: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  record: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  enum: (v) => typeof v === "string",
  fixed: (v) => typeof v === "string",
};

/** Whether a JSON default surely fits a union branch (true), surely not (false), or cannot tell (a named reference). */
function fits(branch: unknown, value: unknown): boolean | undefined {
  if (typeof branch === "string") return PRIMITIVE_DEFAULTS[branch]?.(value);
  const type = typeof branch === "object" && branch !== null ? (branch as { type?: unknown }).type : undefined;
  if (typeof type === "string" && type in PRIMITIVE_DEFAULTS) return PRIMITIVE_DEFAULTS[type](value);
  return typeof type === "string" ? COMPLEX_DEFAULTS[type]?.(value) : undefined;
}

/** A copy of the schema where each union field with a default lists first the branch its default fits. */
function withDefaultBranchFirst(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withDefaultBranchFirst);
  if (typeof schema !== "object" || schema === null) return schema;
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "default" ? v : withDefaultBranchFirst(v)]));
  if (Array.isArray(copy.type) && "default" in copy && fits(copy.type[0], copy.default) === false) {
    const branches = copy.type as unknown[];
    const match = branches.findIndex((branch) => fits(branch, copy.default) === true);
    if (match > 0) copy.type = [branches[match], ...branches.filter((_, i) => i !== match)];
  }
  return copy;
}

/**
 * avsc names what it refused but not where; the field it was parsing is the first one (depth first,
 * in declaration order, as avsc parses) whose type names the unknown type or whose default is the refused value.
 */
function offendingField(document: unknown, message: string): string | undefined {
  const unknownType = /^undefined type name: (.+)$/.exec(message)?.[1];
  const refusedDefault = /^incompatible field default (.+?) \(invalid /.exec(message)?.[1];
  const matches = (field: Record<string, unknown>): boolean =>
    (unknownType !== undefined && namesType(field.type, unknownType)) ||
    (refusedDefault !== undefined && "default" in field && JSON.stringify(field.default) === refusedDefault);
  return unknownType === undefined && refusedDefault === undefined ? undefined : findField(document, "", matches);
}

function findField(schema: unknown, prefix: string, matches: (field: Record<string, unknown>) => boolean): string | undefined {
  if (Array.isArray(schema)) {
    for (const branch of schema) {
      const found = findField(branch, prefix, matches);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof schema !== "object" || schema === null) return undefined;
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.fields)) {
    for (const field of node.fields as Record<string, unknown>[]) {
      const name = `${prefix}${String(field?.name)}`;
      const nested = findField(field?.type, `${name}.`, matches);
      if (nested !== undefined) return nested;
      if (typeof field === "object" && field !== null && matches(field)) return name;
    }
  }
  return findField(node.items ?? node.values, prefix, matches);
}

/** Whether `type` (a name, union, array or map of names) names `qualified`, as written or by its last segment. */
function namesType(type: unknown, qualified: string): boolean {
  if (typeof type === "string") return type === qualified || qualified.endsWith(`.${type}`);
  if (Array.isArray(type)) return type.some((branch) => typeof branch === "string" && namesType(branch, qualified));
  return false;
}
