/**
 * The effective-access matrix: every principal × every product resource (bucket objects, the
 * product's KMS key, its catalog table or schema; a stream's per deployed major) × read and write,
 * decided by the IAM policy simulator over the generated policies, compared cell by cell with the
 * access the manifests declare (accessModel.isAllowed).
 *
 * Besides the effective decision, each layer is checked on its own, so that a single wrong grant
 * cannot hide behind another layer's correct deny:
 * - `effective`: identity policy + permissions boundary + bucket/key policy, as AWS evaluates;
 * - `identity`: a role's identity policy alone (no boundary, no bucket policy, AWS's default key
 *   policy that defers to IAM): exactly the role's declared grants;
 * - `boundary`: the domain's permissions boundary alone, as the ceiling over an identity policy
 *   that allows everything: exactly what any role of the domain is declared to do;
 * - `resource`: the bucket and key policies alone, facing principals whose identity policy allows
 *   everything: exactly the declared grants.
 */
import {
  catalogDatabaseName,
  catalogTableName,
  DOMAIN_ROLES,
  keyAlias,
  productBucketName,
  roleName,
  schemaRegistryName,
  topicName,
  type DomainRole,
} from "../../conventions";
import { declaredAccess, isAllowed, type Access } from "../../components/grants/accessModel";
import { deployedMajors, isTable, type DataProduct, type DomainSpec } from "../../components/manifest";
import { TEST_PLATFORM } from "../support/exampleDomains";
import type { ExamplePlatform } from "./deployExamples";
import { keyByArn, type DeployedBucket, type DeployedKey } from "./deployment";
import { isPermitted, type Policy, type PolicySet } from "./simulator";

export type Layer = "effective" | "identity" | "boundary" | "resource";
export const LAYERS: readonly Layer[] = ["effective", "identity", "boundary", "resource"];

const { accountId, region, partition } = TEST_PLATFORM;
const ALLOW_EVERYTHING: Policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
/** AWS's default key policy: the account's IAM policies decide. */
const DEFAULT_KEY_POLICY: Policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" }],
};

export interface Principal {
  readonly label: string;
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly identity: readonly Policy[];
  readonly boundary?: Policy;
  /** The domain role this principal is; outsiders are none and may do nothing. */
  readonly member?: { readonly domain: string; readonly role: DomainRole };
}

/** Each domain's four roles as deployed, plus an outsider and the platform admin, both with `*` on `*`. */
export function principalsOf(platform: ExamplePlatform): Principal[] {
  const roles = platform.specs.flatMap((spec) =>
    DOMAIN_ROLES.map((role): Principal => {
      const domain = spec.metadata.name;
      const name = roleName(platform.environment, domain, role);
      const deployed = platform.deployment.roles.find((r) => r.name === name);
      if (deployed === undefined) throw new Error(`role ${name} was not deployed`);
      return { label: `${domain}/${role}`, arn: deployed.arn, tags: deployed.tags, identity: deployed.identity, boundary: deployed.boundary, member: { domain, role } };
    }),
  );
  const outsiders: Principal[] = [
    { label: "outsider", arn: `arn:${partition}:iam::${accountId}:role/outsider`, tags: {}, identity: [ALLOW_EVERYTHING] },
    { label: "platform-admin", arn: TEST_PLATFORM.platformAdminRoleArn, tags: {}, identity: [ALLOW_EVERYTHING] },
  ];
  return [...roles, ...outsiders];
}

interface ProductRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string>;
  /** The resource's own policy: the bucket policy or the key policy. */
  readonly resourcePolicy: Policy | undefined;
  /**
   * Catalog and schema-registry entries (`glue`) have no resource policy, and an account
   * administrator may read metadata: they are judged in the identity and boundary layers only.
   */
  readonly kind: "s3" | "kms" | "glue";
}

export interface ProductTarget {
  readonly domain: string;
  readonly product: string;
  /** Of a stream, the major whose topic payloads and schema are requested; each deployed major is a target. */
  readonly major?: number;
  readonly requests: Record<Access, ProductRequest[]>;
}

