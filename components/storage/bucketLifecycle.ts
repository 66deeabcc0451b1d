/**
 * Lifecycle rules of meshkit's buckets: where data moves as it ages and when it leaves.
 * Table products follow their manifest's tiers to the day; audit and access-log buckets follow
 * the environment.
 */
import type * as aws from "../aws";
import { DEEP_ARCHIVE_MINIMUM_DAYS, PII_NONCURRENT_EXPIRY_MAX_DAYS, STORAGE_TIER_CLASSES } from "../../conventions";
import type { TableProduct } from "../manifest";
import type { EnvironmentProfile } from "../domain/profile";

type LifecycleRule = aws.types.input.s3.BucketLifecycleConfigurationRule;

/** Noncurrent versions of data without PII are kept this long, to undo a bad write. */
export const NONCURRENT_VERSION_DAYS = 90;
/** Incomplete multipart uploads are invisible but billed; abort them after this many days. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
/** Access logs are kept a year for investigations. */
export const ACCESS_LOG_RETENTION_DAYS = 365;
/** Audit records outside production (no object lock) are kept a year. */
const UNLOCKED_AUDIT_RETENTION_DAYS = 365;
/** Audit records move to Glacier Instant Retrieval after this many days. */
const AUDIT_COLD_AFTER_DAYS = 90;
/** …and to Deep Archive after a year, when they are kept long enough for its 180-day minimum. */
const AUDIT_ARCHIVE_AFTER_DAYS = 365;

/**
 * One rule over the whole bucket: the manifest's tiers, expiration at `retentionDays`, noncurrent
 * versions gone within PII_NONCURRENT_EXPIRY_MAX_DAYS when the product carries PII (so an erasure
 * really erases), and aborted stale uploads. With `expiration.days` set, S3 also removes expired
 * delete markers itself.
 */
export function productLifecycleRules(product: TableProduct): LifecycleRule[] {
  const transitions = STORAGE_TIER_CLASSES.filter(([tier]) => product.storage[tier] !== undefined).map(([tier, storageClass]) => ({
    days: product.storage[tier]!,
    storageClass,
  }));
  return [
    {
      id: "tiering-and-retention",
      status: "Enabled",
      filter: {},
      transitions,
      expiration: { days: product.retentionDays },
      noncurrentVersionExpiration: { noncurrentDays: product.pii.length > 0 ? PII_NONCURRENT_EXPIRY_MAX_DAYS : NONCURRENT_VERSION_DAYS },
      abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
    },
  ];
}

/** Audit records are kept as long as object lock holds them (a year where there is no lock). */
export function auditRetentionDays(profile: EnvironmentProfile): number {
  return profile.auditObjectLockYears > 0 ? Math.ceil(profile.auditObjectLockYears * 365.25) : UNLOCKED_AUDIT_RETENTION_DAYS;
}

export function auditLifecycleRules(profile: EnvironmentProfile): LifecycleRule[] {
  const retention = auditRetentionDays(profile);
  const transitions = [{ days: AUDIT_COLD_AFTER_DAYS, storageClass: "GLACIER_IR" }];
  if (retention >= AUDIT_ARCHIVE_AFTER_DAYS + DEEP_ARCHIVE_MINIMUM_DAYS) {
    transitions.push({ days: AUDIT_ARCHIVE_AFTER_DAYS, storageClass: "DEEP_ARCHIVE" });
  }
  return [
    {
      id: "audit-retention",
      status: "Enabled",
      filter: {},
      transitions,
      expiration: { days: retention },
      // Audit evidence can name people: replaced versions go within the erasure window (object
      // lock still keeps every version for its retention period).
      noncurrentVersionExpiration: { noncurrentDays: PII_NONCURRENT_EXPIRY_MAX_DAYS },
      abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
    },
  ];
}

export function accessLogLifecycleRules(): LifecycleRule[] {
  return [
    {
      id: "access-log-retention",
      status: "Enabled",
      filter: {},
      expiration: { days: ACCESS_LOG_RETENTION_DAYS },
      // Access logs name requesters and object keys: treat them as personal data.
      noncurrentVersionExpiration: { noncurrentDays: PII_NONCURRENT_EXPIRY_MAX_DAYS },
      abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS },
    },
  ];
}
