import { describe, expect, it } from "vitest";
import { readPolicyDocument, type Statement } from "../../policies/lib/policyDocument";
import { unknownCheckingProxy, UNKNOWN_SENTINELS } from "../../policies/lib/preview";
import { deniesInsecureTransport } from "../../policies/lib/secureTransport";
import { isUnknown } from "../../policies/lib/unknowns";

const TLS_DENY = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

function statement(s: Record<string, unknown>): Statement {
  const props = unknownCheckingProxy({ policy: { Statement: [s] } });
  const statements = readPolicyDocument(() => props.policy);
  if (statements === undefined || statements === "invalid" || isUnknown(statements) || isUnknown(statements[0])) throw new Error("expected one statement");
  return statements[0]!;
}

describe("deniesInsecureTransport", () => {
  it("accepts a Deny for everyone of reads and writes without TLS", () => {
    expect(deniesInsecureTransport(statement(TLS_DENY))).toBe(true);
    expect(deniesInsecureTransport(statement({ ...TLS_DENY, Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } }))).toBe(true);
  });

  it("rejects an Allow, a named principal, too few actions, or a further narrowing condition", () => {
    expect(deniesInsecureTransport(statement({ ...TLS_DENY, Effect: "Allow" }))).toBe(false);
    expect(deniesInsecureTransport(statement({ ...TLS_DENY, Principal: { AWS: "arn:aws:iam::123456789012:root" } }))).toBe(false);
    expect(deniesInsecureTransport(statement({ ...TLS_DENY, Action: "s3:GetObject" }))).toBe(false);
    expect(deniesInsecureTransport(statement({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "true" } } }))).toBe(false);
    const narrowed = { ...TLS_DENY.Condition, StringEquals: { "aws:PrincipalAccount": "123456789012" } };
    expect(deniesInsecureTransport(statement({ ...TLS_DENY, Condition: narrowed }))).toBe(false);
  });

  it("stays undecided when the condition value is unknown", () => {
    expect(isUnknown(deniesInsecureTransport(statement({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": UNKNOWN_SENTINELS.string } } })))).toBe(true);
  });
});
