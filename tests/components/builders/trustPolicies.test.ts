/** Trust policies, without Pulumi: pipelines only through the namespace's `pipeline` ServiceAccount, people only of their domain. */
import { describe, expect, it } from "vitest";
import { identityCenterRolePattern, peopleTrustPolicy, pipelineTrustPolicy } from "../../../components/access/trustPolicies";
import { namespaceName, PIPELINE_SERVICE_ACCOUNT } from "../../../conventions";
import { TEST_PLATFORM } from "../../support/exampleDomains";

const OIDC = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

describe("pipelineTrustPolicy", () => {
  it("lets exactly the domain namespace's `pipeline` ServiceAccount assume the role through the cluster's OIDC provider", () => {
    expect(PIPELINE_SERVICE_ACCOUNT).toBe("pipeline");
    expect(pipelineTrustPolicy(OIDC, namespaceName("production", "orders"), PIPELINE_SERVICE_ACCOUNT)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PipelineServiceAccount",
          Effect: "Allow",
          Principal: { Federated: OIDC },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${ISSUER}:sub`]: "system:serviceaccount:orders-production:pipeline",
              [`${ISSUER}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  it("pins the subject with StringEquals, never a pattern, so no other ServiceAccount or namespace matches", () => {
    const statement = pipelineTrustPolicy(OIDC, namespaceName("staging", "payments"), PIPELINE_SERVICE_ACCOUNT).Statement[0];
    expect(Object.keys(statement.Condition)).toEqual(["StringEquals"]);
    expect(JSON.stringify(statement.Condition)).not.toContain("*");
    expect(statement.Condition.StringEquals[`${ISSUER}:sub`]).toBe("system:serviceaccount:payments-staging:pipeline");
  });

  it("refuses an ARN that is not an IAM OIDC provider", () => {
    expect(() => pipelineTrustPolicy("arn:aws:iam::123456789012:role/not-a-provider", "orders-production", "pipeline")).toThrow(/OIDC provider ARN/);
  });
});

describe("peopleTrustPolicy", () => {
  it("trusts the account only for sessions matching the given patterns and tagged with this domain", () => {
    const pattern = identityCenterRolePattern(TEST_PLATFORM);
    expect(pattern).toBe("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_*");
    expect(peopleTrustPolicy(TEST_PLATFORM, "orders", [pattern])).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DomainMembers",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
          Condition: { ArnLike: { "aws:PrincipalArn": [pattern] }, StringEquals: { "aws:PrincipalTag/domain": "orders" } },
        },
      ],
    });
  });
});
