import { describe, expect, it } from "vitest";
import { isPermitted, portEncryptionContext, type Policy } from "./simulator";

const account = "123456789012";
const role = `arn:aws:iam::${account}:role/meshkit/reader`;
const key = `arn:aws:kms:eu-west-1:${account}:key/k1`;
const decryptTopic = (topic: string): Policy => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: key, Condition: { StringEquals: { "kms:EncryptionContext:meshkit:topic": topic } } }],
});
const request = (context: Record<string, string>) => ({
  principal: `arn:aws:sts::${account}:assumed-role/reader/proof`,
  action: "kms:Decrypt",
  resource: key,
  accountId: account,
  context: { "aws:PrincipalArn": role, ...context },
});
const DEFAULT_KEY_POLICY: Policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
};

describe("simulator adaptation of kms:EncryptionContext", () => {
  it("renames encryption-context condition keys and nothing else", () => {
    const policy: Policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b", "aws:ResourceTag/domain": "orders" } } },
        { Effect: "Deny", Action: "s3:*", Resource: "*" },
      ],
    };
    expect(portEncryptionContext(policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/kms-ec:aws:s3:arn": "arn:aws:s3:::b", "aws:ResourceTag/domain": "orders" } } },
        { Effect: "Deny", Action: "s3:*", Resource: "*" },
      ],
    });
  });

  it("decides on the context's value: matching allows, another value or none denies", async () => {
    const policies = { identity: [decryptTopic("orders.order-events.v1")], resource: DEFAULT_KEY_POLICY };
    expect(await isPermitted(request({ "kms:EncryptionContext:meshkit:topic": "orders.order-events.v1" }), policies)).toBe(true);
    expect(await isPermitted(request({ "kms:EncryptionContext:meshkit:topic": "orders.order-facts.v2" }), policies)).toBe(false);
    expect(await isPermitted(request({}), policies)).toBe(false);
  });

  it("refuses a request carrying a context key the simulator would ignore", async () => {
    const s3 = { ...request({ "aws:ResourceTag/domain": "orders" }), action: "s3:GetObject", resource: "arn:aws:s3:::bucket/object" };
    await expect(isPermitted(s3, { identity: [] })).rejects.toThrow(/ignored context keys aws:ResourceTag\/domain/);
  });

  it("refuses an invalid policy instead of denying", async () => {
    const broken = { Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "kms:Decrypt", Resource: key }] };
    await expect(isPermitted(request({}), { identity: [broken] })).rejects.toThrow(/simulator rejected kms:Decrypt/);
  });
});
