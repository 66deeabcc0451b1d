/**
 * JSON Schema documents, compiled by ajv under the draft their `$schema` names (draft-07 when it
 * names none, as Confluent Schema Registry assumes). Compiling proves the document is a schema its
 * consumers' validators accept: it conforms to its draft's meta-schema, every `$ref` resolves, and no
 * keyword is unknown (strict mode), since a misspelled keyword would silently constrain nothing.
 * Vendor annotations are no misspellings: keys that start with `x-` or hold a dot (Kafka Connect's
 * `connect.type`, `connect.index` …) are accepted as annotations.
 */
import Ajv, { type AnySchemaObject } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { UnusableSchemaError } from "./unusableSchemaError";

type AjvClass = new (options: ConstructorParameters<typeof Ajv>[0]) => Ajv;

/** The drafts ajv validates, by the `$schema` URI that names each (with or without `#`, http or https). */
const DRAFTS: readonly { name: string; uri: string; ajv: AjvClass }[] = [
  { name: "2020-12", uri: "json-schema.org/draft/2020-12/schema", ajv: Ajv2020 },
  { name: "2019-09", uri: "json-schema.org/draft/2019-09/schema", ajv: Ajv2019 },
  { name: "draft-07", uri: "json-schema.org/draft-07/schema", ajv: Ajv },
  { name: "draft-04", uri: "json-schema.org/draft-04/schema", ajv: AjvDraft04 as unknown as AjvClass },
];

/** Compiles `document` and returns it; throws UnusableSchemaError saying which draft refused it and why. */
export function compileJsonSchema(document: unknown): AnySchemaObject | boolean {
  if (typeof document === "boolean") return document;
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new UnusableSchemaError("not a usable JSON Schema: a schema is an object or a boolean");
  }
  const schema = document as AnySchemaObject;
  // The loader, and then the review at base and head, meet the same file again; compiling generates code, so once is enough.
  const text = JSON.stringify(schema);
  if (compiled.has(text)) return schema;
  const draft = draftOf(schema.$schema);
  const ajv = validatorFor(draft);
  // ajv cannot declare a keyword with a dot in its name, so it compiles the schema without its annotations.
  const compilable = withoutVendorAnnotations(schema) as AnySchemaObject;
  try {
    ajv.compile(compilable);
  } catch (e) {
    throw new UnusableSchemaError(`not a usable JSON Schema (${draft.name}): ${(e as Error).message}`);
  } finally {
    // Forget it again, so the next file may reuse its $id.
    ajv.removeSchema(compilable);
  }
  compiled.add(text);
  return schema;
}

/** The documents (as JSON text) that compiled in this process. */
const compiled = new Set<string>();

/** One ajv per draft, made on first use: building one (meta-schemas, formats) costs far more than a compile. */
const validators = new Map<string, Ajv>();

function validatorFor(draft: (typeof DRAFTS)[number]): Ajv {
  let ajv = validators.get(draft.name);
  if (ajv === undefined) {
    ajv = new draft.ajv({ strict: true, strictTypes: false, strictTuples: false, logger: false });
    addFormats(ajv);
    validators.set(draft.name, ajv);
  }
  return ajv;
}

function draftOf(uri: unknown): (typeof DRAFTS)[number] {
  if (uri === undefined) return DRAFTS[2];
  const bare = typeof uri === "string" ? uri.replace(/^https?:\/\//, "").replace(/#$/, "") : undefined;
  const draft = DRAFTS.find((d) => d.uri === bare);
  if (draft === undefined) {
    throw new UnusableSchemaError(
      `not a usable JSON Schema: $schema ${JSON.stringify(uri)} names no supported draft (${DRAFTS.map((d) => d.name).join(", ")})`,
    );
  }
  return draft;
}

/** Keywords whose value maps names (of properties, definitions) to schemas: their keys are no keywords. */
const NAMED_SCHEMAS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies"]);
/** Keywords whose value is data, not schema. */
const DATA = new Set(["enum", "const", "default", "examples"]);

/** `x-…` or dotted keys such as Kafka Connect's `connect.type`: annotations no validator reads. */
export function isVendorAnnotation(key: string): boolean {
  return key.startsWith("x-") || key.includes(".");
}

/** A copy of the schema without vendor annotations, leaving property names and data values as they are. */
function withoutVendorAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutVendorAnnotations);
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !isVendorAnnotation(key))
      .map(([key, value]) => {
        if (DATA.has(key)) return [key, value];
        if (NAMED_SCHEMAS.has(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
          return [key, Object.fromEntries(Object.entries(value).map(([name, nested]) => [name, withoutVendorAnnotations(nested)]))];
        }
        return [key, withoutVendorAnnotations(value)];
      }),
  );
}
