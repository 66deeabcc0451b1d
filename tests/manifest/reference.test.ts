/**
 * What follows from the zod schema stays in step with it: the committed JSON Schema editors read,
 * and the manifest reference; and every field carries a description, so editors show help on hover.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { manifestJsonSchema } from "../../components/manifest";
import { manifestFields, manifestReference } from "../../components/manifest/reference";
import { DOMAINS } from "./fixtures";

const REFERENCE = path.join(__dirname, "..", "..", "docs", "manifest-reference.md");

describe("generated from the manifest schema (npm run manifest-docs)", () => {
  it("domains/domain-manifest.schema.json is what is generated", () => {
    const committed = fs.readFileSync(path.join(DOMAINS, "domain-manifest.schema.json"), "utf8");
    expect(committed).toBe(JSON.stringify(manifestJsonSchema(), null, 2) + "\n");
  });

  it("docs/manifest-reference.md is what is generated", () => {
    expect(fs.readFileSync(REFERENCE, "utf8")).toBe(manifestReference());
  });

  it("every property of the JSON Schema has a description", () => {
    const fields = manifestFields();
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => !f.node.description?.trim()).map((f) => f.path)).toEqual([]);
  });

  it("the reference has one row per field", () => {
    const rows = manifestReference().split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.map((row) => row.split("`")[1])).toEqual(manifestFields().map((f) => f.path));
  });
});
