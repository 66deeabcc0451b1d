/**
 * Avro schemas, parsed by avsc the way Apache Avro's own parser takes them: named types resolved,
 * namespaces and aliases qualified, every field default checked against its type, and an unnamed
 * record, enum or fixed refused (avsc would accept one; the specification and Java do not).
 * Logical types are left unregistered, so they resolve as their underlying types, as the
 * specification asks for compatibility and for a logical type it does not know.
 */
import { Type } from "avsc";
import { UnusableSchemaError } from "./unusableSchemaError";

export function parseAvroSchema(document: unknown): Type {
  try {
    return Type.forSchema(document as Parameters<typeof Type.forSchema>[0], { noAnonymousTypes: true });
  } catch (e) {
    const message = (e as Error).message;
    const field = offendingField(document, message);
    throw new UnusableSchemaError(`not a usable Avro schema: ${field === undefined ? "" : `field ${field}: `}${message}`);
  }
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
