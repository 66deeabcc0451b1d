// What the program's SDK stops doing in an offline run, where nobody reads it: per-promise debugging
// goo and per-resource source positions. Applied in the program's process only, before the program
// loads; never under the real language host.
import * as path from "path";

type Debuggable = { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> };
type State = { getStore(): { leakCandidates: Set<Promise<unknown>> } };

/**
 * The SDK wraps every output's promise with three properties (an id, a context string, a stack) that
 * only its leak report prints: about 10 % of a program's CPU and 15 % of its peak memory. Leaks are
 * still tracked, so a program that leaves promises pending fails as before.
 */
function leanPromises(sdkDir: string): void {
  const debuggable = require(path.join(sdkDir, "runtime", "debuggable")) as Debuggable;
  const state = require(path.join(sdkDir, "runtime", "state")) as State;
  const original = debuggable.debuggablePromise;
  let first = true;
  debuggable.debuggablePromise = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    // The first call schedules the SDK's leak report at exit.
    if (first) {
      first = false;
      return original(p, ctx);
    }
    const leaks = state.getStore().leakCandidates;
    leaks.add(p);
    return p.then(
      (v) => {
        leaks.delete(p);
        return v;
      },
      (err: unknown) => {
        leaks.delete(p);
        if (err !== null && typeof err === "object") (err as { promise?: unknown }).promise = p;
        throw err;
      },
    );
  };
}

/** Trims the SDK at sdkDir; `sourcePositions` keeps the per-resource stack walk. */
export function trimSdk(sdkDir: string, pulumi: typeof import("@pulumi/pulumi"), sourcePositions: boolean): void {
  if (!sourcePositions) {
    // Source positions come from parsing a full stack trace per resource; nothing offline needs them.
    (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites = () => [];
  }
  leanPromises(sdkDir);
}
