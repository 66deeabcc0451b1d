// Lays down dist/policies as a runnable CrossGuard pack after `tsc -p tsconfig.build.json` has
// compiled it: PulumiPolicy.yaml, a package.json whose main is index.js (so the engine, or the
// offline review, starts plain JavaScript instead of type-checking TypeScript with ts-node), the
// exemptions file the pack reads by default, and the per-environment config files beside it.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "policies");
const target = join(root, "dist", "policies");

if (!existsSync(join(target, "index.js"))) {
  console.error(`${target}/index.js is missing: run tsc -p tsconfig.build.json first`);
  process.exit(1);
}
for (const file of ["PulumiPolicy.yaml", "exemptions.yaml"]) copyFileSync(join(source, file), join(target, file));
mkdirSync(join(target, "config"), { recursive: true });
for (const file of readdirSync(join(source, "config")).filter((f) => f.endsWith(".json"))) {
  copyFileSync(join(source, "config", file), join(target, "config", file));
}
const pkg = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
// sourceDir: in a checkout the pack reads the live policies/exemptions.yaml, not this copy. sources:
// the folders compiled into it, so a review notices when they changed after this build. Written last:
// its modification time is the build's.
const meshkit = { sourceDir: "../../policies", sources: ["../../policies", "../../conventions"] };
writeFileSync(join(target, "package.json"), JSON.stringify({ ...pkg, main: "index.js", meshkit }, null, 2) + "\n");
console.log(`dist/policies: runnable policy pack ${pkg.name}@${pkg.version}`);
