/**
 * The KMS actions that make up using a key for data and administering it, in one place, so key
 * policies, identity policies and permissions boundaries grant the same sets.
 * (S3 object actions live with the bucket perimeter, in bucketAccess.ts.)
 */

/** Reading data: S3 decrypts on the reader's behalf; stream consumers decrypt payloads. */
export const KMS_DECRYPT = ["kms:Decrypt"];
/** Writing data: S3 with a bucket key calls GenerateDataKey; stream producers encrypt. */
export const KMS_ENCRYPT = ["kms:Encrypt", "kms:GenerateDataKey"];
/**
 * What a service publishing to an encrypted SNS topic needs of the topic's key, as the SNS developer
 * guide lists it ("compatibility with AWS services"): a data key per message, and Decrypt.
 */
export const KMS_TOPIC_PUBLISHING = ["kms:GenerateDataKey*", "kms:Decrypt"];
/** A key's metadata, which SDKs read before they encrypt. */
export const KMS_DESCRIBE = ["kms:DescribeKey"];

/**
 * What a key administrator may do: manage the key's life, aliases, tags and policy; never use it
 * for data (no Encrypt, Decrypt, GenerateDataKey, ReEncrypt) and never hand out use (no CreateGrant).
 */
export const KMS_ADMINISTRATION = [
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:EnableKeyRotation",
  "kms:RotateKeyOnDemand",
  "kms:ListKeyRotations",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:UpdateKeyDescription",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ListAliases",
  "kms:CreateAlias",
  "kms:UpdateAlias",
  "kms:DeleteAlias",
  "kms:ListGrants",
  "kms:RevokeGrant",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];
