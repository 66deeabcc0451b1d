/**
 * The S3 buckets of a stack with the configuration resources attached to each. In AWS provider 7.x
 * a bucket's versioning, encryption, lifecycle, access block, policy, logging and object lock are
 * separate resources, so only the stack shows whether a bucket has them.
 *
 * A configuration resource is attached through the dependency on its `bucket` input (robust: no
 * value needed, so it works in preview); without one, by comparing the name it names with the
 * bucket's name or id.
 */
import type { PolicyResource } from "@pulumi/policy";
import {
  BUCKET,
  BUCKET_ACL,
  BUCKET_ENCRYPTION,
  BUCKET_LIFECYCLE,
  BUCKET_LOGGING,
  BUCKET_OBJECT_LOCK,
  BUCKET_POLICY,
  BUCKET_PUBLIC_ACCESS_BLOCK,
  BUCKET_VERSIONING,
} from "./types";
import { record, records, text, type Props } from "./values";

export const BUCKET_PARTS = {
  versioning: BUCKET_VERSIONING,
  encryption: BUCKET_ENCRYPTION,
  lifecycle: BUCKET_LIFECYCLE,
  publicAccessBlock: BUCKET_PUBLIC_ACCESS_BLOCK,
  policy: BUCKET_POLICY,
  logging: BUCKET_LOGGING,
  objectLock: BUCKET_OBJECT_LOCK,
  acl: BUCKET_ACL,
} as const;
export type BucketPart = keyof typeof BUCKET_PARTS;

export interface BucketView {
  readonly bucket: PolicyResource;
  readonly parts: Record<BucketPart, PolicyResource[]>;
  /** Logging configurations that deliver other buckets' access logs here. */
  readonly logSources: PolicyResource[];
}

const BUCKET_TYPES = new Set<string>(BUCKET);
const PART_OF_TYPE = new Map<string, BucketPart>(
  (Object.entries(BUCKET_PARTS) as [BucketPart, readonly string[]][]).flatMap(([part, types]) =>
    types.map((t) => [t, part] as [string, BucketPart]),
  ),
);

export function isBucket(r: { type: string }): boolean {
  return BUCKET_TYPES.has(r.type);
}

function emptyParts(): Record<BucketPart, PolicyResource[]> {
  return { versioning: [], encryption: [], lifecycle: [], publicAccessBlock: [], policy: [], logging: [], objectLock: [], acl: [] };
}

/** Resolves the bucket a property of `r` refers to (by dependency first, then by name or id). */
function resolveBucket(
  r: PolicyResource,
  property: string,
  byNameOrId: () => Map<string, BucketView>,
  byUrn: Map<string, BucketView>,
): BucketView | undefined {
  for (const dep of r.propertyDependencies[property] ?? []) {
    const view = byUrn.get(dep.urn);
    if (view !== undefined) return view;
  }
  const name = text(r.props[property]);
  return name === undefined ? undefined : byNameOrId().get(name);
}

export function bucketViews(resources: readonly PolicyResource[]): BucketView[] {
  const views: BucketView[] = [];
  const byUrn = new Map<string, BucketView>();
  for (const r of resources) {
    if (!isBucket(r)) continue;
    const view = { bucket: r, parts: emptyParts(), logSources: [] };
    views.push(view);
    byUrn.set(r.urn, view);
  }
  // Built only if some configuration resource has no dependency to go by; reads bucket names,
  // which are unknown in preview for auto-named buckets (and then the rule reports that).
  let names: Map<string, BucketView> | undefined;
  const byNameOrId = () => {
    if (names === undefined) {
      names = new Map();
      for (const v of views) {
        for (const key of ["bucket", "id"]) {
          const value = key in v.bucket.props ? text(v.bucket.props[key]) : undefined;
          if (value !== undefined) names.set(value, v);
        }
      }
    }
    return names;
  };
  for (const r of resources) {
    const part = PART_OF_TYPE.get(r.type);
    if (part === undefined) continue;
    resolveBucket(r, "bucket", byNameOrId, byUrn)?.parts[part].push(r);
    if (part === "logging") resolveBucket(r, "targetBucket", byNameOrId, byUrn)?.logSources.push(r);
  }
  return views;
}

/** Default-encryption rules of an encryption configuration, or of a bucket's deprecated inline block. */
export function encryptionRules(type: string, props: Props): Props[] {
  if (BUCKET_TYPES.has(type)) {
    const rule = record(record(props.serverSideEncryptionConfiguration)?.rule);
    return rule === undefined ? [] : [rule];
  }
  return records(props.rules);
}
