import { describe, expect, it } from "vitest";
import { encryptionProblems, sseAlgorithm, usesKms } from "../../policies/lib/bucketEncryption";
import { policyResources, resource, unknown, urnOf, type TestResource } from "./harness";

const ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const KEY = "aws:kms/key:Key";
const rule = (sseAlgorithm: unknown, kmsMasterKeyId?: unknown) => ({
  applyServerSideEncryptionByDefault: { sseAlgorithm, ...(kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId }) },
});
const config = (...rules: Record<string, unknown>[]) => resource(ENCRYPTION, "e", { bucket: "b", rules });

function problems(resources: TestResource[], receivesLogs = false): string[] {
  const built = policyResources(resources);
  return encryptionProblems(built.find((r) => r.type === ENCRYPTION)!, receivesLogs);
}

describe("sseAlgorithm and usesKms", () => {
  it("read the default algorithm; only aws:kms and aws:kms:dsse are KMS", () => {
    expect(sseAlgorithm(rule("aws:kms:dsse"))).toBe("aws:kms:dsse");
    expect(sseAlgorithm({})).toBeUndefined();
    expect([rule("aws:kms"), rule("aws:kms:dsse"), rule("AES256"), {}].map(usesKms)).toEqual([true, true, false, false]);
  });
});

describe("encryptionProblems", () => {
  it("accepts SSE-KMS with a customer-managed key", () => {
    expect(problems([config(rule("aws:kms", "arn:aws:kms:eu-west-1:123456789012:key/k"))])).toEqual([]);
  });

  it("names each problem: no rule, no KMS, the AWS-managed key", () => {
    expect(problems([config()])).toEqual(["the encryption configuration has no rule"]);
    expect(problems([config(rule("AES256"), rule(undefined))])).toEqual(["default encryption is AES256, not aws:kms", "default encryption is unset, not aws:kms"]);
    expect(problems([config(rule("aws:kms"), rule("aws:kms", "alias/aws/s3"))])).toEqual([
      "SSE-KMS without kmsMasterKeyId uses the AWS-managed key aws/s3",
      "SSE-KMS uses the AWS-managed key alias/aws/s3, not a customer-managed key",
    ]);
  });

  it("lets log targets use SSE-S3", () => {
    expect(problems([config(rule("AES256"))], true)).toEqual([]);
  });

  it("takes a dependency on a KMS key resource as proof of a customer-managed key, unknown ARN or not", () => {
    const key = resource(KEY, "k", {});
    const onKey = resource(ENCRYPTION, "e", { bucket: "b", rules: [rule("aws:kms", unknown.string)] }, { propertyDependencies: { rules: [urnOf(KEY, "k")] } });
    expect(problems([key, onKey])).toEqual([]);
    expect(() => problems([config(rule("aws:kms", unknown.string))])).toThrow();
  });
});
