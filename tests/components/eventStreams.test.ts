import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { captureRegistrations } from "../support/registrations";
import { settle } from "../support/settle";
import { contextFor, exampleManifest, MIGRATING_MANIFEST } from "../support/exampleDomains";
import { expectedRequiredTags } from "../support/requiredTags";
import { EventStreams } from "../../components/streaming/eventStreams";
import { glueCompatibility } from "../../components/streaming/schemaCompatibility";
import { COMPATIBILITY_MODES, loadManifestFile } from "../../components/manifest";
import { ENVIRONMENT_MINIMUMS, topicPrefix, type Environment } from "../../conventions";

const mocks = installMocks();
const registrations = captureRegistrations();
const DAY_MS = 86_400_000;

beforeEach(() => {
  mocks.resources.length = 0;
  registrations.length = 0;
});

async function deploy(domain: string, environment: Environment, options: { schemaRegistry?: boolean } = {}) {
  const manifest = exampleManifest(domain);
  const component = new EventStreams(`${domain}-${environment}`, {
    context: contextFor(manifest, environment),
    schemas: manifest.schemas,
    ...options,
  });
  await settle();
  return { manifest, component };
}

const topics = () => mocks.ofType("kafka:index/topic:Topic");
const topicNamed = (name: string) => {
  const found = topics().find((t) => t.inputs.name === name);
  if (found === undefined) throw new Error(`no topic ${name}`);
  return found;
};

describe("EventStreams topics", () => {
  it.each(["staging", "production"] as const)("orders in %s: main, dead-letter and quarantine topics with the profile's durability", async (env) => {
    await deploy("orders", env);
    const minimums = ENVIRONMENT_MINIMUMS[env];
    expect(topics().map((t) => t.inputs.name).sort()).toEqual(["orders.order-events.v1", "orders.order-events.v1.dlq", "orders.order-events.v1.quarantine"]);
    for (const topic of topics()) {
      expect(topic.inputs.partitions).toBe(12);
      expect(topic.inputs.replicationFactor).toBe(minimums.replicationFactor);
      expect(topic.inputs.config["min.insync.replicas"]).toBe(String(minimums.minInsyncReplicas));
      expect(Number(topic.inputs.config["min.insync.replicas"])).toBeLessThan(topic.inputs.replicationFactor);
      expect(topic.inputs.config["cleanup.policy"]).toBe("delete");
    }
  });

  it("caps retention in staging and keeps the declared retention in production", async () => {
    await deploy("orders", "staging");
    expect(topicNamed("orders.order-events.v1").inputs.config["retention.ms"]).toBe(String(14 * DAY_MS));
    mocks.resources.length = 0;
    await deploy("orders", "production");
    expect(topicNamed("orders.order-events.v1").inputs.config["retention.ms"]).toBe(String(30 * DAY_MS));
    // payments declares 7 days: below the staging cap, so both environments keep it.
    mocks.resources.length = 0;
    await deploy("payments", "staging");
    expect(topicNamed("payments.payment-events.v3").inputs.config["retention.ms"]).toBe(String(7 * DAY_MS));
  });

  it("names topics by major version and creates only the declared failure topics", async () => {
    await deploy("customer-profile", "production");
    // quarantine: false in the manifest; the compacted main topic keeps its policy, the DLQ deletes.
    expect(topics().map((t) => t.inputs.name).sort()).toEqual(["customer-profile.customer-profiles.v2", "customer-profile.customer-profiles.v2.dlq"]);
    expect(topicNamed("customer-profile.customer-profiles.v2").inputs.config["cleanup.policy"]).toBe("compact,delete");
    expect(topicNamed("customer-profile.customer-profiles.v2.dlq").inputs.config["cleanup.policy"]).toBe("delete");
    expect(topicNamed("customer-profile.customer-profiles.v2").inputs.partitions).toBe(6);
  });
});

