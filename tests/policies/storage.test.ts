import { describe, expect, it } from "vitest";
import { storagePolicies } from "../../policies/rules/storage";
import { AUDIT_URN, T, TAGS, accessLogBucket, auditBucket, bucketSet, compliantStorage, kmsKey, productBucket, tlsOnlyPolicy } from "./awsFixtures";
import { findPolicy, resource, runPolicy, unknown, urnOf } from "./harness";
import { describeRules } from "./ruleCases";

const FACTS = urnOf(T.bucket, "orders-facts");
/** The audit and access-log buckets every domain has. */
const domainBuckets = () => [...auditBucket(), ...accessLogBucket()];

const kmsRule = (sseAlgorithm: unknown, kmsMasterKeyId?: unknown, bucketKeyEnabled: unknown = true) => ({
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, ...(kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId }) }, bucketKeyEnabled }],
});

const publicPolicy = JSON.stringify({
  Statement: [{ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
});
const orgPolicy = JSON.stringify({
  Statement: [
    {
      Sid: "Org",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::b/*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
    },
  ],
});

const lifecycle = (rule: Record<string, unknown>) => ({ rules: [{ id: "r", status: "Enabled", ...rule }] });

describeRules("storage", storagePolicies, {
  "storage-bucket-encryption-kms": {
    compliant: [
      // The access-log bucket uses SSE-S3: S3 delivers server access logs only to such buckets.
      ...compliantStorage(),
      // In preview the key's ARN is unknown; the dependency on the key resource proves a customer-managed key.
      kmsKey(),
      ...productBucket("orders-keyed", {
        parts: { encryption: kmsRule("aws:kms", unknown.string) },
        partDependencies: { encryption: { rules: [urnOf(T.key, "orders-key")] } },
      }),
    ],
    violating: [
      ...productBucket("orders-facts", { parts: { encryption: kmsRule("AES256") } }),
      ...domainBuckets(),
      resource(T.encryption, "aes", { bucket: "b", rules: kmsRule("AES256").rules }),
      resource(T.encryptionV2, "aws-managed", { bucket: "b", ...kmsRule("aws:kms", "alias/aws/s3") }),
      resource(T.encryption, "no-key", { bucket: "b", ...kmsRule("aws:kms") }),
      resource(T.bucket, "inline", { bucket: "inline", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } }),
    ],
    violatingUrns: [
      urnOf(T.encryption, "orders-facts-encryption"),
      urnOf(T.encryption, "aes"),
      urnOf(T.encryptionV2, "aws-managed"),
      urnOf(T.encryption, "no-key"),
      urnOf(T.bucket, "inline"),
    ],
    unknown: [resource(T.encryption, "e", { bucket: "b", ...kmsRule(unknown.string) })],
  },

  "storage-bucket-encryption-bucket-key": {
    compliant: compliantStorage(),
    violating: [resource(T.encryption, "e", { bucket: "b", ...kmsRule("aws:kms", "k", false) })],
    violatingUrns: [urnOf(T.encryption, "e")],
    unknown: [resource(T.encryption, "e", { bucket: "b", ...kmsRule("aws:kms", "k", unknown.boolean) })],
  },

  "storage-bucket-public-access-block-complete": {
    compliant: compliantStorage(),
    violating: [resource(T.publicAccessBlock, "pab", { bucket: "b", blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true })],
    violatingUrns: [urnOf(T.publicAccessBlock, "pab")],
    message: /blockPublicPolicy, restrictPublicBuckets/,
    unknown: [resource(T.publicAccessBlock, "pab", { bucket: "b", blockPublicAcls: unknown.boolean })],
  },

  "storage-bucket-acl-private": {
    compliant: [...compliantStorage(), resource(T.acl, "acl", { bucket: "b", acl: "private" })],
    violating: [
      resource(T.bucket, "public", { acl: "public-read" }),
      resource(T.acl, "grant", {
        bucket: "b",
        accessControlPolicy: {
          owner: { id: "o" },
          grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }],
        },
      }),
    ],
    violatingUrns: [urnOf(T.bucket, "public"), urnOf(T.acl, "grant")],
    unknown: [resource(T.acl, "acl", { bucket: "b", acl: unknown.string })],
  },

  "storage-bucket-policy-no-public-access": {
    compliant: [...compliantStorage(), resource(T.policy, "org", { bucket: "b", policy: orgPolicy })],
    violating: [
      resource(T.policy, "public", { bucket: "b", policy: publicPolicy }),
      resource(T.policy, "garbage", { bucket: "b", policy: "{not json" }),
      resource(T.bucket, "inline", { policy: publicPolicy }),
    ],
    violatingUrns: [urnOf(T.policy, "public"), urnOf(T.policy, "garbage"), urnOf(T.bucket, "inline")],
    unknown: [resource(T.policy, "p", { bucket: "b", policy: unknown.string })],
  },

  "storage-bucket-policy-tls-only": {
    compliant: compliantStorage(),
    violating: [
      resource(T.policy, "org-only", { bucket: "b", policy: orgPolicy }),
      resource(T.policy, "allow-tls", {
        bucket: "b",
        policy: tlsOnlyPolicy("b").replace('"Deny"', '"Allow"'),
      }),
    ],
    violatingUrns: [urnOf(T.policy, "org-only"), urnOf(T.policy, "allow-tls")],
    unknown: [resource(T.policy, "p", { bucket: "b", policy: unknown.string })],
  },

  "storage-bucket-versioning-enabled": {
    compliant: [...compliantStorage(), resource(T.bucket, "inline", { versioning: { enabled: true } })],
    violating: [
      resource(T.versioning, "v", { bucket: "b", versioningConfiguration: { status: "Suspended" } }),
      resource(T.bucket, "inline", { versioning: { enabled: false } }),
    ],
    violatingUrns: [urnOf(T.versioning, "v"), urnOf(T.bucket, "inline")],
    unknown: [resource(T.versioning, "v", { bucket: "b", versioningConfiguration: { status: unknown.string } })],
  },

  "storage-bucket-lifecycle-expiration": {
    compliant: compliantStorage(),
    violating: [
      resource(T.lifecycle, "transitions-only", { bucket: "b", ...lifecycle({ transitions: [{ days: 30, storageClass: "STANDARD_IA" }] }) }),
      resource(T.lifecycle, "disabled", { bucket: "b", rules: [{ id: "r", status: "Disabled", expiration: { days: 30 } }] }),
    ],
    violatingUrns: [urnOf(T.lifecycle, "transitions-only"), urnOf(T.lifecycle, "disabled")],
    unknown: [resource(T.lifecycle, "l", { bucket: "b", ...lifecycle({ expiration: unknown.object }) })],
  },

  "storage-bucket-lifecycle-transitions-ordered": {
    compliant: [
      ...compliantStorage(),
      resource(T.lifecycle, "archive", {
        bucket: "b",
        ...lifecycle({
          transitions: [
            { days: 30, storageClass: "STANDARD_IA" },
            { days: 90, storageClass: "GLACIER_IR" },
            { days: 365, storageClass: "DEEP_ARCHIVE" },
          ],
          expiration: { days: 2555 },
        }),
      }),
    ],
    violating: [
      resource(T.lifecycle, "too-soon", { bucket: "b", ...lifecycle({ transitions: [{ days: 7, storageClass: "STANDARD_IA" }] }) }),
      resource(T.lifecycle, "backwards", {
        bucket: "b",
        ...lifecycle({ transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 120, storageClass: "STANDARD_IA" }] }),
      }),
      resource(T.lifecycle, "expires-first", {
        bucket: "b",
        ...lifecycle({ transitions: [{ days: 30, storageClass: "STANDARD_IA" }], expiration: { days: 14 } }),
      }),
    ],
    violatingUrns: ["too-soon", "backwards", "expires-first"].map((n) => urnOf(T.lifecycle, n)),
    unknown: [resource(T.lifecycle, "l", { bucket: "b", ...lifecycle({ transitions: [{ days: unknown.number, storageClass: "STANDARD_IA" }] }) })],
  },

  "storage-bucket-ownership-enforced": {
    compliant: [resource(T.ownership, "o", { bucket: "b", rule: { objectOwnership: "BucketOwnerEnforced" } })],
    violating: [resource(T.ownership, "o", { bucket: "b", rule: { objectOwnership: "ObjectWriter" } })],
    violatingUrns: [urnOf(T.ownership, "o")],
    unknown: [resource(T.ownership, "o", { bucket: "b", rule: { objectOwnership: unknown.string } })],
  },

  "storage-bucket-has-public-access-block": {
    compliant: compliantStorage(),
    violating: [...productBucket("orders-facts", { omit: ["publicAccessBlock"] }), ...domainBuckets()],
    violatingUrns: [FACTS],
    unknown: [
      ...productBucket("orders-facts", { omit: ["publicAccessBlock"] }),
      resource(T.publicAccessBlock, "pab", { bucket: unknown.string }),
    ],
  },

  "storage-bucket-has-encryption": {
    // Parts attached by literal bucket name (no dependency) count as well.
    compliant: [...productBucket("orders-facts", { byName: true }), ...domainBuckets()],
    violating: [...productBucket("orders-facts", { omit: ["encryption"] }), ...domainBuckets()],
    violatingUrns: [FACTS],
    unknown: [...productBucket("orders-facts", { omit: ["encryption"] }), resource(T.encryption, "e", { bucket: unknown.string })],
  },

  "storage-bucket-has-versioning": {
    compliant: [...compliantStorage(), resource(T.bucket, "inline", { bucket: "inline", versioning: { enabled: true } })],
    violating: [
      ...productBucket("orders-facts", { omit: ["versioning"] }),
      ...domainBuckets(),
      // Bucket outputs carry `versioning: {enabled: false}` even when unset: not a versioning configuration.
      resource(T.bucket, "inline", { bucket: "inline", versioning: { enabled: false } }),
    ],
    violatingUrns: [FACTS, urnOf(T.bucket, "inline")],
    unknown: [...productBucket("orders-facts", { omit: ["versioning"] }), resource(T.versioning, "v", { bucket: unknown.string })],
  },

  "storage-bucket-has-lifecycle": {
    compliant: compliantStorage(),
    violating: [...productBucket("orders-facts", { omit: ["lifecycle"] }), ...domainBuckets()],
    violatingUrns: [FACTS],
    unknown: [...productBucket("orders-facts", { omit: ["lifecycle"] }), resource(T.lifecycle, "l", { bucket: unknown.string })],
  },

  "storage-bucket-has-policy": {
    compliant: compliantStorage(),
    violating: [...productBucket("orders-facts", { omit: ["policy"] }), ...domainBuckets()],
    violatingUrns: [FACTS],
    unknown: [...productBucket("orders-facts", { omit: ["policy"] }), resource(T.policy, "p", { bucket: unknown.string })],
  },

  "storage-bucket-has-access-logging": {
    compliant: compliantStorage(),
    violating: [...productBucket("orders-facts", { omit: ["logging"] }), ...domainBuckets()],
    // The access-log bucket itself receives logs (the audit bucket's) and needs none of its own.
    violatingUrns: [FACTS],
    unknown: [...productBucket("orders-facts", { omit: ["logging"] }), resource(T.logging, "l", { bucket: unknown.string, targetBucket: "x" })],
  },

  "storage-audit-bucket-object-lock": {
    compliant: [
      ...compliantStorage(),
      // Named like an audit bucket by the domain's choice of product name, but a product's bucket.
      ...productBucket("orders-audit-trail", { bucketName: "orders-audit-trail-prd-123456789012" }),
      // A domain named fraud-audit: its access-log bucket can never take object lock.
      ...accessLogBucket({ bucketName: "fraud-audit-access-logs-prd-123456789012" }),
    ],
    violating: [
      ...productBucket(),
      ...auditBucket({ parts: { objectLock: { rule: { defaultRetention: { mode: "GOVERNANCE", years: 1 } } } } }),
      // Tagged as an audit bucket, without object lock.
      ...bucketSet("payments-audit", [], { bucketName: "payments-audit-prd-123456789012", tags: { "bucket-purpose": "audit" } }),
    ],
    violatingUrns: [AUDIT_URN, AUDIT_URN, urnOf(T.bucket, "payments-audit")],
    unknown: [...productBucket(), ...auditBucket({ parts: { objectLock: { rule: { defaultRetention: { mode: unknown.string, years: 7 } } } } })],
    config: [
      // Staging turns object lock off (0 years).
      { config: { auditObjectLockYears: 0 }, resources: [...productBucket(), ...auditBucket({ omit: ["objectLock"] })], violates: false },
      // Another program's audit bucket, untagged, found by the configured name pattern.
      { config: { auditBucketPatterns: ["^ledger-evidence-"] }, resources: [...bucketSet("ledger-evidence-2026", [])], violates: true },
    ],
  },

  "storage-pii-bucket-noncurrent-expiry": {
    compliant: [
      ...compliantStorage(),
      // Confidential but explicitly without personal data: no erasure window applies.
      ...productBucket("orders-stats", { tags: { pii: "none" }, omit: ["lifecycle"] }),
    ],
    violating: [
      ...productBucket("orders-facts", { parts: { lifecycle: lifecycle({ expiration: { days: 365 }, noncurrentVersionExpiration: { noncurrentDays: 90 } }) } }),
      // A rule limited to a prefix does not erase the whole bucket.
      ...productBucket("customer-profiles", {
        tags: { "data-classification": "internal", pii: "email.phone" },
        parts: { lifecycle: lifecycle({ filter: { prefix: "tmp/" }, noncurrentVersionExpiration: { noncurrentDays: 1 } }) },
      }),
      ...domainBuckets(),
    ],
    violatingUrns: [FACTS, urnOf(T.bucket, "customer-profiles")],
    unknown: [...productBucket("orders-facts", { parts: { lifecycle: lifecycle({ noncurrentVersionExpiration: { noncurrentDays: unknown.number } }) } })],
    config: [
      {
        config: { piiNoncurrentExpiryMaxDays: 7 },
        resources: productBucket("orders-facts"),
        violates: true,
      },
    ],
  },
});

describe("storage rules in detail", () => {
  it("report definite findings alongside an unknown in another bucket", async () => {
    const policy = findPolicy(storagePolicies, "storage-pii-bucket-noncurrent-expiry");
    const r = await runPolicy(policy, [
      ...productBucket("orders-facts", { omit: ["lifecycle"] }),
      ...productBucket("orders-other", { parts: { lifecycle: lifecycle({ noncurrentVersionExpiration: { noncurrentDays: unknown.number } }) } }),
    ]);
    expect(r.violations.map((v) => v.urn)).toEqual([FACTS]);
    expect(r.unknown).toBeDefined();
  });

  it("attach configuration to V2 buckets and deprecated V2 parts", async () => {
    const policy = findPolicy(storagePolicies, "storage-bucket-has-encryption");
    const bucket = resource(T.bucketV2, "legacy", { bucket: "legacy", tags: TAGS });
    const enc = resource(T.encryptionV2, "legacy-enc", { bucket: "legacy", ...kmsRule("aws:kms", "k") });
    expect((await runPolicy(policy, [bucket, enc])).violations).toEqual([]);
    expect((await runPolicy(policy, [bucket])).violations.map((v) => v.urn)).toEqual([urnOf(T.bucketV2, "legacy")]);
  });
});
