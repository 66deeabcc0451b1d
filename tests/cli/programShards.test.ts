// How a review splits a platform stack into parts (cli/review/shards.ts): contiguous runs of the stack's
// manifests in its own order, each reading the whole platform as the unsplit program does.
import { describe, expect, it } from "vitest";
import { DOMAINS_PER_SHARD, programShards } from "../../cli/review/shards";
import type { StackContext } from "../../engine";

const files = (n: number) => Array.from({ length: n }, (_, i) => `domains/d${String(i).padStart(3, "0")}.yaml`);
const ctx = (config: Record<string, string>) => ({ config }) as StackContext;

describe("programShards", () => {
  it("leaves a stack of up to DOMAINS_PER_SHARD domains whole", () => {
    expect(programShards(ctx({}), files(DOMAINS_PER_SHARD))).toBeUndefined();
    expect(programShards(ctx({}), undefined)).toBeUndefined();
  });

  it("splits a larger one into even contiguous parts that together deploy every manifest once", () => {
    const all = files(3 * DOMAINS_PER_SHARD + 1);
    const shards = programShards(ctx({}), all)!;
    expect(shards).toHaveLength(4);
    const parts = shards.map((s) => JSON.parse(s["meshkit:domains"]) as string[]);
    expect(parts.flat()).toEqual(all);
    expect(Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length))).toBeLessThanOrEqual(1);
    expect(new Set(shards.map((s) => s["meshkit:platformDomains"]))).toEqual(new Set(['["domains/*.yaml"]']));
  });

  it("keeps the stack's own platformDomains", () => {
    const shards = programShards(ctx({ "meshkit:platformDomains": '["teams/*.yaml"]' }), files(60))!;
    expect(shards.every((s) => s["meshkit:platformDomains"] === '["teams/*.yaml"]')).toBe(true);
  });
});
