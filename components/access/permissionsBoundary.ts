/**
 * The permissions boundary of a domain's roles: the most any of them may ever do, whatever policy
 * is attached to them later. It allows what the domain's roles together are declared to hold (own
 * products, and granted products read-only), nothing else: no IAM, no key administration, no
 * bucket policy changes, no other domain's data; besides data, only the freshness metric.
 */
import type { PolicyDocument } from "../policy/policyDocument";
import type { DomainContext } from "../domain/context";
import { heldProducts } from "./grantedProducts";
import { grantsPolicy, PUBLISH_FRESHNESS_STATEMENT } from "./identityPolicy";
import type { DomainSpec } from "../manifest";

export function permissionsBoundaryPolicy(context: DomainContext, platformSpecs: readonly DomainSpec[]): PolicyDocument {
  const policy = grantsPolicy(context, heldProducts(context.spec, platformSpecs));
  // The pipeline role publishes the freshness metric, so the boundary admits it.
  return { ...policy, Statement: [...policy.Statement, PUBLISH_FRESHNESS_STATEMENT] };
}
