/** Regular expressions that come from policy config, which may hold an invalid one. */

/** One compiled pattern per source, so rules running per resource don't recompile it. */
const cache = new Map<string, RegExp | undefined>();

/** The configured pattern compiled, or undefined when the config holds no valid regular expression. */
export function compiledPattern(source: string): RegExp | undefined {
  if (!cache.has(source)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(source);
    } catch {
      re = undefined;
    }
    cache.set(source, re);
  }
  return cache.get(source);
}

/** The finding for a config key holding no valid regular expression. */
export function invalidPattern(key: string, source: string): string {
  return `the policy's config '${key}' (${source}) is not a valid regular expression, so nothing can match it; fix the policy config.`;
}
