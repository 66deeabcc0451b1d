/**
 * A major bump migrates: the shipping domain's stream goes from contract 1.0.0 to 2.0.0 with
 * `previousMajors: [{ major: 1, … }]`, and the whole platform is deployed before and after, as the
 * stack program deploys it (explicit providers, real URNs, the offline engine's mock answers).
 * The v1 resources keep their URNs and inputs, so the engine changes nothing about them; v2 is
 * added beside them; consumers' Kafka, schema and key access follows their pinned major; and the
 * pack finds nothing mandatory in either environment.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CapturedResource } from "../../engine";
import { loadPlatform, type LoadedManifest } from "../../components/manifest";
import { roleIdentityPolicy } from "../../components/access/identityPolicy";
import { domainContext } from "../../components/domain/context";
import { EXAMPLE_FILES, MIGRATING_MANIFEST, TEST_PLATFORM } from "../support/exampleDomains";
import { deployPlatform, type Deployed } from "../property/deployPlatform";
import { judgePlatform } from "../property/judgePlatform";

const V1 = "shipping.shipment-events.v1";
const V2 = "shipping.shipment-events.v2";

function platform(shippingFile: string): LoadedManifest[] {
  const result = loadPlatform([...EXAMPLE_FILES, shippingFile]);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file}:${i.line} ${i.message}`).join("\n"));
  return result.manifests;
}

const byUrn = (d: Deployed) => new Map(d.resources.map((r) => [r.urn, r]));
const ofType = (d: Deployed, type: string) => d.resources.filter((r) => r.type === type);
/** Resources of the shipping stream's v1 (topics, their ACLs, its schema), by URN. */
const v1Resources = (d: Deployed) => d.resources.filter((r) => r.name.includes(V1));

let before: Deployed;
let after: Deployed;
let migrating: LoadedManifest[];

beforeAll(async () => {
  // The same domain before the bump: shipment-events at 1.0.0, read by orders.
  before = await deployPlatform(platform(path.join(path.dirname(MIGRATING_MANIFEST), "shipping.yaml")), "production");
  migrating = platform(MIGRATING_MANIFEST);
  after = await deployPlatform(migrating, "production");
});

