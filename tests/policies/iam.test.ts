import { describe, expect, it } from "vitest";
import { iamPolicies } from "../../policies/rules/iam";
import { findPolicy, productionFindings, resource, runResourcePolicy, unknown, urnOf, type TestResource } from "./harness";
import { describeRules } from "./ruleCases";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const KMS_KEY = "aws:kms/key:Key";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

const BUCKET = "arn:aws:s3:::orders-order-facts-prd-123456789012";
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const BOUNDARY = "arn:aws:iam::123456789012:policy/meshkit/meshkit-production-orders-boundary";

const rule = (name: string) => findPolicy(iamPolicies, name);
const messages = (r: { violations: { message: string }[] }) => r.violations.map((v) => v.message);

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action, Resource, ...extra });

/** An identity policy, its document given as JSON text (as most programs pass it). */
const policy = (document: unknown): TestResource =>
  resource(POLICY, "p", { policy: typeof document === "string" ? document : JSON.stringify(document) });

const LEAST_PRIVILEGE = doc(
  allow(["s3:GetObject", "s3:PutObject"], `${BUCKET}/*`),
  allow("kms:Decrypt", KEY),
  allow("s3:ListAllMyBuckets", "*"),
  // ABAC: every key of the domain, chosen by tag.
  allow(["kms:Decrypt", "kms:GenerateDataKey"], "*", { Condition: { StringEquals: { "aws:ResourceTag/domain": "orders" } } }),
);

const trustRole = (trust: unknown, extra: Record<string, unknown> = {}): TestResource =>
  resource(ROLE, "r", { assumeRolePolicy: JSON.stringify(trust), permissionsBoundary: BOUNDARY, ...extra });

const PIPELINE = "arn:aws:iam::123456789012:role/meshkit/meshkit-production-orders-pipeline";
const P_URN = urnOf(POLICY, "p");
const R_URN = urnOf(ROLE, "r");
const publicRead = (extra: Record<string, unknown> = {}) => allow("s3:GetObject", `${BUCKET}/*`, { Principal: "*", ...extra });
const bucketPolicy = (...statements: Record<string, unknown>[]) => resource(BUCKET_POLICY, "bp", { bucket: "b", policy: JSON.stringify(doc(...statements)) });
const assumeByAnyone = (Condition?: Record<string, unknown>) => doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });
const accountTrust = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" });
const bareRole = (props: Record<string, unknown>) => resource(ROLE, "r", { assumeRolePolicy: "{}", ...props });
const attachment = (policyArn: unknown) => resource(ATTACHMENT, "a", { role: "r", policyArn });

