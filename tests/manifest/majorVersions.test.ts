/**
 * Major versions in the manifest: `contract.previousMajors` and `consumers[].major` load, keep v1
 * manifests valid, are refused at the offending line when inconsistent, and a previous major past
 * its sunset draws a warning, never an error.
 */
import * as fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { parse as parseYaml } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { formatIssue, loadManifestFile, parseManifest, type LoadedManifest, type LoadResult } from "../../components/manifest";
import { consumerMajor, deployedMajors } from "../../components/manifest/majors";
import { today, TODAY_ENV } from "../../conventions";
import { DOMAINS, fixture } from "./fixtures";

const MIGRATING = fixture("valid", "shipping-migrating.yaml");
const TEXT = fs.readFileSync(MIGRATING, "utf8");
/** Where edited copies pretend to live: beside the fixture, so relative schema paths resolve the same. */
const EDITED = fixture("valid", "edited.yaml");

/** The migrating fixture with `edits` applied (each `[from, to]` must match once), parsed on `day`. */
function edited(edits: [string, string][], day = "2026-11-30"): LoadResult {
  let text = TEXT;
  for (const [from, to] of edits) {
    expect(text.split(from)).toHaveLength(2);
    text = text.replace(from, to);
  }
  return parseManifest(text, EDITED, { today: day });
}

function issues(result: LoadResult): string[] {
  if (result.ok) throw new Error("the manifest loaded, but it should have been refused");
  return result.issues.map((i) => formatIssue(i).slice(EDITED.length + 1));
}

function loaded(result: LoadResult): LoadedManifest {
  if (!result.ok) throw new Error(`refused:\n${result.issues.map(formatIssue).join("\n")}`);
  return result.manifest;
}

