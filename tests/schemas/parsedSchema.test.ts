/**
 * Product schemas are parsed for real: Avro by avsc with everything the specification allows, JSON
 * Schema compiled by ajv under the draft its `$schema` names; what neither accepts is unusable.
 */
import { describe, expect, it } from "vitest";
import { parseProductSchema, productSchemaOf } from "../../components/schemas/parsedSchema";
import { UnusableSchemaError } from "../../components/schemas/unusableSchemaError";

const text = (document: unknown) => JSON.stringify(document);

describe("Avro", () => {
  const everything = {
    type: "record",
    name: "OrderEvent",
    namespace: "com.example.orders",
    aliases: ["LegacyOrder"],
    fields: [
      { name: "id", type: { type: "string", logicalType: "uuid" } },
      { name: "state", type: { type: "enum", name: "State", symbols: ["CREATED", "PAID"], default: "CREATED" } },
      { name: "previous", type: ["null", "State"], default: null },
      { name: "hash", type: { type: "fixed", name: "Hash", size: 16 } },
      { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 10, scale: 2 }, default: "\u0000" },
      { name: "day", type: { type: "int", logicalType: "date" }, aliases: ["date"] },
      { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
      { name: "lines", type: { type: "array", items: { type: "record", name: "Line", fields: [{ name: "sku", type: "string" }] } }, default: [] },
      { name: "labels", type: { type: "map", values: "string" }, default: {} },
      { name: "children", type: { type: "array", items: "OrderEvent" }, default: [] },
    ],
  };

  it("takes named types, unions, enums, fixed, arrays, maps, logical types, defaults, aliases and recursion", () => {
    const schema = productSchemaOf("schemas/order-events.avsc", text(everything));
    expect(schema.format).toBe("AVRO");
    expect(parseProductSchema(schema).format).toBe("AVRO");
  });

  it("takes a union default that fits a later branch, as Avro 1.11 and later do", () => {
    const document = { type: "record", name: "E", fields: [{ name: "n", type: ["null", "int"], default: 1 }] };
    expect(productSchemaOf("e.avsc", text(document)).definition).toBe(text(document));
  });

  it.each([
    ["an unknown type", { type: "record", name: "E", fields: [{ name: "status", type: "strin" }] }, "field status: undefined type name: strin"],
    ["a default of another type", { type: "record", name: "E", fields: [{ name: "n", type: "int", default: "one" }] }, 'field n: incompatible field default "one"'],
    ["a union default that fits no branch", { type: "record", name: "E", fields: [{ name: "n", type: ["null", "int"], default: "one" }] }, 'field n: incompatible field default "one" (invalid "null": "one"), nor does any other branch of the union'],
    ["an enum default that is no symbol", { type: "enum", name: "S", symbols: ["A"], default: "B" }, 'invalid "S" default'],
    ["an unnamed record", { type: "record", fields: [] }, "missing name"],
    ["a nested field's unknown type", { type: "record", name: "E", fields: [{ name: "a", type: { type: "record", name: "A", fields: [{ name: "b", type: "lnog" }] } }] }, "field a.b: undefined type name: lnog"],
  ])("refuses %s", (_, document, reason) => {
    expect(() => productSchemaOf("e.avsc", text(document))).toThrow(UnusableSchemaError);
    expect(() => productSchemaOf("e.avsc", text(document))).toThrow(reason);
  });
});

describe("JSON Schema", () => {
  const body = { type: "object", properties: { id: { type: "string", format: "uuid" } }, required: ["id"] };

  it.each([
    ["https://json-schema.org/draft/2020-12/schema", "JSON"],
    ["https://json-schema.org/draft/2019-09/schema", "JSON"],
    ["http://json-schema.org/draft-07/schema#", "JSON"],
    ["http://json-schema.org/draft-04/schema#", "JSON"],
  ])("compiles under %s", ($schema, format) => {
    expect(productSchemaOf("e.schema.json", text({ $schema, ...body })).format).toBe(format);
  });

  it("takes vendor annotations (x-…, Kafka Connect's connect.…) but not a misspelled keyword", () => {
    const annotated = {
      type: "object",
      "x-owner": "orders",
      properties: { n: { type: "integer", "connect.type": "int32" }, "x-trace.id": { type: "string" } },
      required: ["x-trace.id"],
    };
    expect(productSchemaOf("e.json", text(annotated)).format).toBe("JSON");
    expect(() => productSchemaOf("e.json", text({ type: "object", propertys: {} }))).toThrow('unknown keyword: "propertys"');
  });

  it("takes draft-07 without $schema", () => {
    expect(productSchemaOf("e.json", text(body)).format).toBe("JSON");
  });

  it("picks the draft from $schema: draft-04's boolean exclusiveMaximum is refused under draft-07", () => {
    const number = { type: "number", maximum: 10, exclusiveMaximum: true };
    expect(productSchemaOf("n.json", text({ $schema: "http://json-schema.org/draft-04/schema#", ...number })).format).toBe("JSON");
    expect(() => productSchemaOf("n.json", text({ $schema: "http://json-schema.org/draft-07/schema#", ...number }))).toThrow(
      "not a usable JSON Schema (draft-07): schema is invalid: data/exclusiveMaximum must be number",
    );
  });

  it.each([
    ["a bad keyword value", { type: "object", properties: { n: { type: "integer", minimum: "one" } } }, "data/properties/n/minimum must be number"],
    ["an unknown type", { type: "strin" }, "data/type must be equal to one of the allowed values"],
    ["an unresolvable $ref", { properties: { a: { $ref: "#/definitions/missing" } } }, "can't resolve reference #/definitions/missing"],
    ["an unknown keyword", { type: "object", proprties: {} }, 'unknown keyword: "proprties"'],
    ["an unsupported $schema", { $schema: "http://json-schema.org/draft-03/schema#" }, "names no supported draft"],
  ])("refuses %s", (_, document, reason) => {
    expect(() => productSchemaOf("e.json", text(document))).toThrow(reason);
  });

  it("refuses text that is not JSON", () => {
    expect(() => productSchemaOf("e.json", "{ nope")).toThrow(/^not valid JSON: /);
  });
});

describe("format", () => {
  it("is Avro for .avsc files and for Avro-only types, JSON Schema otherwise", () => {
    expect(productSchemaOf("e.json", text({ type: "record", name: "E", fields: [] })).format).toBe("AVRO");
    expect(productSchemaOf("e.json", text(["null", "string"])).format).toBe("AVRO");
    expect(productSchemaOf("e.avsc", text({ type: "string" })).format).toBe("AVRO");
    expect(productSchemaOf("e.json", text({ type: "string" })).format).toBe("JSON");
  });
});
