/**
 * Identity policies, the permissions boundary and their statement builders, without Pulumi: a
 * consumer domain's roles reach exactly the granted products' ARNs and never write; the boundary
 * bounds every role's identity policy.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grantsPolicy, roleIdentityPolicy } from "../../../components/access/identityPolicy";
import { permissionsBoundaryPolicy } from "../../../components/access/permissionsBoundary";
import { bucketAccessStatements, S3_OBJECT_WRITE_ACTIONS } from "../../../components/access/bucketAccess";
import { catalogAccessStatements, GLUE_WRITE_ACTIONS } from "../../../components/access/catalogAccess";
import { schemaReadStatement } from "../../../components/access/schemaAccess";
import { heldProducts } from "../../../components/access/grantedProducts";
import { domainContext } from "../../../components/domain/context";
import { environmentProfile } from "../../../components/domain/profile";
import type { DomainSpec } from "../../../components/manifest";
import type { PolicyDocument, PolicyStatement } from "../../../components/policy/policyDocument";
import { DOMAIN_ROLES, type DomainRole } from "../../../conventions";
import { contextFor, exampleManifests, TEST_PLATFORM } from "../../support/exampleDomains";
import { handMadeSpec } from "./handMadeSpecs";

const PROD = environmentProfile("production");
const list = (v: string | string[]) => [v].flat();
const allActions = (doc: PolicyDocument) => doc.Statement.flatMap((s) => list(s.Action));
const allResources = (doc: PolicyDocument) => doc.Statement.flatMap((s) => list(s.Resource));
const s3Resources = (doc: PolicyDocument) => allResources(doc).filter((r) => r.startsWith("arn:aws:s3:::"));
const WRITE_ACTION = /^(s3:(Put|Delete|Abort|Restore|Replicate)|kms:(Encrypt|GenerateDataKey|ReEncrypt|CreateGrant)|glue:(Create|BatchCreate|Update|Delete|BatchDelete|Register|Put))/;

function examples() {
  const manifests = exampleManifests();
  const specs = manifests.map((m) => m.spec);
  const policyOf = (domain: string, role: DomainRole) => roleIdentityPolicy(contextFor(manifests.find((m) => m.spec.metadata.name === domain)!, "production"), role, specs);
  return { manifests, specs, policyOf };
}

describe("statement builders", () => {
  const BUCKET = "arn:aws:s3:::d-p-prd-123456789012";

  it("bucketAccessStatements: read lists the bucket and reads objects; write adds object writes on objects only", () => {
    expect(bucketAccessStatements(BUCKET, ["read"], "X")).toEqual([
      { Sid: "XList", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: BUCKET },
      { Sid: "XRead", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAttributes", "s3:GetObjectTagging"], Resource: `${BUCKET}/*` },
    ]);
    const write = bucketAccessStatements(BUCKET, ["read", "write"], "");
    expect(write.map((s) => s.Sid)).toEqual(["List", "Read", "Write"]);
    expect(write[2]).toEqual({ Sid: "Write", Effect: "Allow", Action: [...S3_OBJECT_WRITE_ACTIONS], Resource: `${BUCKET}/*` });
    expect(bucketAccessStatements(BUCKET, [], "")).toEqual([]);
  });

  it("catalogAccessStatements: names the catalog, the owner's database and the product's table, read apart from write", () => {
    const resources = [
      "arn:aws:glue:eu-west-1:123456789012:catalog",
      "arn:aws:glue:eu-west-1:123456789012:database/meshkit_production_customer_profile",
      "arn:aws:glue:eu-west-1:123456789012:table/meshkit_production_customer_profile/customer_segments",
    ];
    const read = catalogAccessStatements(TEST_PLATFORM, PROD, "customer-profile", "customer-segments", ["read"], "");
    expect(read).toEqual([{ Sid: "CatalogRead", Effect: "Allow", Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions"], Resource: resources }]);
    const both = catalogAccessStatements(TEST_PLATFORM, PROD, "customer-profile", "customer-segments", ["read", "write"], "");
    expect(both.map((s) => s.Sid)).toEqual(["CatalogRead", "CatalogWrite"]);
    expect(both[1].Action).toEqual(GLUE_WRITE_ACTIONS);
  });

  it("schemaReadStatement: reads the owner's registry and the topic-named schema of each given major, nothing else", () => {
    expect(schemaReadStatement(TEST_PLATFORM, PROD, "payments", "payment-events", [3, 2]).Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:registry/meshkit-production-payments-schemas",
      "arn:aws:glue:eu-west-1:123456789012:schema/meshkit-production-payments-schemas/payments.payment-events.v3",
      "arn:aws:glue:eu-west-1:123456789012:schema/meshkit-production-payments-schemas/payments.payment-events.v2",
    ]);
    expect(schemaReadStatement(TEST_PLATFORM, PROD, "payments", "payment-events", [3])).toEqual({
      Sid: "SchemaRead",
      Effect: "Allow",
      Action: ["glue:GetSchema", "glue:GetSchemaVersion", "glue:GetSchemaByDefinition", "glue:ListSchemaVersions"],
      Resource: [
        "arn:aws:glue:eu-west-1:123456789012:registry/meshkit-production-payments-schemas",
        "arn:aws:glue:eu-west-1:123456789012:schema/meshkit-production-payments-schemas/payments.payment-events.v3",
      ],
    });
  });
});

describe("roleIdentityPolicy of the example domains (production)", () => {
  const { policyOf } = examples();

  it("customer-profile's consumer reaches orders' order-events only (its schema and its topic's context), not order-facts", () => {
    const policy = policyOf("customer-profile", "consumer");
    expect(s3Resources(policy).sort()).toEqual([
      "arn:aws:s3:::customer-profile-customer-segments-prd-123456789012",
      "arn:aws:s3:::customer-profile-customer-segments-prd-123456789012/*",
    ]);
    expect(allResources(policy)).toContain("arn:aws:glue:eu-west-1:123456789012:schema/meshkit-production-orders-schemas/orders.order-events.v1");
    expect(allResources(policy).filter((r) => r.includes("orders") && r.includes("order-facts"))).toEqual([]);
    expect(allResources(policy).filter((r) => r.includes("payments"))).toEqual([]);
    const granted = policy.Statement.filter((s) => s.Sid !== "OwnKeys" && list(s.Action).some((a) => a.startsWith("kms:")));
    expect(granted).toEqual([
      {
        Sid: "OrdersStreamKeys",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: "arn:aws:kms:eu-west-1:123456789012:key/*",
        Condition: {
          StringEquals: {
            "aws:ResourceTag/domain": "orders",
            "aws:ResourceTag/environment": "production",
            "kms:EncryptionContext:meshkit:topic": "orders.order-events.v1",
          },
        },
      },
    ]);
  });

  it("payments' consumer and pipeline reach their own ledger plus exactly the tables granted to payments", () => {
    for (const role of ["consumer", "pipeline"] as const) {
      const buckets = new Set(s3Resources(policyOf("payments", role)).map((r) => r.replace(/\/\*$/, "")));
      expect([...buckets].sort()).toEqual([
        "arn:aws:s3:::customer-profile-customer-segments-prd-123456789012",
        "arn:aws:s3:::orders-order-facts-prd-123456789012",
        "arn:aws:s3:::payments-settlement-ledger-prd-123456789012",
      ]);
    }
  });

  it("no role ever writes another domain's data, and consumer and steward roles write nothing at all", () => {
    const { specs } = examples();
    for (const spec of specs) {
      const domain = spec.metadata.name;
      for (const role of DOMAIN_ROLES) {
        const policy = policyOf(domain, role);
        const writes = policy.Statement.filter((s) => list(s.Action).some((a) => WRITE_ACTION.test(a)));
        if (role === "consumer" || role === "steward") expect(writes, `${domain}/${role}`).toEqual([]);
        for (const s of writes) {
          // Own keys by the principal's own domain tag, own buckets and catalog entries by name.
          if (s.Sid === "OwnKeys") {
            expect(s.Condition!.StringEquals!["aws:ResourceTag/domain"]).toBe("${aws:PrincipalTag/domain}");
            continue;
          }
          for (const r of list(s.Resource)) {
            const ownCatalog = r === "arn:aws:glue:eu-west-1:123456789012:catalog" || r.includes(`meshkit_production_${domain.replace(/-/g, "_")}/`) || r.endsWith(`database/meshkit_production_${domain.replace(/-/g, "_")}`);
            expect(r.startsWith(`arn:aws:s3:::${domain}-`) || ownCatalog, `${domain}/${role} writes ${r}`).toBe(true);
          }
        }
      }
    }
  });

  it("grants the producer writes on its own buckets only and no other domain's keys; a granted pipeline decrypts by topic only", () => {
    const producer = policyOf("orders", "producer");
    expect(producer.Statement.find((s) => s.Sid === "Write")!.Resource).toBe("arn:aws:s3:::orders-order-facts-prd-123456789012/*");
    expect(producer.Statement.find((s) => s.Sid === "OwnKeys")!.Action).toEqual(["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]);
    // Grants to a domain go to its consumer and pipeline roles (accessModel.CONSUMING_ROLES), never its producer.
    expect(producer.Statement.filter((s) => /StreamKeys|TableKeys/.test(s.Sid ?? ""))).toEqual([]);
    // orders' pipeline is granted payment-events, customer-profiles and customer-segments: decrypt, pinned per product.
    const granted = policyOf("orders", "pipeline").Statement.filter((s) => /StreamKeys|TableKeys/.test(s.Sid ?? ""));
    const pin = (s: PolicyStatement) => Object.entries(s.Condition!.StringEquals!).filter(([k]) => k.startsWith("kms:EncryptionContext:"));
    expect(granted.map((s) => [s.Sid, s.Action, s.Condition!.StringEquals!["aws:ResourceTag/domain"], pin(s)])).toEqual([
      ["PaymentsStreamKeys", ["kms:Decrypt"], "payments", [["kms:EncryptionContext:meshkit:topic", "payments.payment-events.v3"]]],
      ["CustomerProfileStreamKeys", ["kms:Decrypt"], "customer-profile", [["kms:EncryptionContext:meshkit:topic", "customer-profile.customer-profiles.v2"]]],
      ["CustomerProfileTableKeys", ["kms:Decrypt"], "customer-profile", [["kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::customer-profile-customer-segments-prd-123456789012"]]],
    ]);
  });
});

/** Whether `outer` allows at least what `inner` allows: same effect, conditions and Sid; a superset of actions and resources. */
function covers(outer: PolicyStatement, inner: PolicyStatement): boolean {
  return (
    outer.Effect === inner.Effect &&
    JSON.stringify(outer.Condition ?? null) === JSON.stringify(inner.Condition ?? null) &&
    list(inner.Action).every((a) => list(outer.Action).includes(a)) &&
    list(inner.Resource).every((r) => list(outer.Resource).includes(r))
  );
}

