import { beforeEach, describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { captureRegistrations } from "../support/registrations";
import { settle } from "../support/settle";
import { contextFor, exampleManifest, TEST_PLATFORM } from "../support/exampleDomains";
import { expectedRequiredTags } from "../support/requiredTags";
import { DomainCatalog } from "../../components/catalog/domainCatalog";
import { HIVE_STORAGE_FORMATS } from "../../components/catalog/tableFormats";
import type { Environment } from "../../conventions";

const mocks = installMocks();
const registrations = captureRegistrations();

beforeEach(() => {
  mocks.resources.length = 0;
  registrations.length = 0;
});

async function deploy(domain: string, environment: Environment, withSchemas = false) {
  const manifest = exampleManifest(domain);
  new DomainCatalog(`${domain}-${environment}`, { context: contextFor(manifest, environment), ...(withSchemas ? { schemas: manifest.schemas } : {}) });
  await settle();
  return manifest;
}

const allTables = () => mocks.ofType("aws:glue/catalogTable:CatalogTable");
/** Entries of table products, which point at a bucket. */
const tables = () => allTables().filter((t) => t.inputs.storageDescriptor?.location !== undefined);
/** Entries of stream products, which name a Kafka topic. */
const streamTables = () => allTables().filter((t) => t.inputs.parameters.typeOfData === "kafka");

describe("DomainCatalog", () => {
  it("creates one tagged database per domain with a deterministic name", async () => {
    const manifest = await deploy("orders", "production");
    const databases = mocks.ofType("aws:glue/catalogDatabase:CatalogDatabase");
    expect(databases.map((d) => d.inputs.name)).toEqual(["meshkit_production_orders"]);
    expect(databases[0].inputs.tags).toMatchObject(expectedRequiredTags(manifest.spec, "production"));
  });

  it("creates a table per table product, located in the product's bucket, with format and partition keys", async () => {
    await deploy("orders", "production");
    expect(tables()).toHaveLength(1);
    const table = tables()[0].inputs;
    expect(table).toMatchObject({ name: "order_facts", databaseName: "meshkit_production_orders", tableType: "EXTERNAL_TABLE", owner: "orders-team" });
    expect(table.partitionKeys).toEqual([
      { name: "order_date", type: "string" },
      { name: "region", type: "string" },
    ]);
    expect(table.storageDescriptor).toMatchObject({
      location: `s3://orders-order-facts-prd-${TEST_PLATFORM.accountId}/`,
      inputFormat: HIVE_STORAGE_FORMATS.parquet.inputFormat,
      outputFormat: HIVE_STORAGE_FORMATS.parquet.outputFormat,
      serDeInfo: { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" },
    });
  });

  it("carries the required tags, Glue's format classification and the contract in the table parameters (Glue tables take no tags)", async () => {
    const manifest = await deploy("customer-profile", "staging");
    expect(tables().map((t) => t.inputs.name)).toEqual(["customer_segments"]);
    const parameters = tables()[0].inputs.parameters;
    expect(parameters).toMatchObject({
      ...expectedRequiredTags(manifest.spec, "staging", "internal"),
      "data-product": "customer-segments",
      classification: "parquet",
      "contract-version": "1.2.0",
      "retention-days": "400",
    });
  });

  it("creates a Kafka-sourced entry per stream product, naming its topic and carrying its classification", async () => {
    const manifest = await deploy("orders", "production");
    expect(allTables()).toHaveLength(tables().length + streamTables().length);
    expect(streamTables().map((t) => t.inputs.name)).toEqual(["order_events"]);
    const table = streamTables()[0].inputs;
    expect(table).toMatchObject({ databaseName: "meshkit_production_orders", tableType: "EXTERNAL_TABLE", owner: "orders-team" });
    expect(table.parameters).toMatchObject({
      ...expectedRequiredTags(manifest.spec, "production"),
      "data-product": "order-events",
      typeOfData: "kafka",
      topicName: "orders.order-events.v1",
    });
    expect(table.storageDescriptor.parameters).toEqual({ typeOfData: "kafka", topicName: "orders.order-events.v1" });
  });

  it("gives every format distinct, complete Hive storage settings", () => {
    for (const [format, settings] of Object.entries(HIVE_STORAGE_FORMATS)) {
      expect(settings.inputFormat, format).toMatch(/^org\.apache\.hadoop\./);
      expect(settings.outputFormat, format).toMatch(/^org\.apache\.hadoop\./);
      expect(settings.serializationLibrary, format).toMatch(/^org\./);
    }
    const serdes = Object.values(HIVE_STORAGE_FORMATS).map((s) => s.serializationLibrary);
    expect(new Set(serdes).size).toBe(serdes.length);
  });

  it.each(["staging", "production"] as const)("in %s: database and tables are protected only in production and parented", async (env) => {
    await deploy("payments", env);
    const component = registrations.find((r) => r.type === "meshkit:catalog:DomainCatalog")!;
    const children = registrations.filter((r) => r !== component);
    // payments: one table product and one stream product, each with its entry.
    expect(children.map((c) => c.type).sort()).toEqual([
      "aws:glue/catalogDatabase:CatalogDatabase",
      "aws:glue/catalogTable:CatalogTable",
      "aws:glue/catalogTable:CatalogTable",
    ]);
    for (const child of children) {
      expect(child.parent).toBe(component.urn);
      expect([child.protect, child.retainOnDelete]).toEqual([env === "production", env === "production"]);
    }
  });

  it("takes a table's columns from its schema: partition keys typed from their fields and never repeated as data columns", async () => {
    await deploy("orders", "production", true);
    const table = tables()[0].inputs;
    expect(table.partitionKeys).toEqual([
      { name: "order_date", type: "date", comment: "Day the order was placed (partition)." },
      { name: "region", type: "string", comment: "Sales region (partition)." },
    ]);
    expect(table.storageDescriptor.columns).toEqual([
      { name: "order_id", type: "string" },
      { name: "status", type: "string" },
      { name: "item_count", type: "int" },
      { name: "amount", type: "decimal(12,2)" },
      { name: "discount_cents", type: "bigint" },
      { name: "lines", type: "array<struct<sku:string,quantity:int>>" },
      { name: "attributes", type: "map<string,string>" },
      { name: "updated_at", type: "timestamp" },
    ]);
  });

  it("types an enum partition key as a string partition column, out of the data columns", async () => {
    await deploy("customer-profile", "production", true);
    expect(tables()[0].inputs.partitionKeys).toEqual([{ name: "segment", type: "string" }]);
    expect(tables()[0].inputs.storageDescriptor.columns.map((c: { name: string }) => c.name)).not.toContain("segment");
  });

  it("records each annotated field's PII category on its column, stream entries included", async () => {
    await deploy("customer-profile", "production", true);
    const columns = streamTables()[0].inputs.storageDescriptor.columns;
    expect(columns.filter((c: { parameters?: unknown }) => c.parameters !== undefined)).toEqual([
      { name: "email", type: "string", parameters: { pii: "email" } },
      { name: "name", type: "string", parameters: { pii: "name" } },
      { name: "postal_address", type: "string", parameters: { pii: "postal-address" } },
    ]);
  });

  it("carries the contract's id, version, standard and quality threshold, so consumers find the exported contract", async () => {
    await deploy("payments", "production");
    expect(tables()[0].inputs.parameters).toMatchObject({
      "contract-id": "urn:meshkit:contract:payments:settlement-ledger",
      "contract-version": "1.0.0",
      "contract-standard": "odcs-v3.1.0",
      "quality-threshold": "99.5",
    });
    expect(streamTables()[0].inputs.parameters).toMatchObject({ "contract-id": "urn:meshkit:contract:payments:payment-events", "contract-version": "3.1.0" });
  });
});
