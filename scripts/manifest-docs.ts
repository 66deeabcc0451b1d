// Writes what follows from the manifest's zod schema: the JSON Schema editors read
// (domains/domain-manifest.schema.json) and the manifest reference (docs/manifest-reference.md).
// `npm run manifest-docs`; tests fail while either is stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestJsonSchema } from "../components/manifest/jsonSchema";
import { manifestReference } from "../components/manifest/reference";

const root = join(__dirname, "..");
writeFileSync(join(root, "domains", "domain-manifest.schema.json"), JSON.stringify(manifestJsonSchema(), null, 2) + "\n");
writeFileSync(join(root, "docs", "manifest-reference.md"), manifestReference());
console.log("domains/domain-manifest.schema.json, docs/manifest-reference.md: regenerated from components/manifest/schema.ts");
