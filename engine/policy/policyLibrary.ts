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
 * same plain object, each through its own unknown-checking proxy as before. Sound for packs whose
 * policies treat props as read-only, as CrossGuard's validation policies are meant to, since a
 * request's Structs are immutable. Only the non-secret decoding is shared (remediations decode
 * with secrets).
 */
import * as semver from "semver";

/** The @pulumi/policy releases whose internals this module was checked against (its test pins it). */
export const CHECKED_POLICY_VERSIONS = ">=1.20.0 <1.22.0";

interface DeserializeModule {
  deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
}

const SHARED = Symbol.for("meshkit.sharedDecoding");

export type SharedDecoding = { applied: true } | { applied: false; reason: string };

/**
 * Makes the @pulumi/policy that `fromDir` resolves decode each property Struct once; idempotent.
 * A version outside CHECKED_POLICY_VERSIONS, or a module without the expected export, is left
 * unmodified, and the reason is returned for the caller to report.
 */
export function shareDecodedProperties(fromDir: string): SharedDecoding {
  let version: string;
  let library: Partial<DeserializeModule> & { [SHARED]?: true };
  try {
    version = (require(require.resolve("@pulumi/policy/package.json", { paths: [fromDir] })) as { version: string }).version;
    library = require(require.resolve("@pulumi/policy/deserialize", { paths: [fromDir] })) as typeof library;
  } catch {
    return { applied: false, reason: `no @pulumi/policy resolves from ${fromDir}` };
  }
  if (library[SHARED]) return { applied: true };
  if (!semver.satisfies(semver.coerce(version) ?? version, CHECKED_POLICY_VERSIONS)) {
    return { applied: false, reason: `@pulumi/policy ${version} is outside ${CHECKED_POLICY_VERSIONS}, the releases shared decoding was checked against` };
  }
  const decode = library.deserializeProperties;
  if (typeof decode !== "function") return { applied: false, reason: `@pulumi/policy ${version} has no deserialize.deserializeProperties` };
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
