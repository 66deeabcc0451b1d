// A resource's output properties, made when the program first reads them. The SDK's transferProperties
// gives every declared property of every resource an Output at construction — four promises, and four
// more for leak tracking, with their resolvers — whatever the program reads; an alarm has thirty such
// properties and a program reads one or two. Offline that is most of a program's allocations and a
// good part of its time in garbage collection. Here each property is an accessor whose Output is made
// on first read, from the registration's answer if it came already, else from a pending promise the
// SDK's leak tracking sees as it saw the original four. Values, secrecy, known-ness and dependencies
// are what the SDK's own resolvers would have given. Applied in the program's process only, never
// under the real language host.
import * as path from "path";

type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: unknown) => void;
interface Settled {
  value: unknown;
  isKnown: boolean;
  isSecret: boolean;
  deps: unknown[];
  err?: unknown;
}
type OutputClass = new (resources: unknown, value: Promise<unknown>, isKnown: Promise<boolean>, isSecret: Promise<boolean>, deps: Promise<unknown[]>) => unknown;

/** What a resource knows of one output property before the program reads it. */
interface LazyProperty {
  settled?: Settled;
  settle?: (s: Settled) => void;
  output?: unknown;
}

// A resource's label and lazy properties, kept on it under a symbol the program never sees.
const LAZY = Symbol("meshkit.lazyOutputs");
type WithLazy = Record<typeof LAZY, { label: string; properties: Record<string, LazyProperty> }>;

export function lazyOutputs(sdkDir: string): void {
  const rpc = require(path.join(sdkDir, "runtime", "rpc")) as { transferProperties: (onto: object, label: string, props: object) => Record<string, Resolver> };
  const { Output } = require(path.join(sdkDir, "output")) as { Output: OutputClass };
  const { isGrpcError } = require(path.join(sdkDir, "errors")) as { isGrpcError(e: unknown): boolean };
  const { debuggablePromise } = require(path.join(sdkDir, "runtime", "debuggable")) as { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> };

  const make = (onto: object, label: string, k: string, p: LazyProperty): unknown => {
    const answer = p.settled
      ? Promise.resolve(p.settled)
      : debuggablePromise(new Promise<Settled>((resolve) => (p.settle = resolve)), `transferProperty(${label}, ${k})`);
    const part = <T>(pick: (s: Settled) => T) => answer.then((s) => (s.err ? Promise.reject(s.err) : pick(s)));
    return new Output(onto, part((s) => s.value), part((s) => s.isKnown), part((s) => s.isSecret), part((s) => s.deps));
  };

  // One pair of accessors per property name, shared by every resource that declares it: per resource
  // and property there is then one small record and the SDK's resolver, not four closures.
  const accessors = new Map<string, PropertyDescriptor>();
  const accessorsOf = (k: string): PropertyDescriptor => {
    let descriptor = accessors.get(k);
    if (descriptor === undefined) {
      descriptor = {
        enumerable: true,
        configurable: true,
        get(this: WithLazy) {
          const { label, properties } = this[LAZY];
          const p = properties[k];
          return (p.output ??= make(this, label, k, p));
        },
        // A class that assigns its own field replaces the Output, as it would replace the SDK's.
        set(this: object, value: unknown) {
          Object.defineProperty(this, k, { value, writable: true, enumerable: true, configurable: true });
        },
      };
      accessors.set(k, descriptor);
    }
    return descriptor;
  };
  rpc.transferProperties = (onto, label, props) => {
    const resolvers: Record<string, Resolver> = {};
    let state = (onto as Partial<WithLazy>)[LAZY];
    if (state === undefined) {
      state = { label, properties: Object.create(null) as Record<string, LazyProperty> };
      Object.defineProperty(onto, LAZY, { value: state });
    }
    const { properties } = state;
    for (const k of Object.keys(props)) {
      // "id" and "urn" are the SDK's own, as in the original.
      if (k === "id" || k === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
      const p: LazyProperty = (properties[k] = {});
      resolvers[k] = (value, isKnown, isSecret, deps = [], err) => {
        // The SDK skips gRPC errors here (the registration reports them); a promise settles once.
        if ((err && isGrpcError(err)) || p.settled) return;
        p.settled = { value, isKnown, isSecret, deps, err };
        p.settle?.(p.settled);
      };
      Object.defineProperty(onto, k, accessorsOf(k));
    }
    return resolvers;
  };
}
