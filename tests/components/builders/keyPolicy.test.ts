/**
 * The KMS key policy builder, without Pulumi: administrators manage and never use, the owning
 * domain's roles use, and granted consumers decrypt only their product's encryption context.
 */
import { describe, expect, it } from "vitest";
import { keyPolicy, type KeyPolicyArgs } from "../../../components/keys/keyPolicy";
import { consumerPrincipals, ownPrincipals } from "../../../components/grants/productPrincipals";
import { productEncryptionContext } from "../../../components/policy/encryptionContext";
import type { PolicyStatement } from "../../../components/policy/policyDocument";
import { contextFor, exampleManifest, TEST_PLATFORM } from "../../support/exampleDomains";
import { isPermitted, type Policy } from "../../access/simulator";

const ROOT = "arn:aws:iam::123456789012:root";
const ADMIN = TEST_PLATFORM.platformAdminRoleArn;
const role = (env: string, domain: string, r: string) => `arn:aws:iam::123456789012:role/meshkit/meshkit-${env}-${domain}-${r}`;
const actionsOf = (s: PolicyStatement) => [s.Action].flat();
const principalArnsOf = (s: PolicyStatement) => [(s.Condition?.ArnEquals?.["aws:PrincipalArn"] ?? []) as string[]].flat();

/** The orders domain key in production, as DomainKeys composes it (both products share the domain key). */
function ordersKeyArgs(): KeyPolicyArgs {
  const manifest = exampleManifest("orders");
  const context = contextFor(manifest, "production");
  const products = manifest.spec.spec.products;
  const own = ownPrincipals(context, products[0]);
  return {
    accountRootArn: ROOT,
    administrators: [ADMIN],
    readers: own.readers,
    writers: own.writers,
    consumers: products.map((p) => ({
      product: p.name,
      readers: consumerPrincipals(context, p).readers,
      context: productEncryptionContext(context.platform, context.profile, "orders", p),
    })),
  };
}

