/**
 * The six required tags, set explicitly on every taggable AWS resource and as labels on every
 * Kubernetes object (Pulumi mocks run no transforms and no provider default tags).
 */
import { MANAGED_BY, type Classification, type RequiredTagKey, type Environment } from "../conventions";
import type { DomainSpec } from "./manifest";

export type RequiredTags = Readonly<Record<RequiredTagKey, string>>;

export function domainTags(spec: DomainSpec, environment: Environment): RequiredTags {
  return {
    domain: spec.metadata.name,
    environment,
    owner: spec.metadata.owner,
    "cost-center": spec.metadata.costCenter,
    "data-classification": spec.spec.classification,
    "managed-by": MANAGED_BY,
  };
}

/** Tags of a resource that holds one product's data: the product's own classification. */
export function productTags(base: RequiredTags, product: string, classification: Classification): Record<string, string> {
  return { ...base, "data-classification": classification, "data-product": product };
}
