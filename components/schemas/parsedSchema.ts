/**
 * A product's schema file, parsed for real: Avro by avsc, JSON Schema compiled by ajv. The manifest
 * loader, `meshkit compat` and the compatibility check all take a schema through here, so a schema
 * one of them accepts, the others accept too.
 */
import type { AnySchemaObject } from "ajv";
import type { Type } from "avsc";
import * as path from "node:path";
import type { ProductSchema } from "../manifest/productSchemaFile";
import { parseAvroSchema } from "./avroSchema";
import { compileJsonSchema } from "./jsonSchemaDocument";
import { UnusableSchemaError } from "./unusableSchemaError";

export type ParsedSchema =
  | { readonly format: "AVRO"; readonly type: Type }
  | { readonly format: "JSON"; readonly document: AnySchemaObject | boolean };

/** Type names only Avro has: a document whose `type` is one of them is Avro even outside a `.avsc` file. */
const AVRO_ONLY_TYPES: ReadonlySet<unknown> = new Set(["record", "error", "enum", "fixed", "map", "int", "long", "float", "double", "bytes"]);

/** The schema file at `schemaPath` (named as the user wrote it) holding `definition`, parsed; throws UnusableSchemaError. */
export function productSchemaOf(schemaPath: string, definition: string): ProductSchema {
  const document = jsonOf(definition);
  const format = formatOf(schemaPath, document);
  parseDocument(format, document);
  return { path: schemaPath, format, definition };
}

/** Parses a schema the loader has already accepted (or one from another source, such as a git revision). */
export function parseProductSchema(schema: ProductSchema): ParsedSchema {
  return parseDocument(schema.format, jsonOf(schema.definition));
}

function parseDocument(format: ProductSchema["format"], document: unknown): ParsedSchema {
  return format === "AVRO" ? { format, type: parseAvroSchema(document) } : { format, document: compileJsonSchema(document) };
}

function jsonOf(definition: string): unknown {
  try {
    return JSON.parse(definition);
  } catch (e) {
    throw new UnusableSchemaError(`not valid JSON: ${(e as Error).message}`);
  }
}

/** `.avsc` files, and documents that only Avro reads (a type name, a union, an Avro-only type), are Avro; the rest JSON Schema. */
function formatOf(schemaPath: string, document: unknown): ProductSchema["format"] {
  if (path.extname(schemaPath).toLowerCase() === ".avsc") return "AVRO";
  if (typeof document === "string" || Array.isArray(document)) return "AVRO";
  const fields = typeof document === "object" && document !== null ? (document as Record<string, unknown>) : {};
  return fields.$schema === undefined && AVRO_ONLY_TYPES.has(fields.type) ? "AVRO" : "JSON";
}
