/**
 * Where S3 server access logs of a domain's buckets go, and the policy that lets S3 deliver them.
 *
 * They get a bucket of their own rather than the audit bucket: AWS delivers server access logs
 * only to a bucket without an Object Lock default retention and without SSE-KMS default
 * encryption, and the audit bucket has both in production.
 */
import type { PolicyDocument } from "../policy/policyDocument";
import { denyInsecureTransport } from "./bucketPolicy";

/** Key prefix of delivered logs; S3 appends `<account>/<region>/<source bucket>/<date>/`. */
export const ACCESS_LOG_PREFIX = "s3-access/";

/** TLS only, and S3's logging service may put logs from the given source buckets of this account. */
export function accessLogBucketPolicy(logBucketArn: string, accountId: string, sourceBucketArns: readonly string[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      denyInsecureTransport(logBucketArn),
      {
        Sid: "AllowS3ServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${logBucketArn}/${ACCESS_LOG_PREFIX}*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": [...sourceBucketArns] },
        },
      },
    ],
  };
}
