/**
 * Readers for property values as the analyzer presents them: plain JSON behind an unknown-checking
 * proxy. They never throw on a missing or mistyped value; reading an unknown value throws the
 * library's UnknownValueError, which must reach the server (it becomes the preview advisory).
 */
export type Props = Record<string, unknown>;

export function record(value: unknown): Props | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Enum-like strings (Kafka ACL fields) compare case-insensitively. */
export function lower(value: unknown): string | undefined {
  return typeof value === "string" ? value.toLowerCase() : undefined;
}

/** Numbers arrive as numbers, sometimes as numeric strings (provider configs, Kafka configs). */
export function num(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** Nested objects in provider configs may arrive JSON-encoded; accept either form. */
export function recordOrJson(value: unknown): Props | undefined {
  if (typeof value !== "string") return record(value);
  try {
    return record(JSON.parse(value));
  } catch {
    return undefined;
  }
}

/** A string map (tags, labels), keeping only string values. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const r = record(value);
  if (r === undefined) return out;
  for (const key of Object.keys(r)) {
    const v = r[key];
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

/** Logical name from a URN (`…::<type>::<name>`). */
export function nameFromUrn(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i < 0 ? urn : urn.slice(i + 2);
}

/** The object elements of a list, skipping anything else. */
export function records(value: unknown): Props[] {
  const out: Props[] = [];
  for (const v of list(value)) {
    const r = record(v);
    if (r !== undefined) out.push(r);
  }
  return out;
}
