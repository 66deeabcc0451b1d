// Which input properties differ between two registrations, as paths (`tags.environment`,
// `rules[0].expiration.days`). Values inside a secret are compared but reported only as paths marked
// secret, so no report ever prints them.
import { isResourceReference, isSecret, plainValue } from "../../engine";

export interface ChangedProperty {
  readonly path: string;
  /** The value was a secret on either side. */
  readonly secret: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function join(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}

function walk(a: unknown, b: unknown, at: string, secret: boolean, out: ChangedProperty[]): void {
  if (isSecret(a) || isSecret(b)) {
    walk(isSecret(a) ? a.value : a, isSecret(b) ? b.value : b, at, true, out);
    return;
  }
  if (isResourceReference(a) || isResourceReference(b)) {
    if (JSON.stringify(plainValue(a)) !== JSON.stringify(plainValue(b))) out.push({ path: at, secret });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${at}[${i}]`, secret, out);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[key], b[key], join(at, key), secret, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: at, secret });
}

/** Changed input paths, sorted as the properties are (keys alphabetically, items by index). */
export function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): ChangedProperty[] {
  const out: ChangedProperty[] = [];
  walk(before, after, "", false, out);
  return out;
}

/** True when `path` is `property` itself or lies inside it. */
export function isWithin(path: string, property: string): boolean {
  return path === property || path.startsWith(`${property}.`) || path.startsWith(`${property}[`);
}

/** The plain value at a dot path (`a.b`, `a[0].b`), for messages about a changed property. */
export function valueAt(inputs: Record<string, unknown>, path: string): unknown {
  let v: unknown = plainValue(inputs);
  for (const part of path.split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) v = Array.isArray(v) ? v[Number(index[1])] : undefined;
    else v = isPlainObject(v) ? v[part] : undefined;
  }
  return v;
}
