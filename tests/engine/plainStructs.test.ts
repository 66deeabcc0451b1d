// The program's process keeps Structs as plain values (engine/plainStructs.ts): every reader must get
// exactly what google-protobuf gives it. protobuf's answers are taken first, then the patch is applied (this
// file runs in a process of its own) and each reader is asked again.
import * as path from "path";
import { inspect } from "util";
import { beforeAll, describe, expect, it } from "vitest";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import { usePlainStructs } from "../../engine/plainStructs";

class WithInherited {
  own = 1;
}
(WithInherited.prototype as unknown as { inherited: string }).inherited = "from the prototype";

const inputs = (): Record<string, unknown>[] => [
  { zeta: 1, alpha: { y: [3, { b: 2, a: 1 }], x: null }, mid: "s" },
  { "10": "ten", "2": "two", b: true, a: false, "": "", Z: "upper" },
  { numbers: [0, -0, 1.5, -2, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER] },
  { nested: [[], [[1, [2]]], {}, [{}]] },
  JSON.parse('{"__proto__": {"polluted": true}, "kept": 1}'),
  { date: new Date(0), boxed: new String("ab"), instance: new WithInherited() },
  { "4dd7c5c8-e0b8-4a5e-9fd4-3e5b2b4b3c1e": { "4dd7c5c8-e0b8-4a5e-9fd4-3e5b2b4b3c1e": "1b47061264138c4ac30d75fd1eb44270", value: "x" } },
];
const failing = (): unknown[] => [{ a: undefined }, { a: [1, undefined] }, { f: () => 1 }, { s: Symbol("s") }, { b: BigInt(1) }, { bytes: Buffer.from("hi") }];
const topLevel = (): unknown[] => [undefined, null, [1, "two"], "str"];

const shown = (v: unknown) => inspect(v, { depth: null, showHidden: false });
const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

type Answers = { plain: string[]; text: string[]; bytes: string[]; toObject: string[]; field: string[]; errors: string[]; top: string[] };
function answers(): Answers {
  const request = (s: Struct) => {
    const r = new RegisterResourceRequest();
    r.setType("t");
    r.setObject(s);
    return r;
  };
  return {
    plain: inputs().map((v) => shown(Struct.fromJavaScript(v as never).toJavaScript())),
    text: inputs().map((v) => Struct.fromJavaScript(v as never).toString()),
    bytes: inputs().map((v) => Buffer.from(request(Struct.fromJavaScript(v as never)).serializeBinary()).toString("hex")),
    toObject: inputs().map((v) => shown(request(Struct.fromJavaScript(v as never)).toObject())),
    field: inputs().map((v) => {
      const fields: [string, unknown][] = [];
      Struct.fromJavaScript(v as never).getFieldsMap().forEach((x, k) => fields.push([k, x.toJavaScript()]));
      return shown(fields);
    }),
    errors: failing().map((v) => thrown(() => Struct.fromJavaScript(v as never))),
    top: topLevel().map((v) => shown(Struct.fromJavaScript(v as never).toJavaScript())),
  };
}

describe("plain Structs in the program's process", () => {
  let protobuf: Answers;
  beforeAll(() => {
    protobuf = answers();
    usePlainStructs(path.dirname(require.resolve("@pulumi/pulumi/package.json")));
  });

  it("give toJavaScript, toString, serializeBinary, toObject and the fields map exactly protobuf's answers", () => {
    expect(Struct.fromJavaScript({}).constructor).not.toBe(Struct); // the patch is applied
    expect(answers()).toEqual(protobuf);
  });

  it("keep keys sorted at every depth, as jspb.Map iterates them", () => {
    const out = Struct.fromJavaScript({ b: { d: 1, c: [{ f: 1, e: 2 }] }, a: 1 }).toJavaScript();
    expect(JSON.stringify(out)).toBe('{"a":1,"b":{"c":[{"e":2,"f":1}],"d":1}}');
  });

  it("are Structs, read back through a request as the same object, and copy what they are given and return", () => {
    const source = { a: { b: [1] } };
    const s = Struct.fromJavaScript(source);
    expect(s).toBeInstanceOf(Struct);
    const r = new RegisterResourceRequest();
    r.setObject(s);
    expect(r.getObject()).toBe(s);
    source.a.b.push(2);
    const first = s.toJavaScript() as { a: { b: number[] } };
    first.a.b.push(3);
    expect(s.toJavaScript()).toEqual({ a: { b: [1] } });
    expect(s.toJavaScript()).not.toBe(s.toJavaScript());
  });

  it("read as protobuf after a plain read, and plainly after a protobuf read", () => {
    const s = Struct.fromJavaScript({ k: { n: 1 } });
    expect(s.toJavaScript()).toEqual({ k: { n: 1 } });
    expect(s.getFieldsMap().get("k")?.getStructValue()?.toJavaScript()).toEqual({ n: 1 });
    s.getFieldsMap().get("k")?.getStructValue()?.getFieldsMap().set("m", Struct.fromJavaScript({ x: 2 }).getFieldsMap().get("x")!);
    expect(s.toJavaScript()).toEqual({ k: { m: 2, n: 1 } });
  });
});
