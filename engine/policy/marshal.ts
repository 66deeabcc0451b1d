// Properties as the engine marshals them for an analyzer: unknowns as the unknown sentinel, secrets as
// secret signature objects, assets and archives as their signature objects, and resource references
// downgraded to the referenced resource's ID (unknown while the ID is) or, for components, its URN —
// the engine does not keep resource references for analyzers, and @pulumi/policy cannot read them.
import { RESOURCE_SIG, SIG_KEY, UNKNOWN } from "../values";

export function toAnalyzerValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toAnalyzerValue);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o[SIG_KEY] === RESOURCE_SIG) {
    if (!("id" in o)) return o.urn;
    return o.id === "" || o.id === undefined ? UNKNOWN : o.id;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (x !== undefined) out[k] = toAnalyzerValue(x);
  return out;
}

export function toAnalyzerProperties(props: Record<string, unknown>): Record<string, unknown> {
  return toAnalyzerValue(props) as Record<string, unknown>;
}

/** Go duration text ("5m", "1h30m", "90s") in seconds, as the engine sends custom timeouts. */
export function durationSeconds(text: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, "µs": 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/([0-9.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(n) * units[unit];
  return total;
}
