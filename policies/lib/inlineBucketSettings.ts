/**
 * A bucket's deprecated inline settings that stand in for a configuration resource. Read
 * semantically: bucket outputs carry these blocks even when unset (e.g. `versioning: {enabled: false}`).
 */
import { encryptionRules, type BucketPart } from "./buckets";
import { usesKms } from "./bucketEncryption";
import { BUCKET } from "./types";
import { bool, list, record, text, type Props } from "./values";

const INLINE_EQUIVALENT: Partial<Record<BucketPart, (props: Props) => boolean>> = {
  encryption: (p) => "serverSideEncryptionConfiguration" in p && encryptionRules(BUCKET[0], p).some(usesKms),
  versioning: (p) => "versioning" in p && bool(record(p.versioning)?.enabled) === true,
  lifecycle: (p) => "lifecycleRules" in p && list(p.lifecycleRules).length > 0,
  policy: (p) => "policy" in p && p.policy !== null && p.policy !== undefined && p.policy !== "",
  logging: (p) => "logging" in p && text(record(p.logging)?.targetBucket) !== undefined,
};

/** Whether the bucket's own props set up `part` (parts without an inline form never are). */
export function hasInlineSetting(part: BucketPart, bucketProps: Props): boolean {
  return INLINE_EQUIVALENT[part]?.(bucketProps) === true;
}
