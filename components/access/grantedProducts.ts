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

interface PlatformIndex {
  /** Every grant of the platform by principal domain, in the access model's order. */
  readonly grants: ReadonlyMap<string, readonly Grant[]>;
  /** Each domain's manifest (the first, were a name declared twice). */
  readonly specs: ReadonlyMap<string, DomainSpec>;
}

/**
 * Computed once per platform array: every domain of a stack asks several times, and recomputing the
 * whole model (or searching the platform per product) each time made a stack's run quadratic.
 */
const indexes = new WeakMap<readonly DomainSpec[], PlatformIndex>();

function indexOf(platformSpecs: readonly DomainSpec[]): PlatformIndex {
  let index = indexes.get(platformSpecs);
  if (index === undefined) {
    const grants = new Map<string, Grant[]>();
    for (const g of declaredAccess(platformSpecs)) grants.set(g.principalDomain, [...(grants.get(g.principalDomain) ?? []), g]);
    const specs = new Map<string, DomainSpec>();
    for (const s of platformSpecs) if (!specs.has(s.metadata.name)) specs.set(s.metadata.name, s);
    index = { grants, specs };
    indexes.set(platformSpecs, index);
  }
  return index;
}

/**
 * What `spec`'s domain holds as it sees the platform: its own manifest's grants first, then the other
 * domains' grants to it in the platform's order (the platform's copy of the domain itself, if any,
 * gives way to `spec`).
 */
function grantsOf(spec: DomainSpec, platformSpecs: readonly DomainSpec[]): Grant[] {
  const domain = spec.metadata.name;
  const own = declaredAccess([spec]).filter((g) => g.principalDomain === domain);
  const granted = (indexOf(platformSpecs).grants.get(domain) ?? []).filter((g) => g.productDomain !== domain);
  return [...own, ...granted];
}

/**
 * What the domain of `spec` holds (only `role`'s when given), one entry per product, access merged
 * across roles, in the access model's stable order.
 */
export function heldProducts(spec: DomainSpec, platformSpecs: readonly DomainSpec[], role?: DomainRole): HeldProduct[] {
  const grants = grantsOf(spec, platformSpecs).filter((g) => role === undefined || g.role === role);
  const byProduct = new Map<string, Grant[]>();
  for (const g of grants) {
    const key = `${g.productDomain}/${g.product}`;
    byProduct.set(key, [...(byProduct.get(key) ?? []), g]);
  }
  const specs = indexOf(platformSpecs).specs;
  return [...byProduct.values()].map((held) => {
    const owner = held[0].productDomain === spec.metadata.name ? spec : specs.get(held[0].productDomain)!;
    const product = owner.spec.products.find((p) => p.name === held[0].product)!;
    const access = (["read", "write"] as const).filter((a) => held.some((g) => g.access.includes(a)));
    const majors = [...new Set(held.flatMap((g) => g.majors ?? []))];
    return { spec: owner, product, access, majors };
  });
}
