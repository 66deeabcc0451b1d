/**
 * fast-check generator of whole platforms: six manifests, each valid on its own (tests/manifest's
 * generator), renamed with kebab-case names built from the words meshkit's components use for the
 * names they derive (audit, access-logs, dlq, keys, …), so that a domain or product name can
 * reproduce a derived name of another; consumers are drawn among the platform's other domains.
 */
import fc from "fast-check";
import { validManifest, type ManifestData } from "../manifest/arbitraries";

export const PLATFORM_DOMAINS = 6;
const PRODUCTS_PER_DOMAIN = 4;

/** Words the components themselves put into derived names (roles, buckets, topics, aliases, K8s objects). */
const COMPONENT_WORDS = [
  "audit", "access", "logs", "dlq", "keys", "key", "alias", "boundary", "consumer", "producer", "pipeline", "steward",
  "quarantine", "schemas", "schema", "storage", "streams", "catalog", "workspace", "budget", "monthly", "team", "edit",
  "quota", "limits", "default", "deny", "meshkit", "production", "staging", "prd", "stg", "v1", "events", "facts",
] as const;

const componentName = (max: number) =>
  fc
    .array(fc.constantFrom(...COMPONENT_WORDS), { minLength: 1, maxLength: 3 })
    .map((words) => words.join("-"))
    .filter((name) => name.length >= 3 && name.length <= max);

interface Consumer {
  domain: string;
  purpose: string;
  major?: number;
}

/** Replaces a product's consumers with distinct other domains of the platform, keeping their purposes and pinned majors. */
function platformConsumers(consumers: Consumer[] | undefined, self: number, domains: readonly string[], picks: readonly number[]): Consumer[] | undefined {
  if (consumers === undefined) return undefined;
  const chosen = new Map<string, Consumer>();
  consumers.forEach((c, k) => {
    const other = domains[(self + 1 + (picks[k % picks.length]! % (domains.length - 1))) % domains.length]!;
    chosen.set(other, { ...c, domain: other });
  });
  return [...chosen.values()];
}

function rename(manifest: ManifestData, self: number, domains: readonly string[], productNames: readonly string[], picks: readonly number[]): ManifestData {
  const metadata = manifest.metadata as Record<string, unknown>;
  const spec = manifest.spec as { products: Record<string, unknown>[] };
  const products = spec.products.map((product, j) => {
    const consumers = platformConsumers(product.consumers as Consumer[] | undefined, self, domains, picks.slice(j));
    const { consumers: _drawn, ...rest } = product;
    return { ...rest, name: productNames[self * PRODUCTS_PER_DOMAIN + j]!, ...(consumers === undefined ? {} : { consumers }) };
  });
  return { ...manifest, metadata: { ...metadata, name: domains[self] }, spec: { ...spec, products } };
}

/** Six manifests, by domain name; the validator decides which platforms are valid. */
export const platformManifests: fc.Arbitrary<ManifestData[]> = fc
  .record({
    domains: fc.uniqueArray(componentName(32), { minLength: PLATFORM_DOMAINS, maxLength: PLATFORM_DOMAINS }),
    manifests: fc.array(validManifest, { minLength: PLATFORM_DOMAINS, maxLength: PLATFORM_DOMAINS }),
    // Unique within a domain; across domains repeats are allowed and likely.
    productNames: fc.array(componentName(24), { minLength: PLATFORM_DOMAINS * PRODUCTS_PER_DOMAIN, maxLength: PLATFORM_DOMAINS * PRODUCTS_PER_DOMAIN }),
    picks: fc.array(fc.nat(), { minLength: PRODUCTS_PER_DOMAIN + 3, maxLength: PRODUCTS_PER_DOMAIN + 3 }),
  })
  .map(({ domains, manifests, productNames, picks }) => manifests.map((m, i) => rename(m, i, domains, productNames, picks)));
