import { beforeAll, describe, expect, it } from "vitest";
import { keyAlias, REQUIRED_TAG_KEYS } from "../../conventions";
import type { DomainKeys as DomainKeysType } from "../../components/keys/domainKeys";
import { contextFor, exampleManifest, TEST_PLATFORM } from "../support/exampleDomains";
import { installMocks, type MockedResource } from "../support/mocks";
import { captureRegistrations } from "../support/registrations";
import { settle } from "../support/settle";

const mocks = installMocks();
const registrations = captureRegistrations();

type Statement = { Sid?: string; Effect: string; Principal?: { AWS: string | string[] }; Action: string | string[]; Condition?: Record<string, Record<string, unknown>> };
const policyOf = (key: MockedResource): Statement[] => JSON.parse(key.inputs.policy).Statement;
const actions = (s: Statement) => [s.Action].flat();
const keysOf = (prefix: string) => mocks.ofType("aws:kms/key:Key").filter((k) => k.name.startsWith(prefix));
const role = (env: string, domain: string, r: string) => `arn:aws:iam::${TEST_PLATFORM.accountId}:role/meshkit/meshkit-${env}-${domain}-${r}`;

const built: Record<string, DomainKeysType> = {};

beforeAll(async () => {
  const { DomainKeys } = await import("../../components/keys/domainKeys");
  for (const env of ["staging", "production"] as const) {
    for (const domain of ["orders", "payments"]) {
      built[`${env}-${domain}`] = new DomainKeys(`${env}-${domain}`, { context: contextFor(exampleManifest(domain), env) });
    }
  }
  await settle();
});

/** The key-policy statements admitting the alert topic's publishing services. */
const PUBLISHING_SIDS = ["AlarmsPublishAlerts", "RulesPublishAlerts"];

