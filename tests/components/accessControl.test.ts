import { beforeAll, describe, expect, it } from "vitest";
import { DOMAIN_ROLES, PIPELINE_SERVICE_ACCOUNT, REQUIRED_TAG_KEYS, ROLE_PATH } from "../../conventions";
import { pipelineTrustPolicy } from "../../components/access/trustPolicies";
import { contextFor, exampleManifest, exampleManifests, TEST_PLATFORM } from "../support/exampleDomains";
import { installMocks, type MockedResource } from "../support/mocks";
import { captureRegistrations } from "../support/registrations";
import { settle } from "../support/settle";

const mocks = installMocks();
const registrations = captureRegistrations();
const OIDC = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123";

type Statement = { Sid?: string; Effect: string; Principal?: unknown; Action: string | string[]; Resource?: string | string[]; Condition?: Record<string, Record<string, unknown>> };
const statementsOf = (json: string): Statement[] => JSON.parse(json).Statement;
const roleNamed = (name: string): MockedResource => {
  const found = mocks.ofType("aws:iam/role:Role").find((r) => r.inputs.name === name);
  if (found === undefined) throw new Error(`no role ${name}`);
  return found;
};
const identityOf = (name: string) => statementsOf(mocks.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.inputs.role === name)!.inputs.policy);
const allActions = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

beforeAll(async () => {
  const { AccessControl } = await import("../../components/access/accessControl");
  const specs = exampleManifests().map((m) => m.spec);
  for (const env of ["staging", "production"] as const) {
    new AccessControl(`${env}-orders`, { context: contextFor(exampleManifest("orders"), env), platformSpecs: specs, oidcProviderArn: OIDC });
  }
  // Without the other manifests, a domain's roles reach only its own products.
  new AccessControl("alone-payments", { context: contextFor(exampleManifest("payments"), "staging"), oidcProviderArn: OIDC });
  await settle();
});