describe("permissionsBoundaryPolicy bounds the identity policies", () => {
  it("covers every statement of every example role's identity policy, and allows no other domain's writes", () => {
    const { manifests, specs } = examples();
    for (const manifest of manifests) {
      const context = contextFor(manifest, "production");
      const boundary = permissionsBoundaryPolicy(context, specs);
      for (const role of DOMAIN_ROLES) {
        for (const statement of roleIdentityPolicy(context, role, specs).Statement) {
          expect(boundary.Statement.some((b) => covers(b, statement)), `${manifest.spec.metadata.name}/${role} ${statement.Sid}`).toBe(true);
        }
      }
      const domain = manifest.spec.metadata.name;
      const writes = boundary.Statement.filter((s) => s.Sid === "Write");
      expect(writes.flatMap((s) => list(s.Resource)).every((r) => r.startsWith(`arn:aws:s3:::${domain}-`))).toBe(true);
      expect(allActions(boundary).some((a) => a.startsWith("iam:") || a === "kms:PutKeyPolicy" || a === "s3:PutBucketPolicy" || a.includes("*"))).toBe(false);
    }
  });

  it("is no wider than the union of the roles: the boundary's S3 resources are the roles' S3 resources", () => {
    const { manifests, specs } = examples();
    const manifest = manifests.find((m) => m.spec.metadata.name === "payments")!;
    const context = contextFor(manifest, "production");
    const union = new Set(DOMAIN_ROLES.flatMap((r) => s3Resources(roleIdentityPolicy(context, r, specs))));
    expect(new Set(s3Resources(permissionsBoundaryPolicy(context, specs)))).toEqual(union);
  });
});