describe("EventStreams ACLs", () => {
  it("never name a wildcard principal, never reach beyond the domain's topic prefix", async () => {
    for (const domain of ["orders", "payments", "customer-profile"]) {
      mocks.resources.length = 0;
      await deploy(domain, "production");
      const acls = mocks.ofType("kafka:index/acl:Acl");
      expect(acls.length).toBeGreaterThan(0);
      for (const acl of acls.map((a) => a.inputs)) {
        expect(acl.aclPrincipal).toMatch(/^User:[a-z][a-z0-9-]*-(producer|consumer)$/);
        expect(acl.aclPermissionType).toBe("Allow");
        if (acl.aclResourceType === "Topic") {
          expect(acl.aclResourceName.startsWith(topicPrefix(domain))).toBe(true);
          expect(acl.resourcePatternTypeFilter).toBe("Literal");
        } else {
          expect(acl).toMatchObject({ aclResourceType: "Group", resourcePatternTypeFilter: "Prefixed", aclPrincipal: `User:${domain}-consumer` });
        }
      }
    }
  });

  it("orders: producer writes 3 topics, own consumer reads 3, two granted consumers read the main topic, one group grant", async () => {
    await deploy("orders", "staging");
    const acls = mocks.ofType("kafka:index/acl:Acl").map((a) => a.inputs);
    const by = (principal: string, op: string) => acls.filter((a) => a.aclPrincipal === principal && a.aclOperation === op && a.aclResourceType === "Topic").map((a) => a.aclResourceName).sort();
    expect(by("User:orders-producer", "Write")).toEqual(["orders.order-events.v1", "orders.order-events.v1.dlq", "orders.order-events.v1.quarantine"]);
    expect(by("User:orders-consumer", "Read")).toEqual(["orders.order-events.v1", "orders.order-events.v1.dlq", "orders.order-events.v1.quarantine"]);
    expect(by("User:payments-consumer", "Read")).toEqual(["orders.order-events.v1"]);
    expect(by("User:customer-profile-consumer", "Read")).toEqual(["orders.order-events.v1"]);
    expect(acls).toHaveLength(3 + 3 + 2 + 1);
  });
});

