// The offline review's speed-ups (transpile cache, deferred SDK modules, the trimmed SDK, direct analysis,
// lazy outputs, runs in parts, shared strings) must not
// change a single byte of its results: review JSON of the example stacks and of a generated 30-domain
// platform, against golden files written by an engine without them (main at a26aa6a, whose results
// equal the base commit 361c6e6's for the components of the time). A deliberate change of components
// or policies updates them: `npx vitest run tests/engine/sameResults -u`.
import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePlatform } from "../../bench/generate.mjs";
import { DOMAINS_PER_SHARD_ENV } from "../../cli/review/shards";
import { ensureBuilt, meshkit } from "../cli/meshkit";

const GOLDEN = path.join(__dirname, "golden");

async function reviewJson(stack: string, cwd?: string, env: Record<string, string> = {}): Promise<string> {
  const r = await meshkit(["review", "--stack", stack, "--format", "json", ...(cwd ? ["--cwd", cwd] : [])], undefined, { env });
  // 1 is a review with mandatory findings: still a complete review.
  if (r.code !== 0 && r.code !== 1) throw new Error(`meshkit review exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

describe("review results stay byte-identical", () => {
  beforeAll(() => ensureBuilt(), 600_000);

  for (const stack of ["production", "staging", "orders-production"]) {
    it(`on the ${stack} stack`, async () => {
      await expect(await reviewJson(stack)).toMatchFileSnapshot(path.join(GOLDEN, `review-${stack}.json`));
    }, 300_000);
  }

  it("on a generated platform of 30 domains, whole and in parts", async () => {
    const dir = generatePlatform(30);
    try {
      await expect(await reviewJson("production", dir)).toMatchFileSnapshot(path.join(GOLDEN, "review-generated-30.json"));
      // Three program processes of 10 domains each (cli/review/shards.ts): the same bytes.
      await expect(await reviewJson("production", dir, { [DOMAINS_PER_SHARD_ENV]: "10" })).toMatchFileSnapshot(path.join(GOLDEN, "review-generated-30.json"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
