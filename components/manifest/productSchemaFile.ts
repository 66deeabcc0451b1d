/** Checks the Avro or JSON Schema file a product's contract points at. */
import * as fs from "node:fs";

/**
 * Returns why the file is unusable, or undefined when it is a readable Avro or JSON Schema document.
 * `shownAs` names the file in that reason (the manifest's relative path reads better than an absolute one).
 */
export function checkProductSchemaFile(file: string, shownAs: string = file): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return `schema file ${shownAs} does not exist or cannot be read`;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `schema file ${shownAs} is not valid JSON: ${(e as Error).message}`;
  }
  if (!isObject(doc)) return `schema file ${shownAs} must hold a JSON object`;
  const isAvroRecord = doc.type === "record" && typeof doc.name === "string" && Array.isArray(doc.fields);
  const isJsonSchema = typeof doc.$schema === "string" || (doc.type === "object" && isObject(doc.properties));
  if (!isAvroRecord && !isJsonSchema) {
    return `schema file ${shownAs} is neither an Avro record (type, name, fields) nor a JSON Schema ($schema or type: object with properties)`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The schema-registry data format a schema file is written in. */
export function schemaFormat(file: string): "AVRO" | "JSON" {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  return doc.type === "record" ? "AVRO" : "JSON";
}
