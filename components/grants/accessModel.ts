/**
 * Declared access: who may read and write which product, derived from the manifests alone.
 * The generated IAM, key, bucket policies and Kafka ACLs must give exactly this (tests prove it
 * with an IAM policy simulator and Kafka's ACL semantics); `meshkit access` prints it.
 *
 * - A domain's own producer and pipeline roles read and write its products.
 * - Its consumer and steward roles read them.
 * - A domain named in a product's `consumers` reads that product through its consumer and
 *   pipeline roles; it never writes, and reads nothing else of the producing domain. Of a stream
 *   it reads one major: the one it is pinned to (`consumers[].major`), else the current one. The
 *   domain's own roles hold every deployed major.
 * - Nobody else reaches anything.
 */
import { DOMAIN_ROLES, type DomainRole } from "../../conventions";
import { consumerMajor, deployedMajors } from "../manifest/majors";
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
  /**
   * Of a stream: the contract majors whose topics, schemas and payloads the grant reaches (the
   * owner's roles every deployed major, a consumer the one it reads). Absent for a table, which
   * keeps one bucket whatever its major.
   */
  readonly majors?: readonly number[];
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
    ...(product.kind === "stream" ? { majors: deployedMajors(product) } : {}),
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
      ...(product.kind === "stream" ? { majors: [consumerMajor(product, consumer)] } : {}),
    })),
  );
}

/** Every grant the given manifests declare, in a stable order. */
export function declaredAccess(specs: readonly DomainSpec[]): Grant[] {
  return specs.flatMap((spec) => spec.spec.products.flatMap((p) => [...ownGrants(spec, p), ...consumerGrants(spec, p)]));
}

/** Whether `role` of `principalDomain` may perform `access` on the product, or on one `major` of a stream. */
export function isAllowed(
  grants: readonly Grant[],
  principalDomain: string,
  role: DomainRole,
  productDomain: string,
  product: string,
  access: Access,
  major?: number,
): boolean {
  return grants.some(
    (g) =>
      g.principalDomain === principalDomain &&
      g.role === role &&
      g.productDomain === productDomain &&
      g.product === product &&
      g.access.includes(access) &&
      (major === undefined || g.majors === undefined || g.majors.includes(major)),
  );
}
