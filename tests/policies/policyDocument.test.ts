/**
 * Policy documents with leaves unknown in preview, as meshkit's bucket policies are (the KMS key ARN
 * in a Deny condition): every rule reading documents decides on the known parts, and reports
 * "can't run during preview" only when its verdict depends on an unknown part.
 */
import { describe, expect, it } from "vitest";
import type { Policy } from "@pulumi/policy";
import { readPolicyDocument } from "../../policies/lib/policyDocument";
import { unknownCheckingProxy } from "../../policies/lib/preview";
import { and, isUnknown, or, some, Unknown } from "../../policies/lib/unknowns";
import { iamPolicies } from "../../policies/rules/iam";
import { keysPolicies } from "../../policies/rules/keys";
import { storagePolicies } from "../../policies/rules/storage";
import { findPolicy, resource, runResourcePolicy, unknown, type RunResult } from "./harness";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const IAM_POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const KMS_KEY = "aws:kms/key:Key";
const ARN = "arn:aws:s3:::orders-facts-prd-123456789012";
const READER = "arn:aws:iam::123456789012:role/meshkit/meshkit-production-orders-reader";
const ADMIN = "arn:aws:iam::123456789012:root";

type Statement = Record<string, unknown>;

const tlsDeny = (extra: Statement = {}): Statement => ({
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ARN, `${ARN}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
  ...extra,
});
/** meshkit's Deny on writes naming another key: the key ARN is unknown until the key exists. */
const otherKeyDeny = (keyArn: unknown = unknown.string): Statement => ({
  Sid: "DenyOtherKmsKey",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:PutObject",
  Resource: `${ARN}/*`,
  Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn }, Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" } },
});
const readerAllow = (extra: Statement = {}): Statement => ({
  Sid: "Read",
  Effect: "Allow",
  Principal: { AWS: READER },
  Action: ["s3:GetObject"],
  Resource: `${ARN}/*`,
  ...extra,
});
const bucketPolicy = (...Statement: Statement[]) => resource(BUCKET_POLICY, "bp", { bucket: "b", policy: { Version: "2012-10-17", Statement } });

const RULES: readonly Policy[] = [...iamPolicies, ...storagePolicies, ...keysPolicies];
const rule = (name: string) => findPolicy(RULES, name);
const BUCKET_POLICY_RULES = ["iam-policy-no-wildcard-action", "iam-resource-policy-not-public", "storage-bucket-policy-no-public-access", "storage-bucket-policy-tls-only"];

const decided = (r: RunResult) => ({ violations: r.violations.length, unknown: r.unknown !== undefined });

describe("reading a document with unknown leaves", () => {
  const read = (doc: unknown) => {
    const props = unknownCheckingProxy({ policy: doc });
    return readPolicyDocument(() => props.policy);
  };

  it("keeps every known part and marks each unknown leaf, list or statement", () => {
    const statements = read({ Statement: [otherKeyDeny(), readerAllow({ Action: ["s3:GetObject", unknown.string] }), unknown.object] });
    if (isUnknown(statements) || statements === "invalid" || statements === undefined) throw new Error("expected statements");
    const [deny, allow, third] = statements;
    if (isUnknown(deny) || isUnknown(allow)) throw new Error("expected known statements");
    expect(deny.effect).toBe("Deny");
    expect(deny.principals).toEqual([{ type: "*", id: "*" }]);
    const conditions = deny.conditions as { operator: string; key: string; values: unknown }[];
    expect(conditions.map((c) => c.operator)).toEqual(["stringnotequals", "null"]);
    expect(conditions[0]!.values).toBeInstanceOf(Unknown);
    expect(conditions[1]!.values).toEqual(["false"]);
    expect((allow.actions as unknown[])[0]).toBe("s3:GetObject");
    expect((allow.actions as unknown[])[1]).toBeInstanceOf(Unknown);
    expect(third).toBeInstanceOf(Unknown);
    expect((third as Unknown).error.message).toMatch(/\.policy\.Statement\.2 /);
  });

  it("reads JSON text and objects alike, tells absent from invalid, and marks a wholly unknown document", () => {
    const doc = { Statement: readerAllow() };
    expect(read(JSON.stringify(doc))).toEqual(read(doc));
    expect(read(undefined)).toBeUndefined();
    expect(read("")).toBeUndefined();
    expect(read("{not json")).toBe("invalid");
    expect(read(42)).toBe("invalid");
    expect(read(unknown.string)).toBeInstanceOf(Unknown);
  });
});

describe("three-valued verdicts", () => {
  const u = new Unknown(new Error("unknown"));
  it("lets a known false (and) or true (or) settle what an unknown cannot", () => {
    expect(and(false, u)).toBe(false);
    expect(and(true, u)).toBe(u);
    expect(or(true, u)).toBe(true);
    expect(or(false, u)).toBe(u);
    expect(some([u, "a"], (x) => x === "a")).toBe(true);
    expect(some([u, "a"], (x) => x === "b")).toBe(u);
    expect(some(u, () => true)).toBe(u);
  });
});

describe("meshkit's preview bucket policy: the key ARN unknown in a Deny condition", () => {
  const preview = bucketPolicy(tlsDeny(), otherKeyDeny(), readerAllow());

  for (const name of BUCKET_POLICY_RULES) {
    it(`${name} runs and passes`, async () => {
      expect(decided(await runResourcePolicy(rule(name), preview))).toEqual({ violations: 0, unknown: false });
    });
  }

  it("still finds what the known parts get wrong", async () => {
    const careless = bucketPolicy(otherKeyDeny(), readerAllow({ Principal: "*", Action: "s3:*" }));
    for (const name of BUCKET_POLICY_RULES) {
      expect(decided(await runResourcePolicy(rule(name), careless)), name).toEqual({ violations: 1, unknown: false });
    }
  });
});

describe("an unknown part that decides the verdict still can't run", () => {
  const cases: { rule: string; statements: Statement[] }[] = [
    // The action an Allow grants might be `*`.
    { rule: "iam-policy-no-wildcard-action", statements: [otherKeyDeny(), readerAllow({ Action: ["s3:GetObject", unknown.string] })] },
    // The principal of an Allow might be `*`.
    { rule: "iam-resource-policy-not-public", statements: [otherKeyDeny(), readerAllow({ Principal: { AWS: unknown.string } })] },
    { rule: "storage-bucket-policy-no-public-access", statements: [readerAllow({ Principal: unknown.object })] },
    // A condition value confining a `*` principal might itself be `*`.
    {
      rule: "storage-bucket-policy-no-public-access",
      statements: [readerAllow({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": unknown.string } } })],
    },
    // An Allow statement whose effect is unknown might be that public grant.
    { rule: "iam-resource-policy-not-public", statements: [readerAllow({ Principal: "*", Effect: unknown.string })] },
    // The only TLS deny, with an unknown condition value or effect, might not deny.
    { rule: "storage-bucket-policy-tls-only", statements: [tlsDeny({ Condition: { Bool: { "aws:SecureTransport": unknown.string } } })] },
    { rule: "storage-bucket-policy-tls-only", statements: [tlsDeny({ Effect: unknown.string }), otherKeyDeny()] },
    // A statement wholly unknown might be anything.
    { rule: "storage-bucket-policy-tls-only", statements: [unknown.object as unknown as Statement, otherKeyDeny()] },
    { rule: "storage-bucket-policy-no-public-access", statements: [tlsDeny(), unknown.object as unknown as Statement] },
  ];
  for (const [i, c] of cases.entries()) {
    it(`${c.rule} (${i + 1})`, async () => {
      expect(decided(await runResourcePolicy(rule(c.rule), bucketPolicy(...c.statements)))).toEqual({ violations: 0, unknown: true });
    });
  }

  it("reports the definite findings of a document before deferring its unknown parts", async () => {
    const r = await runResourcePolicy(rule("storage-bucket-policy-no-public-access"), bucketPolicy(readerAllow({ Principal: "*" }), readerAllow({ Principal: unknown.object })));
    expect(decided(r)).toEqual({ violations: 1, unknown: true });
  });

  it("a certain TLS deny settles tls-only whatever else is unknown", async () => {
    const r = await runResourcePolicy(rule("storage-bucket-policy-tls-only"), bucketPolicy(unknown.object as unknown as Statement, tlsDeny()));
    expect(decided(r)).toEqual({ violations: 0, unknown: false });
  });

  it("a TLS deny narrowed by a further condition does not deny every insecure request", async () => {
    const narrowed = tlsDeny({ Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "123456789012" } } });
    expect(decided(await runResourcePolicy(rule("storage-bucket-policy-tls-only"), bucketPolicy(narrowed)))).toEqual({ violations: 1, unknown: false });
  });
});

describe("the other document rules decide on the known parts too", () => {
  const identity = (...Statement: Statement[]) => resource(IAM_POLICY, "p", { policy: { Version: "2012-10-17", Statement } });
  const deny = { Effect: "Deny", Action: "s3:*", Resource: unknown.string, Condition: { StringNotEquals: { "aws:ResourceTag/domain": unknown.string } } };

  it("identity-policy rules ignore unknowns in Deny statements and in actions or resources that cannot matter", async () => {
    const known = identity(deny, { Effect: "Allow", Action: "s3:GetObject", Resource: [`${ARN}/*`, unknown.string] });
    expect(decided(await runResourcePolicy(rule("iam-policy-no-wildcard-action"), known))).toEqual({ violations: 0, unknown: false });
    // cloudwatch:* reaches no data service, so its unknown resource cannot make it a data grant on `*`.
    const noData = identity({ Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: unknown.string });
    expect(decided(await runResourcePolicy(rule("iam-policy-no-wildcard-resource"), noData))).toEqual({ violations: 0, unknown: false });
    // A named role's ARN settles PassRole whatever the unknown action list beside it holds.
    const named = identity({ Effect: "Allow", Action: ["iam:PassRole", unknown.string], Resource: READER });
    expect(decided(await runResourcePolicy(rule("iam-policy-no-passrole-wildcard"), named))).toEqual({ violations: 0, unknown: false });
  });

  it("identity-policy rules defer an unknown resource of a data grant and an unknown tag condition value", async () => {
    const unknownResource = identity({ Effect: "Allow", Action: "s3:GetObject", Resource: unknown.string });
    expect(decided(await runResourcePolicy(rule("iam-policy-no-wildcard-resource"), unknownResource))).toEqual({ violations: 0, unknown: true });
    const unknownTag = identity({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/domain": unknown.string } } });
    expect(decided(await runResourcePolicy(rule("iam-policy-no-wildcard-resource"), unknownTag))).toEqual({ violations: 0, unknown: true });
  });

  it("trust policies: an unknown account principal is not public; an unknown federated principal without a sub condition might be OIDC", async () => {
    const trust = (...Statement: Statement[]) => resource(ROLE, "r", { assumeRolePolicy: { Version: "2012-10-17", Statement } });
    const account = trust({ Effect: "Allow", Principal: { AWS: unknown.string }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } });
    expect(decided(await runResourcePolicy(rule("iam-role-trust-not-public"), account))).toEqual({ violations: 0, unknown: false });
    const federated = trust({ Effect: "Allow", Principal: { Federated: unknown.string }, Action: "sts:AssumeRoleWithWebIdentity" });
    expect(decided(await runResourcePolicy(rule("iam-role-trust-not-public"), federated))).toEqual({ violations: 0, unknown: true });
    const scoped = trust({ Effect: "Allow", Principal: { Federated: unknown.string }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks/id/X:sub": "system:serviceaccount:a:b" } } });
    expect(decided(await runResourcePolicy(rule("iam-role-trust-not-public"), scoped))).toEqual({ violations: 0, unknown: false });
  });

  it("key policies: kms:* to an unknown principal can't run; to the administrator beside an unknown grant it passes", async () => {
    const key = (...Statement: Statement[]) => resource(KMS_KEY, "k", { policy: { Version: "2012-10-17", Statement } });
    const admin = { Effect: "Allow", Principal: { AWS: ADMIN }, Action: "kms:*", Resource: "*" };
    const user = (principal: unknown) => ({ Effect: "Allow", Principal: { AWS: principal }, Action: ["kms:Decrypt"], Resource: "*" });
    expect(decided(await runResourcePolicy(rule("keys-kms-policy-no-wildcard-grant"), key(admin, user(unknown.string))))).toEqual({ violations: 0, unknown: false });
    expect(decided(await runResourcePolicy(rule("keys-kms-policy-no-public-principal"), key(admin, user(unknown.string))))).toEqual({ violations: 0, unknown: true });
    const toUnknown = { ...admin, Principal: { AWS: unknown.string } };
    expect(decided(await runResourcePolicy(rule("keys-kms-policy-no-wildcard-grant"), key(toUnknown)))).toEqual({ violations: 0, unknown: true });
    // Allow+NotAction that spares no KMS action grants kms:* as surely as `kms:*`.
    const notAction = { Effect: "Allow", Principal: { AWS: READER }, NotAction: "iam:*", Resource: "*" };
    expect(decided(await runResourcePolicy(rule("keys-kms-policy-no-wildcard-grant"), key(admin, notAction)))).toEqual({ violations: 1, unknown: false });
  });
});

describe("negated conditions confine nothing", () => {
  const notOrg = { Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-other" } } };
  const org = { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } };

  it("StringNotEquals aws:PrincipalOrgID leaves a `*` bucket or key principal public", async () => {
    const bucket = (extra: Statement) => bucketPolicy(readerAllow({ Principal: "*", ...extra }));
    const key = (extra: Statement) => resource(KMS_KEY, "k", { policy: { Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", ...extra }] } });
    for (const [name, doc] of [
      ["storage-bucket-policy-no-public-access", bucket],
      ["keys-kms-policy-no-public-principal", key],
      ["iam-resource-policy-not-public", bucket],
    ] as const) {
      expect(decided(await runResourcePolicy(rule(name), doc(notOrg))), name).toEqual({ violations: 1, unknown: false });
      expect(decided(await runResourcePolicy(rule(name), doc(org))), name).toEqual({ violations: 0, unknown: false });
    }
  });

  it("an IP condition confines unless it admits every address", async () => {
    const byIp = (cidr: string) => bucketPolicy(readerAllow({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": cidr } } }));
    expect(decided(await runResourcePolicy(rule("storage-bucket-policy-no-public-access"), byIp("10.0.0.0/8")))).toEqual({ violations: 0, unknown: false });
    expect(decided(await runResourcePolicy(rule("storage-bucket-policy-no-public-access"), byIp("0.0.0.0/0")))).toEqual({ violations: 1, unknown: false });
  });
});
