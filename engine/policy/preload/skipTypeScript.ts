// Preloaded (`node -r`) into a pack process the offline engine starts, never into one the Pulumi
// engine starts. The SDK's pack runner loads TypeScript and registers ts-node, type-checking, in every
// pack process (about 0.45 s CPU), whatever the pack is written in. When the pack's entry is already
// JavaScript (meshkit's compiled pack, an npm policy package) there is nothing to compile, so the
// runner is handed this module as both "typescript" and "ts-node": a version, and a register that
// registers nothing. A TypeScript pack keeps the runner's ts-node.
import * as path from "path";

/** What the runner reads of TypeScript: its version (it picks ts-node's module setting by it). */
export const version = "5.0.0";

/** What the runner calls of ts-node: nothing to register for a JavaScript pack. */
export function register(): void {}

// The runner's argv: node, runner, engine address, then the pack's entry ('.' for its directory).
function entryIsJavaScript(entry: string | undefined): boolean {
  if (entry === undefined) return false;
  try {
    // ts-node is not registered yet, so only a JavaScript entry resolves.
    return [".js", ".cjs"].includes(path.extname(require.resolve(path.resolve(entry))));
  } catch {
    return false;
  }
}

if (entryIsJavaScript(process.argv[3])) {
  try {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [process.cwd()] }));
    const tsutils = require(path.join(sdk, "tsutils")) as { typeScriptRequireStrings: () => { tsnodeRequire: string; typescriptRequire: string } };
    tsutils.typeScriptRequireStrings = () => ({ tsnodeRequire: __filename, typescriptRequire: __filename });
  } catch {
    // an SDK without this runner helper: it loads TypeScript as it always did
  }
}
