/** What an S3 default-encryption configuration (or a bucket's inline block) sets. */
import type { PolicyResource } from "@pulumi/policy";
import { encryptionRules } from "./buckets";
import { KMS_KEY } from "./types";
import { record, text, type Props } from "./values";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** The algorithm an encryption rule applies by default, if set. */
export function sseAlgorithm(rule: Props): string | undefined {
  return text(record(rule.applyServerSideEncryptionByDefault)?.sseAlgorithm);
}

/** Whether an encryption rule applies SSE-KMS (single- or dual-layer). */
export function usesKms(rule: Props): boolean {
  return KMS_ALGORITHMS.has(sseAlgorithm(rule) ?? "");
}

/**
 * What is wrong with the default encryption `r` sets: each rule must use SSE-KMS with a
 * customer-managed key, except that a bucket receiving access logs may use SSE-S3.
 */
export function encryptionProblems(r: PolicyResource, receivesLogs: boolean): string[] {
  const rules = encryptionRules(r.type, r.props);
  if (rules.length === 0) return ["the encryption configuration has no rule"];
  // A dependency on a KMS key resource proves a customer-managed key without reading its ARN
  // (unknown in preview).
  const onKeyResource = (r.propertyDependencies.rules ?? []).some((d) => d.type === KMS_KEY);
  const problems: string[] = [];
  for (const rule of rules) {
    const algorithm = sseAlgorithm(rule);
    if (receivesLogs && algorithm === "AES256") continue;
    if (!usesKms(rule)) {
      problems.push(`default encryption is ${algorithm ?? "unset"}, not aws:kms`);
      continue;
    }
    if (onKeyResource) continue;
    const key = text(record(rule.applyServerSideEncryptionByDefault)?.kmsMasterKeyId);
    if (key === undefined || key === "") problems.push("SSE-KMS without kmsMasterKeyId uses the AWS-managed key aws/s3");
    else if (/(^|:)alias\/aws\//.test(key)) problems.push(`SSE-KMS uses the AWS-managed key ${key}, not a customer-managed key`);
  }
  return problems;
}
