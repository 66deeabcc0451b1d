/**
 * The KMS encryption context that names a product's data. One key serves several products of a
 * domain, yet a consumer may decrypt only the products granted to it: key and identity policies
 * pin `kms:EncryptionContext:<key>` to the granted product's value.
 *
 * - Tables: S3 itself sends `aws:s3:arn` = the bucket's ARN (with S3 Bucket Keys on, as
 *   StorageTiers sets them; without, it would be the object's ARN).
 * - Streams: producers envelope-encrypt payloads with `meshkit:topic` = the topic's name, and
 *   consumers pass the same context to decrypt; each major has its own topic, hence its own context.
 */
import { topicName } from "../../conventions";
import type { PlatformSettings } from "../domain/context";
import { isTable, majorVersion } from "../manifest/products";
import type { DataProduct } from "../manifest";
import type { EnvironmentProfile } from "../domain/profile";
import { productBucketArn } from "./arns";

export const S3_ENCRYPTION_CONTEXT_KEY = "aws:s3:arn";
export const TOPIC_ENCRYPTION_CONTEXT_KEY = "meshkit:topic";

export interface EncryptionContextEntry {
  readonly key: string;
  readonly value: string;
}

export function productEncryptionContext(
  platform: PlatformSettings,
  profile: EnvironmentProfile,
  domain: string,
  product: DataProduct,
  /** Of a stream, the major whose topic is meant; defaults to the current one. A table has none. */
  major: number = majorVersion(product),
): EncryptionContextEntry {
  return isTable(product)
    ? { key: S3_ENCRYPTION_CONTEXT_KEY, value: productBucketArn(platform, profile, domain, product.name) }
    : { key: TOPIC_ENCRYPTION_CONTEXT_KEY, value: topicName(domain, product.name, major) };
}

/** The IAM condition key that tests an encryption-context entry. */
export function encryptionContextConditionKey(entry: EncryptionContextEntry): string {
  return `kms:EncryptionContext:${entry.key}`;
}
