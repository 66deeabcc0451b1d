// The official SARIF 2.1.0 JSON Schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import * as fs from "fs";

const SCHEMA = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

export function sarifErrors(doc: unknown): string[] {
  // The schema's language-tag pattern is not valid with the `u` flag, which ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, "utf8")));
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
