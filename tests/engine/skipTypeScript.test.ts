/**
 * The offline engine spares a JavaScript pack the TypeScript that the SDK's runner loads in every pack
 * process (about 0.45 s CPU each), and still compiles a TypeScript pack with the runner's own ts-node.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type * as Engine from "../../engine";

// The built engine, as the CLI runs it (npm test builds first): run from source, the engine's own
// preloads compile with ts-node, which loads TypeScript whatever the pack.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runAndAnalyze } = require(path.join(__dirname, "..", "..", "dist", "engine")) as typeof Engine;

const FIXTURES = path.join(__dirname, "..", "fixtures", "engine");

async function verdicts(pack: string): Promise<string[]> {
  const result = await runAndAnalyze({ projectDir: path.join(FIXTURES, "basic-program"), stack: "dev", packs: [{ dir: path.join(FIXTURES, pack) }] });
  return [...new Set(result.analysis.diagnostics.map((d) => d.message.split("\n").pop()!))];
}

describe("TypeScript in the packs the offline engine starts", () => {
  it("is not loaded for a JavaScript pack", async () => {
    expect(await verdicts("typescript-probe-pack")).toEqual(["typescript loaded: false"]);
  }, 120_000);

  it("still compiles a TypeScript pack", async () => {
    expect(await verdicts("typescript-probe-pack-ts")).toEqual(["typescript loaded: true"]);
  }, 120_000);
});
