/**
 * Effective Kafka access equals declared access. The ACLs EventStreams generates for the three
 * example domains are evaluated with Kafka's ACL semantics for every principal × topic and
 * consumer group × read and write, and compared with the matrix derived from the manifests.
 *
 * Kafka principal mapping (components/streaming/kafkaAcls.ts): `<domain>-producer` holds the domain's
 * write grant (its producer role), `<domain>-consumer` holds its read grants (its consumer role,
 * own products and those naming it in `consumers`). Granted domains read a product's main topic
 * only, of the major they are pinned to (else the current one); failure topics (dead-letter,
 * quarantine) stay with the owner. Consumer groups belong to the domain named by their prefix.
 *
 * The same proof runs on a platform where a stream migrates from v1 to v2 (orders pinned to v1,
 * payments on v2), whose both majors' topics are deployed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { settle } from "../support/settle";
import { contextFor, exampleManifests, MIGRATING_MANIFEST } from "../support/exampleDomains";
import { isAuthorized, type KafkaAcl } from "../support/kafkaAuthorizer";
import { EventStreams } from "../../components/streaming/eventStreams";
import { declaredAccess, isAllowed, type Access } from "../../components/grants/accessModel";
import { domainTopics, type StreamTopic } from "../../components/streaming/streamTopics";
import type { DomainSpec } from "../../components/manifest";
import { consumerGroupPrefix, kafkaPrincipal, KAFKA_ROLES, type KafkaRole } from "../../conventions";

const mocks = installMocks();
const CLIENT_HOST = "10.0.0.7";
const OUTSIDERS = ["User:outsider", kafkaPrincipal("outsider", "consumer"), kafkaPrincipal("outsider", "producer")];

interface Principal {
  readonly name: string;
  /** The domain and Kafka role it stands for; undefined for an outsider. */
  readonly of?: { readonly domain: string; readonly role: KafkaRole };
}

type Resource = { readonly kind: "topic"; readonly topic: StreamTopic } | { readonly kind: "group"; readonly name: string; readonly domain?: string };

let specs: DomainSpec[];
let generated: KafkaAcl[];

/** Deploys the streams of the example domains and `extraFiles`, and makes them the platform judged below. */
async function deployStreams(extraFiles: readonly string[] = []): Promise<void> {
  mocks.resources.length = 0;
  const manifests = exampleManifests(extraFiles);
  specs = manifests.map((m) => m.spec);
  for (const manifest of manifests) {
    new EventStreams(manifest.spec.metadata.name, {
      context: contextFor(manifest, "production"),
      schemas: manifest.schemas,
      previousMajorSchemas: manifest.previousMajorSchemas,
    });
  }
  await settle();
  generated = mocks.ofType("kafka:index/acl:Acl").map((r) => r.inputs as KafkaAcl);
}

function principals(): Principal[] {
  const own = specs.flatMap((s) => KAFKA_ROLES.map((role) => ({ name: kafkaPrincipal(s.metadata.name, role), of: { domain: s.metadata.name, role } })));
  return [...own, ...OUTSIDERS.map((name) => ({ name }))];
}

function resources(): Resource[] {
  const topics: Resource[] = specs.flatMap(domainTopics).map((topic) => ({ kind: "topic", topic }));
  // A group of each domain, one of nobody's, and one whose name merely starts like a domain's.
  const groups: Resource[] = [
    ...specs.map((s) => ({ kind: "group" as const, name: `${consumerGroupPrefix(s.metadata.name)}settlement-app`, domain: s.metadata.name })),
    { kind: "group", name: "outsider.app" },
    { kind: "group", name: "orders-archive.app" },
  ];
  return [...topics, ...groups];
}

const resourceName = (r: Resource) => (r.kind === "topic" ? r.topic.name : r.name);

/** What the manifests declare, through the Kafka principal mapping above. */
function declared(principal: Principal, resource: Resource, access: Access): boolean {
  if (principal.of === undefined) return false;
  const { domain, role } = principal.of;
  if (resource.kind === "group") return access === "read" && role === "consumer" && resource.domain === domain;
  const { topic } = resource;
  const grants = declaredAccess(specs);
  if (access === "write") return role === "producer" && isAllowed(grants, domain, "producer", topic.domain, topic.product.name, "write");
  if (role !== "consumer" || !isAllowed(grants, domain, "consumer", topic.domain, topic.product.name, "read", topic.major)) return false;
  return topic.role === "main" || domain === topic.domain;
}

/** What Kafka would do with the ACLs. */
function effective(acls: readonly KafkaAcl[], principal: Principal, resource: Resource, access: Access): boolean {
  return isAuthorized(acls, {
    principal: principal.name,
    host: CLIENT_HOST,
    operation: access === "read" ? "Read" : "Write",
    resourceType: resource.kind === "topic" ? "Topic" : "Group",
    resourceName: resourceName(resource),
  });
}

/** Every cell where Kafka and the manifests disagree, as readable lines. */
function mismatches(acls: readonly KafkaAcl[]): string[] {
  const lines: string[] = [];
  for (const principal of principals()) {
    for (const resource of resources()) {
      for (const access of ["read", "write"] as const) {
        const want = declared(principal, resource, access);
        const got = effective(acls, principal, resource, access);
        if (want !== got) lines.push(`${principal.name} ${access} ${resource.kind} ${resourceName(resource)}: Kafka ${got ? "allows" : "denies"}, manifests ${want ? "grant" : "do not grant"}`);
      }
    }
  }
  return lines;
}

