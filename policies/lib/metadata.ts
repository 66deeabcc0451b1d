/**
 * Metadata every meshkit rule carries. It travels in the policy's own CrossGuard fields
 * (severity, tags, remediationSteps), so the engine, the offline review and any other
 * analyzer client see the same thing.
 */
import type { Severity } from "@pulumi/policy";
import type { Framework } from "../../conventions";

export const AREAS = [
  "tagging",
  "keys",
  "storage",
  "streaming",
  "iam",
  "kubernetes",
  "protection",
  "governance",
  "observability",
] as const;
export type Area = (typeof AREAS)[number];

export interface RuleMetadata {
  readonly area: Area;
  readonly severity: Severity;
  readonly frameworks: readonly Framework[];
  /** What to change, in one or two sentences. */
  readonly remediation: string;
}

const AREA_TAG = "area:";
const FRAMEWORK_TAG = "framework:";

/** The CrossGuard fields that carry a rule's metadata. */
export function metadataFields(meta: RuleMetadata): { severity: Severity; tags: string[]; remediationSteps: string } {
  return {
    severity: meta.severity,
    tags: [AREA_TAG + meta.area, ...meta.frameworks.map((f) => FRAMEWORK_TAG + f)],
    remediationSteps: meta.remediation,
  };
}

/** Reads the frameworks back from a policy's tags (as the analyzer reports them). */
export function frameworksFromTags(tags: readonly string[] | undefined): string[] {
  return (tags ?? []).filter((t) => t.startsWith(FRAMEWORK_TAG)).map((t) => t.slice(FRAMEWORK_TAG.length));
}

/** Reads the area back from a policy's tags. */
export function areaFromTags(tags: readonly string[] | undefined): string | undefined {
  return (tags ?? []).find((t) => t.startsWith(AREA_TAG))?.slice(AREA_TAG.length);
}
