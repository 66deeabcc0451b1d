/**
 * Rules that judge many things (a stack's resources, a document's statements) report every finding
 * they are sure of, and defer what depends on a value unknown in preview: the first such unknown is
 * kept and rethrown at the end, so the server still reports "can't run during preview" (never a
 * silent pass) without hiding the definite findings.
 */
import { isUnknownValueError } from "./preview";
import { isUnknown, type Maybe, type Verdict } from "./unknowns";

export class Deferral {
  private error: Error | undefined;

  get pending(): boolean {
    return this.error !== undefined;
  }

  private defer(error: Error): void {
    this.error ??= error;
  }

  /** Runs a read; an unknown value it meets is deferred and the read yields undefined. */
  read<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      if (!isUnknownValueError(e)) throw e;
      this.defer(e);
      return undefined;
    }
  }

  /** True only when the verdict is certainly true; an unknown verdict is deferred. */
  holds(verdict: Verdict): boolean {
    if (isUnknown(verdict)) {
      this.defer(verdict.error);
      return false;
    }
    return verdict;
  }

  /** The known items of a list, deferring an unknown list or item. */
  known<T>(items: Maybe<readonly Maybe<T>[]>): T[] {
    if (isUnknown(items)) {
      this.defer(items.error);
      return [];
    }
    const out: T[] = [];
    for (const item of items) {
      if (isUnknown(item)) this.defer(item.error);
      else out.push(item);
    }
    return out;
  }

  rethrow(): void {
    if (this.error !== undefined) throw this.error;
  }
}

/** Checks every item, deferring the unknowns any of them meets, then rethrows the first. */
export function forEachDeferringUnknown<T>(items: Iterable<T>, check: (item: T) => void): void {
  const deferral = new Deferral();
  for (const item of items) deferral.read(() => check(item));
  deferral.rethrow();
}
