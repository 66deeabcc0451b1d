/**
 * IAM roles of a domain (producer, consumer, steward, pipeline), each with a trust policy, an
 * identity policy holding exactly its declared grants, and the domain's permissions boundary.
 * Role names and ARNs are deterministic, so key and bucket policies of other stacks can name them.
 */
import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import { DOMAIN_ROLES, namespaceName, permissionsBoundaryName, PIPELINE_SERVICE_ACCOUNT, ROLE_PATH, roleName, type DomainRole } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { roleIdentityPolicy } from "./identityPolicy";
import type { DomainSpec } from "../manifest";
import { permissionsBoundaryPolicy } from "./permissionsBoundary";
import { identityCenterRolePattern, peopleTrustPolicy, pipelineTrustPolicy } from "./trustPolicies";

export interface AccessControlArgs {
  readonly context: DomainContext;
  /**
   * Every manifest of the platform, deployed by this stack or another: a consumer's roles are
   * granted another domain's product only when that domain's manifest is here. Defaults to the
   * domain's own manifest alone (own products only).
   */
  readonly platformSpecs?: readonly DomainSpec[];
  /** IAM OIDC provider of the EKS cluster that runs the domain's pipelines (IRSA). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /**
   * ARN patterns (`ArnLike`) of the sessions that may assume the producer, consumer and steward
   * roles; they must also carry the principal tag `domain` = this domain. Defaults to the
   * account's IAM Identity Center permission-set roles.
   */
  readonly peoplePrincipalArnPatterns?: readonly string[];
}

export class AccessControl extends pulumi.ComponentResource {
  public readonly roles: Readonly<Record<DomainRole, aws.iam.Role>>;
  public readonly roleArns: Readonly<Record<DomainRole, pulumi.Output<string>>>;
  /** Identity policies, one per role. */
  public readonly policies: Readonly<Record<DomainRole, aws.iam.RolePolicy>>;
  /** The permissions boundary every role of the domain carries. */
  public readonly boundary: aws.iam.Policy;

  constructor(name: string, args: AccessControlArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:security:AccessControl", name, {}, opts);
    const { context } = args;
    const { spec, profile, platform, tags } = context;
    const domain = spec.metadata.name;
    const environment = profile.environment;
    // The platform array as given, so every domain's grants come from one index of it.
    const platformSpecs = args.platformSpecs ?? [];
    const child = { parent: this };

    this.boundary = new aws.iam.Policy(
      `${name}-boundary`,
      {
        name: permissionsBoundaryName(environment, domain),
        path: ROLE_PATH,
        description: `meshkit ${environment} ${domain}: the most any role of the domain may do`,
        policy: JSON.stringify(permissionsBoundaryPolicy(context, platformSpecs)),
        tags: { ...tags },
      },
      child,
    );

    const people = args.peoplePrincipalArnPatterns ?? [identityCenterRolePattern(platform)];
    const trust = (role: DomainRole): pulumi.Input<string> =>
      role === "pipeline"
        ? pulumi
            .output(args.oidcProviderArn)
            .apply((arn) => JSON.stringify(pipelineTrustPolicy(arn, namespaceName(environment, domain), PIPELINE_SERVICE_ACCOUNT)))
        : JSON.stringify(peopleTrustPolicy(platform, domain, people));

    const roles = {} as Record<DomainRole, aws.iam.Role>;
    const policies = {} as Record<DomainRole, aws.iam.RolePolicy>;
    for (const role of DOMAIN_ROLES) {
      roles[role] = new aws.iam.Role(
        `${name}-${role}`,
        {
          name: roleName(environment, domain, role),
          path: ROLE_PATH,
          description: `meshkit ${environment} ${domain}: ${role}`,
          assumeRolePolicy: trust(role),
          permissionsBoundary: this.boundary.arn,
          maxSessionDuration: 3600,
          // `domain` is among the required tags: it is the principal tag ABAC conditions compare.
          tags: { ...tags, "meshkit-role": role },
        },
        child,
      );
      policies[role] = new aws.iam.RolePolicy(
        `${name}-${role}-access`,
        { role: roles[role].id, name: "declared-access", policy: JSON.stringify(roleIdentityPolicy(context, role, platformSpecs)) },
        child,
      );
    }
    this.roles = roles;
    this.policies = policies;
    this.roleArns = Object.fromEntries(DOMAIN_ROLES.map((r) => [r, roles[r].arn])) as Record<DomainRole, pulumi.Output<string>>;

    this.registerOutputs({ roles: this.roles, roleArns: this.roleArns, policies: this.policies, boundary: this.boundary });
  }
}
