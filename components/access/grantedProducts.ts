/**
 * The products a domain's roles hold, own and granted, with the manifests that declare them:
 * the declared access model read from the principal's side. Cross-domain grants need the producing
 * domain's manifest, so callers pass every manifest of the platform, not only the deployed ones.
 */
import { declaredAccess, type Access, type Grant } from "../grants/accessModel";
import type { DomainRole } from "../../conventions";
import type { DataProduct, DomainSpec } from "../manifest";

export interface HeldProduct {
  /** The domain that owns the product. */
  readonly spec: DomainSpec;
  readonly product: DataProduct;
  readonly access: readonly Access[];
  /** Of a stream, the majors held (see `Grant.majors`), in the grants' order; empty for a table. */
  readonly majors: readonly number[];
}

/**
 * The platform's grants by principal domain, computed once per platform: every domain asks for its
 * own several times, and recomputing the whole model each time made a stack's run quadratic.
 */
const grantsByPlatform = new WeakMap<readonly DomainSpec[], Map<string, Grant[]>>();

function grantsOf(platformSpecs: readonly DomainSpec[], domain: string): readonly Grant[] {
  let byDomain = grantsByPlatform.get(platformSpecs);
  if (byDomain === undefined) {
    byDomain = new Map();
    for (const g of declaredAccess(platformSpecs)) {
      const held = byDomain.get(g.principalDomain) ?? [];
      held.push(g);
      byDomain.set(g.principalDomain, held);
    }
    grantsByPlatform.set(platformSpecs, byDomain);
  }
  return byDomain.get(domain) ?? [];
}

/**
 * What `domain`'s roles hold (only `role`'s when given), one entry per product, access merged
 * across roles, in the access model's stable order.
 */
export function heldProducts(platformSpecs: readonly DomainSpec[], domain: string, role?: DomainRole): HeldProduct[] {
  const grants = grantsOf(platformSpecs, domain).filter((g) => role === undefined || g.role === role);
  const byProduct = new Map<string, Grant[]>();
  for (const g of grants) {
    const key = `${g.productDomain}/${g.product}`;
    byProduct.set(key, [...(byProduct.get(key) ?? []), g]);
  }
  return [...byProduct.values()].map((held) => {
    const spec = platformSpecs.find((s) => s.metadata.name === held[0].productDomain)!;
    const product = spec.spec.products.find((p) => p.name === held[0].product)!;
    const access = (["read", "write"] as const).filter((a) => held.some((g) => g.access.includes(a)));
    const majors = [...new Set(held.flatMap((g) => g.majors ?? []))];
    return { spec, product, access, majors };
  });
}