describeRules("iam", iamPolicies, {
  "iam-policy-no-wildcard-action": {
    compliant: [policy(LEAST_PRIVILEGE)],
    violating: [policy(doc(allow("s3:*", BUCKET)))],
    violatingUrns: [P_URN],
    message: /allows s3:\*/,
    unknown: [resource(POLICY, "p", { policy: unknown.string })],
    config: [{ config: { dataServices: ["dynamodb"] }, resources: [policy(doc(allow("dynamodb:*", "*")))], violates: true }],
  },

  "iam-policy-no-wildcard-resource": {
    compliant: [policy(LEAST_PRIVILEGE)],
    violating: [policy(doc(allow("s3:GetObject", "*")))],
    violatingUrns: [P_URN],
    unknown: [resource(POLICY, "p", { policy: doc(allow("s3:GetObject", unknown.string)) })],
    config: [{ config: { allowedActions: ["glue:GetTables"] }, resources: [policy(doc(allow("glue:GetTables", "*")))], violates: false }],
  },

  "iam-policy-no-passrole-wildcard": {
    compliant: [policy(doc(allow("iam:PassRole", PIPELINE)))],
    violating: [policy(doc(allow("iam:PassRole", "*")))],
    violatingUrns: [P_URN],
    message: /iam:PassRole on every role/,
    unknown: [resource(POLICY, "p", { policy: doc(allow("iam:PassRole", unknown.string)) })],
    config: [
      {
        config: { allowWithPassedToService: true },
        resources: [policy(doc(allow("iam:PassRole", "*", { Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } } })))],
        violates: false,
      },
    ],
  },

  "iam-role-trust-not-public": {
    compliant: [trustRole(accountTrust)],
    violating: [trustRole(assumeByAnyone())],
    violatingUrns: [R_URN],
    unknown: [resource(ROLE, "r", { assumeRolePolicy: unknown.string })],
    config: [
      { config: { restrictingConditionKeys: ["aws:SourceIdentity"] }, resources: [trustRole(assumeByAnyone({ StringEquals: { "aws:SourceIdentity": "ci" } }))], violates: false },
    ],
  },

  "iam-resource-policy-not-public": {
    compliant: [bucketPolicy(allow("s3:GetObject", `${BUCKET}/*`, { Principal: { AWS: PIPELINE } }))],
    violating: [bucketPolicy(publicRead())],
    violatingUrns: [urnOf(BUCKET_POLICY, "bp")],
    message: /to any principal/,
    unknown: [resource(BUCKET_POLICY, "bp", { policy: doc(allow("s3:GetObject", BUCKET, { Principal: unknown.object })) })],
    config: [
      { config: { restrictingConditionKeys: ["aws:PrincipalOrgID"] }, resources: [bucketPolicy(publicRead({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }))], violates: true },
    ],
  },

  "iam-role-permissions-boundary": {
    compliant: [bareRole({ path: "/meshkit/", permissionsBoundary: BOUNDARY })],
    violating: [bareRole({ path: "/meshkit/" })],
    violatingUrns: [R_URN],
    unknown: [bareRole({ path: unknown.string })],
    config: [{ config: { pathPrefixes: ["/meshkit/"] }, resources: [bareRole({ path: "/service-role/" })], violates: false }],
  },

  "iam-role-no-broad-managed-policy": {
    compliant: [attachment("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")],
    violating: [attachment("arn:aws:iam::aws:policy/AdministratorAccess")],
    violatingUrns: [urnOf(ATTACHMENT, "a")],
    unknown: [attachment(unknown.string)],
    config: [{ config: { deniedPolicyNames: ["ReadOnlyAccess"] }, resources: [attachment("arn:aws:iam::aws:policy/ReadOnlyAccess")], violates: true }],
  },
});

