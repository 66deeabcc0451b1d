/**
 * Tags set explicitly on every taggable AWS resource and as labels on every Kubernetes object
 * (Pulumi mocks run no transforms and no provider default tags): the six required ones, plus
 * `compliance` on everything of a domain that declares regimes, and `data-product` and `pii` on
 * whatever holds one product's data, so guardrails can judge a resource without its manifest.
 */
import {
  CLASSIFICATION_TAG_KEY,
  COMPLIANCE_TAG_KEY,
  COST_CENTER_TAG_KEY,
  DATA_PRODUCT_TAG_KEY,
  DOMAIN_TAG_KEY,
  ENVIRONMENT_TAG_KEY,
  MANAGED_BY_TAG_KEY,
  OWNER_TAG_KEY,
  complianceTagValue,
  MANAGED_BY,
  PII_TAG_KEY,
  piiTagValue,
  type Environment,
  type RequiredTagKey,
} from "../../conventions";
import { classificationOf } from "../manifest/products";
import type { DataProduct, DomainSpec } from "../manifest";

export type RequiredTags = Readonly<Record<RequiredTagKey, string>> & Readonly<Record<string, string>>;

export function domainTags(spec: DomainSpec, environment: Environment): RequiredTags {
  const compliance = complianceTagValue(spec.spec.compliance);
  return {
    [DOMAIN_TAG_KEY]: spec.metadata.name,
    [ENVIRONMENT_TAG_KEY]: environment,
    [OWNER_TAG_KEY]: spec.metadata.owner,
    [COST_CENTER_TAG_KEY]: spec.metadata.costCenter,
    [CLASSIFICATION_TAG_KEY]: spec.spec.classification,
    [MANAGED_BY_TAG_KEY]: MANAGED_BY,
    ...(compliance === "" ? {} : { [COMPLIANCE_TAG_KEY]: compliance }),
  };
}

/** Tags of a resource that holds one product's data: the product's classification and PII. */
export function productTags(base: RequiredTags, spec: DomainSpec, product: DataProduct): RequiredTags {
  return {
    ...base,
    [CLASSIFICATION_TAG_KEY]: classificationOf(spec, product),
    [DATA_PRODUCT_TAG_KEY]: product.name,
    [PII_TAG_KEY]: piiTagValue(product.pii),
  };
}
