/**
 * checkSchemaCompatibility: the modes (plain, -transitive, full, none), and Confluent's JSON Schema
 * rules one by one (components/schemas/jsonSchemaCompatibility.ts lists them with their source). The
 * Avro rules are held to Apache Avro's Java verdicts in avroOracle.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { CompatibilityMode, ProductSchema } from "../../components/manifest";
import { checkSchemaCompatibility, UnusableSchemaError } from "../../components/schemas/compatibility";

const avro = (fields: unknown[], version = "v"): ProductSchema => ({
  path: `${version}.avsc`,
  format: "AVRO",
  definition: JSON.stringify({ type: "record", name: "OrderEvent", namespace: "com.example", fields }),
});
const json = (schema: Record<string, unknown>, version = "v"): ProductSchema => ({
  path: `${version}.schema.json`,
  format: "JSON",
  definition: JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", ...schema }),
});
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "object", properties, ...extra });

// Three versions of one Avro contract, newest first: v3 adds `note` with a default and drops `total`,
// which v1 needs and v2 no longer has.
const v1 = avro([{ name: "id", type: "string" }, { name: "total", type: "int" }], "v1");
const v2 = avro([{ name: "id", type: "string" }, { name: "total", type: "int", default: 0 }], "v2");
const v3 = avro([{ name: "id", type: "string" }, { name: "note", type: "string", default: "" }], "v3");

describe("modes", () => {
  it("plain modes compare with the newest previous version only", () => {
    expect(checkSchemaCompatibility("forward", v3, [v2, v1])).toEqual({ compatible: true, reasons: [], versionsChecked: 1 });
  });

  it("-transitive modes compare with every previous version and say which one breaks", () => {
    expect(checkSchemaCompatibility("forward-transitive", v3, [v2, v1])).toEqual({
      compatible: false,
      reasons: [
        "against the version 2 back: field total: removed, and the old schema has no default for it, so consumers on the old schema cannot read new data (forward)",
      ],
      versionsChecked: 2,
    });
  });

  it("full checks both directions and names each", () => {
    const next = avro([{ name: "id", type: "string" }, { name: "email", type: "string" }]);
    expect(checkSchemaCompatibility("full", next, [v1]).reasons).toEqual([
      "field email: added without a default, so old data cannot be read (backward)",
      "field total: removed, and the old schema has no default for it, so consumers on the old schema cannot read new data (forward)",
    ]);
  });

  it("backward and backward-transitive read the old data with the new schema", () => {
    const next = avro([{ name: "id", type: "string" }, { name: "total", type: "string" }]);
    for (const mode of ["backward", "backward-transitive"] as CompatibilityMode[]) {
      expect(checkSchemaCompatibility(mode, next, [v1]).reasons).toEqual(["field total: int cannot be read as string (type mismatch)"]);
    }
  });

  it("none checks nothing, however breaking the change", () => {
    const next = avro([{ name: "id", type: "long" }]);
    expect(checkSchemaCompatibility("none", next, [v1])).toEqual({ compatible: true, reasons: [], versionsChecked: 0 });
  });

  it("a first version has nothing to break", () => {
    expect(checkSchemaCompatibility("full-transitive", v1, [])).toEqual({ compatible: true, reasons: [], versionsChecked: 0 });
  });

  it("a named type used twice reports its problem once", () => {
    const address = (fields: unknown[]) => ({ type: "record", name: "Address", fields });
    const older = avro([{ name: "home", type: address([{ name: "city", type: "string" }]) }, { name: "work", type: "Address" }]);
    const newer = avro([{ name: "home", type: address([{ name: "city", type: "string" }, { name: "zip", type: "string" }]) }, { name: "work", type: "Address" }]);
    expect(checkSchemaCompatibility("backward", newer, [older]).reasons).toEqual(["field home.zip: added without a default, so old data cannot be read (backward)"]);
  });

  it("a field whose name and alias match two old fields is ambiguous (Java throws)", () => {
    const older = avro([{ name: "total", type: "int" }, { name: "amount", type: "int" }]);
    const newer = avro([{ name: "total", type: "int", aliases: ["amount"] }]);
    expect(checkSchemaCompatibility("backward", newer, [older]).reasons).toEqual([
      "field total: its name and aliases match several old fields (total, amount) (ambiguous field)",
    ]);
  });

  it("a change of format is breaking", () => {
    expect(checkSchemaCompatibility("backward", json(object({ id: { type: "string" } })), [v1]).reasons).toEqual([
      "the schema changed from AVRO to JSON; no consumer reads one format as the other (format change)",
    ]);
  });

  it("an unparseable version throws UnusableSchemaError naming its file", () => {
    const broken: ProductSchema = { path: "broken.avsc", format: "AVRO", definition: '{"type": "record", "name": "E", "fields": [{"name": "a", "type": "strin"}]}' };
    expect(() => checkSchemaCompatibility("backward", v1, [broken])).toThrow(UnusableSchemaError);
    expect(() => checkSchemaCompatibility("backward", v1, [broken])).toThrow("broken.avsc is not a usable Avro schema: field a: undefined type name: strin");
  });
});

/** The backward verdict of NEW after OLD (old data valid under the new schema), as its reasons. */
function backward(oldSchema: Record<string, unknown>, newSchema: Record<string, unknown>): readonly string[] {
  return checkSchemaCompatibility("backward", json(newSchema, "new"), [json(oldSchema, "old")]).reasons;
}

