import { describe, expect, it } from "vitest";
import type { Classification } from "../../conventions";
import { Deferral } from "../../policies/lib/deferral";
import {
  catalogClassifications,
  configuredClassification,
  forEachClassifiedTopic,
  schemaClassifications,
  type ClassificationConfig,
} from "../../policies/lib/topicClassification";
import { policyResources, resource, unknown, type TestResource } from "./harness";

const topic = (name: string): TestResource => resource("kafka:index/topic:Topic", name, { name });
const schema = (name: string, classification: unknown): TestResource =>
  resource("aws:glue/schema:Schema", `schema-${name}`, { schemaName: name, tags: { "data-classification": classification } });
/** A Kafka-sourced Glue catalog table, as DomainCatalog registers per stream product. */
const catalogTable = (topicName: unknown, classification: unknown): TestResource =>
  resource("aws:glue/catalogTable:CatalogTable", `table-${String(topicName)}`, {
    name: "t",
    parameters: { typeOfData: "kafka", topicName, "data-classification": classification },
  });
const DEFAULTS: ClassificationConfig = { topicClassifications: {}, defaultClassification: "restricted" };

function classify(resources: TestResource[], config: ClassificationConfig = DEFAULTS): [string, Classification][] {
  const judged: [string, Classification][] = [];
  forEachClassifiedTopic(policyResources(resources), config, (t, c) => judged.push([t.name, c]));
  return judged;
}

describe("configuredClassification", () => {
  it("takes the longest matching prefix, and nothing when none matches", () => {
    const configured: Record<string, Classification> = { "orders.": "internal", "orders.order-events": "confidential" };
    expect(configuredClassification("orders.order-events.v1", configured)).toBe("confidential");
    expect(configuredClassification("orders.order-facts.v1", configured)).toBe("internal");
    expect(configuredClassification("payments.x.v1", configured)).toBeUndefined();
  });
});

describe("schemaClassifications", () => {
  it("reads valid classifications of schemas, ignoring invalid ones and deferring unknown ones", () => {
    const deferral = new Deferral();
    const found = schemaClassifications(
      policyResources([schema("a.b.v1", "public"), schema("c.d.v1", "secret"), schema("e.f.v1", unknown.string), topic("a.b.v1")]),
      deferral,
    );
    expect([...found]).toEqual([["a.b.v1", "public"]]);
    expect(deferral.pending).toBe(true);
  });
});

describe("catalogClassifications", () => {
  it("reads the classification of the topic a catalog table names, ignoring tables of no topic and deferring unknown ones", () => {
    const deferral = new Deferral();
    const bucketTable = resource("aws:glue/catalogTable:CatalogTable", "facts", { name: "facts", parameters: { "data-classification": "internal" } });
    const found = catalogClassifications(
      policyResources([catalogTable("a.b.v1", "internal"), catalogTable("c.d.v1", "secret"), catalogTable(unknown.string, "public"), bucketTable]),
      deferral,
    );
    expect([...found]).toEqual([["a.b.v1", "internal"]]);
    expect(deferral.pending).toBe(true);
  });
});

describe("forEachClassifiedTopic", () => {
  it("classifies a topic without a schema by its catalog table, dead letters included", () => {
    expect(classify([topic("a.b.v1"), topic("a.b.v1.dlq"), catalogTable("a.b.v1", "public")])).toEqual([
      ["a.b.v1", "public"],
      ["a.b.v1.dlq", "public"],
    ]);
  });

  it("classifies the previous majors' topics a catalog table lists like its current topic, not by the restricted default", () => {
    const migrating = resource("aws:glue/catalogTable:CatalogTable", "table-a.b", {
      name: "b",
      parameters: { typeOfData: "kafka", topicName: "a.b.v3", "previous-major-topics": "a.b.v1,a.b.v2", "data-classification": "public" },
    });
    expect(classify([topic("a.b.v3"), topic("a.b.v2"), topic("a.b.v1"), topic("a.b.v1.dlq"), topic("a.b.v0"), migrating])).toEqual([
      ["a.b.v3", "public"],
      ["a.b.v2", "public"],
      ["a.b.v1", "public"],
      ["a.b.v1.dlq", "public"],
      ["a.b.v0", "restricted"],
    ]);
  });


  it("prefers config over schemas over the default; dead letters take their main topic's", () => {
    const config: ClassificationConfig = { topicClassifications: { "a.": "internal" }, defaultClassification: "restricted" };
    const resources = [topic("a.b.v1"), schema("a.b.v1", "public"), topic("c.d.v1"), topic("c.d.v1.dlq"), schema("c.d.v1", "confidential"), topic("e.f.v1")];
    expect(classify(resources, config)).toEqual([
      ["a.b.v1", "internal"],
      ["c.d.v1", "confidential"],
      ["c.d.v1.dlq", "confidential"],
      ["e.f.v1", "restricted"],
    ]);
  });

  it("judges no defaulted topic while a schema is unknown, then rethrows the unknown", () => {
    const judged: string[] = [];
    const resources = policyResources([topic("a.b.v1"), topic("c.d.v1"), schema("x", unknown.string)]);
    const config: ClassificationConfig = { topicClassifications: { "a.": "public" }, defaultClassification: "restricted" };
    expect(() => forEachClassifiedTopic(resources, config, (t) => judged.push(t.name))).toThrow();
    expect(judged).toEqual(["a.b.v1"]);
  });
});
