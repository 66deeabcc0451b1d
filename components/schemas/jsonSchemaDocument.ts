/**
 * JSON Schema documents, compiled by ajv under the draft their `$schema` names (draft-07 when it
 * names none, as Confluent Schema Registry assumes). Compiling proves the document is a schema its
 * consumers' validators accept: it conforms to its draft's meta-schema, every `$ref` resolves, and no
 * keyword is unknown (strict mode), since a misspelled keyword would silently constrain nothing.
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
  try {
    ajv.compile(schema);
  } catch (e) {
    throw new UnusableSchemaError(`not a usable JSON Schema (${draft.name}): ${(e as Error).message}`);
  } finally {
    // Forget it again, so the next file may reuse its $id.
    ajv.removeSchema(schema);
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
