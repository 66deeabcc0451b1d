// The platform program builds its domains one at a time (stacks/index.ts): a domain's registrations
// all run before the next domain is built, so a program never holds every resource's pending
// registration at once. The order in which the engine receives registrations shows it.
import { describe, expect, it } from "vitest";
import { runProgram, type CapturedResource } from "../../engine";
import { domainOf, PROJECT_DIR } from "../support/stackRuns";

describe("the platform program", () => {
  it("registers every resource of a domain before it builds the next domain", async () => {
    const received: CapturedResource[] = [];
    const run = await runProgram({ projectDir: PROJECT_DIR, stack: "production" }, { batchSize: 1 }, (batch) => received.push(...batch));
    const sequence = received.map((r) => domainOf(run, r)).filter((d): d is string => d !== undefined);
    const runs = sequence.filter((d, i) => i === 0 || d !== sequence[i - 1]);
    expect(new Set(sequence).size).toBeGreaterThanOrEqual(3);
    // Each domain is one unbroken run of registrations.
    expect(runs).toEqual([...new Set(sequence)]);
  });
});
