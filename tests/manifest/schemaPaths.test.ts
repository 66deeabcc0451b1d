/**
 * A product's schema file is read into the plan, so it must come from the manifest's own project:
 * never through a symlink that leads out of it, nor from above a manifest that has no project.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadManifestFile } from "../../components/manifest";
import { fixture } from "./fixtures";

const SCHEMA_LINE = "      schema: ../schemas/shipment-events.avsc\n";
const shipping = fs.readFileSync(fixture("valid", "shipping.yaml"), "utf8");
const avro = fs.readFileSync(fixture("schemas", "shipment-events.avsc"), "utf8");

/** A directory holding `domains/shipping.yaml` whose product schema is `schemaPath`, and the files given. */
function project(schemaPath: string, files: Record<string, string>, pulumiYaml = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-schema-paths-"));
  if (pulumiYaml) fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: schema-paths\nruntime: nodejs\n");
  fs.mkdirSync(path.join(dir, "domains", "schemas"), { recursive: true });
  fs.writeFileSync(path.join(dir, "domains", "shipping.yaml"), shipping.replace(SCHEMA_LINE, `      schema: ${schemaPath}\n`));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

function issuesOf(file: string): string[] {
  const result = loadManifestFile(file);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("product schema paths", () => {
  it("refuse a symlink inside the project that leads out of it", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-outside-"));
    fs.writeFileSync(path.join(outside, "secret.avsc"), avro);
    const dir = project("schemas/linked.avsc", {});
    fs.symlinkSync(path.join(outside, "secret.avsc"), path.join(dir, "domains", "schemas", "linked.avsc"));
    const manifest = path.join(dir, "domains", "shipping.yaml");
    expect(issuesOf(manifest)).toEqual([
      `${manifest}:24:15 spec.products[0].schema: schema file schemas/linked.avsc is outside the Pulumi project (the directory of Pulumi.yaml); schema files must stay inside it`,
    ]);
  });

  it("accept a schema elsewhere in the project, above the manifest's directory", () => {
    const dir = project("../shared.avsc", { "shared.avsc": avro });
    const result = loadManifestFile(path.join(dir, "domains", "shipping.yaml"));
    expect(result.ok && result.manifest.schemas["shipment-events"].definition).toBe(avro);
  });

  it("without a Pulumi.yaml above, confine the schema to the manifest's own directory", () => {
    const dir = project("../shared.avsc", { "shared.avsc": avro }, false);
    const manifest = path.join(dir, "domains", "shipping.yaml");
    expect(issuesOf(manifest)).toEqual([
      `${manifest}:24:15 spec.products[0].schema: schema file ../shared.avsc is outside the manifest's directory (no Pulumi.yaml above it); schema files must stay inside it`,
    ]);
  });
});
