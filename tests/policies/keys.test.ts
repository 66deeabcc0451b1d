import { keysPolicies } from "../../policies/rules/keys";
import { KEY_ARN, T, auditBucket, kmsKey, productBucket } from "./awsFixtures";
import { resource, unknown, urnOf } from "./harness";
import { describeRules } from "./ruleCases";

const KEY = urnOf(T.key, "orders-key");
const policyDoc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const alias = (name: string, keyUrn: string | undefined, targetKeyId: unknown = "key-id") =>
  resource(T.alias, name, { name: `alias/meshkit/production/${name}`, targetKeyId }, { propertyDependencies: keyUrn ? { targetKeyId: [keyUrn] } : {} });

const restrictedKeyArn = "arn:aws:kms:eu-central-1:123456789012:key/restricted";
const withKey = (keyId: unknown) => ({
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyId }, bucketKeyEnabled: true }],
});

describeRules("keys", keysPolicies, {
  "keys-kms-rotation-enabled": {
    compliant: [kmsKey(), kmsKey("signing", { enableKeyRotation: false, keyUsage: "SIGN_VERIFY", customerMasterKeySpec: "RSA_2048" })],
    violating: [kmsKey("no-rotation", { enableKeyRotation: false }), kmsKey("unset", { enableKeyRotation: undefined })],
    violatingUrns: [urnOf(T.key, "no-rotation"), urnOf(T.key, "unset")],
    unknown: [kmsKey("k", { enableKeyRotation: unknown.boolean })],
  },

  "keys-kms-deletion-window": {
    // AWS defaults to 30 days when no window is given.
    compliant: [kmsKey(), kmsKey("default-window", { deletionWindowInDays: undefined })],
    violating: [kmsKey("short", { deletionWindowInDays: 7 })],
    violatingUrns: [urnOf(T.key, "short")],
    message: /7 days, below the minimum of 30/,
    unknown: [kmsKey("k", { deletionWindowInDays: unknown.number })],
    config: [{ config: { kmsDeletionWindowDays: 7 }, resources: [kmsKey("short", { deletionWindowInDays: 7 })], violates: false }],
  },

  "keys-kms-policy-no-wildcard-grant": {
    compliant: [kmsKey(), kmsKey("no-policy", { policy: undefined })],
    violating: [
      kmsKey("user-admin", {
        policy: policyDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/meshkit/orders-consumer" }, Action: "kms:*", Resource: "*" }),
      }),
      kmsKey("star", { policy: policyDoc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "*", Resource: "*" }) }),
      kmsKey("garbage", { policy: "nope" }),
    ],
    violatingUrns: [urnOf(T.key, "user-admin"), urnOf(T.key, "star"), urnOf(T.key, "garbage")],
    unknown: [kmsKey("k", { policy: unknown.string })],
    config: [
      {
        config: { adminPrincipals: ["arn:aws:iam::*:role/meshkit/orders-*"] },
        resources: [
          kmsKey("team-admin", {
            policy: policyDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/meshkit/orders-admin" }, Action: "kms:*", Resource: "*" }),
          }),
        ],
        violates: false,
      },
    ],
  },

  "keys-kms-policy-no-public-principal": {
    compliant: [
      kmsKey(),
      kmsKey("org", {
        policy: policyDoc({
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } },
        }),
      }),
    ],
    violating: [kmsKey("public", { policy: policyDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }) })],
    violatingUrns: [urnOf(T.key, "public")],
    unknown: [kmsKey("k", { policy: unknown.string })],
  },

  "keys-kms-no-lockout-bypass": {
    compliant: [kmsKey(), kmsKey("explicit", { bypassPolicyLockoutSafetyCheck: false })],
    violating: [kmsKey("bypass", { bypassPolicyLockoutSafetyCheck: true })],
    violatingUrns: [urnOf(T.key, "bypass")],
    unknown: [kmsKey("k", { bypassPolicyLockoutSafetyCheck: unknown.boolean })],
  },

  "keys-kms-key-enabled": {
    compliant: [kmsKey(), kmsKey("explicit", { isEnabled: true })],
    violating: [kmsKey("disabled", { isEnabled: false })],
    violatingUrns: [urnOf(T.key, "disabled")],
    unknown: [kmsKey("k", { isEnabled: unknown.boolean })],
  },

  "keys-kms-key-has-alias": {
    compliant: [
      kmsKey(),
      alias("orders", KEY),
      // An alias naming the key by ARN, without a dependency.
      kmsKey("by-arn", { arn: KEY_ARN }),
      alias("by-arn", undefined, KEY_ARN),
    ],
    violating: [kmsKey(), alias("orders", KEY), kmsKey("lonely")],
    violatingUrns: [urnOf(T.key, "lonely")],
    unknown: [kmsKey("by-arn", { arn: unknown.string }), alias("by-arn", undefined, KEY_ARN)],
  },

  "keys-kms-restricted-dedicated-key": {
    compliant: [
      ...productBucket("orders-facts"),
      ...productBucket("orders-secrets", { tags: { "data-classification": "restricted" }, parts: { encryption: withKey(restrictedKeyArn) } }),
      ...auditBucket(),
    ],
    violating: [
      ...productBucket("orders-facts"),
      ...productBucket("orders-secrets", { tags: { "data-classification": "restricted" } }),
      ...auditBucket(),
    ],
    violatingUrns: [urnOf(T.encryption, "orders-secrets-encryption")],
    message: /shares its KMS key with 2 other/,
    unknown: [
      ...productBucket("orders-facts", { parts: { encryption: withKey(unknown.string) } }),
      ...productBucket("orders-secrets", { tags: { "data-classification": "restricted" } }),
    ],
  },
});
