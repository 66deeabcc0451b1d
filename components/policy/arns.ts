/**
 * ARNs meshkit predicts from names alone, before anything exists, so a role in one stack can be
 * granted a product that another stack deploys, and grants across domains line up.
 */
import { alarmNamePrefix, alertTopicName, catalogDatabaseName, catalogTableName, productBucketName, roleName, ROLE_PATH, schemaRegistryName, topicName, type DomainRole } from "../../conventions";
import type { PlatformSettings } from "../domain/context";
import type { EnvironmentProfile } from "../domain/profile";

export function roleArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string, role: DomainRole): string {
  return `arn:${platform.partition}:iam::${platform.accountId}:role${ROLE_PATH}${roleName(profile.environment, domain, role)}`;
}

export function bucketArn(platform: PlatformSettings, bucketName: string): string {
  return `arn:${platform.partition}:s3:::${bucketName}`;
}
export function productBucketArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string, product: string): string {
  return bucketArn(platform, productBucketName(profile.environment, domain, product, platform.accountId));
}

/** Key ARNs are random; policies select keys by this pattern plus tag conditions (ABAC). */
export function anyKeyArn(platform: PlatformSettings): string {
  return `arn:${platform.partition}:kms:${platform.region}:${platform.accountId}:key/*`;
}

export function glueCatalogArn(platform: PlatformSettings): string {
  return `arn:${platform.partition}:glue:${platform.region}:${platform.accountId}:catalog`;
}

export function glueDatabaseArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string): string {
  return `arn:${platform.partition}:glue:${platform.region}:${platform.accountId}:database/${catalogDatabaseName(profile.environment, domain)}`;
}

export function glueTableArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string, product: string): string {
  return `arn:${platform.partition}:glue:${platform.region}:${platform.accountId}:table/${catalogDatabaseName(profile.environment, domain)}/${catalogTableName(product)}`;
}

export function schemaRegistryArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string): string {
  return `arn:${platform.partition}:glue:${platform.region}:${platform.accountId}:registry/${schemaRegistryName(profile.environment, domain)}`;
}

/** A stream's schema is named like its topic (Kafka's topic-name subject strategy). */
export function streamSchemaArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string, product: string, majorVersion: number): string {
  return `arn:${platform.partition}:glue:${platform.region}:${platform.accountId}:schema/${schemaRegistryName(profile.environment, domain)}/${topicName(domain, product, majorVersion)}`;
}

/** The domain's alert topic: named, so the key policy and the topic policy can name it before it exists. */
export function alertTopicArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string): string {
  return `arn:${platform.partition}:sns:${platform.region}:${platform.accountId}:${alertTopicName(profile.environment, domain)}`;
}

/** The domain's product alarms, composite ones included (`aws:SourceArn` of their notifications). */
export function domainAlarmsArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string): string {
  return `arn:${platform.partition}:cloudwatch:${platform.region}:${platform.accountId}:alarm:${alarmNamePrefix(profile.environment, domain)}*`;
}

/**
 * Every EventBridge rule of the account on its default bus: rules that notify a domain (quality
 * results, for one) are named by whoever writes them, so the account is the tightest fence here.
 */
export function anyEventRuleArn(platform: PlatformSettings): string {
  return `arn:${platform.partition}:events:${platform.region}:${platform.accountId}:rule/*`;
}