describe("EventStreams schema registry", () => {
  it("one registry per domain and a schema per stream product, format and compatibility from the contract", async () => {
    const { manifest } = await deploy("orders", "production");
    const [registry] = mocks.ofType("aws:glue/registry:Registry");
    expect(registry.inputs.registryName).toBe("meshkit-production-orders-schemas");
    const schemas = mocks.ofType("aws:glue/schema:Schema");
    expect(schemas).toHaveLength(1);
    expect(schemas[0].inputs).toMatchObject({ schemaName: "orders.order-events.v1", dataFormat: "AVRO", compatibility: "BACKWARD" });
    expect(schemas[0].inputs.schemaDefinition).toBe(fs.readFileSync(path.resolve(path.dirname(manifest.file), "schemas/order-events.avsc"), "utf8"));
    expect(schemas[0].inputs.registryArn).toContain("meshkit-production-orders-schemas");
  });

  it("reads JSON Schema files as JSON and maps transitive modes to Glue's _ALL modes", async () => {
    await deploy("customer-profile", "staging");
    expect(mocks.ofType("aws:glue/schema:Schema")[0].inputs).toMatchObject({ dataFormat: "JSON", compatibility: "FORWARD" });
    mocks.resources.length = 0;
    await deploy("payments", "staging");
    expect(mocks.ofType("aws:glue/schema:Schema")[0].inputs).toMatchObject({ dataFormat: "AVRO", compatibility: "FULL_ALL" });
  });

  it("maps every contract compatibility to a Glue mode of the same direction", () => {
    const glueModes = ["NONE", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL", "FULL_ALL"];
    const mapped = COMPATIBILITY_MODES.map(glueCompatibility);
    expect([...mapped].sort()).toEqual([...glueModes].sort());
    for (const mode of COMPATIBILITY_MODES) {
      const glue = glueCompatibility(mode);
      expect(glue.startsWith(mode.split("-")[0].toUpperCase())).toBe(true);
      expect(glue.endsWith("_ALL")).toBe(mode.endsWith("-transitive"));
    }
  });

  it("tags registry and schemas with the six required tags, the schema with its product's classification", async () => {
    const { manifest } = await deploy("customer-profile", "production");
    const [registry] = mocks.ofType("aws:glue/registry:Registry");
    expect(registry.inputs.tags).toMatchObject(expectedRequiredTags(manifest.spec, "production"));
    const [schema] = mocks.ofType("aws:glue/schema:Schema");
    expect(schema.inputs.tags).toMatchObject({ ...expectedRequiredTags(manifest.spec, "production", "confidential"), "data-product": "customer-profiles" });
  });

  it("creates no AWS resource with schemaRegistry: false (Kafka-only environments)", async () => {
    await deploy("orders", "staging", { schemaRegistry: false });
    expect(mocks.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    expect(topics()).toHaveLength(3);
  });

  it("refuses a schema it cannot resolve, naming the product, before creating anything", async () => {
    const manifest = exampleManifest("orders");
    expect(() => new EventStreams("orders-unresolved", { context: contextFor(manifest, "staging") })).toThrow(/order-events.*schemas\/order-events\.avsc.*no schemas were given/);
    await settle();
    expect(mocks.resources.map((r) => r.type)).toEqual(["meshkit:streaming:EventStreams"]);
  });
});

describe("EventStreams of a stream migrating from v1 to v2", () => {
  const migrating = () => {
    const result = loadManifestFile(MIGRATING_MANIFEST);
    if (!result.ok) throw new Error("the migrating fixture is invalid");
    return result.manifest;
  };

  it("registers each major's schema from its own file, named like its topic, with the contract's compatibility", async () => {
    const manifest = migrating();
    new EventStreams("shipping-production", {
      context: contextFor(manifest, "production"),
      schemas: manifest.schemas,
      previousMajorSchemas: manifest.previousMajorSchemas,
    });
    await settle();
    expect(mocks.ofType("aws:glue/schema:Schema").map((s) => [s.inputs.schemaName, s.inputs.schemaDefinition, s.inputs.compatibility])).toEqual([
      ["shipping.shipment-events.v2", manifest.schemas["shipment-events"].definition, "BACKWARD"],
      ["shipping.shipment-events.v1", manifest.previousMajorSchemas["shipment-events"][1].definition, "BACKWARD"],
    ]);
    expect(topics()).toHaveLength(6);
  });

  it("refuses to leave a previous major without the schema it had, before creating anything", async () => {
    const manifest = migrating();
    expect(() => new EventStreams("shipping-unresolved", { context: contextFor(manifest, "staging"), schemas: manifest.schemas })).toThrow(
      "EventStreams: product shipment-events v1 names schema ../schemas/shipment-events.avsc, but no schemas were given for it (pass the loader's LoadedManifest.previousMajorSchemas)",
    );
    await settle();
    expect(mocks.resources.map((r) => r.type)).toEqual(["meshkit:streaming:EventStreams"]);
  });

  it("keeps both majors' topics without a schema registry", async () => {
    new EventStreams("shipping-kafka-only", { context: contextFor(migrating(), "staging"), schemaRegistry: false });
    await settle();
    expect(topics().map((t) => t.inputs.name)).toEqual([
      "shipping.shipment-events.v2",
      "shipping.shipment-events.v2.dlq",
      "shipping.shipment-events.v2.quarantine",
      "shipping.shipment-events.v1",
      "shipping.shipment-events.v1.dlq",
      "shipping.shipment-events.v1.quarantine",
    ]);
  });
});

describe("EventStreams resource options", () => {
  it.each(["staging", "production"] as const)("in %s: topics, registry and schemas are protected and retained only in production; every child is parented", async (env) => {
    await deploy("orders", env);
    const component = registrations.find((r) => r.type === "meshkit:streaming:EventStreams")!;
    const children = registrations.filter((r) => r !== component);
    expect(children.length).toBe(mocks.resources.length - 1);
    for (const child of children) {
      expect(child.parent).toBe(component.urn);
      const stateful = ["kafka:index/topic:Topic", "aws:glue/registry:Registry", "aws:glue/schema:Schema"].includes(child.type);
      expect({ name: child.name, protect: child.protect, retain: child.retainOnDelete }).toEqual({
        name: child.name,
        protect: stateful && env === "production",
        retain: stateful && env === "production",
      });
    }
  });
});
