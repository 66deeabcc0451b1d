/**
 * Every use meshkit's offline engine makes of @pulumi/policy's internals, in one module, behind a
 * version check. Nothing here runs under `pulumi up`: the engine preloads it into the pack
 * processes it starts itself (preload/shareDecoding), so real enforcement always runs the library
 * unmodified.
 *
 * Shared decoding. @pulumi/policy decodes a resource's properties from protobuf again for every
 * policy that runs on it: in Analyze for every policy not filtered to a single type, and in
 * AnalyzeStack for every stack policy times every resource. Decoding is most of a pack's CPU, so
 * the offline engine lets the library decode each property Struct once and hand every policy the
 * same plain object through the same unknown-checking proxy (the proxy keeps nothing but its target;
 * a policy can then also remember what it derived from a resource's props). Sound for packs whose
 * policies treat props as read-only, as CrossGuard's validation policies are meant to, since a
 * request's Structs are immutable. Only the non-secret decoding is shared (remediations decode
 * with secrets).
 */
import * as path from "path";
import * as semver from "semver";

/** The @pulumi/policy releases whose internals this module was checked against (its test pins it). */
export const CHECKED_POLICY_VERSIONS = ">=1.20.0 <1.22.0";

interface DeserializeModule {
  deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
}

interface ProxyModule {
  unknownCheckingProxy(props: object): object;
}

const SHARED = Symbol.for("meshkit.sharedDecoding");

/** Why a @pulumi/policy `version` does not get `feature`, or undefined when the version was checked. */
function uncheckedVersion(version: string, feature: string): string | undefined {
  if (semver.satisfies(semver.coerce(version) ?? version, CHECKED_POLICY_VERSIONS)) return undefined;
  return `@pulumi/policy ${version} is outside ${CHECKED_POLICY_VERSIONS}, the releases ${feature} was checked against`;
}

export type SharedDecoding = { applied: true } | { applied: false; reason: string };

/**
 * Makes the @pulumi/policy that `fromDir` resolves decode each property Struct once; idempotent.
 * A version outside CHECKED_POLICY_VERSIONS, or a module without the expected export, is left
 * unmodified, and the reason is returned for the caller to report.
 */
export function shareDecodedProperties(fromDir: string): SharedDecoding {
  let version: string;
  let library: Partial<DeserializeModule> & { [SHARED]?: true };
  let proxies: Partial<ProxyModule>;
  try {
    version = (require(require.resolve("@pulumi/policy/package.json", { paths: [fromDir] })) as { version: string }).version;
    library = require(require.resolve("@pulumi/policy/deserialize", { paths: [fromDir] })) as typeof library;
    proxies = require(require.resolve("@pulumi/policy/proxy", { paths: [fromDir] })) as typeof proxies;
  } catch {
    return { applied: false, reason: `no @pulumi/policy resolves from ${fromDir}` };
  }
  if (library[SHARED]) return { applied: true };
  const unchecked = uncheckedVersion(version, "shared decoding");
  if (unchecked) return { applied: false, reason: unchecked };
  const decode = library.deserializeProperties;
  if (typeof decode !== "function") return { applied: false, reason: `@pulumi/policy ${version} has no deserialize.deserializeProperties` };
  const proxy = proxies.unknownCheckingProxy;
  if (typeof proxy !== "function") return { applied: false, reason: `@pulumi/policy ${version} has no proxy.unknownCheckingProxy` };
  const proxied = new WeakMap<object, object>();
  proxies.unknownCheckingProxy = (props) => {
    let shared = proxied.get(props);
    if (shared === undefined) {
      shared = proxy(props);
      proxied.set(props, shared);
    }
    return shared;
  };
  const decoded = new WeakMap<object, Record<string, unknown>>();
  library.deserializeProperties = (struct, proxySecrets) => {
    if (proxySecrets || typeof struct !== "object" || struct === null) return decode(struct, proxySecrets);
    let props = decoded.get(struct);
    if (props === undefined) {
      props = decode(struct, false);
      decoded.set(struct, props);
    }
    return props;
  };
  library[SHARED] = true;
  return { applied: true };
}

/** The analyzer calls of a pack's gRPC service, as @pulumi/policy's server implements them. */
export interface AnalyzerHandlers {
  analyze(call: { request: object }, callback: (err: unknown, res?: unknown) => void): unknown;
  analyzeStack(call: { request: object }, callback: (err: unknown, res?: unknown) => void): unknown;
}

export type CapturedService = { applied: true; handlers: () => AnalyzerHandlers | undefined } | { applied: false; reason: string };

