/**
 * Runs independent checks so that one unknown value does not hide the findings of the others:
 * every check runs, definite violations are reported, and the first UnknownValueError is rethrown
 * at the end so the server still reports "can't run during preview" (never a silent pass).
 */
import { isUnknownValueError } from "./preview";

export function forEachDeferringUnknown<T>(items: Iterable<T>, check: (item: T) => void): void {
  let deferred: Error | undefined;
  for (const item of items) {
    try {
      check(item);
    } catch (e) {
      if (!isUnknownValueError(e)) throw e;
      deferred ??= e;
    }
  }
  if (deferred !== undefined) throw deferred;
}
