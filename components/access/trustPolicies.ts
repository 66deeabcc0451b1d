/**
 * Who may assume a domain's roles. Never `*` without conditions:
 *
 * - people (producer, consumer, steward roles): sessions of IAM Identity Center permission sets in
 *   the platform account whose user carries the domain as the `domain` attribute (Identity Center
 *   passes "attributes for access control" as principal tags), so a person of one domain cannot
 *   assume another domain's roles;
 * - pipelines: the domain's Kubernetes ServiceAccount through IRSA, pinned to namespace, account
 *   name and audience.
 */
import { DOMAIN_TAG_KEY } from "../../conventions";
import type { PlatformSettings } from "../domain/context";
import { principalTag } from "../policy/conditionKeys";

export interface TrustStatement {
  Sid: string;
  Effect: "Allow";
  Principal: { AWS: string } | { Federated: string };
  Action: string | string[];
  Condition: Record<string, Record<string, string | string[]>>;
}

export interface TrustPolicy {
  Version: "2012-10-17";
  Statement: TrustStatement[];
}

/** Roles IAM Identity Center creates for permission sets, in any region's reserved path. */
export function identityCenterRolePattern(platform: PlatformSettings): string {
  return `arn:${platform.partition}:iam::${platform.accountId}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_*`;
}

export function peopleTrustPolicy(platform: PlatformSettings, domain: string, principalArnPatterns: readonly string[]): TrustPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DomainMembers",
        Effect: "Allow",
        Principal: { AWS: `arn:${platform.partition}:iam::${platform.accountId}:root` },
        Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
        Condition: {
          ArnLike: { "aws:PrincipalArn": [...principalArnPatterns] },
          StringEquals: { [principalTag(DOMAIN_TAG_KEY)]: domain },
        },
      },
    ],
  };
}

/** `oidcProviderArn` is `arn:…:oidc-provider/<issuer host and path>`; IRSA conditions are keyed by the issuer. */
export function pipelineTrustPolicy(oidcProviderArn: string, namespace: string, serviceAccount: string): TrustPolicy {
  const marker = ":oidc-provider/";
  const at = oidcProviderArn.indexOf(marker);
  if (at < 0) throw new Error(`oidcProviderArn must be an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>), not "${oidcProviderArn}"`);
  const issuer = oidcProviderArn.slice(at + marker.length);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PipelineServiceAccount",
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  };
}
