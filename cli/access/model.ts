// Who may read and write what in a stack, from its manifests alone: the IAM roles of declared access
// (components/accessModel) and the Kafka ACLs the blueprints derive from the same manifests.
import { declaredAccess, type Grant } from "../../components/grants/accessModel";
import { domainAclBindings } from "../../components/streaming/kafkaAcls";
import { domainTopics } from "../../components/streaming/streamTopics";
import type { DomainSpec } from "../../components/manifest";
import { isEnvironment, roleName } from "../../conventions";

export interface IamAccess {
  /** The IAM role's name. */
  principal: string;
  domain: string;
  role: string;
  productDomain: string;
  product: string;
  access: string[];
  reason: string;
  /** Of a stream, the contract majors the grant reaches; absent for a table. */
  majors?: number[];
}

export interface KafkaAccess {
  principal: string;
  operation: string;
  resourceType: string;
  resource: string;
  patternType: string;
  productDomain: string;
  /** Undefined for a consumer-group grant, which belongs to no product. */
  product?: string;
  /** The contract major of the topic; undefined for a consumer-group grant. */
  major?: number;
}

export interface AccessReport {
  stack: string;
  environment: string;
  grants: Grant[];
  iam: IamAccess[];
  kafka: KafkaAccess[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildAccess(stack: string, environment: string, specs: readonly DomainSpec[]): AccessReport {
  const grants = declaredAccess(specs);
  const iam = grants
    .map((g) => ({
      principal: isEnvironment(environment) ? roleName(environment, g.principalDomain, g.role) : `${g.principalDomain}-${g.role}`,
      domain: g.principalDomain,
      role: g.role,
      productDomain: g.productDomain,
      product: g.product,
      access: [...g.access],
      reason: g.reason,
      ...(g.majors !== undefined ? { majors: [...g.majors] } : {}),
    }))
    .sort((a, b) => compare(a.principal, b.principal) || compare(a.productDomain, b.productDomain) || compare(a.product, b.product));
  const kafka = specs
    .flatMap((spec) => {
      const topics = new Map(domainTopics(spec).map((t) => [t.name, t]));
      return domainAclBindings(spec).map((b) => {
        const topic = b.resourceType === "Topic" ? topics.get(b.resourceName) : undefined;
        return {
          principal: b.principal,
          operation: b.operation,
          resourceType: b.resourceType,
          resource: b.resourceName,
          patternType: b.patternType,
          productDomain: spec.metadata.name,
          ...(topic !== undefined ? { product: topic.product.name, major: topic.major } : {}),
        };
      });
    })
    .sort((a, b) => compare(a.principal, b.principal) || compare(a.resourceType, b.resourceType) || compare(a.resource, b.resource) || compare(a.operation, b.operation));
  return { stack, environment, grants, iam, kafka };
}
