// The domains and products of the base and the head side by side, by name.
import type { DataProduct, LoadedManifest } from "../../components/manifest";

export interface ProductPair {
  readonly domain: string;
  readonly name: string;
  readonly base?: { readonly manifest: LoadedManifest; readonly product: DataProduct; readonly index: number };
  readonly head?: { readonly manifest: LoadedManifest; readonly product: DataProduct; readonly index: number };
}

/** Every product of either side, sorted by domain and product. */
export function productPairs(base: readonly LoadedManifest[], head: readonly LoadedManifest[]): ProductPair[] {
  const pairs = new Map<string, { domain: string; name: string; base?: ProductPair["base"]; head?: ProductPair["head"] }>();
  const add = (side: "base" | "head", manifests: readonly LoadedManifest[]) => {
    for (const manifest of manifests) {
      manifest.spec.spec.products.forEach((product, index) => {
        const domain = manifest.spec.metadata.name;
        const key = `${domain}\0${product.name}`;
        const pair = pairs.get(key) ?? { domain, name: product.name };
        pair[side] = { manifest, product, index };
        pairs.set(key, pair);
      });
    }
  };
  add("base", base);
  add("head", head);
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

/** The head manifest of a domain, if the head still deploys it. */
export function headManifest(head: readonly LoadedManifest[], domain: string): LoadedManifest | undefined {
  return head.find((m) => m.spec.metadata.name === domain);
}
