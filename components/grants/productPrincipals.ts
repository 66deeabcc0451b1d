/**
 * The roles holding a product, as predictable ARNs: the owning domain's own roles, the granted
 * consumers' roles, and both together. Key policies need the split (consumers decrypt one
 * product's data only); the bucket perimeter takes the union.
 */
import { consumerGrants, ownGrants, type Access, type Grant } from "./accessModel";
import { roleArn } from "../policy/arns";
import type { DomainContext } from "../domain/context";
import type { DataProduct } from "../manifest";

export interface ProductPrincipals {
  /** Role ARNs that read the product, sorted. */
  readonly readers: string[];
  /** Role ARNs that write the product, sorted. */
  readonly writers: string[];
}

function holding(context: DomainContext, grants: readonly Grant[], access: Access): string[] {
  const arns = grants.filter((g) => g.access.includes(access)).map((g) => roleArn(context.platform, context.profile, g.principalDomain, g.role));
  return [...new Set(arns)].sort();
}

/** The owning domain's roles on one of its products. */
export function ownPrincipals(context: DomainContext, product: DataProduct): ProductPrincipals {
  const grants = ownGrants(context.spec, product);
  return { readers: holding(context, grants, "read"), writers: holding(context, grants, "write") };
}

/** The roles of the consumer domains a product names (of a stream, those reading `major` when given); they only ever read. */
export function consumerPrincipals(context: DomainContext, product: DataProduct, major?: number): ProductPrincipals {
  const grants = consumerGrants(context.spec, product).filter((g) => major === undefined || g.majors === undefined || g.majors.includes(major));
  return { readers: holding(context, grants, "read"), writers: holding(context, grants, "write") };
}

/** Every role the manifests grant the product to, own and consumers. */
export function allPrincipals(context: DomainContext, product: DataProduct): ProductPrincipals {
  const own = ownPrincipals(context, product);
  const granted = consumerPrincipals(context, product);
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
  return { readers: union(own.readers, granted.readers), writers: union(own.writers, granted.writers) };
}
