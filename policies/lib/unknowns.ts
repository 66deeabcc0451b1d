/**
 * Values unknown in preview as explicit markers, and three-valued (Kleene) logic over them, so a
 * rule can decide on the parts of a value that are known and defer only when its verdict really
 * depends on an unknown part. A marker keeps the library's UnknownValueError: rethrown, it becomes
 * the server's "can't run during preview" advisory, never a pass.
 */
import { isUnknownValueError } from "./preview";

export class Unknown {
  constructor(readonly error: Error) {}
}

export type Maybe<T> = T | Unknown;
/** true, false, or "depends on a value unknown in preview". */
export type Verdict = Maybe<boolean>;

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}

/** Runs a read of proxied props; an unknown value becomes a marker instead of an exception. */
export function guard<T>(read: () => T): Maybe<T> {
  try {
    return read();
  } catch (e) {
    if (isUnknownValueError(e)) return new Unknown(e);
    throw e;
  }
}

export function not(v: Verdict): Verdict {
  return isUnknown(v) ? v : !v;
}

/** False if any is false, else unknown if any is unknown, else true. */
export function and(...vs: Verdict[]): Verdict {
  let pending: Unknown | undefined;
  for (const v of vs) {
    if (v === false) return false;
    if (isUnknown(v)) pending ??= v;
  }
  return pending ?? true;
}

/** True if any is true, else unknown if any is unknown, else false. */
export function or(...vs: Verdict[]): Verdict {
  let pending: Unknown | undefined;
  for (const v of vs) {
    if (v === true) return true;
    if (isUnknown(v)) pending ??= v;
  }
  return pending ?? false;
}

/** Whether some item satisfies `test`: an unknown list or item counts only when no known item does. */
export function some<T>(items: Maybe<readonly Maybe<T>[]>, test: (item: T) => Verdict): Verdict {
  if (isUnknown(items)) return items;
  let pending: Unknown | undefined;
  for (const item of items) {
    const v = isUnknown(item) ? item : test(item);
    if (v === true) return true;
    if (isUnknown(v)) pending ??= v;
  }
  return pending ?? false;
}

/** The known items of a list (for messages; verdicts use `some`). */
export function knownItems<T>(items: Maybe<readonly Maybe<T>[]>): T[] {
  return isUnknown(items) ? [] : items.filter((i): i is T => !isUnknown(i));
}

/** A value for a message: unknown parts shown as such. */
export function shown(value: Maybe<string>): string {
  return isUnknown(value) ? "(unknown until deployment)" : value;
}
