import { describe, expect, it } from "vitest";
import { appliesToWholeBucket, hasExpiration, lifecycleRules, noncurrentDays, ruleEnabled } from "../../policies/lib/bucketLifecycle";
import { unknownCheckingProxy, UNKNOWN_SENTINELS } from "../../policies/lib/preview";

const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

describe("lifecycleRules", () => {
  it("reads `rules` of a configuration and `lifecycleRules` of a bucket, skipping non-objects", () => {
    expect(lifecycleRules(LIFECYCLE, { rules: [{ id: "a" }, "junk"], lifecycleRules: [{ id: "b" }] })).toEqual([{ id: "a" }]);
    expect(lifecycleRules(BUCKET, { rules: [{ id: "a" }], lifecycleRules: [{ id: "b" }] })).toEqual([{ id: "b" }]);
    expect(lifecycleRules(LIFECYCLE, {})).toEqual([]);
  });
});

describe("ruleEnabled", () => {
  it("accepts status Enabled and inline enabled: true only", () => {
    expect([{ status: "Enabled" }, { enabled: true }, { status: "Disabled" }, { enabled: false }, {}].map(ruleEnabled)).toEqual([true, true, false, false, false]);
  });
});

describe("appliesToWholeBucket", () => {
  it("is narrowed by a prefix or a filter with a value, not by empty ones", () => {
    expect(appliesToWholeBucket({})).toBe(true);
    expect(appliesToWholeBucket({ prefix: "", filter: { prefix: "", objectSizeGreaterThan: null } })).toBe(true);
    expect(appliesToWholeBucket({ filter: { and: "not-an-object" } })).toBe(true);
    expect(appliesToWholeBucket({ prefix: "tmp/" })).toBe(false);
    expect(appliesToWholeBucket({ filter: { prefix: "tmp/" } })).toBe(false);
    expect(appliesToWholeBucket({ filter: { and: { prefix: "tmp/" } } })).toBe(false);
  });
});

describe("noncurrentDays", () => {
  it("reads noncurrentDays, or an inline rule's days, as a number", () => {
    expect(noncurrentDays({ noncurrentVersionExpiration: { noncurrentDays: 30 } })).toBe(30);
    expect(noncurrentDays({ noncurrentVersionExpiration: { days: "7" } })).toBe(7);
    expect(noncurrentDays({ noncurrentVersionExpiration: {} })).toBeUndefined();
    expect(noncurrentDays({})).toBeUndefined();
  });

  it("throws on an unknown value instead of guessing", () => {
    const rule = unknownCheckingProxy({ noncurrentVersionExpiration: { noncurrentDays: UNKNOWN_SENTINELS.number } });
    expect(() => noncurrentDays(rule)).toThrow();
  });
});

describe("hasExpiration", () => {
  it("needs expiration days or a date", () => {
    expect([{ expiration: { days: 30 } }, { expiration: { date: "2030-01-01" } }, { expiration: {} }, {}].map(hasExpiration)).toEqual([true, true, false, false]);
  });
});
