/**
 * Finds the part of a zod schema that validates the value at a field path, so an issue can be
 * explained with what that field accepts (its allowed keys, its pattern).
 */
import type { z } from "zod";

/** The schema of the value at `path`, looking through optional and default wrappers; undefined if none. */
export function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let current: z.core.$ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (current === undefined) return undefined;
    const def = current._zod.def as z.core.$ZodTypeDef & { shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    if (def.type === "object" && typeof segment === "string") current = def.shape?.[segment];
    else if (def.type === "array" && typeof segment === "number") current = def.element;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current;
}

/** The keys the map at `path` may hold, or none when `path` is not a map. */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schemaAt(schema, path)?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType };
  return (def.type === "optional" || def.type === "default") && def.innerType ? unwrap(def.innerType) : schema;
}
