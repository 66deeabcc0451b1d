/**
 * Reads the Avro or JSON Schema file a product's contract points at, once, at load time, and parses
 * it for real (components/schemas): the components receive the text from here and never touch the
 * file system themselves.
 */
import * as fs from "node:fs";
import { productSchemaOf } from "../schemas/parsedSchema";
import { UnusableSchemaError } from "../schemas/unusableSchemaError";
import { confinedSchemaFile } from "./projectFiles";
import type { DomainSpec } from "./schema";

/** A product's schema as the schema registry takes it. */
export interface ProductSchema {
  /** The path as the manifest writes it, relative to the manifest. */
  readonly path: string;
  readonly format: "AVRO" | "JSON";
  /** The file's text, registered unchanged. */
  readonly definition: string;
}

export type SchemaReadResult = { ok: true; schema: ProductSchema } | { ok: false; reason: string };

/** Reads `schemaPath` (as written in the manifest) relative to `manifestFile`, and says why it is unusable if it is. */
export function readProductSchema(manifestFile: string, schemaPath: string): SchemaReadResult {
  const file = confinedSchemaFile(manifestFile, schemaPath);
  if (!file.ok) return file;
  let definition: string;
  try {
    definition = fs.readFileSync(file.path, "utf8");
  } catch {
    return { ok: false, reason: `schema file ${schemaPath} does not exist or cannot be read` };
  }
  try {
    return { ok: true, schema: productSchemaOf(schemaPath, definition) };
  } catch (e) {
    if (e instanceof UnusableSchemaError) return { ok: false, reason: `schema file ${schemaPath} is ${e.message}` };
    throw e;
  }
}

/** Every product schema of a manifest, keyed by product name; throws on an unusable file. */
export function readProductSchemas(spec: DomainSpec, manifestFile: string): Record<string, ProductSchema> {
  const schemas: Record<string, ProductSchema> = {};
  for (const product of spec.spec.products) {
    if (product.schema === undefined) continue;
    const read = readProductSchema(manifestFile, product.schema);
    if (!read.ok) throw new Error(`${manifestFile}: product ${product.name}: ${read.reason}`);
    schemas[product.name] = read.schema;
  }
  return schemas;
}
