// `meshkit validate` advises removing a previous major past its sunset: a warning at the sunset's line
// in every report, never a failure (exit 0). Today comes from MESHKIT_TODAY, so the run is repeatable.
import * as path from "path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildAccess } from "../../cli/access/model";
import { TODAY_ENV } from "../../conventions";
import { exampleManifests, MIGRATING_MANIFEST } from "../support/exampleDomains";
import { ensureBuilt, json, meshkit, ROOT } from "./meshkit";

const MIGRATING = path.relative(ROOT, MIGRATING_MANIFEST);
const WARNING = {
  file: MIGRATING,
  line: 26,
  column: 21,
  path: "spec.products[0].contract.previousMajors[0].sunset",
  message:
    "previous major 1 of shipment-events passed its sunset (2027-06-30); once its consumers have moved to v2, remove this entry to delete its topics, ACLs and schema",
};

beforeAll(() => ensureBuilt());
afterEach(() => {
  delete process.env[TODAY_ENV];
});

describe("meshkit validate, a previous major past its sunset", () => {
  it("text: a warning line at the sunset, the manifest still ok, exit 0", async () => {
    process.env[TODAY_ENV] = "2027-07-01";
    const r = await meshkit(["validate", MIGRATING]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${MIGRATING}:26:21 ${WARNING.path}: warning: ${WARNING.message}\nok ${MIGRATING}\n`);
  });

  it("json and sarif: the warning located at its line, at level warning", async () => {
    process.env[TODAY_ENV] = "2027-07-01";
    const doc = json(await meshkit(["validate", MIGRATING, "--format", "json"]));
    expect(doc).toEqual({ manifests: [{ file: MIGRATING, valid: true }], problems: [], warnings: [WARNING], summary: { manifests: 1, invalid: 0, problems: 0, warnings: 1 } });
    const sarif = json(await meshkit(["validate", MIGRATING, "--format", "sarif"]));
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({ level: "warning", locations: [{ physicalLocation: { artifactLocation: { uri: MIGRATING }, region: { startLine: 26, startColumn: 21 } } }] }),
    ]);
  });

  it("says nothing until the sunset has passed", async () => {
    process.env[TODAY_ENV] = "2027-06-30";
    const r = await meshkit(["validate", MIGRATING]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ok ${MIGRATING}\n`);
  });
});

describe("meshkit access: the model it prints, on a platform with the migrating domain", () => {
  it("names the major each Kafka grant and IAM grant reaches", () => {
    const report = buildAccess("test", "production", exampleManifests([MIGRATING_MANIFEST]).map((m) => m.spec));
    const shipping = (principal: string) => report.kafka.filter((k) => k.principal === principal && k.product === "shipment-events").map((k) => [k.resource, k.major]);
    expect(shipping("User:orders-consumer")).toEqual([["shipping.shipment-events.v1", 1]]);
    expect(shipping("User:payments-consumer")).toEqual([["shipping.shipment-events.v2", 2]]);
    const iam = (principal: string) => report.iam.find((g) => g.principal === principal && g.product === "shipment-events")?.majors;
    expect(iam("meshkit-production-orders-consumer")).toEqual([1]);
    expect(iam("meshkit-production-payments-pipeline")).toEqual([2]);
    expect(iam("meshkit-production-shipping-producer")).toEqual([2, 1]);
  });
});
