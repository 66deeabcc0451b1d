/**
 * What a product's schema must agree on with its manifest entry, checked when the manifest is
 * read: the schema maps to Glue columns, partition keys are plain columns, and the product's `pii`
 * list equals the categories its fields are annotated with. Fields whose names look personal but
 * carry no annotation draw warnings, pinned to the field in the schema file.
 */
import * as path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { AVRO_PII_PROPERTY, JSON_SCHEMA_PII_KEYWORD, NOT_PII } from "../../conventions";
import { suggestedPiiCategory } from "../schemas/piiNames";
import { flattenFields, schemaFields, UnmappableSchemaError, type SchemaField } from "../schemas/schemaFields";
import { fieldPath, type ManifestIssue } from "./errors";
import { fieldPlace } from "./positions";
import type { ProductSchema } from "./productSchemaFile";
import type { DataProduct } from "./schema";

export interface SchemaCheck {
  readonly errors: ManifestIssue[];
  readonly warnings: ManifestIssue[];
}

/** Where a manifest field is: the manifest's YAML and the product's index in it. */
export interface ManifestPlace {
  readonly file: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  readonly productIndex: number;
}

export function checkProductSchema(product: DataProduct, schema: ProductSchema, where: ManifestPlace): SchemaCheck {
  const at = (...rest: (string | number)[]) => ["spec", "products", where.productIndex, ...rest];
  const issue = (fieldAt: (string | number)[], message: string): ManifestIssue => ({
    file: where.file,
    ...fieldPlace(where.doc, fieldAt, where.lineCounter),
    path: fieldPath(fieldAt),
    message,
  });
  let fields: SchemaField[];
  try {
    fields = schemaFields(schema);
  } catch (e) {
    if (!(e instanceof UnmappableSchemaError)) throw e;
    return { errors: [issue(at("schema"), `schema file ${schema.path}: ${e.message}`)], warnings: [] };
  }
  const errors: ManifestIssue[] = [];

  // Glue and Athena fold column names to lower case, so two fields differing in case are one column.
  const seen = new Map<string, string>();
  for (const field of fields) {
    const folded = field.name.toLowerCase();
    const earlier = seen.get(folded);
    if (earlier !== undefined) errors.push(issue(at("schema"), `schema file ${schema.path}: fields ${earlier} and ${field.name} are the same Glue column, which ignores case`));
    seen.set(folded, field.name);
  }

  (product.storage?.partitionKeys ?? []).forEach((key, j) => {
    const field = fields.find((f) => f.name === key);
    if (field !== undefined && !["scalar", "decimal", "enum"].includes(field.type.kind)) {
      errors.push(issue(at("storage", "partitionKeys", j), `partition key ${key} is a ${field.type.kind} in ${schema.path}; a partition column holds a plain value`));
    }
  });

  const annotated = flattenFields(fields).filter(({ field }) => field.pii !== undefined && field.pii !== NOT_PII);
  const declared = new Set(product.pii);
  for (const { path: fieldName, field } of annotated) {
    if (!declared.has(field.pii!)) {
      errors.push(issue(at("pii"), `field ${fieldName} of ${schema.path} is annotated ${field.pii}, so pii must list ${field.pii}`));
      declared.add(field.pii!); // one error per missing category
    }
  }
  const carried = new Set(annotated.map(({ field }) => field.pii));
  product.pii.forEach((category, k) => {
    if (!carried.has(category)) errors.push(issue(at("pii", k), `pii lists ${category}, but no field of ${schema.path} is annotated ${category}`));
  });

  return { errors, warnings: unannotatedPii(fields, schema, where.file) };
}

/** A warning for each field whose name looks personal and that carries no annotation, at the field in the schema file. */
function unannotatedPii(fields: readonly SchemaField[], schema: ProductSchema, manifestFile: string): ManifestIssue[] {
  const suspects = flattenFields(fields).flatMap(({ path: fieldName, field }) => {
    const category = field.pii === undefined ? suggestedPiiCategory(field.name) : undefined;
    return category === undefined ? [] : [{ fieldName, field, category }];
  });
  if (suspects.length === 0) return [];
  const file = path.join(path.dirname(manifestFile), schema.path);
  const lineCounter = new LineCounter();
  const doc = parseDocument(schema.definition, { lineCounter });
  const keyword = schema.format === "AVRO" ? AVRO_PII_PROPERTY : JSON_SCHEMA_PII_KEYWORD;
  return suspects.map(({ fieldName, field, category }) => {
    // An Avro field is pinned at its name; a JSON Schema property at its own schema.
    const fieldAt = schema.format === "AVRO" ? [...field.at, "name"] : [...field.at];
    return {
      file,
      ...fieldPlace(doc, fieldAt, lineCounter),
      path: fieldPath(fieldAt),
      message: `field ${fieldName} looks like personal data (${category}) but carries no "${keyword}" annotation: annotate it "${keyword}": "${category}" (and list the category in the product's pii), or "${keyword}": "${NOT_PII}" if it is not personal data`,
    };
  });
}
