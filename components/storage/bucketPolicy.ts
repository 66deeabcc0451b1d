/**
 * A product bucket's own policy, which only denies: requests without TLS, writes under another
 * key, and every read or write by a principal the manifests do not grant (the data perimeter).
 * It names principals in `aws:PrincipalArn` conditions rather than in `Principal`, because a
 * consumer domain's role may live in a stack not deployed yet and S3 refuses a policy whose
 * `Principal` does not exist. The grants come from grants/productPrincipals, the same source the
 * roles' identity policies (access/bucketAccess) and the key policies use.
 */
import type { ProductPrincipals } from "../grants/productPrincipals";
import type { PolicyDocument, PolicyStatement } from "../policy/policyDocument";

/**
 * What the data perimeter denies to anyone not granted: every object read and write, including
 * actions no meshkit role is ever given (version deletes, restores, ACLs), so a grant added
 * outside meshkit cannot reach the data either.
 */
const PERIMETER_READ_ACTIONS = ["s3:GetObject*", "s3:ListBucket*"];
const PERIMETER_WRITE_ACTIONS = ["s3:PutObject*", "s3:DeleteObject*", "s3:RestoreObject", "s3:AbortMultipartUpload", "s3:ReplicateObject"];

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
