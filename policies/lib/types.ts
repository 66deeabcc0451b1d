/**
 * Type tokens the rules look at. The pack never imports provider SDKs (they are slow to load and
 * the pack must judge any program), so it names types by token; deprecated `…V2` aliases included.
 */
export const BUCKET = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;
export const BUCKET_VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"] as const;
export const BUCKET_ENCRYPTION = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
] as const;
export const BUCKET_LIFECYCLE = [
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
] as const;
export const BUCKET_PUBLIC_ACCESS_BLOCK = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"] as const;
export const BUCKET_POLICY = ["aws:s3/bucketPolicy:BucketPolicy"] as const;
export const BUCKET_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"] as const;
export const BUCKET_OBJECT_LOCK = [
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
] as const;
export const BUCKET_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
export const BUCKET_ACL = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"] as const;

export const KMS_KEY = "aws:kms/key:Key";
export const KMS_ALIAS = "aws:kms/alias:Alias";

export const GLUE_SCHEMA = "aws:glue/schema:Schema";
export const GLUE_REGISTRY = "aws:glue/registry:Registry";
export const GLUE_DATABASE = "aws:glue/catalogDatabase:CatalogDatabase";
export const GLUE_TABLE = "aws:glue/catalogTable:CatalogTable";
export const GLUE_DATA_QUALITY_RULESET = "aws:glue/dataQualityRuleset:DataQualityRuleset";

export const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";

export const KAFKA_TOPIC = "kafka:index/topic:Topic";
export const KAFKA_ACL = "kafka:index/acl:Acl";

export const AWS_PROVIDER = "pulumi:providers:aws";

/** IAM roles and the documents that grant them (or others) access. */
export const IAM_ROLE = "aws:iam/role:Role";
export const IDENTITY_POLICY_TYPES = new Set([
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
]);
export const KMS_POLICY_TYPES = new Set([KMS_KEY, "aws:kms/keyPolicy:KeyPolicy"]);
export const RESOURCE_POLICY_TYPES = new Set([
  ...BUCKET_POLICY,
  "aws:glue/resourcePolicy:ResourcePolicy",
  "aws:msk/clusterPolicy:ClusterPolicy",
  ...KMS_POLICY_TYPES,
]);
export const ATTACHMENT_TYPES = new Set([
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
]);
export const EXCLUSIVE_ATTACHMENTS = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive";

/** Kubernetes objects that fence a namespace, and RBAC. */
export const NAMESPACE = "kubernetes:core/v1:Namespace";
export const RESOURCE_QUOTA = "kubernetes:core/v1:ResourceQuota";
export const LIMIT_RANGE = "kubernetes:core/v1:LimitRange";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
export const RBAC_BINDING_TYPES = new Set([
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
  "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
]);
export const RBAC_ROLE_TYPES = new Set([
  "kubernetes:rbac.authorization.k8s.io/v1:Role",
  "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
]);

/** Resources whose deletion loses data or access to it. */
export const STATEFUL_TYPES: readonly string[] = [
  ...BUCKET,
  ...BUCKET_OBJECT_LOCK,
  KMS_KEY,
  KAFKA_TOPIC,
  GLUE_DATABASE,
  GLUE_TABLE,
  GLUE_REGISTRY,
  GLUE_SCHEMA,
  "aws:dynamodb/table:Table",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:kinesis/stream:Stream",
  "aws:msk/cluster:Cluster",
  "aws:efs/fileSystem:FileSystem",
  "aws:secretsmanager/secret:Secret",
  "aws:ebs/volume:Volume",
  "aws:redshift/cluster:Cluster",
];

export function isAwsResource(type: string): boolean {
  return type.startsWith("aws:");
}

/**
 * Kubernetes objects that carry metadata labels: `kubernetes:<group>/<version>:<Kind>`, excluding
 * list kinds, server-side-apply patches, and the Helm/YAML/Kustomize components.
 */
export function isKubernetesObject(type: string): boolean {
  if (!type.startsWith("kubernetes:")) return false;
  const kind = type.slice(type.lastIndexOf(":") + 1);
  if (kind.endsWith("List") || kind.endsWith("Patch")) return false;
  return !/^kubernetes:(helm\.sh|yaml|kustomize)/.test(type);
}

/** Alarms, the topics they notify, and the EventBridge targets (rules' deliveries) that notify them too. */
export const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const COMPOSITE_ALARM = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
export const ALARM_TYPES: readonly string[] = [METRIC_ALARM, COMPOSITE_ALARM];
export const SNS_TOPIC = "aws:sns/topic:Topic";
export const SNS_TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
export const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