function deployedBucket(platform: ExamplePlatform, domain: string, product: string): DeployedBucket {
  const name = productBucketName(platform.environment, domain, product, accountId);
  const bucket = platform.deployment.buckets.find((b) => b.name === name);
  if (bucket === undefined) throw new Error(`bucket ${name} was not deployed`);
  return bucket;
}

/** A table's key is its bucket's default key; a stream's is found by alias, as its clients find it. */
function productKey(platform: ExamplePlatform, domain: string, product: DataProduct): DeployedKey {
  if (isTable(product)) {
    const arn = deployedBucket(platform, domain, product.name).defaultKeyArn;
    const key = arn === undefined ? undefined : keyByArn(platform.deployment, arn);
    if (key === undefined) throw new Error(`bucket of ${domain}/${product.name} is not encrypted with a deployed key`);
    return key;
  }
  const aliases = [keyAlias(platform.environment, domain, product.name), keyAlias(platform.environment, domain)];
  for (const alias of aliases) {
    const key = platform.deployment.keys.find((k) => k.aliases.includes(alias));
    if (key !== undefined) return key;
  }
  throw new Error(`no key aliased ${aliases.join(" or ")}`);
}

function targetsOfProduct(platform: ExamplePlatform, spec: DomainSpec, product: DataProduct): ProductTarget[] {
  const domain = spec.metadata.name;
  const key = productKey(platform, domain, product);
  const keyArn = `arn:${partition}:kms:${region}:${accountId}:key/${key.resourceName}`;
  const keyTags = Object.fromEntries(Object.entries(key.tags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
  const kms = (action: string, encryptionContext: Record<string, string>): ProductRequest => ({
    kind: "kms",
    action,
    resource: keyArn,
    context: { ...keyTags, ...encryptionContext, "kms:CallerAccount": accountId },
    resourcePolicy: key.policy,
  });
  if (!isTable(product)) {
    // Every deployed major is a target of its own: a consumer pinned to one must reach only that one.
    return deployedMajors(product).map((major) => {
      const topic = topicName(domain, product.name, major);
      // Stream payloads are envelope-encrypted under the topic's name.
      const context = { "kms:EncryptionContext:meshkit:topic": topic };
      // Serialisers read the topic's schema; nobody registers versions outside the manifest.
      const schemaArn = `arn:${partition}:glue:${region}:${accountId}:schema/${schemaRegistryName(platform.environment, domain)}/${topic}`;
      const schema: ProductRequest = { kind: "glue", action: "glue:GetSchemaVersion", resource: schemaArn, context: {}, resourcePolicy: undefined };
      return { domain, product: product.name, major, requests: { read: [kms("kms:Decrypt", context), schema], write: [kms("kms:GenerateDataKey", context)] } };
    });
  }
  const bucket = deployedBucket(platform, domain, product.name);
  const bucketArn = `arn:${partition}:s3:::${bucket.name}`;
  const object = `${bucketArn}/proof/part-00000.parquet`;
  // S3 calls KMS on the caller's behalf, with the bucket's ARN as context (S3 Bucket Keys on).
  const viaS3 = { "kms:EncryptionContext:aws:s3:arn": bucketArn, "kms:ViaService": `s3.${region}.amazonaws.com` };
  const sse = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": bucket.defaultKeyArn ?? "" };
  const table = `arn:${partition}:glue:${region}:${accountId}:table/${catalogDatabaseName(platform.environment, domain)}/${catalogTableName(product.name)}`;
  const catalog = (action: string): ProductRequest => ({ kind: "glue", action, resource: table, context: {}, resourcePolicy: undefined });
  return [
    {
      domain,
      product: product.name,
      requests: {
        read: [{ kind: "s3", action: "s3:GetObject", resource: object, context: {}, resourcePolicy: bucket.policy }, kms("kms:Decrypt", viaS3), catalog("glue:GetTable")],
        write: [{ kind: "s3", action: "s3:PutObject", resource: object, context: sse, resourcePolicy: bucket.policy }, kms("kms:GenerateDataKey", viaS3), catalog("glue:CreatePartition")],
      },
    },
  ];
}

export function targetsOf(platform: ExamplePlatform): ProductTarget[] {
  return platform.specs.flatMap((spec) => spec.spec.products.flatMap((product) => targetsOfProduct(platform, spec, product)));
}

function policiesFor(principal: Principal, request: ProductRequest, layer: Layer): PolicySet {
  switch (layer) {
    case "effective":
      return { identity: principal.identity, boundary: principal.boundary, resource: request.resourcePolicy };
    case "identity":
      return { identity: principal.identity, resource: request.kind === "kms" ? DEFAULT_KEY_POLICY : undefined };
    case "boundary":
      return { identity: [ALLOW_EVERYTHING], boundary: principal.boundary, resource: request.kind === "kms" ? DEFAULT_KEY_POLICY : undefined };
    case "resource":
      return { identity: [ALLOW_EVERYTHING], resource: request.resourcePolicy };
  }
}

export interface Comparison {
  /** Principal × product × access × action cells decided. */
  readonly cells: number;
  /** Cells the simulator allowed. */
  readonly allowed: number;
  /** `principal action domain/product: simulated …, declared …` for every disagreement. */
  readonly mismatches: string[];
}

/** What the layer must allow: the role's grants, or for the boundary any role's of its domain. */
function expected(grants: ReturnType<typeof declaredAccess>, layer: Layer, principal: Principal, target: ProductTarget, access: Access): boolean {
  const member = principal.member;
  if (member === undefined) return false;
  const roles = layer === "boundary" ? DOMAIN_ROLES : [member.role];
  return roles.some((role) => isAllowed(grants, member.domain, role, target.domain, target.product, access, target.major));
}

/**
 * Simulates every cell of the layer and compares it with the declared matrix. The identity and
 * boundary layers leave out the outsiders: their policies are not meshkit's to judge.
 */
export async function compareWithDeclared(platform: ExamplePlatform, layer: Layer, principals = principalsOf(platform)): Promise<Comparison> {
  const grants = declaredAccess(platform.specs);
  const judged = layer === "identity" || layer === "boundary" ? principals.filter((p) => p.member !== undefined) : principals;
  const cells = judged.flatMap((principal) =>
    targetsOf(platform).flatMap((target) =>
      (["read", "write"] as const).flatMap((access) =>
        target.requests[access]
          .filter((request) => request.kind !== "glue" || layer === "identity" || layer === "boundary")
          .map((request) => ({ principal, target, access, request })),
      ),
    ),
  );
  const decisions = await Promise.all(
    cells.map(async ({ principal, target, access, request }) => {
      const declared = expected(grants, layer, principal, target, access);
      const principalTags = Object.fromEntries(Object.entries(principal.tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));
      const simulated = await isPermitted(
        {
          principal: `arn:${partition}:sts::${accountId}:assumed-role/${principal.arn.split("/").pop()}/proof`,
          action: request.action,
          resource: request.resource,
          accountId,
          context: { ...request.context, ...principalTags, "aws:PrincipalArn": principal.arn, "aws:PrincipalAccount": accountId, "aws:SecureTransport": "true" },
        },
        policiesFor(principal, request, layer),
      );
      const product = `${target.domain}/${target.product}${target.major === undefined ? "" : ` v${target.major}`}`;
      return { simulated, declared, line: `${principal.label} ${request.action} ${product}: simulated ${simulated ? "allow" : "deny"}, declared ${declared ? "allow" : "deny"}` };
    }),
  );
  return {
    cells: decisions.length,
    allowed: decisions.filter((d) => d.simulated).length,
    mismatches: decisions.filter((d) => d.simulated !== d.declared).map((d) => d.line),
  };
}
