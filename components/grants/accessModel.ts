/**
 * Declared access: who may read and write which product, derived from the manifests alone.
 * The generated IAM, key, bucket policies and Kafka ACLs must give exactly this (tests prove it
 * with an IAM policy simulator and Kafka's ACL semantics); `meshkit access` prints it.
 *
 * - A domain's own producer and pipeline roles read and write its products.
 * - Its consumer and steward roles read them.
 * - A domain named in a product's `consumers` reads that product through its consumer and
 *   pipeline roles; it never writes, and reads nothing else of the producing domain.
 * - Nobody else reaches anything.
 */
import { DOMAIN_ROLES, type DomainRole } from "../../conventions";
import type { DataProduct, DomainSpec } from "../manifest";

export type Access = "read" | "write";

export interface Grant {
  /** The domain whose role is granted. */
  readonly principalDomain: string;
  readonly role: DomainRole;
  /** The domain that owns the product. */
  readonly productDomain: string;
  readonly product: string;
  readonly access: readonly Access[];
  /** Why: `owner`, or the consumer's declared purpose. */
  readonly reason: string;
}

const OWN_ACCESS: Record<DomainRole, readonly Access[]> = {
  producer: ["read", "write"],
  pipeline: ["read", "write"],
  consumer: ["read"],
  steward: ["read"],
};

/** Roles of a consumer domain that read a product granted to it. */
export const CONSUMING_ROLES: readonly DomainRole[] = ["consumer", "pipeline"];

export function ownGrants(spec: DomainSpec, product: DataProduct): Grant[] {
  const domain = spec.metadata.name;
  return DOMAIN_ROLES.map((role) => ({
    principalDomain: domain,
    role,
    productDomain: domain,
    product: product.name,
    access: OWN_ACCESS[role],
    reason: "owner",
  }));
}

export function consumerGrants(spec: DomainSpec, product: DataProduct): Grant[] {
  return product.consumers.flatMap((consumer) =>
    CONSUMING_ROLES.map((role) => ({
      principalDomain: consumer.domain,
      role,
      productDomain: spec.metadata.name,
      product: product.name,
      access: ["read"] as const,
      reason: consumer.purpose,
    })),
  );
}

/** Every grant the given manifests declare, in a stable order. */
export function declaredAccess(specs: readonly DomainSpec[]): Grant[] {
  return specs.flatMap((spec) => spec.spec.products.flatMap((p) => [...ownGrants(spec, p), ...consumerGrants(spec, p)]));
}

/** Whether `role` of `principalDomain` may perform `access` on the product. */
export function isAllowed(grants: readonly Grant[], principalDomain: string, role: DomainRole, productDomain: string, product: string, access: Access): boolean {
  return grants.some(
    (g) => g.principalDomain === principalDomain && g.role === role && g.productDomain === productDomain && g.product === product && g.access.includes(access),
  );
}