describe("iam-policy-no-wildcard-action", () => {
  const p = rule("iam-policy-no-wildcard-action");
  it("passes listed actions, object documents, and Deny statements with wildcards", async () => {
    expect((await runResourcePolicy(p, policy(LEAST_PRIVILEGE))).violations).toEqual([]);
    const denyAll = doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET}/*` });
    expect((await runResourcePolicy(p, resource(BUCKET_POLICY, "bp", { bucket: "b", policy: denyAll }))).violations).toEqual([]);
  });
  it("flags *, service wildcards of data services, NotAction and broken JSON, in every place a document lives", async () => {
    expect(messages(await runResourcePolicy(p, policy(doc(allow("*", "*")))))).toEqual(["policy allows *."]);
    expect(messages(await runResourcePolicy(p, policy(doc(allow(["s3:GetObject", "S3:*", "kafka-cluster:*"], BUCKET)))))).toEqual([
      "policy allows S3:*, kafka-cluster:*.",
    ]);
    expect(messages(await runResourcePolicy(p, policy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })))))
      .toEqual(["policy allows every action except iam:* (NotAction)."]);
    expect(messages(await runResourcePolicy(p, policy("{not json")))).toEqual(["policy is not valid JSON, so its grants cannot be checked."]);
    const inline = resource(ROLE, "r", { assumeRolePolicy: "{}", inlinePolicies: [{ name: "data", policy: JSON.stringify(doc(allow("glue:*", "*"))) }] });
    expect(messages(await runResourcePolicy(p, inline))).toEqual(["inline policy 'data' allows glue:*."]);
    const rolePolicy = resource(ROLE_POLICY, "rp", { role: "r", policy: doc(allow("iam:*", "*")) });
    expect((await runResourcePolicy(p, rolePolicy)).violations[0]!.urn).toBe(urnOf(ROLE_POLICY, "rp"));
  });
  it("leaves kms:* in key policies to the keys area but still refuses *", async () => {
    const admin = doc(allow("kms:*", "*", { Principal: { AWS: "arn:aws:iam::123456789012:root" } }));
    expect((await runResourcePolicy(p, resource(KMS_KEY, "k", { policy: JSON.stringify(admin) }))).violations).toEqual([]);
    const everything = doc(allow("*", "*", { Principal: { AWS: "arn:aws:iam::123456789012:root" } }));
    expect((await runResourcePolicy(p, resource(KMS_KEY, "k", { policy: JSON.stringify(everything) }))).violations).toHaveLength(1);
  });
  it("reports unknown documents and unknown actions as unknown", async () => {
    expect((await runResourcePolicy(p, resource(POLICY, "p", { policy: unknown.string }))).unknown).toMatch(/policy/);
    const r = await runResourcePolicy(p, resource(POLICY, "p", { policy: doc(allow(unknown.array, "*")) }));
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/Action/) });
  });
  it("takes the data services from config", async () => {
    const dynamo = policy(doc(allow("dynamodb:*", "*")));
    expect((await runResourcePolicy(p, dynamo)).violations).toEqual([]);
    expect((await runResourcePolicy(p, dynamo, { config: { dataServices: ["dynamodb"] } })).violations).toHaveLength(1);
  });
});

describe("iam-policy-no-wildcard-resource", () => {
  const p = rule("iam-policy-no-wildcard-resource");
  it("passes ARN-scoped, list-only and tag-scoped statements", async () => {
    expect((await runResourcePolicy(p, policy(LEAST_PRIVILEGE))).violations).toEqual([]);
    const scoped = doc(
      allow("s3:GetObject", ["arn:aws:s3:::landing/*", "arn:aws:s3:::landing/raw/*"]),
      allow("glue:GetTable", "arn:aws:glue:eu-west-1:123456789012:table/orders/*"),
      allow("iam:GetRole", "arn:aws:iam::123456789012:role/meshkit/*"),
    );
    expect((await runResourcePolicy(p, policy(scoped))).violations).toEqual([]);
  });
  it("flags data actions on *, on every key or bucket, via NotResource, and with non-confining conditions", async () => {
    expect(messages(await runResourcePolicy(p, policy(doc(allow("s3:GetObject", "*")))))).toEqual([
      "policy allows s3:GetObject on * with no resource-tag condition.",
    ]);
    expect((await runResourcePolicy(p, policy(doc(allow("kms:Decrypt", "arn:aws:kms:*:123456789012:key/*")))))).toMatchObject({ violations: [expect.anything()] });
    expect((await runResourcePolicy(p, policy(doc(allow("s3:Get*", "arn:aws:s3:::*/*")))))).toMatchObject({ violations: [expect.anything()] });
    expect((await runResourcePolicy(p, policy(doc(allow("s3:ListBucket", "arn:aws:s3:::*")))))).toMatchObject({ violations: [expect.anything()] });
    expect((await runResourcePolicy(p, policy(doc(allow("glue:GetTable", "arn:aws:glue:eu-west-1:123456789012:table/*")))))).toMatchObject({ violations: [expect.anything()] });
    expect((await runResourcePolicy(p, policy(doc({ Effect: "Allow", Action: "glue:GetTable", NotResource: BUCKET }))))).toMatchObject({ violations: [expect.anything()] });
    const negated = allow("kms:Decrypt", "*", { Condition: { StringNotEquals: { "aws:ResourceTag/domain": "payments" } } });
    expect((await runResourcePolicy(p, policy(doc(negated)))).violations).toHaveLength(1);
    const ifExists = allow("kms:Decrypt", "*", { Condition: { StringEqualsIfExists: { "aws:ResourceTag/domain": "orders" } } });
    expect((await runResourcePolicy(p, policy(doc(ifExists)))).violations).toHaveLength(1);
  });
  it("leaves non-data services and resource policies alone", async () => {
    expect((await runResourcePolicy(p, policy(doc(allow("cloudwatch:PutMetricData", "*"))))).violations).toEqual([]);
    const keyPolicy = doc(allow("kms:Decrypt", "*", { Principal: { AWS: "arn:aws:iam::123456789012:role/x" } }));
    expect((await runResourcePolicy(p, resource(KMS_KEY, "k", { policy: JSON.stringify(keyPolicy) }))).violations).toEqual([]);
  });
  it("reports an unknown resource as unknown", async () => {
    const r = await runResourcePolicy(p, resource(POLICY, "p", { policy: doc(allow("s3:GetObject", unknown.string)) }));
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/Resource/) });
  });
  it("takes allowed actions and data services from config", async () => {
    const listing = policy(doc(allow("glue:GetTables", "*")));
    expect((await runResourcePolicy(p, listing)).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, listing, { config: { allowedActions: ["glue:GetTables"] } })).violations).toEqual([]);
    expect((await runResourcePolicy(p, listing, { config: { dataServices: ["s3"] } })).violations).toEqual([]);
  });
});

