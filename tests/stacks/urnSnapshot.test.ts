/**
 * Pins every URN of the example stacks. A change here means an upgrade would replace resources:
 * a renamed bucket, key or topic loses data unless the refactor carries aliases. Update the files
 * only on purpose (`npx vitest run tests/stacks/urnSnapshot.test.ts -u`) and say why in review.
 */
import { describe, expect, it } from "vitest";
import { runStack } from "../support/stackRuns";

describe.each(["staging", "production"])("URNs of the %s stack", (stack) => {
  it("match the pinned snapshot", async () => {
    const run = await runStack(stack, true);
    const lines = run.resources.map((r) => `${r.urn}${r.options.protect ? "  [protect]" : ""}`).sort();
    await expect(lines.join("\n") + "\n").toMatchFileSnapshot(`./__snapshots__/urns.${stack}.txt`);
  });
});
