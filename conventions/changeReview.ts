/**
 * The rules of `meshkit review --base` (the change review), which the CLI reports like a policy pack's.
 * The pack's exemptions file may name them, so the pack must know the names too.
 */
export const CHANGE_REVIEW_PACK = "meshkit-change-review";

export const CHANGE_RULES = {
  dataLoss: "change-resource-data-loss",
  breakingWithoutMajor: "change-contract-breaking-without-major",
  compatibleWithoutMinor: "change-contract-compatible-without-minor",
  schemaWithoutVersion: "change-contract-schema-without-version",
  unusableSchema: "change-contract-schema-unusable",
  shallowHistory: "change-contract-history-shallow",
  majorRemovedEarly: "change-contract-major-removed-early",
  majorPastSunset: "change-contract-major-past-sunset",
  productRemoved: "change-product-removed",
  declassified: "change-product-declassified",
  retentionShortened: "change-product-retention-shortened",
  grantRemoved: "change-product-grant-removed",
} as const;

export type ChangeRuleName = (typeof CHANGE_RULES)[keyof typeof CHANGE_RULES];
