// A run in parts merges into the run one process would make (engine/shards.ts); a program whose parts
// disagree about a shared resource is refused rather than merged into something no single run makes.
import { describe, expect, it } from "vitest";
import { treeOrder } from "../../engine/order";
import { capturedResource } from "./capturedResource";
import { mergeShardRuns } from "../../engine/shards";
import type { CapturedResource, RunResult } from "../../engine";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const PROVIDER = "urn:pulumi:dev::p::pulumi:providers:aws::main";

function resource(urn: string, type: string, extra: Partial<CapturedResource> = {}): CapturedResource {
  return capturedResource(urn, type, { custom: type !== "pulumi:pulumi:Stack", ...extra });
}

function shard(domains: string[]): RunResult {
  const exports = { environment: "dev", deployedDomains: Object.fromEntries(domains.map((d) => [d, { name: d }])) };
  const resources = [
    resource(STACK, "pulumi:pulumi:Stack", { outputs: exports }),
    resource(PROVIDER, "pulumi:providers:aws", { inputs: { region: "eu-west-1" }, outputs: { region: "eu-west-1" } }),
    ...domains.map((d) => resource(`urn:pulumi:dev::p::pulumi:pulumi:Stack$aws:s3/bucket:Bucket::${d}`, "aws:s3/bucket:Bucket", { parent: STACK })),
  ];
  return {
    project: "p",
    stack: "dev",
    organization: "o",
    dryRun: true,
    config: {},
    secretKeys: [],
    resources,
    invokes: [],
    exports,
    log: [`ran ${domains.join(",")}`],
    timings: { totalMs: 10, programMs: 5 * domains.length, programCpuMs: 4 * domains.length, peakRssMb: 100 + domains.length },
  };
}

describe("mergeShardRuns", () => {
  it("is the run of the whole: shared resources once, each part's own, exports merged in part order", () => {
    const merged = mergeShardRuns([shard(["a", "b"]), shard(["c"])]);
    const whole = shard(["a", "b", "c"]);
    expect(merged.resources).toEqual(treeOrder(whole.resources));
    expect(merged.exports).toEqual(whole.exports);
    expect(Object.keys(merged.exports.deployedDomains as object)).toEqual(["a", "b", "c"]);
    expect(merged.log).toEqual(["ran a,b", "ran c"]);
    expect(merged.timings).toMatchObject({ programMs: 10, programCpuMs: 12, peakRssMb: 102 });
  });

  it("refuses parts that register a shared resource differently", () => {
    const other = shard(["c"]);
    other.resources[1] = { ...other.resources[1], inputs: { region: "us-east-1" } };
    expect(() => mergeShardRuns([shard(["a"]), other])).toThrow(/registered urn:pulumi:dev::p::pulumi:providers:aws::main differently/);
  });
});
