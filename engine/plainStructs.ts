// Under the SDK's mocks no protobuf message is ever put on the wire: the SDK builds a request's properties
// with Struct.fromJavaScript, the mock monitor (and capture.ts) read them back with toJavaScript, the
// monitor answers with Struct.fromJavaScript and the SDK reads that back again — four conversions through
// jspb Values per resource, and their garbage. Here a Struct made by fromJavaScript keeps the plain value
// its toJavaScript returns and builds its protobuf fields only when something reads it as protobuf.
// Patching Struct, rather than wrapping the mock monitor, also covers the requests the SDK builds, and
// leaves every reader (SDK, mock monitor, capture wrapper) as it is. Applied in the program's process
// only, never under the real language host, where messages are serialized.
import * as path from "path";
import type * as Jspb from "google-protobuf";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";

type Plain = null | number | string | boolean | Plain[] | { [key: string]: Plain };
type Method = (...args: unknown[]) => unknown;

const PLAIN = Symbol("plain");

/** Makes Struct.fromJavaScript lazy in the google-protobuf that the SDK at sdkDir loads. */
export function usePlainStructs(sdkDir: string): void {
  const load = (id: string): unknown => require(require.resolve(id, { paths: [sdkDir] }));
  const jspb = load("google-protobuf") as typeof Jspb & { typeOf(value: unknown): string };
  const { Struct, Value } = load(path.posix.join("google-protobuf", "google", "protobuf", "struct_pb")) as typeof StructPb;

  // What Value.fromJavaScript(value).toJavaScript() returns, with its errors: the same type test, objects'
  // keys in jspb.Map's sorted order at every depth, and `__proto__` dropped (the map's store is a plain object).
  const plainValue = (value: unknown): Plain => {
    switch (jspb.typeOf(value)) {
      case "string":
      case "number":
      case "boolean":
        return value as Plain;
      case "null":
        return null;
      case "array": {
        const list = value as unknown[];
        const out: Plain[] = [];
        for (let i = 0; i < list.length; i++) out.push(plainValue(list[i]));
        return out;
      }
      case "object":
        return plainObject(value);
      default:
        throw new Error("Unexpected struct type.");
    }
  };
  // Struct.fromJavaScript enumerates any value with for-in, without a type test.
  const plainObject = (obj: unknown): { [key: string]: Plain } => {
    const fields: [string, Plain][] = [];
    for (const key in obj as object) {
      const value = plainValue((obj as Record<string, unknown>)[key]);
      if (key !== "__proto__") fields.push([key, value]);
    }
    fields.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const out: { [key: string]: Plain } = {};
    for (const [key, value] of fields) out[key] = value;
    return out;
  };
  // Every toJavaScript call returns new objects, as protobuf's does.
  const copy = (value: Plain): Plain => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map(copy);
    const out: { [key: string]: Plain } = {};
    for (const key of Object.keys(value)) out[key] = copy(value[key]);
    return out;
  };

  const structProto = Struct.prototype as unknown as Record<string, Method>;
  const messageProto = jspb.Message.prototype as unknown as Record<string, Method>;
  class PlainStruct extends Struct {
    declare [PLAIN]?: { [key: string]: Plain };
  }
  const fill = (s: PlainStruct): void => {
    const plain = s[PLAIN];
    if (plain === undefined) return;
    s[PLAIN] = undefined;
    const fields = structProto.getFieldsMap.call(s) as Jspb.Map<string, StructPb.Value>;
    for (const key of Object.keys(plain)) fields.set(key, Value.fromJavaScript(plain[key]));
  };

  // Taking a message's array is not always reading it. setWrapperField (and setRepeatedWrapperField) store
  // the Struct's array in its parent, which syncs each wrapped message (calling its toArray again) before anything reads the array.
  // Message.toString's only callers are the SDK's debug lines (`resp: ${response}`), which offline go
  // nowhere (no engine, `excessiveDebugOutput` off): there a Struct shows as empty rather than be filled.
  let unread = false;
  const proto = PlainStruct.prototype as unknown as Record<string, Method>;
  for (const inherited of [messageProto, structProto]) {
    for (const name of Object.getOwnPropertyNames(inherited)) {
      const method = inherited[name];
      if (name === "constructor" || name === "toJavaScript" || typeof method !== "function") continue;
      // Assigned (enumerable), as protobuf's own methods are, so for-in over a Struct sees the same names.
      // toArray is also called by a minified alias, hence the comparison by identity.
      const isToArray = method === messageProto.toArray;
      proto[name] = function (this: PlainStruct, ...args: unknown[]) {
        if (!(isToArray && unread)) fill(this);
        return method.apply(this, args);
      };
    }
  }
  proto.toJavaScript = function (this: PlainStruct) {
    const plain = this[PLAIN];
    return plain === undefined ? structProto.toJavaScript.call(this) : copy(plain);
  };
  const withoutReading =
    <F extends Method>(method: F) =>
    function (this: unknown, ...args: unknown[]) {
      unread = true;
      try {
        return method.apply(this, args);
      } finally {
        unread = false;
      }
    };
  jspb.Message.setWrapperField = withoutReading(jspb.Message.setWrapperField as Method) as typeof jspb.Message.setWrapperField;
  // The same for a list of messages holding Structs (an AnalyzeStackRequest's resources).
  jspb.Message.setRepeatedWrapperField = withoutReading(jspb.Message.setRepeatedWrapperField as Method) as typeof jspb.Message.setRepeatedWrapperField;
  jspb.Message.prototype.toString = withoutReading(jspb.Message.prototype.toString) as () => string;

  Struct.fromJavaScript = (obj) => {
    const s = new PlainStruct();
    s[PLAIN] = plainObject(obj);
    return s;
  };
}
