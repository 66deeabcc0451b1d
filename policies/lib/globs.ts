/**
 * Glob matching for ARNs, URNs and names. `*` crosses `/` (bash-style globstar), because ARNs and
 * URNs are not paths: `arn:aws:iam::*:role/*admin*` must match `role/meshkit/platform-admin`.
 * Compiled matchers are cached, since rules run once per resource.
 */
import picomatch from "picomatch";

const cache = new Map<string, (value: string) => boolean>();

export function globMatcher(patterns: readonly string[]): (value: string) => boolean {
  const key = JSON.stringify(patterns);
  let matcher = cache.get(key);
  if (matcher === undefined) {
    matcher = patterns.length === 0 ? () => false : picomatch([...patterns], { bash: true, dot: true });
    cache.set(key, matcher);
  }
  return matcher;
}
