// The documented mapping from Avro and JSON Schema types to Glue (Hive) column types, one row each,
// as the README's table lists it.
import { describe, expect, it } from "vitest";
import { hiveType, tableColumns } from "../../../components/catalog/hiveColumns";
import { schemaFields, UnmappableSchemaError } from "../../../components/schemas/schemaFields";

const avro = (type: unknown) => schemaFields({ path: "t.avsc", format: "AVRO", definition: JSON.stringify({ type: "record", name: "T", fields: [{ name: "f", type }] }) })[0];
const json = (property: unknown, required = true) =>
  schemaFields({ path: "t.json", format: "JSON", definition: JSON.stringify({ type: "object", properties: { f: property }, required: required ? ["f"] : [] }) })[0];

describe("Avro to Hive", () => {
  it.each<[unknown, string]>([
    ["int", "int"],
    ["long", "bigint"],
    ["float", "float"],
    ["double", "double"],
    ["boolean", "boolean"],
    ["string", "string"],
    ["bytes", "binary"],
    [{ type: "enum", name: "E", symbols: ["A", "B"] }, "string"],
    [{ type: "fixed", name: "F", size: 16 }, "binary"],
    [{ type: "int", logicalType: "date" }, "date"],
    [{ type: "long", logicalType: "timestamp-millis" }, "timestamp"],
    [{ type: "long", logicalType: "timestamp-micros" }, "timestamp"],
    [{ type: "bytes", logicalType: "decimal", precision: 10, scale: 2 }, "decimal(10,2)"],
    [{ type: "fixed", name: "D", size: 8, logicalType: "decimal", precision: 18 }, "decimal(18,0)"],
    [{ type: "string", logicalType: "uuid" }, "string"],
    [["null", "string"], "string"],
    [["null", "int", "string"], "uniontype<int,string>"],
    [{ type: "record", name: "R", fields: [{ name: "a", type: "int" }, { name: "b", type: { type: "array", items: "string" } }] }, "struct<a:int,b:array<string>>"],
    [{ type: "array", items: "long" }, "array<bigint>"],
    [{ type: "map", values: "double" }, "map<string,double>"],
  ])("%j → %s", (type, hive) => {
    expect(hiveType(avro(type).type)).toBe(hive);
  });

  it("makes a nullable union optional, anything else required", () => {
    expect(avro(["null", "string"]).required).toBe(false);
    expect(avro("string").required).toBe(true);
  });

  it("resolves a named type defined by an earlier field", () => {
    const fields = schemaFields({
      path: "t.avsc",
      format: "AVRO",
      definition: JSON.stringify({
        type: "record",
        name: "T",
        namespace: "x",
        fields: [
          { name: "home", type: { type: "record", name: "Address", fields: [{ name: "city", type: "string" }] } },
          { name: "work", type: ["null", "Address"] },
        ],
      }),
    });
    expect(fields.map((f) => hiveType(f.type))).toEqual(["struct<city:string>", "struct<city:string>"]);
  });

  it("refuses a recursive record and a non-record schema", () => {
    const recursive = { type: "record", name: "Node", fields: [{ name: "next", type: ["null", "Node"] }] };
    expect(() => schemaFields({ path: "t.avsc", format: "AVRO", definition: JSON.stringify(recursive) })).toThrow(UnmappableSchemaError);
    expect(() => schemaFields({ path: "t.avsc", format: "AVRO", definition: JSON.stringify({ type: "enum", name: "E", symbols: ["A"] }) })).toThrow(/top-level type must be a record/);
  });
});

describe("JSON Schema to Hive", () => {
  it.each<[unknown, string]>([
    [{ type: "string" }, "string"],
    [{ type: "string", format: "date" }, "date"],
    [{ type: "string", format: "date-time" }, "timestamp"],
    [{ type: "integer" }, "bigint"],
    [{ type: "number" }, "double"],
    [{ type: "boolean" }, "boolean"],
    [{ type: "string", enum: ["a", "b"] }, "string"],
    [{ type: "object", properties: { a: { type: "integer" } } }, "struct<a:bigint>"],
    [{ type: "object", additionalProperties: { type: "number" } }, "map<string,double>"],
    [{ type: "array", items: { type: "string", format: "date" } }, "array<date>"],
    [{ type: ["string", "null"] }, "string"],
  ])("%j → %s", (property, hive) => {
    expect(hiveType(json(property).type)).toBe(hive);
  });

  it("is required only when listed in required and not nullable", () => {
    expect(json({ type: "string" }).required).toBe(true);
    expect(json({ type: "string" }, false).required).toBe(false);
    expect(json({ type: ["string", "null"] }).required).toBe(false);
  });

  it("resolves local references", () => {
    const fields = schemaFields({
      path: "t.json",
      format: "JSON",
      definition: JSON.stringify({ type: "object", definitions: { money: { type: "number" } }, properties: { price: { $ref: "#/definitions/money" } } }),
    });
    expect(hiveType(fields[0].type)).toBe("double");
  });
});

describe("table columns", () => {
  const fields = schemaFields({
    path: "t.avsc",
    format: "AVRO",
    definition: JSON.stringify({ type: "record", name: "T", fields: [{ name: "day", type: { type: "int", logicalType: "date" } }, { name: "email", type: "string", pii: "email" }] }),
  });

  it("moves a partition key the schema declares out of the data columns, typed by its field", () => {
    expect(tableColumns(fields, ["day"])).toEqual({ columns: [{ name: "email", type: "string", parameters: { pii: "email" } }], partitionKeys: [{ name: "day", type: "date" }] });
  });

  it("types a partition key the schema lacks as a string, what a Hive-style path holds", () => {
    expect(tableColumns(fields, ["region"]).partitionKeys).toEqual([{ name: "region", type: "string" }]);
  });
});
