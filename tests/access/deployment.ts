/**
 * What the components generated, read back from the resources registered under Pulumi mocks:
 * roles with their identity policies and boundary, keys with their policy, tags and aliases,
 * buckets with their policy and default key, SNS topic policies. Matching goes by the names and ids the mocks give
 * (tests/support/mocks.ts: a resource's id is its `name` input, else `<resource name>-id`;
 * a key's id is `key-<resource name>` and its ARN ends in the resource name).
 */
import type { MockedResource } from "../support/mocks";
import type { Policy } from "./simulator";

export interface DeployedRole {
  readonly name: string;
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly identity: Policy[];
  readonly boundary: Policy | undefined;
}

export interface DeployedKey {
  readonly resourceName: string;
  readonly policy: Policy;
  readonly tags: Readonly<Record<string, string>>;
  readonly aliases: string[];
}

export interface DeployedBucket {
  readonly name: string;
  readonly policy: Policy | undefined;
  /** The key ARN of the bucket's default encryption (as the mocks resolved it). */
  readonly defaultKeyArn: string | undefined;
}

export interface Deployment {
  readonly roles: DeployedRole[];
  readonly keys: DeployedKey[];
  readonly buckets: DeployedBucket[];
  /** SNS topic policies (the alert topics'). */
  readonly topicPolicies: Policy[];
}

const parse = (json: unknown, what: string): Policy => {
  if (typeof json === "string") return JSON.parse(json) as Policy;
  if (json !== null && typeof json === "object") return json as Policy;
  throw new Error(`${what}: policy is neither a document nor a JSON string (${typeof json})`);
};
const lastSegment = (arn: string) => arn.split(/[:/]/).pop() ?? arn;

/** Attaching policies any other way would escape this collector; refuse rather than under-report. */
const UNSUPPORTED = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment", "aws:kms/grant:Grant"];

export function collectDeployment(resources: readonly MockedResource[], accountId: string, partition: string): Deployment {
  const unsupported = resources.find((r) => UNSUPPORTED.includes(r.type));
  if (unsupported !== undefined) throw new Error(`collector does not model ${unsupported.type} (${unsupported.name}); extend it before trusting the proof`);
  const ofType = (type: string) => resources.filter((r) => r.type === type);

  const managed = ofType("aws:iam/policy:Policy");
  const inline = ofType("aws:iam/rolePolicy:RolePolicy");
  const roles = ofType("aws:iam/role:Role").map((r): DeployedRole => {
    const name = r.inputs.name as string;
    const boundaryArn = r.inputs.permissionsBoundary as string | undefined;
    const boundary = boundaryArn === undefined ? undefined : managed.find((p) => p.inputs.name === lastSegment(boundaryArn));
    if (boundaryArn !== undefined && boundary === undefined) throw new Error(`role ${name}: boundary ${boundaryArn} was not registered`);
    return {
      name,
      arn: `arn:${partition}:iam::${accountId}:role${r.inputs.path ?? "/"}${name}`,
      tags: r.inputs.tags ?? {},
      identity: inline.filter((p) => p.inputs.role === name).map((p) => parse(p.inputs.policy, `policy ${p.name}`)),
      boundary: boundary === undefined ? undefined : parse(boundary.inputs.policy, `boundary ${boundary.name}`),
    };
  });

  const aliases = ofType("aws:kms/alias:Alias");
  const keys = ofType("aws:kms/key:Key").map((k): DeployedKey => ({
    resourceName: k.name,
    policy: parse(k.inputs.policy, `key ${k.name}`),
    tags: k.inputs.tags ?? {},
    aliases: aliases.filter((a) => a.inputs.targetKeyId === `key-${k.name}`).map((a) => a.inputs.name as string),
  }));

  const policies = ofType("aws:s3/bucketPolicy:BucketPolicy");
  const encryption = ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
  const buckets = ofType("aws:s3/bucket:Bucket").map((b): DeployedBucket => {
    // Configuration resources name their bucket by id or by name.
    const names = [`${b.name}-id`, b.inputs.bucket];
    const policy = policies.find((p) => names.includes(p.inputs.bucket));
    const sse = encryption.find((e) => names.includes(e.inputs.bucket));
    return {
      name: b.inputs.bucket as string,
      policy: policy === undefined ? undefined : parse(policy.inputs.policy, `bucket policy ${policy.name}`),
      defaultKeyArn: sse?.inputs.rules?.[0]?.applyServerSideEncryptionByDefault?.kmsMasterKeyId,
    };
  });
  const topicPolicies = ofType("aws:sns/topicPolicy:TopicPolicy").map((p) => parse(p.inputs.policy, `topic policy ${p.name}`));
  return { roles, keys, buckets, topicPolicies };
}

/** The deployed key a key ARN (as the mocks resolve it) points at. */
export function keyByArn(deployment: Deployment, arn: string): DeployedKey | undefined {
  return deployment.keys.find((k) => k.resourceName === lastSegment(arn));
}