describe("bumping shipment-events from 1.0.0 to 2.0.0 with previousMajors [1]", () => {
  it("keeps the URN of every v1 resource, and of every other resource: nothing is deleted or renamed", () => {
    const v1 = v1Resources(before).map((r) => r.urn);
    // Main, dead-letter and quarantine topics; producer writes and domain consumer reads on each, orders reads main; the schema.
    expect(v1).toHaveLength(3 + 3 * 2 + 1 + 1);
    const afterUrns = new Set(after.resources.map((r) => r.urn));
    expect(v1.filter((urn) => !afterUrns.has(urn))).toEqual([]);
    expect(before.resources.map((r) => r.urn).filter((urn) => !afterUrns.has(urn))).toEqual([]);
  });

  it("keeps the v1 topics and ACLs exactly as they were, and v1's registered schema with its definition", () => {
    const afterByUrn = byUrn(after);
    for (const r of v1Resources(before)) {
      const now = afterByUrn.get(r.urn)!;
      if (r.type === "aws:glue/schema:Schema") {
        const { description: _was, ...was } = r.inputs;
        const { description, ...is } = now.inputs;
        expect(is).toEqual(was);
        expect(description).toBe("One event per shipment status change. (contract v1, kept until 2027-06-30)");
      } else {
        expect(now.inputs).toEqual(r.inputs);
      }
      // Topics and schemas hold data and are protected in production, as when v1 was current; ACLs are not stateful.
      expect(now.options.protect).toBe(r.type !== "kafka:index/acl:Acl");
    }
  });

  it("adds v2 beside v1: its three topics, their ACLs and its schema, and nothing else on Kafka or the registry", () => {
    const beforeUrns = new Set(before.resources.map((r) => r.urn));
    const added = after.resources.filter((r) => !beforeUrns.has(r.urn) && r.type.match(/^kafka:|glue\/schema/));
    expect(added.map((r) => r.name).sort()).toEqual(
      [
        V2,
        `${V2}.dlq`,
        `${V2}.quarantine`,
        `payments-consumer-read-topic-${V2}`,
        ...["", ".dlq", ".quarantine"].flatMap((s) => [`shipping-consumer-read-topic-${V2}${s}`, `shipping-producer-write-topic-${V2}${s}`]),
        V2, // the schema, named like its topic
      ].sort(),
    );
    expect(added.every((r) => r.type !== "kafka:index/topic:Topic" || r.options.protect)).toBe(true);
    const schemas = ofType(after, "aws:glue/schema:Schema").filter((r) => r.name.startsWith("shipping."));
    expect(schemas.map((s) => [s.inputs.schemaName, JSON.parse(s.inputs.schemaDefinition as string).namespace])).toEqual([
      [V2, "dev.meshkit.shipping.v2"],
      [V1, "dev.meshkit.shipping"],
    ]);
  });

  it("pins each consumer's Kafka reads to its major: orders reads v1's main topic, payments v2's, neither any failure topic", () => {
    const reads = (principal: string) =>
      ofType(after, "kafka:index/acl:Acl")
        .filter((a) => a.inputs.aclPrincipal === principal && a.inputs.aclResourceType === "Topic" && String(a.inputs.aclResourceName).startsWith("shipping."))
        .map((a) => a.inputs.aclResourceName);
    expect(reads("User:orders-consumer")).toEqual([V1]);
    expect(reads("User:payments-consumer")).toEqual([V2]);
    expect(reads("User:shipping-consumer").sort()).toEqual([V1, `${V1}.dlq`, `${V1}.quarantine`, V2, `${V2}.dlq`, `${V2}.quarantine`].sort());
  });

  it("pins each consumer's schema and key grants to its major, in the identity policies and the shipping key policy", () => {
    const specs = migrating.map((m) => m.spec);
    const text = (domain: string) => JSON.stringify(roleIdentityPolicy(domainContext(specs.find((s) => s.metadata.name === domain)!, "production", TEST_PLATFORM), "consumer", specs));
    expect(text("orders")).toContain(`schemas/${V1}"`);
    expect(text("orders")).not.toContain(V2);
    expect(text("payments")).toContain(`schemas/${V2}"`);
    expect(text("payments")).not.toContain(V1);
    const ownRoles = text("shipping");
    expect(ownRoles).toContain(V1);
    expect(ownRoles).toContain(V2);

    const key = ofType(after, "aws:kms/key:Key").find((k) => k.name === "shipping-keys-key")!;
    const statements = JSON.parse(key.inputs.policy as string).Statement as { Sid: string; Condition?: Record<string, Record<string, unknown>> }[];
    const consume = Object.fromEntries(statements.filter((s) => s.Sid.startsWith("Consume")).map((s) => [s.Sid, s.Condition]));
    expect(Object.keys(consume).sort()).toEqual(["ConsumeShipmentEvents", "ConsumeX1ShipmentEvents"]);
    expect(consume.ConsumeShipmentEvents!.StringEquals).toEqual({ "kms:EncryptionContext:meshkit:topic": V2 });
    expect(JSON.stringify(consume.ConsumeShipmentEvents!.ArnEquals)).toContain("payments-consumer");
    expect(JSON.stringify(consume.ConsumeShipmentEvents!.ArnEquals)).not.toContain("orders-");
    expect(consume.ConsumeX1ShipmentEvents!.StringEquals).toEqual({ "kms:EncryptionContext:meshkit:topic": V1 });
    expect(JSON.stringify(consume.ConsumeX1ShipmentEvents!.ArnEquals)).toContain("orders-consumer");
    expect(JSON.stringify(consume.ConsumeX1ShipmentEvents!.ArnEquals)).not.toContain("payments-");
  });

  it("keeps one catalog entry for the stream, naming the current topic and the previous major's", () => {
    const entry = ofType(after, "aws:glue/catalogTable:CatalogTable").find((t) => t.name === "meshkit_production_shipping.shipment_events")! as CapturedResource;
    const was = ofType(before, "aws:glue/catalogTable:CatalogTable").find((t) => t.name === entry.name)!;
    expect(entry.urn).toBe(was.urn);
    expect(entry.inputs.parameters).toMatchObject({ topicName: V2, "previous-major-topics": V1, "contract-version": "2.0.0" });
  });

  it.each(["production", "staging"] as const)("draws no mandatory finding, duplicate URN or physical name in %s", async (environment) => {
    const deployed = environment === "production" ? after : await deployPlatform(migrating, environment);
    expect(await judgePlatform(deployed, environment)).toEqual({ mandatoryFindings: [], duplicateUrns: [], duplicatePhysicalNames: [], failedRegistrations: [] });
  });
});
