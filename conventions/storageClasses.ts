/**
 * S3 storage classes and the rules S3 itself sets on moving objects between them: the manifest's
 * tiers, the lifecycle rules the components write and the storage guardrails all read them here.
 */

/** The manifest's storage tiers, warmest first, with the class each one moves objects into. */
export const STORAGE_TIER_CLASSES = [
  ["warmAfterDays", "STANDARD_IA"],
  ["coldAfterDays", "GLACIER_IR"],
  ["archiveAfterDays", "DEEP_ARCHIVE"],
] as const;

export type StorageTier = (typeof STORAGE_TIER_CLASSES)[number][0];

/** Colder classes rank higher; a lifecycle never moves objects back to a warmer one. */
export const STORAGE_CLASS_RANK: Readonly<Record<string, number>> = {
  INTELLIGENT_TIERING: 1,
  STANDARD_IA: 1,
  ONEZONE_IA: 1,
  GLACIER_IR: 2,
  GLACIER: 3,
  DEEP_ARCHIVE: 4,
};

/**
 * Days S3 requires between creation and a transition into a class, and then before the next
 * transition out of it (30 for the infrequent-access classes).
 */
export const MIN_DAYS_IN_STORAGE_CLASS: Readonly<Record<string, number>> = { STANDARD_IA: 30, ONEZONE_IA: 30 };

/** Days Deep Archive bills at least; objects expiring sooner should not go there. */
export const DEEP_ARCHIVE_MINIMUM_DAYS = 180;