describe("keyPolicy: administrators versus users", () => {
  const policy = keyPolicy(ordersKeyArgs());

  it("names the platform administrator as a principal only in the administration statement", () => {
    const naming = policy.Statement.filter((s) => JSON.stringify(s).includes(ADMIN));
    expect(naming.map((s) => s.Sid)).toEqual(["KeyAdministration"]);
    expect(naming[0].Principal).toEqual({ AWS: [ADMIN] });
  });

  it("gives no one kms:* or *, and gives administrators no data action and no CreateGrant", () => {
    for (const s of policy.Statement) {
      expect(actionsOf(s)).not.toContain("kms:*");
      expect(actionsOf(s)).not.toContain("*");
    }
    const admin = actionsOf(policy.Statement.find((s) => s.Sid === "KeyAdministration")!);
    for (const forbidden of ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:CreateGrant"]) {
      expect(admin).not.toContain(forbidden);
    }
    expect(admin.some((a) => /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(a) || a.includes("*"))).toBe(false);
    // Administration really is there: the key can be managed and its policy changed.
    expect(admin).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:EnableKeyRotation", "kms:CreateAlias"]));
  });

  it("every use statement is on the account principal, narrowed by aws:PrincipalArn to named roles", () => {
    const uses = policy.Statement.filter((s) => s.Sid !== "KeyAdministration");
    expect(uses.length).toBeGreaterThan(0);
    for (const s of uses) {
      expect(s.Effect).toBe("Allow");
      expect(s.Principal).toEqual({ AWS: ROOT });
      expect(principalArnsOf(s).length).toBeGreaterThan(0);
      expect(principalArnsOf(s)).not.toContain(ADMIN);
      for (const arn of principalArnsOf(s)) expect(arn).not.toContain("*");
    }
  });

  it("lets the owning domain's four roles read and only its producer and pipeline write", () => {
    const read = policy.Statement.find((s) => s.Sid === "DomainRead")!;
    const write = policy.Statement.find((s) => s.Sid === "DomainWrite")!;
    expect(actionsOf(read).sort()).toEqual(["kms:Decrypt", "kms:DescribeKey"]);
    expect(principalArnsOf(read)).toEqual(["consumer", "pipeline", "producer", "steward"].map((r) => role("production", "orders", r)));
    expect(actionsOf(write).sort()).toEqual(["kms:Encrypt", "kms:GenerateDataKey"]);
    expect(principalArnsOf(write)).toEqual([role("production", "orders", "pipeline"), role("production", "orders", "producer")]);
  });

  it("pins each consumer's Decrypt to its granted product's encryption context", () => {
    const consume = policy.Statement.filter((s) => s.Sid?.startsWith("Consume"));
    expect(consume).toEqual([
      {
        Sid: "ConsumeOrderEvents",
        Effect: "Allow",
        Principal: { AWS: ROOT },
        Action: ["kms:Decrypt"],
        Resource: "*",
        Condition: {
          ArnEquals: {
            "aws:PrincipalArn": [
              role("production", "customer-profile", "consumer"),
              role("production", "customer-profile", "pipeline"),
              role("production", "payments", "consumer"),
              role("production", "payments", "pipeline"),
            ],
          },
          StringEquals: { "kms:EncryptionContext:meshkit:topic": "orders.order-events.v1" },
        },
      },
      {
        Sid: "ConsumeOrderFacts",
        Effect: "Allow",
        Principal: { AWS: ROOT },
        Action: ["kms:Decrypt"],
        Resource: "*",
        Condition: {
          ArnEquals: { "aws:PrincipalArn": [role("production", "payments", "consumer"), role("production", "payments", "pipeline")] },
          StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::orders-order-facts-prd-123456789012" },
        },
      },
    ]);
  });

  it("never lets a consumer role use the key without a context condition, nor encrypt", () => {
    const consumerRoles = [role("production", "payments", "consumer"), role("production", "customer-profile", "pipeline")];
    for (const s of policy.Statement) {
      const named = principalArnsOf(s).filter((a) => consumerRoles.includes(a));
      if (named.length === 0) continue;
      expect(actionsOf(s)).toEqual(["kms:Decrypt"]);
      expect(Object.keys(s.Condition?.StringEquals ?? {})).toHaveLength(1);
      expect(Object.keys(s.Condition!.StringEquals!)[0]).toMatch(/^kms:EncryptionContext:/);
    }
  });
});

describe("keyPolicy: edges", () => {
  const base: KeyPolicyArgs = {
    accountRootArn: ROOT,
    administrators: [ADMIN],
    readers: [],
    writers: [],
    consumers: [{ product: "lonely", readers: [], context: { key: "meshkit:topic", value: "d.lonely.v1" } }],
  };

  it("writes no use statement for an empty reader or writer list and no consume statement for a product without consumers", () => {
    expect(keyPolicy(base).Statement.map((s) => s.Sid)).toEqual(["KeyAdministration"]);
  });

  it("lists every administrator given, and only them, as principals", () => {
    const second = "arn:aws:iam::123456789012:role/break-glass";
    const policy = keyPolicy({ ...base, administrators: [ADMIN, second] });
    expect(policy.Statement[0].Principal).toEqual({ AWS: [ADMIN, second] });
    expect(policy.Statement.filter((s) => s.Principal !== undefined && JSON.stringify(s.Principal).includes("role/"))).toHaveLength(1);
  });
});

