// How a review splits a platform stack's program into parts that run at once (engine/shards.ts): each
// part deploys a run of the stack's manifests and still reads the whole platform's, exactly as a
// per-domain stack does (`meshkit:domains` one part, `meshkit:platformDomains` all), so every domain
// is built as it is in the whole. Parts are contiguous, in the stack's own manifest order.
import * as path from "path";
import type { StackContext } from "../../engine";
import type { LoadedManifest } from "../../components/manifest";
import { DEFAULT_DOMAIN_PATTERNS } from "../../conventions";

/**
 * Domains per part. Smaller parts hold less each but repeat the fixed cost of a program process
 * (Node, the SDK, reading every manifest of the platform); measured with `npm run bench`.
 */
export const DOMAINS_PER_SHARD = 25;

/** The config overrides of each part; none for a stack small enough to run as one. */
export function programShards(projectDir: string, ctx: StackContext, manifests: readonly LoadedManifest[] | undefined): Record<string, string>[] | undefined {
  if (!manifests || manifests.length <= DOMAINS_PER_SHARD) return undefined;
  const platform = ctx.config["meshkit:platformDomains"] ?? JSON.stringify(DEFAULT_DOMAIN_PATTERNS);
  const files = manifests.map((m) => path.relative(projectDir, path.resolve(projectDir, m.file)));
  const parts = Math.ceil(files.length / DOMAINS_PER_SHARD);
  const size = Math.ceil(files.length / parts);
  return Array.from({ length: parts }, (_, i) => ({
    "meshkit:domains": JSON.stringify(files.slice(i * size, (i + 1) * size)),
    "meshkit:platformDomains": platform,
  }));
}
