/** Data classifications, least to most sensitive. */
export const CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Compliance regimes a domain can declare. */
export const COMPLIANCE_REGIMES = ["gdpr", "ccpa", "soc2", "hipaa", "pci-dss"] as const;
export type ComplianceRegime = (typeof COMPLIANCE_REGIMES)[number];

/** Frameworks a policy can serve (compliance regimes plus the CIS AWS benchmark). */
export const FRAMEWORKS = ["gdpr", "ccpa", "soc2", "cis-aws", "pci-dss", "hipaa"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Classifications allowed to carry personal data. */
export const PII_CLASSIFICATIONS: readonly Classification[] = ["confidential", "restricted"];

/**
 * Longest retention of a stream, by classification: the more sensitive the data,
 * the sooner it leaves the log (tables are governed by lifecycle expiration instead).
 */
export const MAX_STREAM_RETENTION_DAYS: Record<Classification, number> = {
  public: 365,
  internal: 365,
  confidential: 90,
  restricted: 30,
};

/** Buckets holding PII expire noncurrent versions within this many days, so erasure really erases. */
export const PII_NONCURRENT_EXPIRY_MAX_DAYS = 30;

/** Restricted products get a key of their own, so access to them can be revoked alone. */
export function needsDedicatedKey(classification: Classification): boolean {
  return classification === "restricted";
}
