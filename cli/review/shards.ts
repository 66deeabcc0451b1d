// How a review splits a platform stack's program into parts that run at once (engine/shards.ts): each
// part deploys a run of the stack's manifests and still sees the whole platform, exactly as a
// per-domain stack does, so every domain is built as it is in the whole. Parts are contiguous, in the
// stack's own manifest order. The review reads the platform's manifests once, before the parts start,
// and hands each part the valid ones (`meshkit:platformManifestsFile`) instead of each reading them all,
// the stack's own whole, as the review loaded and checked them, so no part parses its domains again.
import * as path from "node:path";
import type { DeclaredManifest, LoadedManifest } from "../../components/manifest";
import { expandManifestPatterns } from "../../components/manifest/manifestPatterns";
import { writePlatformManifests } from "../../components/manifest/platformManifestsFile";

/**
 * Domains per part. Each part repeats the fixed cost of a program process (Node, the SDK, the components'
 * modules, the platform's manifests); since the program builds one domain at a time (stacks/index.ts),
 * a part holds about 90 MB plus 1.3 MB a domain. `meshkit review`, medians of alternating runs, parts of
 * 50 against 150: 100 domains 6.4 against 6.2 s (one part, peak 622 against 535 MB), 300 domains 17.7
 * against 15.3 s, 1,000 domains 57.4 against 44.8 s. Parts of 100 are as fast as 150 at 300 domains
 * (19.5 against 19.2 s, peak 839 against 1,009 MB) and take the 1,000-domain peak, two parts running
 * beside a pack that by then holds most of the platform, from 1.50–1.57 to 1.45 GB for 3–5 % more time.
 */
export const DOMAINS_PER_SHARD = 100;

/** Environment variable that sets the domains per part instead: lower uses less memory per process. */
export const DOMAINS_PER_SHARD_ENV = "MESHKIT_DOMAINS_PER_PART";

function domainsPerShard(): number {
  const n = Number(process.env[DOMAINS_PER_SHARD_ENV]);
  return Number.isInteger(n) && n > 0 ? n : DOMAINS_PER_SHARD;
}

/**
 * The stack's manifest files (relative to the project, in the program's order) in even contiguous
 * parts; undefined for a stack small enough to run as one.
 */
export function stackParts(files: readonly string[] | undefined): string[][] | undefined {
  const perShard = domainsPerShard();
  if (!files || files.length <= perShard) return undefined;
  const parts = Math.ceil(files.length / perShard);
  // The first `files.length % parts` parts take one manifest more, so no two differ by more than one.
  const size = Math.floor(files.length / parts);
  const larger = files.length % parts;
  const start = (i: number) => i * size + Math.min(i, larger);
  return Array.from({ length: parts }, (_, i) => files.slice(start(i), start(i + 1)));
}

/**
 * Writes the platform's valid manifests into `dir` in the order the stack's `meshkit:platformDomains`
 * match them, the order a part reading those patterns itself would see, the stack's own (`deployed`)
 * whole, and returns each part's config overrides.
 */
export function programShards(
  parts: readonly string[][],
  platform: { readonly patterns: readonly string[]; readonly manifests: readonly DeclaredManifest[]; readonly deployed: readonly LoadedManifest[] },
  dir: string,
): Record<string, string>[] {
  const byFile = new Map(platform.manifests.map((m) => [m.file, m]));
  const file = path.join(dir, "platform-manifests.json");
  writePlatformManifests(
    file,
    expandManifestPatterns(platform.patterns).flatMap((f) => byFile.get(f) ?? []),
    platform.deployed,
  );
  return parts.map((part) => ({ "meshkit:domains": JSON.stringify(part), "meshkit:platformManifestsFile": file }));
}