describe("keyPolicy under the IAM policy simulator (identity side allows everything)", () => {
  const policy = keyPolicy(ordersKeyArgs()) as unknown as Policy;
  const KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const ALLOW_ALL = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
  const session = (arn: string) => `arn:aws:sts::123456789012:assumed-role/${arn.split("/").pop()}/test`;
  const decrypt = (principalRole: string, context: Record<string, string>) =>
    isPermitted(
      { principal: session(principalRole), action: "kms:Decrypt", resource: KEY, accountId: "123456789012", context: { ...context, "kms:CallerAccount": "123456789012", "aws:PrincipalArn": principalRole, "aws:PrincipalAccount": "123456789012" } },
      { identity: [ALLOW_ALL], resource: policy },
    );
  const ORDER_EVENTS = { "kms:EncryptionContext:meshkit:topic": "orders.order-events.v1" };
  const ORDER_FACTS = { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::orders-order-facts-prd-123456789012" };

  it("customer-profile decrypts order-events but not order-facts, which is granted to payments only", async () => {
    expect(await decrypt(role("production", "customer-profile", "consumer"), ORDER_EVENTS)).toBe(true);
    expect(await decrypt(role("production", "customer-profile", "consumer"), ORDER_FACTS)).toBe(false);
    expect(await decrypt(role("production", "payments", "pipeline"), ORDER_FACTS)).toBe(true);
  });

  it("a consumer cannot decrypt without the product's context, the administrator and an outsider not at all", async () => {
    expect(await decrypt(role("production", "payments", "consumer"), {})).toBe(false);
    expect(await decrypt(role("production", "payments", "consumer"), { "kms:EncryptionContext:meshkit:topic": "orders.order-events.v2" })).toBe(false);
    expect(await decrypt(ADMIN, ORDER_EVENTS)).toBe(false);
    expect(await decrypt("arn:aws:iam::123456789012:role/outsider", ORDER_EVENTS)).toBe(false);
    expect(await decrypt(role("production", "orders", "steward"), {})).toBe(true);
  });
});

describe("consumer statement ids of products that differ only by a hyphen before a digit", () => {
  // `events-2` and `events2` may share the domain key; IAM wants Sids unique within a policy.
  it("gives every statement of the key policy a distinct Sid", () => {
    const grant = (product: string, value: string) => ({ product, readers: [role("production", "reader", "consumer")], context: { key: "meshkit:topic", value } });
    const policy = keyPolicy({
      accountRootArn: ROOT,
      administrators: [ADMIN],
      readers: [],
      writers: [],
      consumers: [grant("events-2", "maker.events-2.v1"), grant("events2", "maker.events2.v1")],
    });
    const sids = policy.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe("keyPolicy: the alert topic's publishers, under the IAM policy simulator", () => {
  const ACCOUNT = "123456789012";
  const ALARMS = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:*`;
  const policy = keyPolicy({ ...ordersKeyArgs(), alertPublishing: { sourceAccount: ACCOUNT, alarmSourceArn: ALARMS } }) as unknown as Policy;
  const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  /** A service publishing to the encrypted topic asks KMS for a data key, or decrypts one. */
  const asService = (service: string, action: string, source: Record<string, string>) =>
    isPermitted({ principal: service, action, resource: KEY, accountId: ACCOUNT, context: source }, { identity: [], resource: policy });
  const alarm = (account: string) => ({ "aws:SourceAccount": account, "aws:SourceArn": `arn:aws:cloudwatch:eu-west-1:${account}:alarm:orders-late` });

  it("lets this account's CloudWatch alarms generate data keys and decrypt, so alarms reach the topic", async () => {
    expect(await asService("cloudwatch.amazonaws.com", "kms:GenerateDataKey", alarm(ACCOUNT))).toBe(true);
    expect(await asService("cloudwatch.amazonaws.com", "kms:Decrypt", alarm(ACCOUNT))).toBe(true);
  });

  it("refuses another account's alarms (the confused deputy)", async () => {
    expect(await asService("cloudwatch.amazonaws.com", "kms:GenerateDataKey", alarm("999999999999"))).toBe(false);
  });

  it("lets EventBridge generate data keys and decrypt, so rules reach the topic", async () => {
    expect(await asService("events.amazonaws.com", "kms:GenerateDataKey", {})).toBe(true);
    expect(await asService("events.amazonaws.com", "kms:Decrypt", {})).toBe(true);
  });

  it("gives the services nothing else, and other services nothing", async () => {
    expect(await asService("cloudwatch.amazonaws.com", "kms:Encrypt", alarm(ACCOUNT))).toBe(false);
    expect(await asService("events.amazonaws.com", "kms:ReEncryptFrom", {})).toBe(false);
    expect(await asService("lambda.amazonaws.com", "kms:GenerateDataKey", {})).toBe(false);
  });

  it("is absent unless asked for: a product key admits no service", () => {
    expect(JSON.stringify(keyPolicy(ordersKeyArgs()))).not.toContain("amazonaws.com");
  });
});
