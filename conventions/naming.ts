/**
 * Deterministic names, derived from environment + domain + product and never random, so that
 * cross-domain grants resolve whether a stack deploys one domain or all of them.
 */
import type { Environment } from "./environments";

/** Domain, product and team names: kebab-case. */
export const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Topic of a stream product: `<domain>.<product>.v<major>`, with optional `.dlq` / `.quarantine`. */
export const TOPIC_NAME_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v\d+(\.dlq|\.quarantine)?$/;

export const DEAD_LETTER_SUFFIX = ".dlq";
export const QUARANTINE_SUFFIX = ".quarantine";

export function topicName(domain: string, product: string, majorVersion: number): string {
  return `${domain}.${product}.v${majorVersion}`;
}

/**
 * Parameter of a stream product's Glue catalog entry listing, comma-separated, the topics of the
 * previous majors still deployed beside the current one (whose topic is Glue's own `topicName`),
 * so the pack classifies them by the same entry.
 */
export const PREVIOUS_MAJOR_TOPICS_PARAMETER = "previous-major-topics";

/** Prefix of every topic a domain owns; its ACLs never reach beyond it. */
export function topicPrefix(domain: string): string {
  return `${domain}.`;
}

/** Consumer groups of a domain are prefixed by the domain's name. */
export function consumerGroupPrefix(domain: string): string {
  return `${domain}.`;
}

/** Kafka roles a domain has: its producer writes its topics, its consumer reads what it is granted. */
export const KAFKA_ROLES = ["producer", "consumer"] as const;
export type KafkaRole = (typeof KAFKA_ROLES)[number];

export function kafkaPrincipal(domain: string, role: KafkaRole): string {
  return `User:${domain}-${role}`;
}

/** IAM roles every domain has. */
export const DOMAIN_ROLES = ["producer", "consumer", "steward", "pipeline"] as const;
export type DomainRole = (typeof DOMAIN_ROLES)[number];

export function resourcePrefix(environment: Environment, domain: string): string {
  return `meshkit-${environment}-${domain}`;
}

export function roleName(environment: Environment, domain: string, role: DomainRole): string {
  return `${resourcePrefix(environment, domain)}-${role}`;
}

export function permissionsBoundaryName(environment: Environment, domain: string): string {
  return `${resourcePrefix(environment, domain)}-boundary`;
}

/** IAM path of every meshkit role, so platform-wide policies can select them. */
export const ROLE_PATH = "/meshkit/";

export function keyAlias(environment: Environment, domain: string, product?: string): string {
  return product === undefined
    ? `alias/meshkit/${environment}/${domain}`
    : `alias/meshkit/${environment}/${domain}/${product}`;
}

/** Short environment codes keep S3 bucket names within 63 characters. */
const ENVIRONMENT_CODES: Record<Environment, string> = { staging: "stg", production: "prd" };

/** S3 bucket names are global and at most 63 characters; the account id keeps them unique. */
export const MAX_BUCKET_NAME_LENGTH = 63;

/**
 * Longest `<domain>-<product>` a table product may have so its bucket name fits:
 * 63 minus `-prd-` and a 12-digit account id.
 */
export const MAX_TABLE_QUALIFIED_NAME_LENGTH = MAX_BUCKET_NAME_LENGTH - 5 - 12;

/**
 * `<domain>-<product>`: the part of a bucket name, and of the StorageTiers resource names, that the
 * manifests choose. Hyphens join both, so two domains can spell the same one (the platform check
 * refuses that).
 */
export function qualifiedName(domain: string, product: string): string {
  return `${domain}-${product}`;
}

export function productBucketName(environment: Environment, domain: string, product: string, accountId: string): string {
  return `${qualifiedName(domain, product)}-${ENVIRONMENT_CODES[environment]}-${accountId}`;
}

/** Buckets every domain has besides its products'; their names are shaped like product buckets. */
const AUDIT_BUCKET = "audit";
const ACCESS_LOG_BUCKET = "access-logs";

/** Product names a domain may not use, since its own audit and access-log buckets take them. */
export const RESERVED_PRODUCT_NAMES: readonly string[] = [AUDIT_BUCKET, ACCESS_LOG_BUCKET];

export function auditBucketName(environment: Environment, domain: string, accountId: string): string {
  return productBucketName(environment, domain, AUDIT_BUCKET, accountId);
}

/** Where S3 server access logs of a domain's buckets go (never the audit bucket: see accessLogDelivery). */
export function accessLogBucketName(environment: Environment, domain: string, accountId: string): string {
  return productBucketName(environment, domain, ACCESS_LOG_BUCKET, accountId);
}

/** Glue database names allow only lower-case letters, digits and underscores. */
export function catalogDatabaseName(environment: Environment, domain: string): string {
  return `meshkit_${environment}_${domain}`.replace(/-/g, "_");
}

export function catalogTableName(product: string): string {
  return product.replace(/-/g, "_");
}

export function namespaceName(environment: Environment, domain: string): string {
  return `${domain}-${environment}`;
}

export function schemaRegistryName(environment: Environment, domain: string): string {
  return `${resourcePrefix(environment, domain)}-schemas`;
}

const KAFKA_PRINCIPAL = new RegExp(`^User:([a-z][a-z0-9-]*)-(${KAFKA_ROLES.join("|")})$`);

/** The domain and role of a principal built by `kafkaPrincipal`, or undefined for any other principal. */
export function parseKafkaPrincipal(principal: string): { domain: string; role: KafkaRole } | undefined {
  const match = KAFKA_PRINCIPAL.exec(principal);
  return match === null ? undefined : { domain: match[1]!, role: match[2] as KafkaRole };
}

/**
 * A table product's Glue Data Quality ruleset, and the EventBridge rule that routes its low
 * scores: environment code rather than name keeps it within EventBridge's 64 characters.
 */
export function dataQualityName(environment: Environment, domain: string, product: string): string {
  return `${qualifiedName(domain, product)}-${ENVIRONMENT_CODES[environment]}-quality`;
}
