// Loading @pulumi/pulumi loads the Automation API and the closure serializer's helpers (npm's arborist
// and pacote, TypeScript): ~550 modules and 0.5–0.8 s CPU that an offline run almost never uses. In
// the engine's own processes (the program's and the packs'), those modules are loaded on first use
// instead. Never under the real Pulumi CLI.
import Module = require("module");
import * as path from "path";

type Exports = Record<string | symbol, unknown>;

// The modules, with the exports their importers read while loading (forwarded until first called).
const DEFERRED: [string, string[]][] = [
  ["automation", []],
  [path.join("runtime", "closure", "codePaths"), ["computeCodePaths"]],
  [path.join("runtime", "closure", "parseFunction"), []],
];

// A stand-in in the require cache whose first use loads the real module and then behaves as it;
// `settled` exports are the stand-in's own answers, which never load it.
function defer(file: string, forwarded: string[], settled: Exports = {}): void {
  if (require.cache[file]) return;
  let real: Exports | undefined;
  const load = (): Exports => {
    if (real === undefined) {
      delete require.cache[file];
      real = require(file) as Exports;
    }
    return real;
  };
  // Its importers check __esModule (TypeScript's interop helpers) without using the module yet.
  const known: Exports = { __esModule: true, ...settled };
  for (const name of forwarded) {
    known[name] = function (this: unknown, ...args: unknown[]) {
      return (load()[name] as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  const stub = new Proxy(known, {
    get: (t, k) => (k in t ? t[k] : load()[k]),
    has: (t, k) => k in t || k in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, k) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), k);
      return d && { ...d, configurable: true };
    },
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.loaded = true;
  mod.exports = stub;
  require.cache[file] = mod;
}

// The SDK's module at `rel`, or undefined in another SDK layout (which then loads as usual).
function sdkModule(sdkDir: string, rel: string): string | undefined {
  try {
    return require.resolve(path.join(sdkDir, rel));
  } catch {
    return undefined;
  }
}

/** Defers the SDK's heavy, rarely used modules; call before anything loads the SDK at sdkDir. */
export function deferUnusedSdkModules(sdkDir: string): void {
  for (const [rel, forwarded] of DEFERRED) {
    const file = sdkModule(sdkDir, rel);
    if (file) defer(file, forwarded);
  }
}

/**
 * For a policy pack's process: the SDK's pack runner waits for the closure serializer's debugger
 * session (`v8Hooks.isInitializedAsync`) before it loads the pack, and that session, kept open, costs
 * the process CPU and memory for as long as it runs (100 domains: the pack's CPU −7 %, its peak RSS
 * −10 % without it). An analyzer serializes no function, so the wait returns at once and opens
 * nothing; the closure serializer, should it run after all, opens the session on first use.
 */
export function skipClosureDebuggerSession(sdkDir: string): void {
  const file = sdkModule(sdkDir, path.join("runtime", "closure", "v8Hooks"));
  if (file) defer(file, [], { isInitializedAsync: async () => undefined });
}
