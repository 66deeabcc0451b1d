/**
 * Which AWS resource types take tags, generated from @pulumi/aws's own declarations by
 * scripts/aws-taggable-types.mjs (a test fails when it goes stale after an upgrade).
 */
import taggable from "./aws-taggable-types.json";

const TAGGABLE = new Set<string>(taggable.types);

export function isTaggableAwsType(type: string): boolean {
  return TAGGABLE.has(type);
}
