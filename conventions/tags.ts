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
