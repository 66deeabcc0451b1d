/**
 * @pulumi/policy decodes a resource's properties from protobuf again for every policy that runs on
 * it: in Analyze for every policy not filtered to a single type (the library can skip a policy
 * cheaply only for one `__pulumiType`; a rule over several types, or every type, is called and
 * decoded for every resource), and in AnalyzeStack for every stack policy times every resource.
 * Decoding is most of the pack's CPU, so the pack decodes each property Struct once and lets every
 * policy read the same plain object, each through its own unknown-checking proxy as before.
 *
 * Sound because no rule of this pack writes to props (the pack runs alone in its process) and a
 * request's Structs are immutable. Only the non-secret decoding is shared (remediations decode with
 * secrets). The hook goes through the library's module object, which its server calls through;
 * a test checks that against the installed version, and without the expected shape nothing changes.
 */
interface DeserializeModule {
  deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
}

const SHARED = Symbol.for("meshkit.sharedDecoding");

/** Makes the library decode each property Struct once; idempotent. Returns whether it is in effect. */
export function shareDecodedProperties(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library = require("@pulumi/policy/deserialize") as Partial<DeserializeModule> & { [SHARED]?: true };
  if (library[SHARED]) return true;
  const decode = library.deserializeProperties;
  if (typeof decode !== "function") return false;
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
  return true;
}