describe("iam-policy-no-passrole-wildcard", () => {
  const p = rule("iam-policy-no-passrole-wildcard");
  it("passes PassRole on named roles", async () => {
    expect((await runResourcePolicy(p, policy(doc(allow("iam:PassRole", PIPELINE))))).violations).toEqual([]);
  });
  it("flags PassRole on every role, however the action is spelled", async () => {
    for (const action of ["iam:PassRole", "iam:Pass*", "IAM:*", "*"]) {
      expect(messages(await runResourcePolicy(p, policy(doc(allow(action, "*")))))).toEqual(["policy allows iam:PassRole on every role."]);
    }
    expect((await runResourcePolicy(p, policy(doc(allow("iam:PassRole", "arn:aws:iam::123456789012:role/*")))))).toMatchObject({ violations: [expect.anything()] });
    const notAction = doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" });
    expect((await runResourcePolicy(p, policy(notAction))).violations).toHaveLength(1);
  });
  it("reports an unknown resource as unknown", async () => {
    const r = await runResourcePolicy(p, resource(POLICY, "p", { policy: doc(allow("iam:PassRole", unknown.string)) }));
    expect(r).toMatchObject({ violations: [], unknown: expect.any(String) });
  });
  it("accepts a PassedToService condition only when configured to", async () => {
    const scoped = policy(doc(allow("iam:PassRole", "*", { Condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } } })));
    expect((await runResourcePolicy(p, scoped)).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, scoped, { config: { allowWithPassedToService: true } })).violations).toEqual([]);
  });
});

