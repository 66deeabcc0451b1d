/**
 * A schema field whose name looks personal but carries no PII annotation draws a warning, pinned to
 * the field in the schema file, and the manifest still loads: the warning never fails the check.
 */
import { expect, it } from "vitest";
import { formatWarning, loadManifestFile } from "../../components/manifest";
import { fixture } from "./fixtures";

it("warns at each unannotated field that looks personal, nested ones included, and still loads the manifest", () => {
  const result = loadManifestFile(fixture("warnings", "shipping.yaml"));
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  const avro = fixture("warnings", "../schemas/shipment-events-unannotated.avsc");
  const json = fixture("warnings", "../schemas/shipment-facts-unannotated.schema.json");
  expect(result.manifest.warnings.map(formatWarning)).toEqual([
    `${avro}:8:15 fields[2].name: warning: field recipientEmail looks like personal data (email) but carries no "pii" annotation: annotate it "pii": "email" (and list the category in the product's pii), or "pii": "none" if it is not personal data`,
    `${json}:11:16 properties.sender.properties.dob: warning: field sender.dob looks like personal data (birth-date) but carries no "x-pii" annotation: annotate it "x-pii": "birth-date" (and list the category in the product's pii), or "x-pii": "none" if it is not personal data`,
    `${json}:12:22 properties.sender.properties.ipAddress: warning: field sender.ipAddress looks like personal data (ip-address) but carries no "x-pii" annotation: annotate it "x-pii": "ip-address" (and list the category in the product's pii), or "x-pii": "none" if it is not personal data`,
  ]);
});

it("stays silent on a field annotated \"none\" and on the example manifests, whose PII fields are all annotated", () => {
  const result = loadManifestFile(fixture("warnings", "shipping.yaml"));
  expect(result.ok && result.manifest.warnings.some((w) => w.message.includes("contact_name"))).toBe(false);
  for (const domain of ["orders", "payments", "customer-profile"]) {
    const example = loadManifestFile(`${__dirname}/../../domains/${domain}.yaml`);
    expect(example.ok && example.manifest.warnings).toEqual([]);
  }
});
