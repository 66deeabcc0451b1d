// Writes the policy catalogue into README.md between its markers: `npm run catalogue`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderCatalogue, withCatalogue } from "../policies/lib/catalogue";
import { meshkitPolicies } from "../policies/pack";

const readmePath = join(__dirname, "..", "README.md");
const readme = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : "";
const { policies } = meshkitPolicies();
writeFileSync(readmePath, withCatalogue(readme, renderCatalogue(policies)));
console.log(`README.md: catalogue of ${policies.length} policies`);
