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

// A stand-in in the require cache whose first use loads the real module and then behaves as it.
function defer(file: string, forwarded: string[]): void {
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
  const known: Exports = { __esModule: true };
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

/** Defers the SDK's heavy, rarely used modules; call before anything loads the SDK at sdkDir. */
export function deferUnusedSdkModules(sdkDir: string): void {
  for (const [rel, forwarded] of DEFERRED) {
    let file: string;
    try {
      file = require.resolve(path.join(sdkDir, rel));
    } catch {
      continue; // another SDK layout: load as usual
    }
    defer(file, forwarded);
  }
}
