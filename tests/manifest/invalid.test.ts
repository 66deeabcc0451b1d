/**
 * One test per kind of mistake: each invalid fixture is the valid `shipping` manifest with one
 * change, and must be refused with exactly the `file:line:col path: message` lines a person needs.
 */
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, issuesOf } from "./fixtures";

/** Expected issues, each `line:col path: message`; the fixture's file name is prefixed when checked. */
const CASES: Record<string, string[]> = {
  "api-version": ['1:13 apiVersion: must be meshkit/v1, not "meshkit/v2"'],
  kind: ['2:7 kind: must be DataDomain, not "Domain"'],
  "name-not-kebab": ["4:9 metadata.name: domain name must be kebab-case (lower-case letters, digits and single hyphens)"],
  "name-too-short": ["4:9 metadata.name: domain name must be 3–32 characters"],
  "name-too-long": [
    "4:9 metadata.name: domain name must be 3–32 characters",
    "30:13 spec.products[1].name: domain and table name together (shipping-and-returns-and-customs-x-shipment-facts) exceed 46 characters, too long for an S3 bucket name",
  ],
  "one-steward": ["6:13 metadata.stewards: a domain needs at least 2 stewards"],
  "steward-not-email": ["6:31 metadata.stewards[1]: must be an e-mail address"],
  "steward-twice": ["6:48 metadata.stewards[2]: steward Ana@Example.com is listed twice"],
  "incident-endpoint-not-https": ["11:12 metadata.incidentEndpoints[0].url: an incident endpoint is an https:// URL"],
  "incident-endpoint-twice": ["11:7 metadata.incidentEndpoints[1]: incident endpoint opsgenie is listed twice"],
  "stewards-not-a-list": ['6:13 metadata.stewards: must be a list, not "ana@example.com"'],
  "cost-center": ["7:15 metadata.costCenter: costCenter must look like CC-1042"],
  "cost-center-number": ["7:15 metadata.costCenter: must be a string, not 4100 (costCenter must look like CC-1042)"],
  "unknown-top-level-field": ['3:1 labels: unknown field "labels"'],
  "unknown-product-field": ['15:7 spec.products[0].owner: unknown field "owner"'],
  "unknown-field-near-miss": [
    "12:7 spec.products[0].retentionDays: is required",
    '16:7 spec.products[0].retentionDay: unknown field "retentionDay" (did you mean retentionDays?)',
  ],
  "unknown-stream-field": ['27:9 spec.products[0].stream.retention: unknown field "retention"'],
  "missing-update-frequency": ["12:7 spec.products[0].updateFrequency: is required"],
  "missing-owner": ["3:1 metadata.owner: is required"],
  "bad-classification": ['10:19 spec.classification: must be one of public | internal | confidential | restricted, not "secret"'],
  "pii-on-public-product": ["16:12 spec.products[0].pii: a product carrying PII must be confidential or restricted, not public"],
  "pii-inherited-public": [
    "15:12 spec.products[0].pii: a product carrying PII must be confidential or restricted, not public (inherited from spec.classification)",
  ],
  "stream-on-table": ["36:7 spec.products[1].stream: stream is only for kind: stream"],
  "storage-on-stream": ["27:7 spec.products[0].storage: storage is only for kind: table"],
  "stream-section-missing": ["12:7 spec.products[0].stream: a stream product needs a stream section"],
  "storage-section-missing": ["30:7 spec.products[1].storage: a table product needs a storage section"],
  "tiers-out-of-order": ["39:27 spec.products[1].storage.archiveAfterDays: archiveAfterDays (365) must come after coldAfterDays (400)"],
  "tier-at-retention": ["39:27 spec.products[1].storage.archiveAfterDays: archiveAfterDays (730) must be below retentionDays (730)"],
  "warm-too-early": ["37:24 spec.products[1].storage.warmAfterDays: warmAfterDays must be at least 30 (STANDARD_IA minimum)"],
  "cold-too-soon-after-warm": [
    "38:24 spec.products[1].storage.coldAfterDays: coldAfterDays (45) must be at least 30 days after warmAfterDays (30): S3 keeps objects in STANDARD_IA for 30 days before the next transition",
  ],
  "quality-threshold-low": ["21:27 spec.products[0].contract.qualityThreshold: must be between 80 and 100"],
  "availability-over-100": ["22:23 spec.products[0].contract.availability: must be between 90 and 100"],
  "version-not-semver": ["19:18 spec.products[0].contract.version: must be a semantic version such as 1.4.0"],
  "version-unquoted-number": ["19:18 spec.products[0].contract.version: must be a string, not 1.5 (must be a semantic version such as 1.4.0)"],
  "description-unquoted-number": ['13:20 spec.products[0].description: must be a string, not 2024 (quote it: "2024")'],
  "consumer-is-self": [
    "28:19 spec.products[0].consumers[0].domain: a domain does not consume its own product; its own roles already read it",
  ],
  "consumer-without-purpose": ["28:11 spec.products[0].consumers[0].purpose: is required"],
  "consumer-blank-purpose": ["29:20 spec.products[0].consumers[0].purpose: every consumer states a purpose"],
  "consumer-twice": ["30:19 spec.products[0].consumers[1].domain: consumer orders is listed twice"],
  "product-twice": ["30:13 spec.products[1].name: product shipment-events is declared twice in this domain"],
  "partitions-zero": ["26:21 spec.products[0].stream.partitions: partitions must be 1–128"],
  "partitions-500": ["26:21 spec.products[0].stream.partitions: partitions must be 1–128"],
  "stream-retention-below-floor": [
    "16:22 spec.products[0].retentionDays: a stream keeps data at least 7 days (the production floor), not 1: consumers need that window to replay after an outage",
  ],
  "stream-schema-compatibility-none": [
    "20:24 spec.products[0].contract.compatibility: a stream with a registered schema checks compatibility in production, so it is never none (a manifest deploys to every environment)",
  ],
  "stream-retention-over-cap": ["16:22 spec.products[0].retentionDays: a confidential stream keeps data at most 90 days, not 120"],
  "internal-stream-retention-over-cap": ["16:22 spec.products[0].retentionDays: an internal stream keeps data at most 365 days, not 400"],
  "schema-file-missing": ["24:15 spec.products[0].schema: schema file ../schemas/shipment-events-v2.avsc does not exist or cannot be read"],
  "schema-file-not-a-schema": [
    '24:15 spec.products[0].schema: schema file ../schemas/not-a-schema.json is not a usable JSON Schema (draft-07): strict mode: unknown keyword: "shipment_id"',
  ],
  "schema-file-unknown-avro-type": [
    "24:15 spec.products[0].schema: schema file ../schemas/unknown-avro-type.avsc is not a usable Avro schema: field status: undefined type name: com.example.shipping.strin",
  ],
  "schema-file-avro-default-mismatch": [
    '24:15 spec.products[0].schema: schema file ../schemas/avro-default-mismatch.avsc is not a usable Avro schema: field parcels: incompatible field default "one" (invalid "int": "one")',
  ],
  "schema-file-json-schema-not-compiling": [
    "24:15 spec.products[0].schema: schema file ../schemas/json-schema-not-compiling.json is not a usable JSON Schema (2020-12): schema is invalid: data/properties/parcels/minimum must be number",
  ],
  "pii-not-annotated": ["15:29 spec.products[0].pii[1]: pii lists phone, but no field of ../schemas/shipment-events.avsc is annotated phone"],
  "pii-annotation-not-listed": [
    "15:12 spec.products[0].pii: field recipient.contact of ../schemas/shipment-events-with-email.avsc is annotated email, so pii must list email",
  ],
  "schema-field-only-null": [
    "42:15 spec.products[1].schema: schema file ../schemas/shipment-facts-null-field.avsc: field legacy only ever holds null, which no column type stores",
  ],
  "schema-columns-differ-in-case": [
    "42:15 spec.products[1].schema: schema file ../schemas/shipment-facts-case.schema.json: fields Carrier and carrier are the same Glue column, which ignores case",
  ],
  "partition-key-not-scalar": [
    "41:25 spec.products[1].storage.partitionKeys[0]: partition key ship_date is a record in ../schemas/shipment-facts-struct-key.schema.json; a partition column holds a plain value",
  ],
  "schema-pii-keyword-not-kebab": [
    `42:15 spec.products[1].schema: schema file ../schemas/shipment-facts-bad-pii.schema.json: property carrier's "x-pii" annotation must be a kebab-case category such as postal-address, not "Postal Address"`,
  ],
  "schema-avro-pii-not-kebab": [
    `42:15 spec.products[1].schema: schema file ../schemas/shipment-facts-bad-pii.avsc: field carrier's "pii" annotation must be a kebab-case category such as postal-address, not "Postal Address"`,
  ],
  "schema-path-absolute": ["24:15 spec.products[0].schema: schema file /etc/hostname must be a path relative to the manifest, not an absolute one"],
  "schema-path-outside-project": [
    "24:15 spec.products[0].schema: schema file ../../../../../../../../../../etc/hostname is outside the Pulumi project (the directory of Pulumi.yaml); schema files must stay inside it",
  ],
  "yaml-syntax-error": ["6:3 YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  "key-over-indented": ["5:5 YAML: this line is indented more than the key above it; line it up with its sibling keys"],
  "yaml-duplicate-key": ["34:7 YAML: key retentionDays appears twice in the same map"],
  "two-documents": ["42:1 YAML: a manifest is one document; this `---` starts a second (one domain per file)"],
  "unresolved-alias": ["28:19 YAML: Unresolved alias (the anchor must be set before the alias): consumer"],
  "reserved-product-name": ["30:13 spec.products[1].name: audit and access-logs are reserved for the domain's own buckets"],
  "table-name-too-long": [
    "30:13 spec.products[1].name: domain and table name together (shipping-shipment-facts-by-carrier-region-and-day) exceed 46 characters, too long for an S3 bucket name",
  ],
  "pii-on-internal-product": ["16:12 spec.products[0].pii: a product carrying PII must be confidential or restricted, not internal"],
  "bad-compliance": ['11:22 spec.compliance[1]: must be one of gdpr | ccpa | soc2 | hipaa | pci-dss, not "iso27001"'],
  "no-products": ["11:13 spec.products: a domain publishes at least one product"],
  "classification-empty": ["10:3 spec.classification: must be one of public | internal | confidential | restricted, not empty"],
  "missing-storage-format": ["36:7 spec.products[1].storage.format: is required"],
  "partition-key-not-snake-case": ["41:25 spec.products[1].storage.partitionKeys[0]: partition keys are snake_case column names"],
  "freshness-zero": ["23:27 spec.products[0].contract.freshnessMinutes: freshnessMinutes must be positive"],
  "budget-without-alerts": [
    "10:17 metadata.budget.monthlyUsd: monthlyUsd must be positive",
    "11:18 metadata.budget.alertEmails: a budget alerts at least one address",
  ],
  "workloads-bad-memory": ['44:13 spec.workloads.memory: memory is a Kubernetes quantity such as "32Gi"'],
  "partition-key-twice": ["41:45 spec.products[1].storage.partitionKeys[2]: partition key ship_date is listed twice"],
  "compliance-twice": ["11:28 spec.compliance[2]: compliance regime gdpr is listed twice"],
  "source-blank": ["9:18 metadata.sources[1]: a source names an upstream system"],
  empty: ["1:1 the manifest is empty; it must be a map with apiVersion, kind, metadata and spec"],
  "comments-only": ["1:1 the manifest is empty; it must be a map with apiVersion, kind, metadata and spec"],
  prose: ["1:1 the file is not a YAML map of apiVersion, kind, metadata and spec"],
  "prose-one-paragraph": ["1:1 the file is not a YAML map of apiVersion, kind, metadata and spec; it reads as plain text"],
  binary: ["1:1 the file is not text (it holds NUL bytes or is not UTF-8); a manifest is a YAML text file"],
  "list-document": ["1:1 the manifest must be a map with apiVersion, kind, metadata and spec, not a list"],
  "several-mistakes": [
    "4:9 metadata.name: domain name must be kebab-case (lower-case letters, digits and single hyphens)",
    "22:23 spec.products[0].contract.availability: must be between 90 and 100",
    "26:21 spec.products[0].stream.partitions: partitions must be 1–128",
  ],
};

describe("invalid manifests are refused with file:line:col path: message", () => {
  for (const [name, expected] of Object.entries(CASES)) {
    it(name, () => {
      const file = fixture("invalid", `${name}.yaml`);
      expect(issuesOf(file)).toEqual(expected.map((issue) => `${file}:${issue}`));
    });
  }
});

it("every invalid fixture has its expected issues here", () => {
  const fixtures = fs.readdirSync(fixture("invalid")).map((f) => f.replace(/\.yaml$/, ""));
  expect(fixtures.sort()).toEqual(Object.keys(CASES).sort());
});
