/**
 * The proof catches a wrong grant: one mutation of one generated policy, and the layer it lives in
 * no longer equals the declared matrix, naming the cell that went wrong. (That the unmutated
 * policies equal it is effectiveAccess.staging.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { installMocks } from "../support/mocks";
import { compareWithDeclared } from "./accessMatrix";
import { deployExamples, type ExamplePlatform } from "./deployExamples";
import type { Deployment } from "./deployment";

const mocks = installMocks();

type Statement = Record<string, any>;

/** A deep copy of the platform with one statement changed. */
function mutated(platform: ExamplePlatform, change: (deployment: Deployment) => void): ExamplePlatform {
  const copy = structuredClone(platform);
  change(copy.deployment);
  return copy;
}

function statement(policies: readonly { Statement: readonly Statement[] }[], sid: string): Statement {
  const found = policies.flatMap((p) => p.Statement).find((s) => s.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}`);
  return found;
}

const role = (d: Deployment, name: string) => {
  const found = d.roles.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no role ${name}`);
  return found;
};

describe("one wrong grant is caught", async () => {
  const platform = await deployExamples(mocks.resources, "staging");

  it("a wildcard resource in a consumer's identity policy", async () => {
    const wrong = mutated(platform, (d) => {
      statement(role(d, "meshkit-staging-orders-consumer").identity, "Read").Resource = "*";
    });
    const identity = await compareWithDeclared(wrong, "identity");
    expect(identity.mismatches).toContain("orders/consumer s3:GetObject payments/settlement-ledger: simulated allow, declared deny");
    // The bucket perimeter still holds: defence in depth, yet the layer's own check fails.
    expect((await compareWithDeclared(wrong, "effective")).mismatches).toEqual([]);
  });

  it("a dropped encryption-context condition in a shared key's policy", async () => {
    const wrong = mutated(platform, (d) => {
      const key = d.keys.find((k) => k.aliases.includes("alias/meshkit/staging/orders"))!;
      delete statement([key.policy], "ConsumeOrderEvents").Condition.StringEquals;
    });
    const resource = await compareWithDeclared(wrong, "resource");
    expect(resource.mismatches).toContain("customer-profile/consumer kms:Decrypt orders/order-facts: simulated allow, declared deny");
  });

  it("a consumer given PutObject on a product it reads", async () => {
    const wrong = mutated(platform, (d) => {
      const read = statement(role(d, "meshkit-staging-payments-consumer").identity, "Read");
      read.Action = [...read.Action, "s3:PutObject"];
    });
    const identity = await compareWithDeclared(wrong, "identity");
    // The statement reads three buckets, so the consumer now writes all three.
    expect(identity.mismatches).toEqual([
      "payments/consumer s3:PutObject orders/order-facts: simulated allow, declared deny",
      "payments/consumer s3:PutObject payments/settlement-ledger: simulated allow, declared deny",
      "payments/consumer s3:PutObject customer-profile/customer-segments: simulated allow, declared deny",
    ]);
  });

  it("a wildcard resource in a domain's permissions boundary", async () => {
    const wrong = mutated(platform, (d) => {
      const boundary = role(d, "meshkit-staging-orders-steward").boundary!;
      statement([boundary], "Read").Resource = "*";
    });
    const boundary = await compareWithDeclared(wrong, "boundary");
    expect(boundary.mismatches).toContain("orders/steward s3:GetObject payments/settlement-ledger: simulated allow, declared deny");
  });

  it("a wildcard principal in a bucket's data perimeter", async () => {
    const wrong = mutated(platform, (d) => {
      const bucket = d.buckets.find((b) => b.name === "orders-order-facts-stg-123456789012")!;
      statement([bucket.policy!], "DenyReadOutsideGrants").Condition.ArnNotEquals["aws:PrincipalArn"] = "arn:aws:iam::123456789012:role/*";
    });
    const effective = await compareWithDeclared(wrong, "effective");
    expect(effective.mismatches).toContain("outsider s3:GetObject orders/order-facts: simulated allow, declared deny");
    expect(effective.mismatches).toContain("platform-admin s3:GetObject orders/order-facts: simulated allow, declared deny");
  });
});
