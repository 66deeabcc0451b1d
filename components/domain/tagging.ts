/**
 * Tags set explicitly on every taggable AWS resource and as labels on every Kubernetes object
 * (Pulumi mocks run no transforms and no provider default tags): the six required ones, plus
 * `compliance` on everything of a domain that declares regimes, and `data-product` and `pii` on
 * whatever holds one product's data, so guardrails can judge a resource without its manifest.
 */
import {
  COMPLIANCE_TAG_KEY,
  complianceTagValue,
  MANAGED_BY,
  PII_TAG_KEY,
  piiTagValue,
  type Environment,
  type RequiredTagKey,
} from "../../conventions";
import { classificationOf, type DataProduct, type DomainSpec } from "../manifest";

export type RequiredTags = Readonly<Record<RequiredTagKey, string>> & Readonly<Record<string, string>>;

export function domainTags(spec: DomainSpec, environment: Environment): RequiredTags {
  const compliance = complianceTagValue(spec.spec.compliance);
  return {
    domain: spec.metadata.name,
    environment,
    owner: spec.metadata.owner,
    "cost-center": spec.metadata.costCenter,
    "data-classification": spec.spec.classification,
    "managed-by": MANAGED_BY,
    ...(compliance === "" ? {} : { [COMPLIANCE_TAG_KEY]: compliance }),
  };
}

/** Tags of a resource that holds one product's data: the product's classification and PII. */
export function productTags(base: RequiredTags, spec: DomainSpec, product: DataProduct): RequiredTags {
  return {
    ...base,
    "data-classification": classificationOf(spec, product),
    "data-product": product.name,
    [PII_TAG_KEY]: piiTagValue(product.pii),
  };
}