describe("a stream migrating from v1 to v2", () => {
  const manifest = loaded(edited([]));
  const events = manifest.spec.spec.products[0];

  it("deploys the current major and the listed previous one; consumers read their pinned major, else the current", () => {
    expect(deployedMajors(events)).toEqual([2, 1]);
    expect(events.consumers.map((c) => [c.domain, consumerMajor(events, c)])).toEqual([
      ["orders", 1],
      ["payments", 2],
    ]);
  });

  it("reads each major's schema through the same loader, the previous majors' keyed by product then major", () => {
    expect(manifest.schemas["shipment-events"].definition).toBe(fs.readFileSync(fixture("schemas", "shipment-events-major-2.avsc"), "utf8"));
    expect(manifest.previousMajorSchemas).toEqual({
      "shipment-events": { 1: { path: "../schemas/shipment-events.avsc", format: "AVRO", definition: fs.readFileSync(fixture("schemas", "shipment-events.avsc"), "utf8") } },
    });
  });

  it("is accepted by the committed JSON Schema, which editors check with", () => {
    const schema = JSON.parse(fs.readFileSync(`${DOMAINS}/domain-manifest.schema.json`, "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(parseYaml(TEXT)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("leaves v1 manifests as they were: no previous majors, no schemas for them, no warnings", () => {
    for (const file of [fixture("valid", "shipping.yaml"), `${DOMAINS}/orders.yaml`]) {
      const v1 = loaded(loadManifestFile(file));
      expect(v1.spec.spec.products.every((p) => p.contract.previousMajors === undefined && p.consumers.every((c) => c.major === undefined))).toBe(true);
      expect(v1.previousMajorSchemas).toEqual({});
      expect(v1.warnings).toEqual([]);
    }
  });
});

describe("inconsistent majors are refused at the line to edit", () => {
  it("a previous major that is not below the current one", () => {
    expect(issues(edited([["          - major: 1\n", "          - major: 2\n"], ["          major: 1\n", "          major: 2\n"]]))).toEqual([
      "25:20 spec.products[0].contract.previousMajors[0].major: previous major 2 must be below the current major 2 (contract.version 2.0.0)",
    ]);
  });

  it("a previous major listed twice", () => {
    const twice = "            schema: ../schemas/shipment-events.avsc\n          - major: 1\n            sunset: 2027-09-30\n            schema: ../schemas/shipment-events.avsc\n";
    expect(issues(edited([["            schema: ../schemas/shipment-events.avsc\n", twice]]))).toEqual([
      "28:20 spec.products[0].contract.previousMajors[1].major: previous major 1 is listed twice",
    ]);
  });

  it("a sunset that is not a real date", () => {
    expect(issues(edited([["sunset: 2027-06-30", "sunset: 2027-02-30"]]))).toEqual([
      "26:21 spec.products[0].contract.previousMajors[0].sunset: sunset must be a real date written YYYY-MM-DD, such as 2027-06-30",
    ]);
    expect(issues(edited([["sunset: 2027-06-30", "sunset: next summer"]]))[0]).toContain("sunset must be a real date");
  });

  it("previous majors on a table", () => {
    const table = "contract: { version: 2.1.0, compatibility: full, qualityThreshold: 98, availability: 99.5, freshnessMinutes: 1440, previousMajors: [{ major: 1, sunset: 2027-06-30 }] }";
    expect(issues(edited([["contract: { version: 2.1.0, compatibility: full, qualityThreshold: 98, availability: 99.5, freshnessMinutes: 1440 }", table]]))).toEqual([
      "42:138 spec.products[1].contract.previousMajors: previousMajors is only for kind: stream: a table keeps one bucket and catalog table whatever its major, so a major bump leaves nothing behind to keep deployed",
    ]);
  });

  it("a consumer pinned to a major that is neither current nor listed", () => {
    expect(issues(edited([["          major: 1\n", "          major: 3\n"]]))).toEqual([
      "34:18 spec.products[0].consumers[0].major: consumer orders reads major 3, which is not deployed: the current major is 2, listed previous majors: 1 in contract.previousMajors",
    ]);
  });

  it("a consumer pinned to a previous major that is no longer listed", () => {
    const unlisted = edited([
      ["        previousMajors:\n          - major: 1\n            sunset: 2027-06-30\n            schema: ../schemas/shipment-events.avsc\n", ""],
    ]);
    expect(issues(unlisted)).toEqual([
      "30:18 spec.products[0].consumers[0].major: consumer orders reads major 1, which is not deployed: the current major is 2, no previous major is listed in contract.previousMajors",
    ]);
  });

  it("a previous major without its schema when the product registers one, and one with a schema when the product has none", () => {
    expect(issues(edited([["            schema: ../schemas/shipment-events.avsc\n", ""]]))).toEqual([
      "25:13 spec.products[0].contract.previousMajors[0]: previous major 1 needs its schema file: the product registers a schema, and the registry keeps serving v1's to its consumers",
    ]);
    expect(issues(edited([["      schema: ../schemas/shipment-events-major-2.avsc\n", ""]]))).toEqual([
      "27:21 spec.products[0].contract.previousMajors[0].schema: previous major 1 names a schema, but the product has none: a schema is registered for every major or for none",
    ]);
  });

  it("a previous major's schema file that the loader cannot use, like the product's own", () => {
    expect(issues(edited([["schema: ../schemas/shipment-events.avsc", "schema: ../schemas/shipment-events-v0.avsc"]]))).toEqual([
      "27:21 spec.products[0].contract.previousMajors[0].schema: schema file ../schemas/shipment-events-v0.avsc does not exist or cannot be read",
    ]);
    // The same reason, word for word, as the product's own schema line gets for the same file.
    const reason = (issue: string) => issue.slice(issue.indexOf(": ") + 2);
    const own = issues(edited([["      schema: ../schemas/shipment-events-major-2.avsc\n", "      schema: ../schemas/not-a-schema.json\n"]]));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatch(/^28:15 spec\.products\[0\]\.schema: schema file \.\.\/schemas\/not-a-schema\.json is /);
    expect(issues(edited([["schema: ../schemas/shipment-events.avsc", "schema: ../schemas/not-a-schema.json"]]))).toEqual([
      `27:21 spec.products[0].contract.previousMajors[0].schema: ${reason(own[0])}`,
    ]);
  });
});

describe("a previous major past its sunset", () => {
  afterEach(() => {
    delete process.env[TODAY_ENV];
  });

  it("draws a warning at its sunset line, advising its removal, and the manifest stays valid", () => {
    const manifest = loaded(edited([], "2027-07-01"));
    expect(manifest.warnings.map(formatIssue)).toEqual([
      `${EDITED}:26:21 spec.products[0].contract.previousMajors[0].sunset: previous major 1 of shipment-events passed its sunset (2027-06-30); once its consumers have moved to v2, remove this entry to delete its topics, ACLs and schema`,
    ]);
  });

  it("draws nothing up to and on the sunset day", () => {
    expect(loaded(edited([], "2027-06-30")).warnings).toEqual([]);
  });

  it("is judged against MESHKIT_TODAY when set, so a run can be repeated on another day", () => {
    process.env[TODAY_ENV] = "2028-01-01";
    expect(today()).toBe("2028-01-01");
    expect(loaded(loadManifestFile(MIGRATING)).warnings).toHaveLength(1);
    process.env[TODAY_ENV] = "2027-01-01";
    expect(loaded(loadManifestFile(MIGRATING)).warnings).toEqual([]);
    process.env[TODAY_ENV] = "2027-13-01";
    expect(() => today()).toThrow('MESHKIT_TODAY must be a date written YYYY-MM-DD, not "2027-13-01"');
  });
});
