/**
 * One S3 bucket with everything a well-kept bucket has, as @pulumi/aws 7.x models it: the bucket
 * plus its separate ownership, public-access block, versioning, encryption, lifecycle, policy,
 * logging and object-lock resources. Every meshkit bucket is built here, so none misses a piece.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import type { PolicyDocument } from "../policy/policyDocument";

export type BucketEncryption =
  /** SSE-KMS with a customer-managed key and an S3 bucket key (fewer KMS calls, lower cost). */
  | { readonly kind: "kms"; readonly keyArn: pulumi.Input<string> }
  /** SSE-S3; only where AWS allows nothing else (the destination of server access logs). */
  | { readonly kind: "s3" };

export interface HardenedBucketArgs {
  /** Deterministic, globally unique bucket name. */
  readonly bucketName: string;
  readonly tags: Record<string, string>;
  readonly encryption: BucketEncryption;
  readonly lifecycleRules: aws.types.input.s3.BucketLifecycleConfigurationRule[];
  /** A document; leaves may be Inputs (see policyPlaceholder), so preview keeps what is known. */
  readonly policy: PolicyDocument | aws.iam.PolicyDocument;
  /** Where server access logs go; omitted only for the log bucket itself. */
  readonly logging?: { readonly targetBucket: pulumi.Input<string>; readonly targetPrefix: string };
  /** Object lock in compliance mode for this many years; it can only be enabled when the bucket is created. */
  readonly objectLockYears?: number;
  /** `protect`/`retainOnDelete` for the bucket and its object-lock configuration (statefulOptions). */
  readonly stateful: pulumi.CustomResourceOptions;
}

export interface HardenedBucket {
  readonly bucket: aws.s3.Bucket;
  readonly ownership: aws.s3.BucketOwnershipControls;
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  readonly versioning: aws.s3.BucketVersioning;
  readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
  readonly lifecycle: aws.s3.BucketLifecycleConfiguration;
  readonly policy: aws.s3.BucketPolicy;
  readonly logging: aws.s3.BucketLogging | undefined;
  readonly objectLock: aws.s3.BucketObjectLockConfiguration | undefined;
}

/** Creates the bucket and its configuration as children of `parent`, named `<name>` and `<name>-<part>`. */
export function hardenedBucket(parent: pulumi.Resource, name: string, args: HardenedBucketArgs): HardenedBucket {
  const lockYears = args.objectLockYears ?? 0;
  const child = { parent };
  const bucket = new aws.s3.Bucket(
    name,
    { bucket: args.bucketName, objectLockEnabled: lockYears > 0 ? true : undefined, tags: args.tags },
    { ...child, ...args.stateful },
  );
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
    child,
  );
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    { bucket: bucket.bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    child,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.bucket, versioningConfiguration: { status: "Enabled" } },
    child,
  );
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: bucket.bucket,
      rules: [
        args.encryption.kind === "kms"
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.keyArn }, bucketKeyEnabled: true }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    },
    child,
  );
  // Noncurrent-version rules need versioning in place first.
  const lifecycle = new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    { bucket: bucket.bucket, rules: args.lifecycleRules },
    { ...child, dependsOn: [versioning] },
  );
  // A policy put while the access block is still being applied can be refused; order them.
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    { bucket: bucket.bucket, policy: args.policy as aws.iam.PolicyDocument },
    { ...child, dependsOn: [publicAccessBlock, ownership] },
  );
  const logging =
    args.logging === undefined
      ? undefined
      : new aws.s3.BucketLogging(
          `${name}-logging`,
          {
            bucket: bucket.bucket,
            targetBucket: args.logging.targetBucket,
            targetPrefix: args.logging.targetPrefix,
            targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
          },
          child,
        );
  const objectLock =
    lockYears > 0
      ? new aws.s3.BucketObjectLockConfiguration(
          `${name}-object-lock`,
          { bucket: bucket.bucket, rule: { defaultRetention: { mode: "COMPLIANCE", years: lockYears } } },
          // Losing the lock configuration loses the retention guarantee: as stateful as the bucket.
          { ...child, ...args.stateful, dependsOn: [versioning] },
        )
      : undefined;
  return { bucket, ownership, publicAccessBlock, versioning, encryption, lifecycle, policy, logging, objectLock };
}
