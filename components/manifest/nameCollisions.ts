/**
 * Names two domains could both claim. Names join domain and product with hyphens, so different
 * pairs can spell the same string: domain `orders-access` with table `logs` and domain `orders`'s
 * access-log bucket are both `orders-access-logs`, as bucket name and as Pulumi resource name.
 * (Every other derived name — roles, principals, key aliases, topics, Glue and namespace names —
 * appends a fixed one-word suffix to a unique domain name or separates with `.` or `/`, and so
 * cannot collide; the property test over adversarial platforms keeps that true.)
 */
import { qualifiedName, RESERVED_PRODUCT_NAMES } from "../../conventions";
import type { DeclaredManifest } from "./load";
import { isTable } from "./products";

export interface NameClaim {
  readonly name: string;
  /** Field the claim comes from, for the error's line. */
  readonly at: (string | number)[];
  /** What the name is, in the claiming domain's words. */
  readonly what: string;
}

export interface NameCollision {
  readonly file: string;
  readonly at: (string | number)[];
  readonly message: string;
}

/** The qualified names a domain derives its bucket (and StorageTiers resource) names from. */
export function bucketNameClaims(manifest: DeclaredManifest): NameClaim[] {
  const domain = manifest.spec.metadata.name;
  const claims: NameClaim[] = RESERVED_PRODUCT_NAMES.map((bucket) => ({
    name: qualifiedName(domain, bucket),
    at: ["metadata", "name"],
    what: `the ${bucket} bucket`,
  }));
  manifest.spec.spec.products.forEach((product, i) => {
    if (!isTable(product)) return;
    claims.push({ name: qualifiedName(domain, product.name), at: ["spec", "products", i, "name"], what: `the bucket of table product ${product.name}` });
  });
  return claims;
}

/**
 * Every claim of `manifests` that another domain made first, in the order given, with
 * `platform` (manifests deployed by other stacks) claiming before any of them. Each collision is
 * reported once, against the manifest that claims second, naming the first.
 */
export function nameCollisions(manifests: readonly DeclaredManifest[], platform: readonly DeclaredManifest[] = []): NameCollision[] {
  const first = new Map<string, { manifest: DeclaredManifest; claim: NameClaim }>();
  const collisions: NameCollision[] = [];
  const claimAll = (manifest: DeclaredManifest, report: boolean) => {
    for (const claim of bucketNameClaims(manifest)) {
      const earlier = first.get(claim.name);
      if (earlier === undefined) {
        first.set(claim.name, { manifest, claim });
      } else if (report && earlier.manifest.spec.metadata.name !== manifest.spec.metadata.name) {
        collisions.push({
          file: manifest.file,
          at: claim.at,
          message: `${claim.what} would be named ${claim.name}, as is ${earlier.claim.what} of domain ${earlier.manifest.spec.metadata.name} (${earlier.manifest.file}); rename the product or the domain`,
        });
      }
    }
  };
  for (const m of platform) claimAll(m, false);
  for (const m of manifests) claimAll(m, true);
  return collisions;
}
