/**
 * Declared grants as an IAM policy: a role's identity policy holds exactly its own grants, the
 * domain's permissions boundary the union of its roles' grants.
 *
 * - Table data: S3 statements on the product bucket's ARN (bucketAccess, shared with the bucket
 *   perimeter) and Glue statements on the product's catalog table.
 * - Stream data: the topic's schema in the owner's Glue Schema Registry (topic and consumer-group
 *   ACLs are Kafka's, written by EventStreams).
 * - Keys: key ARNs are random, so keys are selected by tags (ABAC). The domain's own keys match
 *   `aws:ResourceTag/domain = ${aws:PrincipalTag/domain}`; a granted product of another domain
 *   matches that domain's tag and the product's encryption context, so a shared domain key opens
 *   only the granted product's data.
 */
import { DOMAIN_TAG_KEY, ENVIRONMENT_TAG_KEY, FRESHNESS_METRIC, METRIC_NAMESPACE_CONDITION_KEY, type DomainRole } from "../../conventions";
import { principalTag, resourceTag } from "../policy/conditionKeys";
import type { Access } from "../grants/accessModel";
import { bucketAccessStatements } from "./bucketAccess";
import type { PolicyDocument, PolicyStatement } from "../policy/policyDocument";
import { catalogAccessStatements } from "./catalogAccess";
import type { DomainContext } from "../domain/context";
import { encryptionContextConditionKey, productEncryptionContext, S3_ENCRYPTION_CONTEXT_KEY } from "../policy/encryptionContext";
import { heldProducts, type HeldProduct } from "./grantedProducts";
import { KMS_DECRYPT, KMS_DESCRIBE, KMS_ENCRYPT } from "../policy/kmsActions";
import { isTable } from "../manifest/products";
import type { DomainSpec } from "../manifest";
import { sid } from "../policy/policySid";
import { anyKeyArn, productBucketArn } from "../policy/arns";
import { schemaReadStatement } from "./schemaAccess";
import { mergeBySid } from "./statementMerge";

/** Key actions for the given access. */
function keyActions(access: readonly Access[]): string[] {
  return [...(access.includes("read") ? [...KMS_DECRYPT, ...KMS_DESCRIBE] : []), ...(access.includes("write") ? KMS_ENCRYPT : [])];
}

/** The roles that publish the products' freshness metric: the pipelines that update them. */
export const METRIC_PUBLISHERS: readonly DomainRole[] = ["pipeline"];

/**
 * Publishing the freshness metric, in its namespace only. PutMetricData has no resource, and no
 * condition key names a dimension, so any domain's pipeline could publish another's dimensions;
 * the namespace is what IAM can confine.
 */
export const PUBLISH_FRESHNESS_STATEMENT: PolicyStatement = {
  Sid: "PublishFreshness",
  Effect: "Allow",
  Action: "cloudwatch:PutMetricData",
  Resource: "*",
  Condition: { StringEquals: { [METRIC_NAMESPACE_CONDITION_KEY]: FRESHNESS_METRIC.namespace } },
};

/** The identity policy of one role of the domain. */
export function roleIdentityPolicy(context: DomainContext, role: DomainRole, platformSpecs: readonly DomainSpec[]): PolicyDocument {
  const policy = grantsPolicy(context, heldProducts(context.spec, platformSpecs, role));
  return METRIC_PUBLISHERS.includes(role) ? { ...policy, Statement: [...policy.Statement, PUBLISH_FRESHNESS_STATEMENT] } : policy;
}

/** Allows exactly the held products' data, keys and catalog entries, nothing else. */
export function grantsPolicy(context: DomainContext, held: readonly HeldProduct[]): PolicyDocument {
  const { platform, profile } = context;
  const domain = context.spec.metadata.name;
  const statements: PolicyStatement[] = [];

  const ownAccess = (["read", "write"] as const).filter((a) => held.some((h) => h.spec.metadata.name === domain && h.access.includes(a)));
  if (ownAccess.length > 0) {
    statements.push({
      Sid: "OwnKeys",
      Effect: "Allow",
      Action: keyActions(ownAccess),
      Resource: anyKeyArn(platform),
      Condition: {
        StringEquals: { [resourceTag(DOMAIN_TAG_KEY)]: `\${${principalTag(DOMAIN_TAG_KEY)}}`, [resourceTag(ENVIRONMENT_TAG_KEY)]: profile.environment },
      },
    });
  }

  // Granted products' keys: one statement per owning domain and kind of context, listing the
  // granted products' context values (a value names its domain's product, so none is shared).
  const grantedKeys = new Map<string, { owner: string; key: string; values: string[] }>();
  for (const { spec, product, access, majors } of held) {
    const owner = spec.metadata.name;
    if (isTable(product)) {
      const bucket = productBucketArn(platform, profile, owner, product.name);
      statements.push(...bucketAccessStatements(bucket, access, ""), ...catalogAccessStatements(platform, profile, owner, product.name, access, ""));
    } else {
      statements.push(schemaReadStatement(platform, profile, owner, product.name, majors));
    }
    if (owner !== domain) {
      // A granted stream's payloads are keyed by topic, so the grant opens the held majors' only.
      const entries = isTable(product) ? [productEncryptionContext(platform, profile, owner, product)] : majors.map((m) => productEncryptionContext(platform, profile, owner, product, m));
      for (const entry of entries) {
        const group = `${owner} ${entry.key}`;
        const found = grantedKeys.get(group) ?? { owner, key: encryptionContextConditionKey(entry), values: [] };
        found.values.push(entry.value);
        grantedKeys.set(group, found);
      }
    }
  }
  for (const { owner, key, values } of grantedKeys.values()) {
    statements.push({
      Sid: sid(owner, key.endsWith(S3_ENCRYPTION_CONTEXT_KEY) ? "table" : "stream", "keys"),
      Effect: "Allow",
      Action: KMS_DECRYPT,
      Resource: anyKeyArn(platform),
      Condition: {
        StringEquals: { [resourceTag(DOMAIN_TAG_KEY)]: owner, [resourceTag(ENVIRONMENT_TAG_KEY)]: profile.environment, [key]: values.length === 1 ? values[0] : values },
      },
    });
  }
  return { Version: "2012-10-17", Statement: mergeBySid(statements) };
}
