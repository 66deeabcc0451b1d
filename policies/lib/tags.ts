/**
 * What a resource's tags (AWS) or labels (Kubernetes) say, and what the pack concludes from them.
 */
import {
  CLASSIFICATION_TAG_KEY,
  COMPLIANCE_TAG_KEY,
  PII_CLASSIFICATIONS,
  PII_TAG_KEY,
  tagList,
  type Classification,
} from "../../conventions";
import { record, recordOrJson, stringMap, type Props } from "./values";
import { isKubernetesObject } from "./types";

/** Tags set on the resource itself (AWS `tags`, Kubernetes `metadata.labels`). */
export function ownTags(type: string, props: Props): Record<string, string> {
  return isKubernetesObject(type) ? stringMap(record(props.metadata)?.labels) : stringMap(props.tags);
}

/**
 * AWS tags including what the provider adds (`tagsAll` in outputs, `defaultTags` on the provider).
 * Only consulted for keys the resource lacks, so an unknown `tagsAll` in preview is read (and
 * reported as unknown) only when it matters.
 */
export function effectiveAwsTags(
  props: Props,
  provider: { props: Props } | undefined,
  needed: readonly string[],
): Record<string, string> {
  const tags = stringMap(props.tags);
  if (needed.every((k) => nonEmpty(tags[k]))) return tags;
  const all = "tagsAll" in props ? stringMap(props.tagsAll) : {};
  const defaults =
    provider !== undefined && "defaultTags" in provider.props
      ? stringMap(record(recordOrJson(provider.props.defaultTags))?.tags ?? firstDefaultTags(provider.props.defaultTags))
      : {};
  return { ...defaults, ...all, ...tags };
}

/** Older provider versions serialise `defaultTags` as a one-element list. */
function firstDefaultTags(value: unknown): unknown {
  return Array.isArray(value) ? record(value[0])?.tags : undefined;
}

export function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/**
 * Whether a resource holds personal data, from its tags. The `pii` tag decides when present
 * (categories → yes, `none` → no). Without it, a confidential or restricted resource is assumed to
 * hold PII: erring towards erasure is the safe side of GDPR, and `pii: none` opts out explicitly.
 */
export function holdsPii(tags: Record<string, string>): boolean {
  const pii = tags[PII_TAG_KEY];
  if (pii !== undefined) return tagList(pii).length > 0;
  return (PII_CLASSIFICATIONS as readonly string[]).includes(tags[CLASSIFICATION_TAG_KEY] as Classification);
}

/** Personal-data categories the `pii` tag lists. */
export function piiCategories(tags: Record<string, string>): string[] {
  return tagList(tags[PII_TAG_KEY]);
}

/** Compliance regimes the `compliance` tag lists. */
export function complianceRegimes(tags: Record<string, string>): string[] {
  return tagList(tags[COMPLIANCE_TAG_KEY]);
}
