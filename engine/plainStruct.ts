// A google.protobuf.Struct for messages that are never encoded to bytes: an empty Struct whose
// toJavaScript() answers exactly as Struct.fromJavaScript(value).toJavaScript() would — a fresh copy,
// keys sorted at every depth (a Struct's field map iterates sorted), the same refusal of undefined,
// functions and symbols — without building a protobuf tree and taking it apart again. Being a real
// Struct, it passes the message setters' type checks.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

function copyValue(v: unknown): unknown {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map(copyValue);
  if (typeof v === "object") return copyObject(v as Record<string, unknown>);
  throw new Error("Unexpected struct type.");
}

function copyObject(o: Record<string, unknown>): Record<string, unknown> {
  const keys: string[] = [];
  // `for…in`, as Struct.fromJavaScript reads an object (inherited enumerable keys included).
  for (const k in o) keys.push(k);
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = copyValue(o[k]);
  return out;
}

export function plainStruct(value: Record<string, unknown>): Struct {
  const struct = new Struct();
  struct.toJavaScript = () => copyObject(value) as ReturnType<Struct["toJavaScript"]>;
  return struct;
}