describe("identity policies over generated platforms (property)", () => {
  const DOMAINS = ["alpha", "bravo", "charlie"] as const;
  // For each domain: which of the other domains consume its table and its stream.
  const grantsArb = fc.record(
    Object.fromEntries(DOMAINS.map((d) => [d, fc.record({ table: fc.subarray(DOMAINS.filter((o) => o !== d)), stream: fc.subarray(DOMAINS.filter((o) => o !== d)) })])) as Record<
      (typeof DOMAINS)[number],
      fc.Arbitrary<{ table: string[]; stream: string[] }>
    >,
  );
  const platformOf = (grants: Record<string, { table: string[]; stream: string[] }>): DomainSpec[] =>
    DOMAINS.map((d) =>
      handMadeSpec(d, [
        { name: "facts", kind: "table", consumers: grants[d].table },
        { name: "events", kind: "stream", consumers: grants[d].stream },
      ]),
    );

  it("a consumer role reaches exactly the granted tables' buckets and granted streams' contexts, never writes elsewhere, and the boundary covers it", () => {
    fc.assert(
      fc.property(grantsArb, (grants) => {
        const specs = platformOf(grants);
        for (const spec of specs) {
          const me = spec.metadata.name;
          const context = domainContext(spec, "staging", TEST_PLATFORM);
          const boundary = permissionsBoundaryPolicy(context, specs);
          for (const role of ["consumer", "pipeline"] as const) {
            const policy = roleIdentityPolicy(context, role, specs);
            const buckets = [...new Set(s3Resources(policy).map((r) => r.replace(/\/\*$/, "")))].sort();
            const expectedBuckets = [me, ...DOMAINS.filter((o) => grants[o].table.includes(me))].map((d) => `arn:aws:s3:::${d}-facts-stg-123456789012`).sort();
            expect(buckets).toEqual(expectedBuckets);
            const topics = policy.Statement.flatMap((s) => list((s.Condition?.StringEquals?.["kms:EncryptionContext:meshkit:topic"] ?? []) as string | string[])).sort();
            expect(topics).toEqual(DOMAINS.filter((o) => grants[o].stream.includes(me)).map((o) => `${o}.events.v1`).sort());
            for (const s of policy.Statement) {
              if (list(s.Action).some((a) => WRITE_ACTION.test(a))) {
                expect(role).toBe("pipeline");
                expect(s.Sid === "OwnKeys" || list(s.Resource).every((r) => r.includes(me) || r.endsWith(":catalog"))).toBe(true);
              }
              expect(boundary.Statement.some((b) => covers(b, s))).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("grantsPolicy with held products given directly", () => {
  it("holds nothing when nothing is held", () => {
    const spec = handMadeSpec("loner", [{ name: "facts", kind: "table" }]);
    expect(grantsPolicy(domainContext(spec, "production", TEST_PLATFORM), [])).toEqual({ Version: "2012-10-17", Statement: [] });
  });

  it("a steward holds its own products read-only", () => {
    const spec = handMadeSpec("loner", [{ name: "facts", kind: "table" }]);
    const held = heldProducts(spec, [], "steward");
    expect(held.map((h) => [h.product.name, h.access])).toEqual([["facts", ["read"]]]);
    const policy = grantsPolicy(domainContext(spec, "production", TEST_PLATFORM), held);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["OwnKeys", "List", "Read", "CatalogRead"]);
    expect(policy.Statement[0].Action).toEqual(["kms:Decrypt", "kms:DescribeKey"]);
  });
});

describe("statement ids of names that differ only by a hyphen before a digit", () => {
  // `data-2` and `data2` are both valid domain names; their key statements must not share an id,
  // or mergeBySid refuses to fold them and no identity policy can be built.
  it("builds the consumer's identity policy when `data-2` and `data2` both grant it a table", () => {
    const reader = handMadeSpec("reader", [{ name: "own", kind: "table" }]);
    const specs = [reader, handMadeSpec("data-2", [{ name: "facts", kind: "table", consumers: ["reader"] }]), handMadeSpec("data2", [{ name: "facts", kind: "table", consumers: ["reader"] }])];
    const policy = roleIdentityPolicy(domainContext(reader, "production", TEST_PLATFORM), "consumer", specs);
    expect(s3Resources(policy)).toContain("arn:aws:s3:::data-2-facts-prd-123456789012");
  });
});
