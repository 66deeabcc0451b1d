// How a review splits a platform stack's program into parts that run at once (engine/shards.ts): each
// part deploys a run of the stack's manifests and still reads the whole platform's, exactly as a
// per-domain stack does (`meshkit:domains` one part, `meshkit:platformDomains` all), so every domain
// is built as it is in the whole. Parts are contiguous, in the stack's own manifest order.
import type { StackContext } from "../../engine";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";

/**
 * Domains per part. Smaller parts hold less each but repeat the fixed cost of a program process
 * (Node, the SDK, reading every manifest of the platform): at 300 domains, parts of 25 took 43.6 s
 * and parts of 60 took 36.3 s (one run each, `meshkit review`), at 100 domains parts of 25 and 50
 * were within noise of each other.
 */
export const DOMAINS_PER_SHARD = 50;

/** Environment variable that sets the domains per part instead: lower uses less memory per process. */
export const DOMAINS_PER_SHARD_ENV = "MESHKIT_DOMAINS_PER_PART";

function domainsPerShard(): number {
  const n = Number(process.env[DOMAINS_PER_SHARD_ENV]);
  return Number.isInteger(n) && n > 0 ? n : DOMAINS_PER_SHARD;
}

/**
 * The config overrides of each part, from the stack's manifest files (relative to the project, in the
 * program's order); none for a stack small enough to run as one.
 */
export function programShards(ctx: StackContext, files: readonly string[] | undefined): Record<string, string>[] | undefined {
  const perShard = domainsPerShard();
  if (!files || files.length <= perShard) return undefined;
  const platform = ctx.config["meshkit:platformDomains"] ?? JSON.stringify(DEFAULT_DOMAIN_PATTERNS);
  const parts = Math.ceil(files.length / perShard);
  const size = Math.ceil(files.length / parts);
  return Array.from({ length: parts }, (_, i) => ({
    "meshkit:domains": JSON.stringify(files.slice(i * size, (i + 1) * size)),
    "meshkit:platformDomains": platform,
  }));
}