describe("iam-role-trust-not-public", () => {
  const p = rule("iam-role-trust-not-public");
  const OIDC = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
  const irsa = (condition: Record<string, unknown>) =>
    doc({ Effect: "Allow", Principal: { Federated: OIDC }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition });

  it("passes account, service, org-confined and IRSA trusts", async () => {
    for (const trust of [
      doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }),
      doc({ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }),
      doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }),
      irsa({ StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:orders-production:pipeline" } }),
    ]) {
      expect((await runResourcePolicy(p, trustRole(trust))).violations).toEqual([]);
    }
  });
  it("flags *, AWS:*, NotPrincipal, a negated condition, an unscoped web identity and broken JSON", async () => {
    expect(messages(await runResourcePolicy(p, trustRole(doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }))))).toEqual([
      "the trust policy lets any AWS principal assume the role.",
    ]);
    expect((await runResourcePolicy(p, trustRole(doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }))))).toMatchObject({ violations: [expect.anything()] });
    expect((await runResourcePolicy(p, trustRole(doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "sts:AssumeRole" }))))).toMatchObject({ violations: [expect.anything()] });
    const negated = doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-evil" } } });
    expect((await runResourcePolicy(p, trustRole(negated))).violations).toHaveLength(1);
    const audOnly = await runResourcePolicy(p, trustRole(irsa({ StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" } })));
    expect(messages(audOnly)[0]).toMatch(/every identity of .*oidc-provider.*:sub/);
    expect((await runResourcePolicy(p, resource(ROLE, "r", { assumeRolePolicy: "nope" }))).violations).toHaveLength(1);
  });
  it("reports an unknown trust policy as unknown", async () => {
    expect((await runResourcePolicy(p, resource(ROLE, "r", { assumeRolePolicy: unknown.string }))).unknown).toMatch(/assumeRolePolicy/);
  });
  it("takes the restricting condition keys from config", async () => {
    const bySourceIp = trustRole(doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceIdentity": "ci" } } }));
    expect((await runResourcePolicy(p, bySourceIp)).violations).toHaveLength(1);
    expect((await runResourcePolicy(p, bySourceIp, { config: { restrictingConditionKeys: ["aws:SourceIdentity"] } })).violations).toEqual([]);
  });
});

describe("iam-resource-policy-not-public", () => {
  const p = rule("iam-resource-policy-not-public");
  it("passes named principals, confined * principals and Deny *", async () => {
    const r = await runResourcePolicy(
      p,
      bucketPolicy(
        allow("s3:GetObject", `${BUCKET}/*`, { Principal: { AWS: "arn:aws:iam::123456789012:role/x" } }),
        allow("s3:GetObject", `${BUCKET}/*`, { Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }),
        { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET}/*`, Condition: { Bool: { "aws:SecureTransport": false } } },
      ),
    );
    expect(r.violations).toEqual([]);
    const keyPolicy = doc(allow("kms:Decrypt", "*", { Principal: { AWS: "*" }, Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } } }));
    expect((await runResourcePolicy(p, resource(KMS_KEY, "k", { policy: JSON.stringify(keyPolicy) }))).violations).toEqual([]);
  });
  it("flags a public bucket policy and a public key policy", async () => {
    expect(messages(await runResourcePolicy(p, bucketPolicy(allow("s3:GetObject", `${BUCKET}/*`, { Principal: "*" }))))).toEqual([
      "resource policy allows s3:GetObject to any principal.",
    ]);
    const keyPolicy = doc(allow("kms:Decrypt", "*", { Principal: { AWS: "*" } }));
    expect((await runResourcePolicy(p, resource(KMS_KEY, "k", { policy: keyPolicy }))).violations).toHaveLength(1);
  });
  it("ignores keys without a policy and reports unknown principals as unknown", async () => {
    expect((await runResourcePolicy(p, resource(KMS_KEY, "k", { enableKeyRotation: true }))).violations).toEqual([]);
    const r = await runResourcePolicy(p, resource(BUCKET_POLICY, "bp", { policy: doc(allow("s3:GetObject", BUCKET, { Principal: unknown.object })) }));
    expect(r).toMatchObject({ violations: [], unknown: expect.stringMatching(/Principal/) });
  });
  it("takes the restricting condition keys from config", async () => {
    const byVpce = bucketPolicy(allow("s3:GetObject", `${BUCKET}/*`, { Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }));
    expect((await runResourcePolicy(p, byVpce)).violations).toEqual([]);
    expect((await runResourcePolicy(p, byVpce, { config: { restrictingConditionKeys: ["aws:PrincipalOrgID"] } })).violations).toHaveLength(1);
  });
});

describe("iam-role-permissions-boundary", () => {
  const p = rule("iam-role-permissions-boundary");
  it("passes a role with a boundary", async () => {
    expect((await runResourcePolicy(p, bareRole({ path: "/meshkit/", permissionsBoundary: BOUNDARY }))).violations).toEqual([]);
  });
  it("flags a role without one, or with an empty one", async () => {
    expect(messages(await runResourcePolicy(p, bareRole({})))).toEqual(["role (path '/') has no permissions boundary."]);
    expect((await runResourcePolicy(p, bareRole({ permissionsBoundary: "" }))).violations).toHaveLength(1);
  });
  it("counts a boundary whose ARN is unknown in preview as set, and reports an unknown path as unknown", async () => {
    expect(await runResourcePolicy(p, bareRole({ permissionsBoundary: unknown.string }))).toMatchObject({ violations: [], unknown: undefined });
    expect((await runResourcePolicy(p, bareRole({ path: unknown.string }))).unknown).toMatch(/path/);
  });
  it("checks only the configured paths", async () => {
    const config = { pathPrefixes: ["/meshkit/"] };
    expect((await runResourcePolicy(p, bareRole({ path: "/service-role/" }), { config })).violations).toEqual([]);
    expect((await runResourcePolicy(p, bareRole({ path: "/meshkit/" }), { config })).violations).toHaveLength(1);
  });
});

describe("iam-role-no-broad-managed-policy", () => {
  const p = rule("iam-role-no-broad-managed-policy");
  it("passes customer policies and narrow AWS policies", async () => {
    expect((await runResourcePolicy(p, attachment("arn:aws:iam::123456789012:policy/meshkit/orders-read"))).violations).toEqual([]);
    expect((await runResourcePolicy(p, attachment("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))).violations).toEqual([]);
  });
  it("flags administrator and full-access policies, attached or listed on the role", async () => {
    expect(messages(await runResourcePolicy(p, attachment("arn:aws:iam::aws:policy/AdministratorAccess")))).toEqual([
      "managed policy 'arn:aws:iam::aws:policy/AdministratorAccess' grants far more than a data domain needs.",
    ]);
    const role = resource(ROLE, "r", { assumeRolePolicy: "{}", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] });
    expect((await runResourcePolicy(p, role)).violations).toHaveLength(1);
  });
  it("reports an unknown ARN as unknown", async () => {
    expect((await runResourcePolicy(p, attachment(unknown.string))).unknown).toMatch(/policyArn/);
  });
  it("takes the denied names from config", async () => {
    const readOnly = attachment("arn:aws:iam::aws:policy/ReadOnlyAccess");
    expect((await runResourcePolicy(p, readOnly)).violations).toEqual([]);
    expect((await runResourcePolicy(p, readOnly, { config: { deniedPolicyNames: ["ReadOnlyAccess"] } })).violations).toHaveLength(1);
  });
});

describe("production: careless IAM and its compliant twins", () => {
  const careless = [
    resource(POLICY, "admin", { policy: JSON.stringify(doc(allow("*", "*"))) }),
    resource(ROLE, "open", { assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" })) }),
  ];
  const twins = [
    resource(POLICY, "least", { policy: JSON.stringify(LEAST_PRIVILEGE) }),
    resource(ROLE, "closed", {
      path: "/meshkit/",
      permissionsBoundary: BOUNDARY,
      assumeRolePolicy: JSON.stringify(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" })),
    }),
  ];

  it("gives every careless resource a mandatory finding and its twins none", async () => {
    const findings = await productionFindings(iamPolicies, [...careless, ...twins]);
    for (const r of careless) {
      const urn = urnOf(r.type, r.name!);
      expect(findings.filter((f) => f.urn === urn && f.level === "mandatory"), urn).not.toEqual([]);
    }
    for (const r of twins) expect(findings.filter((f) => f.urn === urnOf(r.type, r.name!))).toEqual([]);
  });
});