describe("JSON Schema, Confluent's rules", () => {
  const closed = { additionalProperties: false };

  it("an optional property added to an open object is breaking (STRICT: old data may hold it with any value)", () => {
    expect(backward(object({ id: { type: "string" } }), object({ id: { type: "string" }, email: { type: "string" } }))).toEqual([
      "property email: only in the new schema, while the old one is open (additionalProperties not false), so old data may hold it with any value (optional property added to open content model; backward)",
    ]);
  });

  it("a property added with an empty schema to an open object is compatible", () => {
    expect(backward(object({ id: { type: "string" } }), object({ id: { type: "string" }, extra: {} }))).toEqual([]);
  });

  it("an optional property added to a closed object is compatible", () => {
    expect(backward(object({ id: { type: "string" } }, closed), object({ id: { type: "string" }, email: { type: "string" } }, closed))).toEqual([]);
  });

  it("a required property added to a closed object needs a default", () => {
    const before = object({ id: { type: "string" } }, closed);
    expect(backward(before, object({ id: { type: "string" }, email: { type: "string" } }, { ...closed, required: ["email"] }))).toEqual([
      "property email: required in the new schema without a default, absent from the old one (required property added to closed content model; backward)",
    ]);
    expect(backward(before, object({ id: { type: "string" }, email: { type: "string", default: "" } }, { ...closed, required: ["email"] }))).toEqual([]);
  });

  it("a property removed is compatible when the new object is open, breaking when it is closed", () => {
    const before = object({ id: { type: "string" }, email: { type: "string" } }, closed);
    expect(backward(before, object({ id: { type: "string" } }))).toEqual([]);
    expect(backward(before, object({ id: { type: "string" } }, closed))).toEqual([
      "property email: only in the old schema, and the new one is closed (additionalProperties: false), so old data holding it is refused (property removed from closed content model; backward)",
    ]);
  });

  it("forward reverses the roles: consumers on a closed old schema refuse a property only the new one has", () => {
    const older = json(object({ id: { type: "string" } }, closed), "old");
    const newer = json(object({ id: { type: "string" }, email: { type: "string" } }, closed), "new");
    expect(checkSchemaCompatibility("backward", newer, [older]).reasons).toEqual([]);
    expect(checkSchemaCompatibility("forward", newer, [older]).reasons).toEqual([
      "property email: only in the new schema, and the old one is closed (additionalProperties: false), so new data holding it is refused (property removed from closed content model; forward)",
    ]);
  });

  it("a property covered by a partially open object must fit the schema that covered it", () => {
    const before = object({ id: { type: "string" } }, { additionalProperties: { type: "string" } });
    expect(backward(before, object({ id: { type: "string" }, note: { type: "string" } }, { additionalProperties: { type: "string" } }))).toEqual([]);
    expect(backward(before, object({ id: { type: "string" }, note: { type: "integer" } }, { additionalProperties: { type: "string" } }))).toEqual([
      "property note: only in the new schema, and the old schema's additionalProperties or patternProperties that covered it allow values it refuses (property added not covered by partially open content model; backward)",
    ]);
  });

  it("required added to an existing property is breaking without a default; required removed is compatible", () => {
    const optional = object({ id: { type: "string" }, email: { type: "string" } });
    const required = object({ id: { type: "string" }, email: { type: "string" } }, { required: ["email"] });
    expect(backward(optional, required)).toEqual([
      "property email: required in the new schema without a default, optional in the old one (required attribute added; backward)",
    ]);
    expect(backward(required, optional)).toEqual([]);
  });

  it("integer → number widens; number → integer narrows", () => {
    expect(backward(object({ n: { type: "integer" } }), object({ n: { type: "number" } }))).toEqual([]);
    expect(backward(object({ n: { type: "number" } }), object({ n: { type: "integer" } }))).toEqual([
      "property n: number in the old schema, integer in the new one (type narrowed; backward)",
    ]);
  });

  it("a different type is breaking", () => {
    expect(backward(object({ total: { type: "string" } }), object({ total: { type: "integer" } }))).toEqual([
      "property total: string in the old schema, integer in the new one (type changed; backward)",
    ]);
  });

  it("a type gaining a branch is compatible, losing one is breaking", () => {
    expect(backward(object({ email: { type: "string" } }), object({ email: { type: ["string", "null"] } }))).toEqual([]);
    expect(backward(object({ email: { anyOf: [{ type: "string" }, { type: "null" }] } }), object({ email: { type: "string" } }))).toEqual([
      "property email: anyOf of 2 in the old schema, string in the new one (type changed; backward)",
    ]);
  });

  it("enum values added are compatible, removed are breaking", () => {
    const states = (...values: string[]) => object({ state: { type: "string", enum: values } });
    expect(backward(states("CREATED", "PAID"), states("CREATED", "PAID", "SHIPPED"))).toEqual([]);
    expect(backward(states("CREATED", "PAID", "SHIPPED"), states("CREATED", "PAID"))).toEqual([
      'property state: value "SHIPPED" of the old schema is not allowed by the new one (enum narrowed; backward)',
    ]);
  });

  it("a bare enum keeping every value of a typed one is compatible; losing one is breaking", () => {
    expect(backward(object({ state: { type: "string", enum: ["A", "B"] } }), object({ state: { enum: ["A", "B", "C"] } }))).toEqual([]);
    expect(backward(object({ state: { type: "string", enum: ["A", "B"] } }), object({ state: { enum: ["A"] } }))).toEqual([
      'property state: value "B" of the old schema is not allowed by the new one (enum narrowed; backward)',
    ]);
  });

  it("a keyword meshkit does not model counts as breaking when it changes", () => {
    expect(backward(object({ code: { type: "string", not: { const: "x" } } }), object({ code: { type: "string", not: { const: "y" } } }))).toEqual([
      "property code: not differs; meshkit does not model its compatibility, so it counts the change as breaking (not changed; backward)",
    ]);
  });

  it("nested objects and array items are compared recursively, and the reason names the path", () => {
    const order = (zip: unknown, sku: unknown) =>
      object({
        address: object({ city: { type: "string" }, zip }, closed),
        lines: { type: "array", items: object({ sku }) },
      });
    expect(backward(order({ type: "string" }, { type: "string" }), order({ type: "integer" }, { type: "integer" }))).toEqual([
      "property address.zip: string in the old schema, integer in the new one (type changed; backward)",
      "property lines[].sku: string in the old schema, integer in the new one (type changed; backward)",
    ]);
  });

  it("closing an open object is breaking, opening a closed one is compatible", () => {
    const open = object({ id: { type: "string" } });
    const shut = object({ id: { type: "string" } }, closed);
    expect(backward(open, shut)).toEqual(["the schema: the old schema allows further properties, the new one does not (additional properties removed; backward)"]);
    expect(backward(shut, open)).toEqual([]);
  });

  it("tightened bounds are breaking, relaxed ones compatible", () => {
    expect(backward(object({ code: { type: "string", maxLength: 8 } }), object({ code: { type: "string", maxLength: 4 } }))).toEqual([
      "property code: maxLength 8 in the old schema, 4 in the new one (maxLength tightened; backward)",
    ]);
    expect(backward(object({ code: { type: "string", maxLength: 4 } }), object({ code: { type: "string", maxLength: 8 } }))).toEqual([]);
  });

  it("definitions are followed through $ref", () => {
    const withMoney = (amount: unknown) => ({
      ...object({ total: { $ref: "#/definitions/money" } }),
      definitions: { money: object({ amount }) },
    });
    expect(backward(withMoney({ type: "number" }), withMoney({ type: "integer" }))).toEqual([
      "property total.amount: number in the old schema, integer in the new one (type narrowed; backward)",
    ]);
  });

  it("title, description, default and vendor annotation changes are compatible", () => {
    expect(backward(object({ id: { type: "string", description: "a" } }, { title: "A" }), object({ id: { type: "string", description: "b", default: "x" } }, { title: "B" }))).toEqual([]);
    expect(backward(object({ n: { type: "integer", "connect.type": "int32" } }), object({ n: { type: "integer", "connect.type": "int64", "x-note": "wider" } }))).toEqual([]);
  });
});
