/**
 * The roles holding a product, split by side: the owning domain's own roles and the granted
 * consumers' roles. Key policies need the split (consumers decrypt one product's data only);
 * bucketAccess.productPrincipals gives the union for the bucket perimeter.
 */
import { consumerGrants, ownGrants, type Access, type Grant } from "./accessModel";
import { roleArn } from "./arns";
import type { ProductPrincipals } from "./bucketAccess";
import type { DomainContext } from "./context";
import type { DataProduct } from "./manifest";

function holding(context: DomainContext, grants: readonly Grant[], access: Access): string[] {
  const arns = grants.filter((g) => g.access.includes(access)).map((g) => roleArn(context.platform, context.profile, g.principalDomain, g.role));
  return [...new Set(arns)].sort();
}

/** The owning domain's roles on one of its products. */
export function ownPrincipals(context: DomainContext, product: DataProduct): ProductPrincipals {
  const grants = ownGrants(context.spec, product);
  return { readers: holding(context, grants, "read"), writers: holding(context, grants, "write") };
}

/** The roles of the consumer domains a product names; they only ever read. */
export function consumerPrincipals(context: DomainContext, product: DataProduct): ProductPrincipals {
  const grants = consumerGrants(context.spec, product);
  return { readers: holding(context, grants, "read"), writers: holding(context, grants, "write") };
}
