/**
 * What a product is and which major it deploys, read off a validated manifest. Apart from the schema
 * (zod) on purpose: the components ask these of every product, and a program whose manifests a review
 * has checked already (a part of a split review) then loads no manifest validation at all.
 */
import type { Classification } from "../../conventions";
import type { DataProduct, DomainSpec, StreamProduct, TableProduct } from "./schema";

export function isStream(product: DataProduct): product is StreamProduct {
  return product.kind === "stream" && product.stream !== undefined;
}

export function isTable(product: DataProduct): product is TableProduct {
  return product.kind === "table" && product.storage !== undefined;
}

/** A product's effective classification: its own, else the domain's. */
export function classificationOf(spec: DomainSpec, product: DataProduct): Classification {
  return product.classification ?? spec.spec.classification;
}

/** Major version of a product's contract, which names its topic. */
export function majorVersion(product: DataProduct): number {
  return Number(product.contract.version.split(".")[0]);
}
