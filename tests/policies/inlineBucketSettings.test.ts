import { describe, expect, it } from "vitest";
import { hasInlineSetting } from "../../policies/lib/inlineBucketSettings";

describe("hasInlineSetting", () => {
  it("reads what the inline blocks say, not just that they are present", () => {
    const kms = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } };
    const aes = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } };
    expect([hasInlineSetting("encryption", kms), hasInlineSetting("encryption", aes)]).toEqual([true, false]);
    expect([hasInlineSetting("versioning", { versioning: { enabled: true } }), hasInlineSetting("versioning", { versioning: { enabled: false } })]).toEqual([true, false]);
    expect([hasInlineSetting("lifecycle", { lifecycleRules: [{ id: "r" }] }), hasInlineSetting("lifecycle", { lifecycleRules: [] })]).toEqual([true, false]);
    expect([hasInlineSetting("policy", { policy: "{}" }), hasInlineSetting("policy", { policy: "" }), hasInlineSetting("policy", { policy: null })]).toEqual([true, false, false]);
    expect([hasInlineSetting("logging", { logging: { targetBucket: "logs" } }), hasInlineSetting("logging", { logging: {} })]).toEqual([true, false]);
  });

  it("is false when the block is missing, and for parts that have no inline form", () => {
    expect(hasInlineSetting("versioning", {})).toBe(false);
    expect(hasInlineSetting("publicAccessBlock", { publicAccessBlock: { blockPublicAcls: true } })).toBe(false);
  });
});
