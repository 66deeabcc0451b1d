/**
 * Kafka ACL bindings and stream topics, without Pulumi: the producer writes its own topics
 * (main, dead-letter, quarantine), the owner's consumer reads them, granted consumers read only
 * the main topic of the products naming them, consumer groups are prefixed by the consumer's own
 * domain, and no ACL names a wildcard principal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainAclBindings, type AclBinding } from "../../../components/streaming/kafkaAcls";
import { domainTopics, majorTopics, productTopics } from "../../../components/streaming/streamTopics";
import { isStream, loadManifestFile, type LoadedManifest } from "../../../components/manifest";
import { exampleManifest, MIGRATING_MANIFEST } from "../../support/exampleDomains";
import { isAuthorized, type KafkaAcl } from "../../support/kafkaAuthorizer";
import { handMadeSpec } from "./handMadeSpecs";

const topic = (principal: string, operation: "Read" | "Write", name: string): AclBinding => ({
  principal,
  host: "*",
  operation,
  permission: "Allow",
  resourceType: "Topic",
  resourceName: name,
  patternType: "Literal",
});
const group = (domain: string): AclBinding => ({
  principal: `User:${domain}-consumer`,
  host: "*",
  operation: "Read",
  permission: "Allow",
  resourceType: "Group",
  resourceName: `${domain}.`,
  patternType: "Prefixed",
});
function loadedMigrating(): LoadedManifest {
  const result = loadManifestFile(MIGRATING_MANIFEST);
  if (!result.ok) throw new Error("the migrating fixture is invalid");
  return result.manifest;
}
const key = (b: AclBinding) => JSON.stringify([b.principal, b.operation, b.resourceType, b.resourceName, b.patternType]);
const sorted = (bs: readonly AclBinding[]) => [...bs].sort((a, b) => key(a).localeCompare(key(b)));
const asAcl = (b: AclBinding): KafkaAcl => ({
  aclPrincipal: b.principal,
  aclHost: b.host,
  aclOperation: b.operation,
  aclPermissionType: b.permission,
  aclResourceType: b.resourceType,
  aclResourceName: b.resourceName,
  resourcePatternTypeFilter: b.patternType,
});

describe("streamTopics", () => {
  it("names topics <domain>.<product>.v<major>, with .dlq and .quarantine only where declared", () => {
    const payments = exampleManifest("payments").spec;
    expect(domainTopics(payments).map((t) => [t.name, t.role])).toEqual([
      ["payments.payment-events.v3", "main"],
      ["payments.payment-events.v3.dlq", "dlq"],
      ["payments.payment-events.v3.quarantine", "quarantine"],
    ]);
    const profile = exampleManifest("customer-profile").spec;
    const stream = profile.spec.products.filter(isStream)[0];
    expect(productTopics(profile, stream).map((t) => t.name)).toEqual(["customer-profile.customer-profiles.v2", "customer-profile.customer-profiles.v2.dlq"]);
  });

  it("names each major's topics as when it was current: the current major's first, then each previous major's", () => {
    const shipping = loadedMigrating().spec;
    const events = shipping.spec.products.filter(isStream)[0];
    expect(majorTopics(shipping, events, 1).map((t) => [t.name, t.role, t.major, t.current])).toEqual([
      ["shipping.shipment-events.v1", "main", 1, false],
      ["shipping.shipment-events.v1.dlq", "dlq", 1, false],
      ["shipping.shipment-events.v1.quarantine", "quarantine", 1, false],
    ]);
    expect(productTopics(shipping, events).map((t) => t.name)).toEqual([
      "shipping.shipment-events.v2",
      "shipping.shipment-events.v2.dlq",
      "shipping.shipment-events.v2.quarantine",
      ...majorTopics(shipping, events, 1).map((t) => t.name),
    ]);
  });

  it("gives a domain with tables only no topics", () => {
    expect(domainTopics(handMadeSpec("ledger", [{ name: "facts", kind: "table" }]))).toEqual([]);
  });
});

describe("domainAclBindings of the example domains", () => {
  it("orders: producer writes all three topics, orders' consumer reads them, payments and customer-profile read the main topic only", () => {
    const main = "orders.order-events.v1";
    expect(sorted(domainAclBindings(exampleManifest("orders").spec))).toEqual(
      sorted([
        topic("User:orders-producer", "Write", main),
        topic("User:orders-producer", "Write", `${main}.dlq`),
        topic("User:orders-producer", "Write", `${main}.quarantine`),
        topic("User:orders-consumer", "Read", main),
        topic("User:orders-consumer", "Read", `${main}.dlq`),
        topic("User:orders-consumer", "Read", `${main}.quarantine`),
        topic("User:payments-consumer", "Read", main),
        topic("User:customer-profile-consumer", "Read", main),
        group("orders"),
      ]),
    );
  });

  it("customer-profile (no quarantine topic): orders, its only stream consumer, reads the main topic", () => {
    const main = "customer-profile.customer-profiles.v2";
    expect(sorted(domainAclBindings(exampleManifest("customer-profile").spec))).toEqual(
      sorted([
        topic("User:customer-profile-producer", "Write", main),
        topic("User:customer-profile-producer", "Write", `${main}.dlq`),
        topic("User:customer-profile-consumer", "Read", main),
        topic("User:customer-profile-consumer", "Read", `${main}.dlq`),
        topic("User:orders-consumer", "Read", main),
        group("customer-profile"),
      ]),
    );
  });

  it("shipping, migrating to v2: the producer writes and the owner reads both majors; orders, pinned to v1, reads v1's main topic, payments v2's", () => {
    const [v2, v1] = ["shipping.shipment-events.v2", "shipping.shipment-events.v1"];
    const everyTopic = [v2, v1].flatMap((main) => [main, `${main}.dlq`, `${main}.quarantine`]);
    expect(sorted(domainAclBindings(loadedMigrating().spec))).toEqual(
      sorted([
        ...everyTopic.flatMap((t) => [topic("User:shipping-producer", "Write", t), topic("User:shipping-consumer", "Read", t)]),
        topic("User:orders-consumer", "Read", v1),
        topic("User:payments-consumer", "Read", v2),
        group("shipping"),
      ]),
    );
  });

  it("a domain without streams still gets its consumer-group ACL, so it can consume what others grant it", () => {
    expect(domainAclBindings(handMadeSpec("ledger", [{ name: "facts", kind: "table", consumers: ["auditor"] }]))).toEqual([group("ledger")]);
  });

  it("never names a wildcard principal, host-scoped deny or a topic outside the domain's prefix; only the group is prefixed", () => {
    for (const domain of ["orders", "payments", "customer-profile"]) {
      for (const b of domainAclBindings(exampleManifest(domain).spec)) {
        expect(b.principal).toMatch(/^User:[a-z][a-z0-9-]*-(producer|consumer)$/);
        expect(b.permission).toBe("Allow");
        if (b.resourceType === "Topic") {
          expect(b.patternType).toBe("Literal");
          expect(b.resourceName.startsWith(`${domain}.`)).toBe(true);
        } else {
          expect(b).toEqual(group(domain));
        }
      }
    }
  });
});

describe("domainAclBindings over generated consumers (property)", () => {
  const OTHERS = ["alpha", "bravo", "charlie", "delta", "echo-two"];

  it("for any consumers, exactly the owner's and those consumers' principals read the main topic; only the producer writes; failure topics stay with the owner", () => {
    fc.assert(
      fc.property(fc.subarray(OTHERS), fc.boolean(), fc.boolean(), (consumers, deadLetter, quarantine) => {
        const spec = handMadeSpec("maker", [{ name: "events", kind: "stream", version: "4.2.0", consumers, stream: { deadLetter, quarantine } }]);
        const acls = domainAclBindings(spec).map(asAcl);
        const can = (principal: string, operation: string, resourceType: string, resourceName: string) =>
          isAuthorized(acls, { principal, host: "10.1.2.3", operation, resourceType, resourceName });
        const main = "maker.events.v4";
        const principals = ["User:maker-producer", "User:maker-consumer", ...OTHERS.flatMap((d) => [`User:${d}-consumer`, `User:${d}-producer`]), "User:ANONYMOUS"];
        const readers = principals.filter((p) => can(p, "Read", "Topic", main));
        expect(readers.sort()).toEqual(["User:maker-consumer", ...consumers.map((d) => `User:${d}-consumer`)].sort());
        for (const t of [main, `${main}.dlq`, `${main}.quarantine`]) {
          const exists = t === main || (t.endsWith(".dlq") ? deadLetter : quarantine);
          expect(principals.filter((p) => can(p, "Write", "Topic", t))).toEqual(exists ? ["User:maker-producer"] : []);
          if (t !== main) expect(principals.filter((p) => can(p, "Read", "Topic", t))).toEqual(exists ? ["User:maker-consumer"] : []);
        }
        // Groups: maker's consumer joins groups named maker.…; a consumer domain's group comes from its own ACLs, not these.
        expect(principals.filter((p) => can(p, "Read", "Group", "maker.settlement"))).toEqual(["User:maker-consumer"]);
        for (const d of consumers) expect(can(`User:${d}-consumer`, "Read", "Group", `${d}.app`)).toBe(false);
        expect(can("User:maker-consumer", "Read", "Group", "maker-archive.app")).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
