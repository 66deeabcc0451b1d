// `meshkit compat OLD NEW`: the verdict and its reasons on stdout; exit 0 compatible, 1 incompatible,
// 2 unusable input with a one-line reason. And `meshkit validate` refusing an unusable schema file at
// the manifest's `schema:` line.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, meshkit, ROOT } from "./meshkit";

let dir: string;

function write(name: string, document: unknown): string {
  fs.writeFileSync(path.join(dir, name), typeof document === "string" ? document : JSON.stringify(document, null, 2));
  return name;
}

const record = (fields: unknown[]) => ({ type: "record", name: "OrderEvent", namespace: "com.example", fields });

beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-compat-"));
  write("v1.avsc", record([{ name: "id", type: "string" }, { name: "total", type: "int" }]));
  write("v2.avsc", record([{ name: "id", type: "string" }, { name: "total", type: "long" }, { name: "note", type: "string", default: "" }]));
  write("v3.avsc", record([{ name: "id", type: "string" }, { name: "total", type: "string" }, { name: "email", type: "string" }]));
  write("profile-v1.schema.json", { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { id: { type: "string" } }, additionalProperties: false });
  write("profile-v2.schema.json", { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { id: { type: "integer" } }, additionalProperties: false });
  write("broken.avsc", record([{ name: "id", type: "strin" }]));
  write("not-json.avsc", "{ type: record");
});

describe("meshkit compat", () => {
  it("defaults to backward and exits 0 when the new schema reads the old data", async () => {
    const r = await meshkit(["compat", "v1.avsc", "v2.avsc"], dir);
    expect(r).toEqual({ code: 0, stdout: "compatible under backward: a consumer on v2.avsc reads data written with v1.avsc\n", stderr: "" });
  });

  it("prints each offending field with its rule and exits 1", async () => {
    const r = await meshkit(["compat", "v1.avsc", "v3.avsc"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "incompatible under backward: a consumer on v3.avsc reads data written with v1.avsc",
        "  - field total: int cannot be read as string (type mismatch)",
        "  - field email: added without a default, so old data cannot be read (backward)",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toBe("meshkit: v3.avsc breaks backward compatibility with v1.avsc (2 reasons)\n");
  });

  it.each([
    ["forward", 1, ["  - field total: long cannot be read as int (type mismatch)"]],
    ["forward-transitive", 1, ["  - field total: long cannot be read as int (type mismatch)"]],
    ["full", 1, ["  - field total: long cannot be read as int (type mismatch)"]],
    ["backward-transitive", 0, []],
    ["none", 0, []],
  ])("--compatibility %s", async (mode, code, reasons) => {
    const r = await meshkit(["compat", "v1.avsc", "v2.avsc", "--compatibility", mode], dir);
    expect(r.code).toBe(code);
    expect(r.stdout.split("\n").slice(1, -1)).toEqual(reasons);
  });

  it("compares JSON Schemas by Confluent's rules", async () => {
    const r = await meshkit(["compat", "profile-v1.schema.json", "profile-v2.schema.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  - property id: string in the old schema, integer in the new one (type changed; backward)\n");
  });

  it("accepts the example domains' schemas against themselves under full", async () => {
    for (const file of fs.readdirSync(path.join(ROOT, "domains/schemas"))) {
      const schema = path.join("domains/schemas", file);
      expect((await meshkit(["compat", schema, schema, "-c", "full-transitive"])).code).toBe(0);
    }
  });

  it.each([
    [["compat", "v1.avsc", "missing.avsc"], "meshkit: cannot read missing.avsc: no such file"],
    [["compat", "broken.avsc", "v1.avsc"], "meshkit: broken.avsc is not a usable Avro schema: field id: undefined type name: com.example.strin"],
    [["compat", "v1.avsc", "not-json.avsc"], "meshkit: not-json.avsc is not valid JSON: "],
    [["compat", "v1.avsc", "profile-v1.schema.json"], "meshkit: v1.avsc is an Avro schema and profile-v1.schema.json a JSON Schema; compat compares two schemas of the same format"],
  ])("%j is unusable input: exit 2 with one line", async (args, message) => {
    const r = await meshkit(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr.startsWith(message)).toBe(true);
  });

  it("refuses an unknown mode as a usage error", async () => {
    const r = await meshkit(["compat", "v1.avsc", "v2.avsc", "--compatibility", "sideways"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(/^error: option '-c, --compatibility <mode>' argument 'sideways' is invalid/);
  });
});

describe("meshkit validate on unusable schema files", () => {
  it.each([
    ["schema-file-unknown-avro-type", "is not a usable Avro schema: field status: undefined type name: com.example.shipping.strin"],
    ["schema-file-avro-default-mismatch", 'is not a usable Avro schema: field parcels: incompatible field default "one" (invalid "int": "one")'],
    ["schema-file-json-schema-not-compiling", "is not a usable JSON Schema (2020-12): schema is invalid: data/properties/parcels/minimum must be number"],
  ])("%s is refused at the schema: line", async (fixture, reason) => {
    const file = `tests/fixtures/manifests/invalid/${fixture}.yaml`;
    const r = await meshkit(["validate", file]);
    expect(r.code).toBe(1);
    const schemaFile = fs.readFileSync(path.join(ROOT, file), "utf8").match(/schema: (\S+)/)![1];
    expect(r.stdout).toContain(`${file}:24:15 spec.products[0].schema: schema file ${schemaFile} ${reason}\n`);
  });
});
