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

export function lazyOutputs(sdkDir: string): void {
  const rpc = require(path.join(sdkDir, "runtime", "rpc")) as { transferProperties: (onto: object, label: string, props: object) => Record<string, Resolver> };
  const { Output } = require(path.join(sdkDir, "output")) as { Output: OutputClass };
  const { isGrpcError } = require(path.join(sdkDir, "errors")) as { isGrpcError(e: unknown): boolean };
  const { debuggablePromise } = require(path.join(sdkDir, "runtime", "debuggable")) as { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> };

  rpc.transferProperties = (onto, label, props) => {
    const resolvers: Record<string, Resolver> = {};
    for (const k of Object.keys(props)) {
      // "id" and "urn" are the SDK's own, as in the original.
      if (k === "id" || k === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
      let settled: Settled | undefined;
      let settle: ((s: Settled) => void) | undefined;
      let output: unknown;
      resolvers[k] = (value, isKnown, isSecret, deps = [], err) => {
        // The SDK skips gRPC errors here (the registration reports them); a promise settles once.
        if ((err && isGrpcError(err)) || settled) return;
        settled = { value, isKnown, isSecret, deps, err };
        settle?.(settled);
      };
      const make = () => {
        const answer = settled
          ? Promise.resolve(settled)
          : debuggablePromise(new Promise<Settled>((resolve) => (settle = resolve)), `transferProperty(${label}, ${k})`);
        const part = <T>(pick: (s: Settled) => T) => answer.then((s) => (s.err ? Promise.reject(s.err) : pick(s)));
        return new Output(onto, part((s) => s.value), part((s) => s.isKnown), part((s) => s.isSecret), part((s) => s.deps));
      };
      Object.defineProperty(onto, k, {
        enumerable: true,
        configurable: true,
        get: () => (output ??= make()),
        // A class that assigns its own field replaces the Output, as it would replace the SDK's.
        set: (value: unknown) => Object.defineProperty(onto, k, { value, writable: true, enumerable: true, configurable: true }),
      });
    }
    return resolvers;
  };
}
