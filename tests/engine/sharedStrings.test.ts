// SharedStrings (engine/sharedStrings.ts): a received message keeps its value exactly, and the heap
// then holds one copy of each string where V8's deserializer made one per occurrence.
import { randomUUID } from "crypto";
import * as v8 from "v8";
import { describe, expect, it } from "vitest";
import { SharedStrings } from "../../engine/sharedStrings";

/** How many strings in this process's heap hold exactly `text` (from a V8 heap snapshot). */
async function copiesInHeap(text: string): Promise<number> {
  let json = "";
  for await (const chunk of v8.getHeapSnapshot()) json += chunk;
  const snapshot = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [typeAt, nameAt] = [fields.indexOf("type"), fields.indexOf("name")];
  let copies = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (types[snapshot.nodes[i + typeAt]] === "string" && snapshot.strings[snapshot.nodes[i + nameAt]] === text) copies++;
  }
  return copies;
}

const received = (value: unknown) => v8.deserialize(v8.serialize(value));

describe("SharedStrings", () => {
  it("leaves one copy of a string that a received message repeats", async () => {
    const urn = `urn:pulumi:production::platform::pulumi:providers:aws::default::${randomUUID()}`;
    // Built from parts, so that the only whole copies are the ones deserialization makes.
    const records = () =>
      received(
        Array.from({ length: 300 }, (_, i) => ({ urn: `${i}`, provider: [urn.slice(0, 20), urn.slice(20)].join(""), dependencies: [urn.slice(0, 30) + urn.slice(30)], inputs: { tags: { source: `${urn}` } } })),
      );
    const unshared = records();
    expect(await copiesInHeap(urn)).toBeGreaterThanOrEqual(900);
    unshared.length = 0;

    const strings = new SharedStrings();
    expect(strings.share(urn)).toBe(urn);
    const kept = [strings.share(records()), strings.share(records())];
    expect(await copiesInHeap(urn)).toBe(1);
    expect(kept[1]).toHaveLength(300);
  });

  it("keeps every value as it was received, in the same objects", () => {
    const bytes = new Uint8Array([104, 105]);
    const map = new Map([["key", "value"]]);
    const withProto = JSON.parse('{"__proto__": "own key", "other": "x"}') as Record<string, unknown>;
    const sparse: unknown[] = ["a"];
    sparse[3] = "d";
    const message = received({
      urn: "urn:1",
      parent: "urn:0",
      list: ["urn:0", ["urn:1", { deep: "urn:0", n: 1, b: true, z: null, u: undefined }]],
      sparse,
      withProto,
      bytes,
      map,
      nested: Object.assign(Object.create(null), { bare: "urn:0" }),
    }) as Record<string, unknown>;
    const before = v8.serialize(message);
    const list = message.list;

    const strings = new SharedStrings();
    expect(strings.share(message)).toBe(message);
    expect(message.list).toBe(list);
    expect(v8.serialize(message).equals(before)).toBe(true);
    expect(Object.getPrototypeOf(message.withProto)).toBe(Object.prototype);
    expect(Object.keys(message.sparse as unknown[])).toEqual(["0", "3"]);
    expect(message.map).toBeInstanceOf(Map);
    expect(strings.share("urn:0")).toBe("urn:0");
  });
});
