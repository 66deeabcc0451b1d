/**
 * S3 access to a product bucket from the role's side: the identity-policy statements AccessControl
 * attaches. Same-account access needs this Allow and no bucket-policy Deny; the bucket's own
 * perimeter (storage/bucketPolicy.ts) denies everyone else, through the same grants.
 */
import type { Access } from "../grants/accessModel";
import type { PolicyStatement } from "../policy/policyDocument";

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

/** Identity-policy statements that give `access` on the bucket. */
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
