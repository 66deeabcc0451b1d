// heldProducts reads one index of the platform per platform array (it was rebuilt for every domain,
// quadratic in the platform), and must answer exactly as the access model read directly: the domain's
// own manifest first, then every other domain's grants to it in the platform's order.
import { describe, expect, it } from "vitest";
import { manifest } from "../../../bench/generate.mjs";
import { heldProducts } from "../../../components/access/grantedProducts";
import { declaredAccess } from "../../../components/grants/accessModel";
import { DOMAIN_ROLES, type DomainRole } from "../../../conventions";
import type { DomainSpec } from "../../../components/manifest";

/** The access model read directly, as the domain sees the platform. */
function direct(spec: DomainSpec, platform: readonly DomainSpec[], role?: DomainRole) {
  const seen = [spec, ...platform.filter((s) => s.metadata.name !== spec.metadata.name)];
  const grants = declaredAccess(seen).filter((g) => g.principalDomain === spec.metadata.name && (role === undefined || g.role === role));
  const keys = [...new Set(grants.map((g) => `${g.productDomain}/${g.product}`))];
  return keys.map((key) => {
    const held = grants.filter((g) => `${g.productDomain}/${g.product}` === key);
    const owner = seen.find((s) => s.metadata.name === held[0].productDomain)!;
    return {
      spec: owner,
      product: owner.spec.products.find((p) => p.name === held[0].product)!,
      access: (["read", "write"] as const).filter((a) => held.some((g) => g.access.includes(a))),
      majors: [...new Set(held.flatMap((g) => g.majors ?? []))],
    };
  });
}

describe("heldProducts", () => {
  const n = 40;
  const platform = Array.from({ length: n }, (_, i) => manifest(i, n) as unknown as DomainSpec);

  it("equals the access model read directly, for every domain and role of a 40-domain platform", () => {
    let compared = 0;
    for (const spec of platform) {
      for (const role of [undefined, ...DOMAIN_ROLES]) {
        expect(heldProducts(spec, platform, role), `${spec.metadata.name} ${role ?? "all roles"}`).toEqual(direct(spec, platform, role));
        compared++;
      }
    }
    expect(compared).toBe(n * 5);
  });

  it("takes the domain's own manifest over the platform's copy, and works without one", () => {
    const spec = platform[3];
    const edited = { ...spec, spec: { ...spec.spec, products: spec.spec.products.slice(0, 1) } };
    expect(heldProducts(edited, platform)).toEqual(direct(edited, platform));
    expect(heldProducts(edited, platform).filter((h) => h.spec.metadata.name === spec.metadata.name)).toHaveLength(1);
    expect(heldProducts(spec, [])).toEqual(direct(spec, []));
  });
});