describe("Kafka ACLs: effective access equals declared access", () => {
  beforeAll(() => deployStreams());

  it("covers every principal × topic and group × read and write", () => {
    // 3 domains × 2 roles + 3 outsiders; 8 topics + 5 groups; 2 actions.
    expect(principals()).toHaveLength(9);
    expect(resources().filter((r) => r.kind === "topic").map(resourceName).sort()).toEqual([
      "customer-profile.customer-profiles.v2",
      "customer-profile.customer-profiles.v2.dlq",
      "orders.order-events.v1",
      "orders.order-events.v1.dlq",
      "orders.order-events.v1.quarantine",
      "payments.payment-events.v3",
      "payments.payment-events.v3.dlq",
      "payments.payment-events.v3.quarantine",
    ]);
    const allowedCells = principals().flatMap((p) => resources().flatMap((r) => (["read", "write"] as const).filter((a) => declared(p, r, a))));
    // Producers write their 8 topics, consumers read their own 8 and 4 granted main topics, and join 3 groups.
    expect(allowedCells).toHaveLength(8 + 8 + 4 + 3);
  });

  it("the generated ACLs give exactly the declared matrix", () => {
    expect(mismatches(generated)).toEqual([]);
  });

  it("whoever may read or write a topic may describe it, and nobody else", () => {
    for (const principal of principals()) {
      for (const resource of resources().filter((r) => r.kind === "topic")) {
        const describe = isAuthorized(generated, { principal: principal.name, host: CLIENT_HOST, operation: "Describe", resourceType: "Topic", resourceName: resourceName(resource) });
        expect(describe).toBe(effective(generated, principal, resource, "read") || effective(generated, principal, resource, "write"));
      }
    }
  });
});

describe("Kafka ACLs of a stream migrating from v1 to v2: effective access equals declared access", () => {
  beforeAll(() => deployStreams([MIGRATING_MANIFEST]));
  const read = (principal: string, topic: string) =>
    isAuthorized(generated, { principal, host: CLIENT_HOST, operation: "Read", resourceType: "Topic", resourceName: topic });

  it("covers both majors' topics", () => {
    expect(resources().filter((r) => r.kind === "topic" && r.topic.domain === "shipping").map(resourceName)).toEqual([
      "shipping.shipment-events.v2",
      "shipping.shipment-events.v2.dlq",
      "shipping.shipment-events.v2.quarantine",
      "shipping.shipment-events.v1",
      "shipping.shipment-events.v1.dlq",
      "shipping.shipment-events.v1.quarantine",
    ]);
  });

  it("the generated ACLs give exactly the declared matrix", () => {
    expect(mismatches(generated)).toEqual([]);
  });

  it("a consumer pinned to v1 reads v1 only, a consumer on the current major reads v2 only, the owner both", () => {
    expect([read("User:orders-consumer", "shipping.shipment-events.v1"), read("User:orders-consumer", "shipping.shipment-events.v2")]).toEqual([true, false]);
    expect([read("User:payments-consumer", "shipping.shipment-events.v1"), read("User:payments-consumer", "shipping.shipment-events.v2")]).toEqual([false, true]);
    expect([read("User:shipping-consumer", "shipping.shipment-events.v1"), read("User:shipping-consumer", "shipping.shipment-events.v2")]).toEqual([true, true]);
  });

  it("an ACL that ignored the pin is caught", () => {
    const wrong: KafkaAcl = {
      aclHost: "*",
      aclPermissionType: "Allow",
      aclResourceType: "Topic",
      resourcePatternTypeFilter: "Literal",
      aclPrincipal: "User:orders-consumer",
      aclOperation: "Read",
      aclResourceName: "shipping.shipment-events.v2",
    };
    expect(mismatches([...generated, wrong])).toEqual(["User:orders-consumer read topic shipping.shipment-events.v2: Kafka allows, manifests do not grant"]);
  });
});

describe("Kafka ACLs: one wrong ACL is caught", () => {
  beforeAll(() => deployStreams());
  const base = (): Omit<KafkaAcl, "aclPrincipal" | "aclOperation" | "aclResourceName"> => ({
    aclHost: "*",
    aclPermissionType: "Allow",
    aclResourceType: "Topic",
    resourcePatternTypeFilter: "Literal",
  });

  it("a wildcard principal lets an outsider read", () => {
    const wrong = { ...base(), aclPrincipal: "User:*", aclOperation: "Read", aclResourceName: "orders.order-events.v1" };
    expect(mismatches([...generated, wrong])).toContain(
      "User:outsider read topic orders.order-events.v1: Kafka allows, manifests do not grant",
    );
  });

  it("a prefixed read on another domain reaches its failure topics", () => {
    const wrong = { ...base(), aclPrincipal: "User:payments-consumer", aclOperation: "Read", aclResourceName: "orders.", resourcePatternTypeFilter: "Prefixed" };
    expect(mismatches([...generated, wrong])).toEqual([
      "User:payments-consumer read topic orders.order-events.v1.dlq: Kafka allows, manifests do not grant",
      "User:payments-consumer read topic orders.order-events.v1.quarantine: Kafka allows, manifests do not grant",
    ]);
  });

  it("a consumer writing is caught", () => {
    const wrong = { ...base(), aclPrincipal: "User:payments-consumer", aclOperation: "Write", aclResourceName: "orders.order-events.v1" };
    expect(mismatches([...generated, wrong])).toEqual(["User:payments-consumer write topic orders.order-events.v1: Kafka allows, manifests do not grant"]);
  });

  it("a missing grant is caught too (a DENY overrides the generated ALLOW)", () => {
    const deny = { ...base(), aclPrincipal: "User:orders-consumer", aclOperation: "All", aclPermissionType: "Deny", aclResourceName: "payments.payment-events.v3" };
    expect(mismatches([...generated, deny])).toEqual(["User:orders-consumer read topic payments.payment-events.v3: Kafka denies, manifests grant"]);
  });
});
