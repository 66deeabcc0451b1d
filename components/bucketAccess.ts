/**
 * S3 access to a product bucket, as IAM statements: one module for both sides of the same
 * decision, so the bucket policy (StorageTiers' data perimeter) and the roles' identity policies
 * (AccessControl) cannot disagree about which actions "read" and "write" mean or who holds them.
 *
 * Same-account access needs an identity-policy Allow and no bucket-policy Deny; the bucket policy
 * therefore only denies. It names principals in `aws:PrincipalArn` conditions rather than in
 * `Principal`, because a consumer domain's role may live in a stack not deployed yet and
 * S3 refuses a policy whose `Principal` does not exist.
 */
import type { Access } from "./accessModel";
import type { DomainContext } from "./context";
import type { DataProduct } from "./manifest";
import { consumerPrincipals, ownPrincipals } from "./productPrincipals";

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Object actions that read a product's data. */
export const S3_OBJECT_READ_ACTIONS = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAttributes", "s3:GetObjectTagging"] as const;
/** Bucket actions readers need to find the data (listing, location). */
export const S3_BUCKET_READ_ACTIONS = ["s3:ListBucket", "s3:GetBucketLocation"] as const;
/** Object actions that change a product's data; writers also read (accessModel grants both). */
export const S3_OBJECT_WRITE_ACTIONS = [
  "s3:PutObject",
  "s3:PutObjectTagging",
  "s3:DeleteObject",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
] as const;

/**
 * What the data perimeter denies to anyone not granted: every object read and write, including
 * actions no meshkit role is ever given (version deletes, restores, ACLs), so a grant added
 * outside meshkit cannot reach the data either.
 */
const PERIMETER_READ_ACTIONS = ["s3:GetObject*", "s3:ListBucket*"];
const PERIMETER_WRITE_ACTIONS = ["s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject", "s3:AbortMultipartUpload", "s3:ReplicateObject"];

export interface ProductPrincipals {
  /** Role ARNs that read the product (own roles and granted consumers), sorted. */
  readonly readers: string[];
  /** Role ARNs that write the product (the owning domain's writing roles), sorted. */
  readonly writers: string[];
}

/** The roles the manifests grant read and write on a product (own and granted), as predictable ARNs. */
export function productPrincipals(context: DomainContext, product: DataProduct): ProductPrincipals {
  const own = ownPrincipals(context, product);
  const granted = consumerPrincipals(context, product);
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
  return { readers: union(own.readers, granted.readers), writers: union(own.writers, granted.writers) };
}

/** Identity-policy statements that give `access` on the bucket: what AccessControl attaches to a role. */
export function bucketAccessStatements(bucketArn: string, access: readonly Access[], sidPrefix: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (access.includes("read")) {
    statements.push(
      { Sid: `${sidPrefix}List`, Effect: "Allow", Action: [...S3_BUCKET_READ_ACTIONS], Resource: bucketArn },
      { Sid: `${sidPrefix}Read`, Effect: "Allow", Action: [...S3_OBJECT_READ_ACTIONS], Resource: `${bucketArn}/*` },
    );
  }
  if (access.includes("write")) {
    statements.push({ Sid: `${sidPrefix}Write`, Effect: "Allow", Action: [...S3_OBJECT_WRITE_ACTIONS], Resource: `${bucketArn}/*` });
  }
  return statements;
}

/** Denies every request that does not arrive over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * Denies writes that ask for another algorithm or another key. A write without encryption headers
 * is allowed: the bucket's default encryption applies the right key. (`…IfExists` would not do:
 * it treats an absent header as a mismatch and so would deny those writes too; the `Null: false`
 * test limits each deny to requests that carry the header.) Clients that name the key give its ARN.
 */
export function denyWrongEncryption(bucketArn: string, keyArn: string): PolicyStatement[] {
  const ALGORITHM = "s3:x-amz-server-side-encryption";
  const KEY = "s3:x-amz-server-side-encryption-aws-kms-key-id";
  return [
    {
      Sid: "DenyWrongEncryptionAlgorithm",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { [ALGORITHM]: "aws:kms" }, Null: { [ALGORITHM]: "false" } },
    },
    {
      Sid: "DenyOtherKmsKey",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:PutObject",
      Resource: `${bucketArn}/*`,
      Condition: { StringNotEquals: { [KEY]: keyArn }, Null: { [KEY]: "false" } },
    },
  ];
}

/** Denies reading and writing the data to every principal the manifests do not grant it to. */
export function dataPerimeter(bucketArn: string, principals: ProductPrincipals): PolicyStatement[] {
  return [
    {
      Sid: "DenyReadOutsideGrants",
      Effect: "Deny",
      Principal: "*",
      Action: PERIMETER_READ_ACTIONS,
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { ArnNotEquals: { "aws:PrincipalArn": principals.readers } },
    },
    {
      Sid: "DenyWriteOutsideGrants",
      Effect: "Deny",
      Principal: "*",
      Action: PERIMETER_WRITE_ACTIONS,
      Resource: `${bucketArn}/*`,
      Condition: { ArnNotEquals: { "aws:PrincipalArn": principals.writers } },
    },
  ];
}

/** The whole bucket policy of a product bucket. */
export function productBucketPolicy(bucketArn: string, keyArn: string, principals: ProductPrincipals): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [denyInsecureTransport(bucketArn), ...denyWrongEncryption(bucketArn, keyArn), ...dataPerimeter(bucketArn, principals)],
  };
}