/**
 * Direct analysis. @pulumi/policy's server hands its analyzer implementation to gRPC's
 * `Server.addService`; the offline engine keeps a reference to it there, so that the engine can call
 * the same handlers without a gRPC round trip and protobuf encoding per resource (see
 * directServer). Everything the handlers do — policy selection, configuration, enforcement levels,
 * not-applicable reasons, violation reporting — stays the library's. Call before the pack loads.
 */
export function captureAnalyzerService(fromDir: string): CapturedService {
  let version: string;
  let grpc: { Server?: { prototype: { addService(service: unknown, impl: unknown): void } } };
  try {
    const policyPackage = require.resolve("@pulumi/policy/package.json", { paths: [fromDir] });
    version = (require(policyPackage) as { version: string }).version;
    grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(policyPackage)] })) as typeof grpc;
  } catch {
    return { applied: false, reason: `no @pulumi/policy with @grpc/grpc-js resolves from ${fromDir}` };
  }
  const unchecked = uncheckedVersion(version, "direct analysis");
  if (unchecked) return { applied: false, reason: unchecked };
  const server = grpc.Server?.prototype;
  if (!server || typeof server.addService !== "function") return { applied: false, reason: "@grpc/grpc-js has no Server.addService" };
  let captured: AnalyzerHandlers | undefined;
  const addService = server.addService;
  server.addService = function (this: unknown, service: unknown, impl: unknown) {
    const handlers = impl as Partial<AnalyzerHandlers> | undefined;
    if (typeof handlers?.analyze === "function" && typeof handlers.analyzeStack === "function") captured = handlers as AnalyzerHandlers;
    return addService.call(this, service, impl);
  };
  return { applied: true, handlers: () => captured };
}

type StackValidation = (this: unknown, args: { resources: unknown[] }, report: unknown) => unknown;

/** What a direct AnalyzeStack runs its handler in: `list` is the request's resource list, as the library reads it. */
export type StackViewsScope = <T>(list: { getType(): string }[], run: () => Promise<T>) => Promise<T>;

export type SharedStackViews = { applied: true; during: StackViewsScope } | { applied: false; reason: string };

/**
 * Shared stack views. In AnalyzeStack, @pulumi/policy builds every resource's view (props, options,
 * parent, dependencies, provider) again for each stack policy: at 100 domains, 20 stack policies
 * times 9,555 resources, most of the stack check's CPU. Within `during`, the first stack policy that
 * runs gets the views the library built, and every later one gets those same views, each in an array
 * of its own; the request's list then holds one resource of each type only, which is all the library
 * still reads it for (whether a policy limited to one type has anything to check). Sound under the
 * same condition as shared decoding: policies treat what they are given as read-only. Outside
 * `during` (gRPC), every policy runs as the library runs it. Call before the pack loads.
 */
export function shareStackViews(fromDir: string): SharedStackViews {
  let version: string;
  let server: { serve?: (...args: unknown[]) => unknown };
  try {
    version = (require(require.resolve("@pulumi/policy/package.json", { paths: [fromDir] })) as { version: string }).version;
    server = require(require.resolve("@pulumi/policy/server", { paths: [fromDir] })) as typeof server;
  } catch {
    return { applied: false, reason: `no @pulumi/policy resolves from ${fromDir}` };
  }
  const unchecked = uncheckedVersion(version, "sharing stack views");
  if (unchecked) return { applied: false, reason: unchecked };
  const serve = server.serve;
  if (typeof serve !== "function") return { applied: false, reason: `@pulumi/policy ${version} has no server.serve` };

  let current: { list: { getType(): string }[]; views?: unknown[] } | undefined;
  const sharing = (validate: StackValidation): StackValidation =>
    Object.assign(function (this: unknown, args: { resources: unknown[] }, report: unknown) {
      const request = current;
      if (request === undefined) return validate.call(this, args, report);
      if (request.views === undefined) {
        request.views = args.resources;
        const byType = new Map<string, { getType(): string }>();
        for (const r of request.list) if (!byType.has(r.getType())) byType.set(r.getType(), r);
        request.list.splice(0, request.list.length, ...byType.values());
      }
      return validate.call(this, { ...args, resources: request.views.slice() }, report);
    }, validate);

  server.serve = function (this: unknown, ...args: unknown[]) {
    const packArgs = args[3] as { policies?: { validateStack?: unknown }[] } | undefined;
    for (const policy of packArgs?.policies ?? []) {
      if (typeof policy.validateStack !== "function") continue;
      try {
        policy.validateStack = sharing(policy.validateStack as StackValidation);
      } catch {
        // a frozen policy runs as the library runs it
      }
    }
    return serve.apply(this, args);
  };
  return {
    applied: true,
    during: async (list, run) => {
      current = { list };
      try {
        return await run();
      } finally {
        current = undefined;
      }
    },
  };
}
