/** Tag keys every taggable AWS resource and label keys every Kubernetes object carries. */
export const REQUIRED_TAG_KEYS = [
  "domain",
  "environment",
  "owner",
  "cost-center",
  "data-classification",
  "managed-by",
] as const;

export type RequiredTagKey = (typeof REQUIRED_TAG_KEYS)[number];

/** Value of the `managed-by` tag on everything meshkit creates. */
export const MANAGED_BY = "meshkit";

/** Cost centers look like `CC-1042`. */
export const COST_CENTER_PATTERN = /^CC-\d{3,6}$/;

/** Kubernetes label values: at most 63 characters, alphanumeric at both ends. */
export const LABEL_VALUE_PATTERN = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * Tags (and labels) on resources that hold a product's data, so guardrails can tell what data a
 * resource holds without knowing the manifest. List values are joined with `.`, which both AWS tag
 * values and Kubernetes label values allow.
 */
export const PII_TAG_KEY = "pii";
export const COMPLIANCE_TAG_KEY = "compliance";
export const TAG_LIST_SEPARATOR = ".";
/** Value of the `pii` tag on a resource that carries no personal data. */
export const NO_PII = "none";

/** `pii` tag value for the personal-data categories a resource holds (`none` when empty). */
export function piiTagValue(categories: readonly string[]): string {
  return categories.length === 0 ? NO_PII : [...categories].sort().join(TAG_LIST_SEPARATOR);
}

/** `compliance` tag value for the regimes a domain declares. */
export function complianceTagValue(regimes: readonly string[]): string {
  return [...regimes].sort().join(TAG_LIST_SEPARATOR);
}

/** Splits a list-valued tag; empty and `none` mean no entries. */
export function tagList(value: string | undefined): string[] {
  if (value === undefined || value === "" || value === NO_PII) return [];
  return value.split(TAG_LIST_SEPARATOR).filter((v) => v !== "");
}

/** Each required tag key by name, so code reading one tag never spells its key out. */
export const DOMAIN_TAG_KEY = "domain" satisfies RequiredTagKey;
export const ENVIRONMENT_TAG_KEY = "environment" satisfies RequiredTagKey;
export const OWNER_TAG_KEY = "owner" satisfies RequiredTagKey;
export const COST_CENTER_TAG_KEY = "cost-center" satisfies RequiredTagKey;
export const CLASSIFICATION_TAG_KEY = "data-classification" satisfies RequiredTagKey;
export const MANAGED_BY_TAG_KEY = "managed-by" satisfies RequiredTagKey;

/** On resources that hold one product's data: the product's name. */
export const DATA_PRODUCT_TAG_KEY = "data-product";

/**
 * On every bucket: what the bucket is for, so guardrails tell an audit bucket (object lock) from a
 * product's or the access-log bucket without guessing from names, which domains and products choose.
 */
export const BUCKET_PURPOSE_TAG_KEY = "bucket-purpose";
export const BUCKET_PURPOSES = ["audit", "access-logs", "data-product"] as const;
export type BucketPurpose = (typeof BUCKET_PURPOSES)[number];
