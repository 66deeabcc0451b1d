// One copy of each string in the records a process receives and keeps. V8's deserializer makes a new
// string for every occurrence, and a platform's records repeat the same strings thousands of times:
// a resource's URN as others' parent and dependency, provider references, the unknown sentinel, type
// tokens, tag values. In the review's process at 300 domains 38 of the heap's 58 MB of strings were
// such copies.

function isPlainContainer(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

export class SharedStrings {
  private readonly strings = new Map<string, string>();

  /**
   * Replaces, in place, every string in `value`'s plain objects and arrays by the table's copy of it,
   * and returns `value` (a string: its copy). Other objects (buffers, maps, class instances) are left
   * as they are. Only for values the caller owns, such as a message it has just deserialized.
   */
  share<T>(value: T): T {
    if (typeof value === "string") return this.copyOf(value) as T;
    if (typeof value === "object" && value !== null && isPlainContainer(value)) this.shareWithin(value as Record<string, unknown>);
    return value;
  }

  // Only strings are written back, so a hole in an array stays a hole; an own `__proto__` key, which
  // neither reading nor assigning by name reaches, is left as it is.
  private shareWithin(container: Record<string | number, unknown>): void {
    if (Array.isArray(container)) {
      for (let i = 0; i < container.length; i++) if (i in container) this.shareAt(container, i);
    } else {
      for (const key of Object.keys(container)) if (key !== "__proto__") this.shareAt(container, key);
    }
  }

  private shareAt(container: Record<string | number, unknown>, key: string | number): void {
    const item = container[key];
    if (typeof item === "string") container[key] = this.copyOf(item);
    else if (typeof item === "object" && item !== null && isPlainContainer(item)) this.shareWithin(item as Record<string, unknown>);
  }

  private copyOf(s: string): string {
    const kept = this.strings.get(s);
    if (kept !== undefined) return kept;
    this.strings.set(s, s);
    return s;
  }
}
