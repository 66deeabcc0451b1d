/**
 * Which input properties replace a resource when they change: the ones that fix its physical name or
 * identity, which the provider marks "Forces new resource" (ForceNew in the bridged Terraform schema).
 * One entry per resource type meshkit's components create, each citing the provider documentation it
 * comes from; a type not listed here is only ever updated in place, or replaced by a type change.
 */
import { isWithin } from "./propertyDiff";

export interface ReplaceProperty {
  /** Input property path, dot-separated as the resource diff writes it. */
  readonly path: string;
  /** Replaces only when the number goes down (Kafka cannot remove partitions; it can add them). */
  readonly onlyWhenDecreased?: boolean;
}

export interface ReplaceRule {
  readonly properties: readonly ReplaceProperty[];
  /** The provider documentation of the resource's arguments. */
  readonly source: string;
}

const props = (...paths: string[]): ReplaceProperty[] => paths.map((path) => ({ path }));
const AWS_DOCS = "https://www.pulumi.com/registry/packages/aws/api-docs";
const KAFKA_DOCS = "https://www.pulumi.com/registry/packages/kafka/api-docs";
const K8S_DOCS = "https://www.pulumi.com/registry/packages/kubernetes/api-docs";

// Every S3 bucket configuration resource is bound to its bucket (and the expected owner account).
const bucketConfiguration = (doc: string): ReplaceRule => ({ properties: props("bucket", "expectedBucketOwner"), source: `${AWS_DOCS}/s3/${doc}/` });
// A Kubernetes object is identified by its name and namespace; the provider replaces it when either changes.
const kubernetesObject = (doc: string, ...more: string[]): ReplaceRule => ({
  properties: props("metadata.name", "metadata.namespace", ...more),
  source: `${K8S_DOCS}/${doc}/`,
});

export const REPLACE_PROPERTIES: Readonly<Record<string, ReplaceRule>> = {
  "aws:s3/bucket:Bucket": { properties: props("bucket", "bucketPrefix", "objectLockEnabled"), source: `${AWS_DOCS}/s3/bucket/` },
  "aws:s3/bucketV2:BucketV2": { properties: props("bucket", "bucketPrefix", "objectLockEnabled"), source: `${AWS_DOCS}/s3/bucketv2/` },
  "aws:s3/bucketVersioning:BucketVersioning": bucketConfiguration("bucketversioning"),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucketConfiguration("bucketserversideencryptionconfiguration"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketConfiguration("bucketlifecycleconfiguration"),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { properties: props("bucket"), source: `${AWS_DOCS}/s3/bucketpublicaccessblock/` },
  "aws:s3/bucketPolicy:BucketPolicy": { properties: props("bucket"), source: `${AWS_DOCS}/s3/bucketpolicy/` },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { properties: props("bucket"), source: `${AWS_DOCS}/s3/bucketownershipcontrols/` },
  "aws:s3/bucketLogging:BucketLogging": bucketConfiguration("bucketlogging"),
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": bucketConfiguration("bucketobjectlockconfiguration"),
  "aws:kms/key:Key": {
    properties: props("customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId", "xksKeyId"),
    source: `${AWS_DOCS}/kms/key/`,
  },
  "aws:kms/alias:Alias": { properties: props("name", "namePrefix"), source: `${AWS_DOCS}/kms/alias/` },
  "kafka:index/topic:Topic": {
    properties: [...props("name", "replicationFactor"), { path: "partitions", onlyWhenDecreased: true }],
    source: `${KAFKA_DOCS}/topic/`,
  },
  "kafka:index/acl:Acl": {
    properties: props("aclResourceName", "aclResourceType", "aclPrincipal", "aclHost", "aclOperation", "aclPermissionType", "resourcePatternTypeFilter"),
    source: `${KAFKA_DOCS}/acl/`,
  },
  "aws:glue/catalogDatabase:CatalogDatabase": { properties: props("name", "catalogId"), source: `${AWS_DOCS}/glue/catalogdatabase/` },
  "aws:glue/catalogTable:CatalogTable": { properties: props("name", "databaseName", "catalogId"), source: `${AWS_DOCS}/glue/catalogtable/` },
  "aws:glue/registry:Registry": { properties: props("registryName"), source: `${AWS_DOCS}/glue/registry/` },
  "aws:glue/schema:Schema": { properties: props("schemaName", "registryArn", "dataFormat"), source: `${AWS_DOCS}/glue/schema/` },
  "aws:glue/dataQualityRuleset:DataQualityRuleset": { properties: props("name", "targetTable"), source: `${AWS_DOCS}/glue/dataqualityruleset/` },
  "aws:iam/role:Role": { properties: props("name", "namePrefix", "path"), source: `${AWS_DOCS}/iam/role/` },
  "aws:iam/policy:Policy": { properties: props("name", "namePrefix", "path", "description"), source: `${AWS_DOCS}/iam/policy/` },
  "aws:iam/rolePolicy:RolePolicy": { properties: props("name", "namePrefix", "role"), source: `${AWS_DOCS}/iam/rolepolicy/` },
  "aws:budgets/budget:Budget": { properties: props("name", "namePrefix", "accountId"), source: `${AWS_DOCS}/budgets/budget/` },
  "aws:sns/topic:Topic": { properties: props("name", "namePrefix", "fifoTopic"), source: `${AWS_DOCS}/sns/topic/` },
  "aws:sns/topicSubscription:TopicSubscription": { properties: props("topic", "protocol", "endpoint"), source: `${AWS_DOCS}/sns/topicsubscription/` },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { properties: props("name"), source: `${AWS_DOCS}/cloudwatch/metricalarm/` },
  "aws:cloudwatch/eventRule:EventRule": { properties: props("name", "namePrefix", "eventBusName"), source: `${AWS_DOCS}/cloudwatch/eventrule/` },
  "kubernetes:core/v1:Namespace": { properties: props("metadata.name"), source: `${K8S_DOCS}/core/v1/namespace/` },
  "kubernetes:core/v1:ResourceQuota": kubernetesObject("core/v1/resourcequota"),
  "kubernetes:core/v1:LimitRange": kubernetesObject("core/v1/limitrange"),
  "kubernetes:core/v1:ServiceAccount": kubernetesObject("core/v1/serviceaccount"),
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": kubernetesObject("networking/v1/networkpolicy"),
  // A RoleBinding's roleRef is immutable in the Kubernetes API.
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": kubernetesObject("rbac/v1/rolebinding", "roleRef"),
};

/** The changed paths (from a resource diff) that replace a resource of `type`, with the values before and after. */
export function replacingChanges(
  type: string,
  changedPaths: readonly string[],
  valueAt: (side: "before" | "after", path: string) => unknown,
): string[] {
  const rule = REPLACE_PROPERTIES[type];
  if (rule === undefined) return [];
  return rule.properties
    .filter((p) => changedPaths.some((c) => isWithin(c, p.path)))
    .filter((p) => !p.onlyWhenDecreased || Number(valueAt("after", p.path)) < Number(valueAt("before", p.path)))
    .map((p) => p.path);
}