describe("AccessControl", () => {
  it("creates the four roles under the meshkit path with deterministic names", () => {
    for (const role of DOMAIN_ROLES) {
      const r = roleNamed(`meshkit-production-orders-${role}`);
      expect(r.inputs.path).toBe(ROLE_PATH);
    }
  });

  it("tags every role and the boundary with the six required tags; the domain tag is the ABAC principal tag", () => {
    const taggable = [...mocks.ofType("aws:iam/role:Role"), ...mocks.ofType("aws:iam/policy:Policy")];
    expect(taggable).toHaveLength(3 * 5);
    for (const r of taggable) for (const tag of REQUIRED_TAG_KEYS) expect(r.inputs.tags[tag], `${r.name} ${tag}`).toBeTruthy();
    expect(roleNamed("meshkit-staging-orders-steward").inputs.tags).toMatchObject({ domain: "orders", environment: "staging", "meshkit-role": "steward" });
  });

  it("puts the domain's permissions boundary on every role", () => {
    const boundary = mocks.ofType("aws:iam/policy:Policy").find((p) => p.inputs.name === "meshkit-staging-orders-boundary")!;
    expect(boundary.inputs.path).toBe(ROLE_PATH);
    const boundaryArn = `arn:aws:iam:eu-west-1:123456789012:${boundary.inputs.name}`; // as the mocks compute it
    for (const role of DOMAIN_ROLES) expect(roleNamed(`meshkit-staging-orders-${role}`).inputs.permissionsBoundary).toBe(boundaryArn);
  });

  it("lets people of the domain assume the human roles, never anyone unconditionally", () => {
    const [statement, ...rest] = statementsOf(roleNamed("meshkit-staging-orders-consumer").inputs.assumeRolePolicy);
    expect(rest).toEqual([]);
    expect(statement.Principal).toEqual({ AWS: `arn:aws:iam::${TEST_PLATFORM.accountId}:root` });
    expect(statement.Condition).toEqual({
      ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_*"] },
      StringEquals: { "aws:PrincipalTag/domain": "orders" },
    });
  });

  it("trusts the pipeline role to the domain's pipeline ServiceAccount in its namespace (IRSA)", () => {
    // The document itself is the builder's, tested in builders/trustPolicies; this checks the wiring.
    const trust = JSON.parse(roleNamed("meshkit-production-orders-pipeline").inputs.assumeRolePolicy);
    expect(trust).toEqual(pipelineTrustPolicy(OIDC, "orders-production", PIPELINE_SERVICE_ACCOUNT));
  });

  it("grants no wildcard action and no wildcard resource, but metric publishing, which has no resource and is confined to its namespace", () => {
    for (const p of [...mocks.ofType("aws:iam/rolePolicy:RolePolicy"), ...mocks.ofType("aws:iam/policy:Policy")]) {
      for (const s of statementsOf(p.inputs.policy)) {
        expect([s.Action].flat().filter((a) => a.includes("*")), p.name).toEqual([]);
        if (s.Sid === "PublishFreshness") {
          expect(s.Action).toBe("cloudwatch:PutMetricData");
          expect(s.Condition).toEqual({ StringEquals: { "cloudwatch:namespace": "Meshkit/DataProducts" } });
        } else expect([s.Resource].flat(), p.name).not.toContain("*");
      }
    }
  });

  it("lets only the pipeline role (and so the boundary) publish the freshness metric", () => {
    const publishes = (p: { inputs: Record<string, any> }) => statementsOf(p.inputs.policy).some((s) => s.Sid === "PublishFreshness");
    const roles = mocks.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role.startsWith("meshkit-production-orders-"));
    expect(roles.filter(publishes).map((p) => p.inputs.role)).toEqual(["meshkit-production-orders-pipeline"]);
    expect(mocks.ofType("aws:iam/policy:Policy").every(publishes)).toBe(true);
  });

  it("selects keys by ABAC: own keys by the principal's domain tag, granted keys by owner tag and encryption context", () => {
    const statements = identityOf("meshkit-staging-orders-consumer");
    expect(statements.find((s) => s.Sid === "OwnKeys")?.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/domain": "${aws:PrincipalTag/domain}", "aws:ResourceTag/environment": "staging" },
    });
    expect(statements.find((s) => s.Sid === "PaymentsStreamKeys")?.Condition).toEqual({
      StringEquals: { "aws:ResourceTag/domain": "payments", "aws:ResourceTag/environment": "staging", "kms:EncryptionContext:meshkit:topic": "payments.payment-events.v3" },
    });
  });

  it("reads granted products of other domains through consumer and pipeline roles only, never writing them", () => {
    const segments = "customer-profile-customer-segments-stg-123456789012";
    const mentionsOthers = (s: Statement) => /payments|customer-profile|customer_profile/.test(JSON.stringify([s.Resource, s.Condition]));
    const granted = (name: string) => identityOf(name).filter(mentionsOthers);
    expect(granted("meshkit-staging-orders-consumer").map((s) => s.Sid)).toEqual([
      "SchemaRead",
      "List",
      "Read",
      "CatalogRead",
      "PaymentsStreamKeys",
      "CustomerProfileStreamKeys",
      "CustomerProfileTableKeys",
    ]);
    expect(identityOf("meshkit-staging-orders-consumer").find((s) => s.Sid === "Read")?.Resource).toEqual([
      "arn:aws:s3:::orders-order-facts-stg-123456789012/*",
      `arn:aws:s3:::${segments}/*`,
    ]);
    for (const role of ["producer", "pipeline"]) {
      const writes = identityOf(`meshkit-staging-orders-${role}`).filter((s) => s.Sid === "Write" || s.Sid === "CatalogWrite");
      expect(writes.filter(mentionsOthers), role).toEqual([]);
    }
    expect(granted("meshkit-staging-orders-producer")).toEqual([]);
    expect(granted("meshkit-staging-orders-steward")).toEqual([]);
  });

  it("lets producer and pipeline write the domain's own tables; consumer and steward only read them", () => {
    const writes = (name: string) => allActions(identityOf(name)).filter((a) => ["s3:PutObject", "kms:GenerateDataKey", "glue:CreatePartition"].includes(a));
    expect(writes("meshkit-staging-orders-producer")).toEqual(["kms:GenerateDataKey", "s3:PutObject", "glue:CreatePartition"]);
    expect(writes("meshkit-staging-orders-pipeline")).toEqual(["kms:GenerateDataKey", "s3:PutObject", "glue:CreatePartition"]);
    expect(writes("meshkit-staging-orders-consumer")).toEqual([]);
    expect(writes("meshkit-staging-orders-steward")).toEqual([]);
  });

  it("lets every holder of a stream read its schema, and nobody register schema versions", () => {
    const schemaRead = identityOf("meshkit-staging-orders-consumer").find((s) => s.Sid === "SchemaRead")!;
    expect(schemaRead.Resource).toEqual([
      "arn:aws:glue:eu-west-1:123456789012:registry/meshkit-staging-orders-schemas",
      "arn:aws:glue:eu-west-1:123456789012:schema/meshkit-staging-orders-schemas/orders.order-events.v1",
      "arn:aws:glue:eu-west-1:123456789012:registry/meshkit-staging-payments-schemas",
      "arn:aws:glue:eu-west-1:123456789012:schema/meshkit-staging-payments-schemas/payments.payment-events.v3",
      "arn:aws:glue:eu-west-1:123456789012:registry/meshkit-staging-customer-profile-schemas",
      "arn:aws:glue:eu-west-1:123456789012:schema/meshkit-staging-customer-profile-schemas/customer-profile.customer-profiles.v2",
    ]);
    for (const p of mocks.ofType("aws:iam/rolePolicy:RolePolicy")) expect(p.inputs.policy).not.toContain("glue:RegisterSchemaVersion");
  });

  it("grants nothing of other domains when their manifests are not given", () => {
    const sids = identityOf("meshkit-staging-payments-consumer").map((s) => s.Sid);
    expect(sids).toEqual(["OwnKeys", "SchemaRead", "List", "Read", "CatalogRead"]);
  });

  it("marks nothing protected: roles hold no data and are recreated from the manifest", () => {
    expect(registrations.filter((r) => r.type.startsWith("aws:iam/") && r.protect)).toEqual([]);
  });
});
