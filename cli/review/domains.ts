// Which domain a resource belongs to, for grouping reports: the `meshkit:data:DataDomain` component it
// sits under (its name is the domain's; type tokens never change), else its own `domain` tag or label
// (so any program that tags by domain groups the same way), else its parent's domain.
import { plainValue, type CapturedResource } from "../../engine";

import { DATA_DOMAIN_TYPE } from "../../conventions";
const DOMAIN_TAG = "domain";
const PRODUCT_TAG = "data-product";

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let v = plainValue(value);
  for (const key of path) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** A tag (AWS `tags`) or label (Kubernetes `metadata.labels`) the resource was registered with. */
export function tagOf(r: CapturedResource, key: string): string | undefined {
  return stringAt(r.inputs, "tags", key) ?? stringAt(r.inputs, "metadata", "labels", key);
}

/** URN → domain, for every resource that has one. */
export function resourceDomains(resources: readonly CapturedResource[]): Map<string, string> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const result = new Map<string, string>();
  const domainOf = (r: CapturedResource, depth: number): string | undefined => {
    if (result.has(r.urn)) return result.get(r.urn);
    if (r.type === DATA_DOMAIN_TYPE) return r.name;
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    // A parent chain is a tree; the depth cap only guards against a malformed capture.
    const inherited = parent && depth < 1000 ? domainOf(parent, depth + 1) : undefined;
    return underDataDomain(parent) ? inherited : (tagOf(r, DOMAIN_TAG) ?? inherited);
  };
  const underDataDomain = (r: CapturedResource | undefined): boolean => {
    for (let p = r, i = 0; p && i < 1000; p = p.parent ? byUrn.get(p.parent) : undefined, i++) {
      if (p.type === DATA_DOMAIN_TYPE) return true;
    }
    return false;
  };
  for (const r of resources) {
    const d = domainOf(r, 0);
    if (d !== undefined) result.set(r.urn, d);
  }
  return result;
}

/** The data product a resource holds, from meshkit's `data-product` tag. */
export function productOf(r: CapturedResource): string | undefined {
  return tagOf(r, PRODUCT_TAG);
}
