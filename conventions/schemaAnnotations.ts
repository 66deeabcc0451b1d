/**
 * How a product schema declares personal data: one spelling per schema language, read by the
 * manifest checks, the Glue columns and the exported data contracts alike.
 */

/** Avro field property naming the field's PII category: `{ "name": "email", "type": "string", "pii": "email" }`. */
export const AVRO_PII_PROPERTY = "pii";

/** JSON Schema keyword naming a property's PII category: `"email": { "type": "string", "x-pii": "email" }`. */
export const JSON_SCHEMA_PII_KEYWORD = "x-pii";

/** The annotation value saying a field that looks personal is not (`"pii": "none"`), which silences the name check. */
export const NOT_PII = "none";

/** Glue column parameter recording the column's PII category. */
export const COLUMN_PII_PARAMETER = "pii";
