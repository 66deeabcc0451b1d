/**
 * AWS resources for rule tests, shaped like meshkit's StorageTiers: a product bucket with every
 * configuration resource, the audit bucket, the access-log bucket, and a KMS key, each easy to
 * alter one property at a time.
 */
import { resource, urnOf, type TestResource } from "./harness";

export const T = {
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  encryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  logging: "aws:s3/bucketLogging:BucketLogging",
  objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  acl: "aws:s3/bucketAcl:BucketAcl",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  glueSchema: "aws:glue/schema:Schema",
  role: "aws:iam/role:Role",
  awsProvider: "pulumi:providers:aws",
  namespace: "kubernetes:core/v1:Namespace",
  topic: "kafka:index/topic:Topic",
} as const;

export const TAGS = {
  domain: "orders",
  environment: "production",
  owner: "orders-team",
  "cost-center": "CC-1042",
  "data-classification": "confidential",
  "managed-by": "meshkit",
} as const;

export const KEY_ARN = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

export function tlsOnlyPolicy(bucket: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}

export type Part = "versioning" | "encryption" | "lifecycle" | "publicAccessBlock" | "policy" | "logging" | "objectLock";

export const PART_PROPS: Record<Part, (bucket: string) => Record<string, unknown>> = {
  versioning: () => ({ versioningConfiguration: { status: "Enabled" } }),
  encryption: () => ({
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }],
  }),
  lifecycle: () => ({
    rules: [
      {
        id: "tiers",
        status: "Enabled",
        transitions: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 90, storageClass: "GLACIER_IR" },
        ],
        expiration: { days: 365 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
    ],
  }),
  publicAccessBlock: () => ({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
  policy: (bucket) => ({ policy: tlsOnlyPolicy(bucket) }),
  logging: () => ({ targetBucket: "orders-access-logs-prd-123456789012", targetPrefix: "access/" }),
  objectLock: () => ({ rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } } }),
};

export interface BucketSetOptions {
  readonly bucketName?: string;
  readonly tags?: Record<string, string>;
  readonly bucketProps?: Record<string, unknown>;
  /** Parts to leave out. */
  readonly omit?: readonly Part[];
  /** Replacement props per part. */
  readonly parts?: Partial<Record<Part, Record<string, unknown>>>;
  /** Attach parts by name only (no property dependency), as programs passing literal names do. */
  readonly byName?: boolean;
  /** URN of the bucket the logging part targets (for the dependency). */
  readonly logTarget?: string;
  /** Further property dependencies per part (e.g. the encryption rules on a KMS key). */
  readonly partDependencies?: Partial<Record<Part, Record<string, string[]>>>;
}

const PRODUCT_PARTS: Part[] = ["versioning", "encryption", "lifecycle", "publicAccessBlock", "policy", "logging"];
const AUDIT_PARTS: Part[] = [...PRODUCT_PARTS, "objectLock"];
const ACCESS_LOG_PARTS: Part[] = ["versioning", "encryption", "lifecycle", "publicAccessBlock", "policy"];

/** A bucket and its configuration resources. */
export function bucketSet(name: string, parts: readonly Part[], options: BucketSetOptions = {}): TestResource[] {
  const bucketName = options.bucketName ?? `${name}-prd-123456789012`;
  const bucketUrn = urnOf(T.bucket, name);
  const bucket = resource(T.bucket, name, { bucket: bucketName, tags: { ...TAGS, ...options.tags }, ...options.bucketProps }, { opts: { protect: true } });
  const out: TestResource[] = [bucket];
  for (const part of parts) {
    if (options.omit?.includes(part)) continue;
    const props = { bucket: bucketName, ...(options.parts?.[part] ?? PART_PROPS[part](bucketName)) };
    const deps: Record<string, string[]> = options.byName ? {} : { bucket: [bucketUrn] };
    if (part === "logging" && options.logTarget !== undefined && !options.byName) deps.targetBucket = [options.logTarget];
    Object.assign(deps, options.partDependencies?.[part]);
    // Object-lock configuration is stateful (its retention protects the data): protected like the bucket.
    const opts = part === "objectLock" ? { opts: { protect: true } } : {};
    out.push(resource(T[part], `${name}-${part}`, props, { propertyDependencies: deps, ...opts }));
  }
  return out;
}

export const AUDIT_URN = urnOf(T.bucket, "orders-audit");
export const ACCESS_LOGS_URN = urnOf(T.bucket, "orders-access-logs");

/** The bucket receiving the domain's server access logs: SSE-S3, as S3 log delivery requires. */
export function accessLogBucket(options: BucketSetOptions = {}): TestResource[] {
  return bucketSet("orders-access-logs", ACCESS_LOG_PARTS, {
    bucketName: "orders-access-logs-prd-123456789012",
    ...options,
    tags: { "bucket-purpose": "access-logs", ...options.tags },
    parts: { encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, ...options.parts },
  });
}

/** The domain's audit bucket: object lock in compliance mode, access logs to the log bucket. */
export function auditBucket(options: BucketSetOptions = {}): TestResource[] {
  return bucketSet("orders-audit", AUDIT_PARTS, {
    bucketName: "orders-audit-prd-123456789012",
    logTarget: ACCESS_LOGS_URN,
    ...options,
    tags: { "bucket-purpose": "audit", ...options.tags },
    bucketProps: { objectLockEnabled: true, ...options.bucketProps },
  });
}

/** A product bucket logging to the access-log bucket. */
export function productBucket(name = "orders-facts", options: BucketSetOptions = {}): TestResource[] {
  return bucketSet(name, PRODUCT_PARTS, { logTarget: ACCESS_LOGS_URN, ...options, tags: { "bucket-purpose": "data-product", ...options.tags } });
}

/** A compliant stack: a product bucket, the audit bucket and the access-log bucket. */
export function compliantStorage(): TestResource[] {
  return [...productBucket(), ...auditBucket(), ...accessLogBucket()];
}

export function kmsKey(name = "orders-key", props: Record<string, unknown> = {}, extra: Partial<TestResource> = {}): TestResource {
  return resource(
    T.key,
    name,
    {
      description: "orders domain key",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: { ...TAGS },
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/meshkit/meshkit-platform-admin" }, Action: "kms:*", Resource: "*" },
          {
            Sid: "Users",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:role/meshkit/meshkit-production-orders-producer" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
          },
        ],
      }),
      ...props,
    },
    { opts: { protect: true }, ...extra },
  );
}
