import { describe, expect, it } from "vitest";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resource, runPolicy, runResourcePolicy, runStackPolicy, unknown, urnOf } from "./harness";

const BUCKET = "aws:s3/bucket:Bucket";

// A validation tagged the way validateResourceOfType tags it.
const typed = Object.assign(
  (args: { props: Record<string, unknown> }, report: (m: string) => void) => {
    if (args.props.acl === "public-read") report("public");
  },
  { __pulumiType: BUCKET },
);

const publicRead: ResourceValidationPolicy = {
  name: "test-public-read",
  description: "no public buckets",
  configSchema: { properties: { limit: { type: "integer", default: 3 }, label: { type: "string" } } },
  validateResource: typed,
};

const countBuckets: StackValidationPolicy = {
  name: "test-count",
  description: "at most limit buckets",
  configSchema: { properties: { limit: { type: "integer", default: 1 } } },
  validateStack: (args, report) => {
    const { limit } = args.getConfig<{ limit: number }>();
    const buckets = args.resources.filter((r) => r.type === BUCKET);
    if (buckets.length > limit) for (const b of buckets.slice(limit)) report(`too many: ${b.props.bucket}`, b.urn);
    for (const b of buckets) if (b.parent !== undefined) report(`child of ${b.parent.name}`, b.urn);
  },
};

describe("policy harness", () => {
  it("reports with the resource's URN and honours the type filter", async () => {
    const r = await runResourcePolicy(publicRead, resource(BUCKET, "b", { acl: "public-read" }));
    expect(r.violations).toEqual([{ policy: "test-public-read", message: "public", urn: urnOf(BUCKET, "b") }]);
    const other = await runResourcePolicy(publicRead, resource("aws:s3/bucketPolicy:BucketPolicy", "p", {}));
    expect(other.notApplicable).toMatch(/only applies/);
    expect(other.violations).toEqual([]);
  });

  it("turns an unknown value into the preview advisory instead of a pass", async () => {
    const r = await runResourcePolicy(publicRead, resource(BUCKET, "b", { acl: unknown.string }));
    expect(r.violations).toEqual([]);
    expect(r.unknown).toMatch(/acl/);
  });

  it("merges schema defaults under the given config and rejects unknown keys", async () => {
    const many = [1, 2, 3].map((i) => resource(BUCKET, `b${i}`, { bucket: `b${i}` }));
    expect((await runStackPolicy(countBuckets, many)).violations.map((v) => v.message)).toEqual([
      "too many: b2",
      "too many: b3",
    ]);
    expect((await runStackPolicy(countBuckets, many, { config: { limit: 3 } })).violations).toEqual([]);
    await expect(runStackPolicy(countBuckets, many, { config: { limt: 3 } })).rejects.toThrow(/limt/);
    await expect(runStackPolicy(countBuckets, many, { config: { limit: "x" } })).rejects.toThrow(/invalid/);
  });

  it("links parents among stack resources and keeps violations reported before an unknown", async () => {
    const parent = resource("meshkit:data:StorageTiers", "tiers", {});
    const child = resource(BUCKET, "b", { bucket: "b" }, { parent: urnOf("meshkit:data:StorageTiers", "tiers") });
    const r = await runStackPolicy(countBuckets, [parent, child]);
    expect(r.violations.map((v) => v.message)).toEqual(["child of tiers"]);
    const withUnknown = await runStackPolicy(countBuckets, [
      resource(BUCKET, "a", { bucket: "a" }),
      resource(BUCKET, "b", { bucket: unknown.string }),
    ]);
    expect(withUnknown.unknown).toMatch(/bucket/);
  });

  it("runs a resource policy over many resources", async () => {
    const r = await runPolicy(publicRead, [
      resource(BUCKET, "a", { acl: "private" }),
      resource(BUCKET, "b", { acl: "public-read" }),
    ]);
    expect(r.violations.map((v) => v.urn)).toEqual([urnOf(BUCKET, "b")]);
  });

  it("lets other errors escape: policies must not throw", async () => {
    const throwing: ResourceValidationPolicy = {
      name: "test-throws",
      description: "throws",
      validateResource: (args) => {
        (args.props.missing as { x: number }).x;
      },
    };
    await expect(runResourcePolicy(throwing, resource(BUCKET, "b", {}))).rejects.toThrow(TypeError);
  });
});
