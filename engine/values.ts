// Helpers over Pulumi wire-form property values (see types.ts), for code that wants plain data.

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

function sigOf(v: unknown): unknown {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[SIG_KEY] : undefined;
}

export function isUnknown(v: unknown): boolean {
  return v === UNKNOWN;
}

export function isSecret(v: unknown): v is { value: unknown } {
  return sigOf(v) === SECRET_SIG;
}

export function isResourceReference(v: unknown): v is { urn: string; id?: string } {
  return sigOf(v) === RESOURCE_SIG;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Plain data: secrets unwrapped, resource references as their URN, assets and archives as objects without
 * the signature. Unknowns stay the UNKNOWN sentinel, so callers can still tell them apart.
 */
export function plainValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainValue);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  const sig = o[SIG_KEY];
  if (sig === SECRET_SIG) return plainValue(o.value);
  if (sig === RESOURCE_SIG) return o.urn;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (k !== SIG_KEY) out[k] = plainValue(x);
  return out;
}