describe("DomainKeys", () => {
  it("creates a domain key, plus one per restricted product", () => {
    expect(keysOf("staging-orders-").map((k) => k.name)).toEqual(["staging-orders-key"]);
    // payments is restricted, so both of its products get a key of their own.
    expect(keysOf("staging-payments-").map((k) => k.name).sort()).toEqual([
      "staging-payments-key",
      "staging-payments-payment-events-key",
      "staging-payments-settlement-ledger-key",
    ]);
  });

  it("turns rotation on and takes the deletion window from the environment", () => {
    for (const key of keysOf("staging-")) expect([key.inputs.enableKeyRotation, key.inputs.deletionWindowInDays]).toEqual([true, 7]);
    for (const key of keysOf("production-")) expect([key.inputs.enableKeyRotation, key.inputs.deletionWindowInDays]).toEqual([true, 30]);
  });

  it("aliases keys by environment, domain and product", () => {
    const aliases = mocks.ofType("aws:kms/alias:Alias").filter((a) => a.name.startsWith("production-payments-"));
    expect(aliases.map((a) => [a.inputs.name, a.inputs.targetKeyId]).sort()).toEqual([
      [keyAlias("production", "payments"), "key-production-payments-key"],
      [keyAlias("production", "payments", "payment-events"), "key-production-payments-payment-events-key"],
      [keyAlias("production", "payments", "settlement-ledger"), "key-production-payments-settlement-ledger-key"],
    ]);
  });

  it("tags every key with the six required tags, product keys with the product's classification", () => {
    for (const key of keysOf("")) {
      for (const tag of REQUIRED_TAG_KEYS) expect(key.inputs.tags[tag], `${key.name} ${tag}`).toBeTruthy();
    }
    const orders = keysOf("staging-orders-key")[0].inputs.tags;
    expect(orders).toMatchObject({ domain: "orders", environment: "staging", owner: "orders-team", "cost-center": "CC-1042", "data-classification": "confidential", "managed-by": "meshkit" });
    const ledger = keysOf("staging-payments-settlement-ledger-key")[0].inputs.tags;
    expect(ledger).toMatchObject({ domain: "payments", "data-classification": "restricted", "data-product": "settlement-ledger", pii: "none" });
  });

  it("protects and retains keys and aliases in production only", () => {
    const stateful = registrations.filter((r) => r.type === "aws:kms/key:Key" || r.type === "aws:kms/alias:Alias");
    // orders: 1 key, payments: 3; each with an alias; in both environments.
    expect(stateful.length).toBe((1 + 3) * 2 * 2);
    for (const r of stateful) {
      const production = r.name.startsWith("production-");
      expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, production, production]);
    }
  });

  it("gives the platform administrator key management and no data use", () => {
    for (const key of keysOf("")) {
      const admin = policyOf(key).filter((s) => [s.Principal?.AWS].flat().includes(TEST_PLATFORM.platformAdminRoleArn));
      expect(admin.map((s) => s.Sid)).toEqual(["KeyAdministration"]);
      const granted = actions(admin[0]);
      expect(granted).toContain("kms:PutKeyPolicy");
      expect(granted).toContain("kms:ScheduleKeyDeletion");
      for (const forbidden of [/^kms:\*$/, /Decrypt/, /Encrypt/, /GenerateDataKey/, /CreateGrant/, /\*/]) {
        expect(granted.filter((a) => forbidden.test(a)), `${key.name} ${forbidden}`).toEqual([]);
      }
    }
  });

  it("names users only through aws:PrincipalArn on the account, never kms:* and never the administrator", () => {
    for (const key of keysOf("")) {
      for (const s of policyOf(key).filter((s) => s.Sid !== "KeyAdministration" && !PUBLISHING_SIDS.includes(s.Sid ?? ""))) {
        expect(s.Principal).toEqual({ AWS: `arn:aws:iam::${TEST_PLATFORM.accountId}:root` });
        const users = s.Condition?.ArnEquals?.["aws:PrincipalArn"] as string[];
        expect(users.length).toBeGreaterThan(0);
        expect(users).not.toContain(TEST_PLATFORM.platformAdminRoleArn);
        expect(actions(s)).not.toContain("kms:*");
      }
    }
  });

  it("lets the domain's roles use the key: all four decrypt, producer and pipeline also encrypt", () => {
    const statements = policyOf(keysOf("staging-orders-key")[0]);
    const users = (sid: string) => statements.find((s) => s.Sid === sid)?.Condition?.ArnEquals?.["aws:PrincipalArn"];
    expect(users("DomainRead")).toEqual(["consumer", "pipeline", "producer", "steward"].map((r) => role("staging", "orders", r)));
    expect(users("DomainWrite")).toEqual(["pipeline", "producer"].map((r) => role("staging", "orders", r)));
    expect(actions(statements.find((s) => s.Sid === "DomainWrite")!)).toEqual(["kms:Encrypt", "kms:GenerateDataKey"]);
  });

  it("lets the domain's roles use the domain key even when every product has a key of its own", () => {
    const statements = policyOf(keysOf("staging-payments-key")[0]);
    expect(statements.map((s) => s.Sid)).toEqual(["KeyAdministration", "DomainRead", "DomainWrite", ...PUBLISHING_SIDS]);
    expect(statements[1].Condition?.ArnEquals?.["aws:PrincipalArn"]).toHaveLength(4);
  });

  it("admits the alert topic's publishers to the domain key alone: the domain's alarms, and EventBridge", () => {
    for (const key of keysOf("")) {
      const publishing = policyOf(key).filter((s) => PUBLISHING_SIDS.includes(s.Sid ?? ""));
      const [environment, domain] = key.name.split("-");
      if (key.name !== `${environment}-${domain}-key`) {
        expect(publishing, key.name).toEqual([]);
        continue;
      }
      expect(publishing.map((s) => s.Principal)).toEqual([{ Service: "cloudwatch.amazonaws.com" }, { Service: "events.amazonaws.com" }]);
      for (const s of publishing) expect(actions(s).sort()).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
      expect(publishing[0].Condition).toEqual({
        StringEquals: { "aws:SourceAccount": TEST_PLATFORM.accountId },
        ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${TEST_PLATFORM.region}:${TEST_PLATFORM.accountId}:alarm:meshkit-${environment}-${domain}.*` },
      });
    }
  });

  it("lets each granted consumer decrypt only its product's data, by encryption context", () => {
    const statements = policyOf(keysOf("staging-orders-key")[0]);
    const facts = statements.find((s) => s.Sid === "ConsumeOrderFacts")!;
    expect(actions(facts)).toEqual(["kms:Decrypt"]);
    expect(facts.Condition).toEqual({
      ArnEquals: { "aws:PrincipalArn": [role("staging", "payments", "consumer"), role("staging", "payments", "pipeline")] },
      StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::orders-order-facts-stg-123456789012" },
    });
    const events = statements.find((s) => s.Sid === "ConsumeOrderEvents")!;
    expect(events.Condition?.StringEquals).toEqual({ "kms:EncryptionContext:meshkit:topic": "orders.order-events.v1" });
    expect(events.Condition?.ArnEquals?.["aws:PrincipalArn"]).toHaveLength(4);
  });

  it("puts a restricted product's consumers on that product's key only", () => {
    const events = policyOf(keysOf("staging-payments-payment-events-key")[0]);
    expect(events.find((s) => s.Sid === "ConsumePaymentEvents")?.Condition?.ArnEquals?.["aws:PrincipalArn"]).toEqual([
      role("staging", "orders", "consumer"),
      role("staging", "orders", "pipeline"),
    ]);
    expect(policyOf(keysOf("staging-payments-key")[0]).filter((s) => s.Sid?.startsWith("Consume"))).toEqual([]);
  });

  it("keyFor: the product's own key when restricted, else the domain key; unknown products are an error", () => {
    const payments = built["staging-payments"];
    expect(payments.keyFor("payment-events")).toBe(payments.productKeys["payment-events"]);
    const orders = built["staging-orders"];
    expect(orders.keyFor("order-facts")).toBe(orders.domainKey);
    expect(() => orders.keyFor("no-such-product")).toThrow(/orders declares no product named no-such-product/);
  });
});
