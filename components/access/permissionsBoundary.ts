/**
 * The permissions boundary of a domain's roles: the most any of them may ever do, whatever policy
 * is attached to them later. It allows what the domain's roles together are declared to hold (own
 * products, and granted products read-only), nothing else: no IAM, no key administration, no
 * bucket policy changes, no other domain's data.
 */
import type { PolicyDocument } from "../policy/policyDocument";
import type { DomainContext } from "../domain/context";
import { heldProducts } from "./grantedProducts";
import { grantsPolicy } from "./identityPolicy";
import type { DomainSpec } from "../manifest";

export function permissionsBoundaryPolicy(context: DomainContext, platformSpecs: readonly DomainSpec[]): PolicyDocument {
  return grantsPolicy(context, heldProducts(context.spec, platformSpecs));
}
