// The AWS part of one meshkit domain written the way a platform team would in the AWS CDK: the domain's
// KMS keys (rotation, alias, one per restricted product), its buckets with their hardening (SSE-KMS with
// the key and bucket key, public-access block, versioning, lifecycle tiers and expiry, TLS-only policy,
// access logs), its IAM roles under a permissions boundary with their grants (cross-domain reads as the
// manifests declare them), its Glue entries (catalog database, a table per product with the schema's
// columns, schema registry and schemas), its alert topic, each product's service-level alarms, a data
// quality ruleset per table product with a schema, and its budget.
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { alertTopic } from "./alertTopic.mjs";
import { dataQualityRules } from "./dataQualityRules.mjs";
import { domainBudget } from "./domainBudget.mjs";
import { conventions, glueColumn, schemaFields, tableColumns } from "./meshkit.mjs";
import { serviceLevelAlarms } from "./serviceLevelAlarms.mjs";

const require = createRequire(import.meta.url);
const cdk = require("aws-cdk-lib");
const { aws_glue: glue, aws_iam: iam, aws_kms: kms, aws_s3: s3 } = cdk;

const ENV = "production";
const ROLES = ["producer", "consumer", "steward", "pipeline"];
const FORMATS = {
  parquet: ["org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"],
  avro: ["org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat", "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat", "org.apache.hadoop.hive.serde2.avro.AvroSerDe"],
  json: ["org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", "org.openx.data.jsonserde.JsonSerDe"],
  csv: ["org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"],
};
const COMPATIBILITY = { none: "NONE", backward: "BACKWARD", forward: "FORWARD", full: "FULL", "backward-transitive": "BACKWARD_ALL", "forward-transitive": "FORWARD_ALL", "full-transitive": "FULL_ALL" };

const { catalogTableName, schemaRegistryName, topicName } = conventions;

const roleName = (domain, role) => `meshkit-${ENV}-${domain}-${role}`;
const bucketName = (domain, product, account) => `${domain}-${product}-prd-${account}`;

/** A product's schema in meshkit's ProductSchema shape, read from the manifest's directory. */
function readSchema(manifestDir, schemaPath) {
  return { path: schemaPath, format: schemaPath.endsWith(".avsc") ? "AVRO" : "JSON", definition: fs.readFileSync(path.join(manifestDir, schemaPath), "utf8") };
}

function hardenedBucket(scope, id, props) {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: cdk.RemovalPolicy.RETAIN,
    ...props,
  });
}

/**
 * One stack per domain. `spec` is the parsed manifest, `manifestDir` resolves its schema files, `platform`
 * holds the account, region, platform administrator role and the EKS OIDC provider.
 */
export function domainStack(app, spec, manifestDir, platform) {
  const domain = spec.metadata.name;
  const stack = new cdk.Stack(app, `meshkit-${ENV}-${domain}`, { env: { account: platform.accountId, region: platform.region } });
  cdk.Tags.of(stack).add("domain", domain);
  cdk.Tags.of(stack).add("environment", ENV);
  cdk.Tags.of(stack).add("owner", spec.metadata.owner);
  cdk.Tags.of(stack).add("cost-center", spec.metadata.costCenter);
  cdk.Tags.of(stack).add("data-classification", spec.spec.classification);
  cdk.Tags.of(stack).add("managed-by", "meshkit");

  const admin = iam.Role.fromRoleArn(stack, "PlatformAdmin", platform.platformAdminRoleArn, { mutable: false });
  const boundary = new iam.ManagedPolicy(stack, "Boundary", {
    managedPolicyName: `meshkit-${ENV}-${domain}-boundary`,
    statements: [
      new iam.PolicyStatement({ actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], resources: [`arn:aws:s3:::${domain}-*`, `arn:aws:s3:::${domain}-*/*`] }),
      new iam.PolicyStatement({ actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [`arn:aws:kms:${platform.region}:${platform.accountId}:key/*`], conditions: { StringEquals: { "aws:ResourceTag/domain": domain } } }),
      new iam.PolicyStatement({ actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetSchemaVersion"], resources: [`arn:aws:glue:${platform.region}:${platform.accountId}:*`] }),
    ],
  });
  const roles = Object.fromEntries(
    ROLES.map((role) => [
      role,
      new iam.Role(stack, `Role-${role}`, {
        roleName: roleName(domain, role),
        assumedBy:
          role === "pipeline"
            ? new iam.FederatedPrincipal(platform.eksOidcProviderArn, {}, "sts:AssumeRoleWithWebIdentity")
            : new iam.AccountPrincipal(platform.accountId).withConditions({ StringEquals: { "aws:PrincipalTag/team": spec.metadata.owner } }),
        permissionsBoundary: boundary,
        maxSessionDuration: cdk.Duration.hours(1),
      }),
    ]),
  );

  const newKey = (id, alias) =>
    new kms.Key(stack, id, { alias, enableKeyRotation: true, pendingWindow: cdk.Duration.days(30), removalPolicy: cdk.RemovalPolicy.RETAIN, admins: [admin] });
  const domainKey = newKey("DomainKey", `alias/meshkit/${ENV}/${domain}`);
  const products = spec.spec.products.map((p) => ({ ...p, classification: p.classification ?? spec.spec.classification }));
  const keyOf = Object.fromEntries(
    products.map((p) => [p.name, p.classification === "restricted" ? newKey(`Key-${p.name}`, `alias/meshkit/${ENV}/${domain}/${p.name}`) : domainKey]),
  );

  const accessLogs = hardenedBucket(stack, "AccessLogs", {
    bucketName: bucketName(domain, "access-logs", platform.accountId),
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: cdk.Duration.days(365), noncurrentVersionExpiration: cdk.Duration.days(30) }],
  });
  const audit = hardenedBucket(stack, "Audit", {
    bucketName: bucketName(domain, "audit", platform.accountId),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: domainKey,
    bucketKeyEnabled: true,
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.compliance(cdk.Duration.days(2555)),
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: "audit/",
    lifecycleRules: [{ noncurrentVersionExpiration: cdk.Duration.days(30) }],
  });
  audit.grantRead(roles.steward);

  const database = new glue.CfnDatabase(stack, "Catalog", {
    catalogId: platform.accountId,
    databaseInput: { name: `meshkit_${ENV}_${domain}`.replace(/-/g, "_"), description: `${domain} data products` },
  });
  const registry = new glue.CfnRegistry(stack, "SchemaRegistry", { name: schemaRegistryName(ENV, domain) });

  /** A product's catalog entry: what every entry says, plus where its data is. */
  const catalogTable = (product, where) =>
    new glue.CfnTable(stack, `Table-${product.name}`, {
      catalogId: platform.accountId,
      databaseName: database.ref,
      tableInput: { name: catalogTableName(product.name), description: product.description, tableType: "EXTERNAL_TABLE", ...where },
    });
  const alerts = alertTopic(stack, spec, ENV, domainKey, platform);

  for (const product of products) {
    const key = keyOf[product.name];
    const schema = product.schema ? readSchema(manifestDir, product.schema) : undefined;
    key.grantEncryptDecrypt(roles.producer);
    key.grantEncryptDecrypt(roles.pipeline);
    key.grantDecrypt(roles.consumer);
    const consumers = (product.consumers ?? []).map((c) =>
      iam.Role.fromRoleArn(stack, `Grant-${product.name}-${c.domain}`, `arn:aws:iam::${platform.accountId}:role/${roleName(c.domain, "consumer")}`, { mutable: false }),
    );
    for (const c of consumers) key.grantDecrypt(c);

    if (product.kind === "table") {
      const storage = product.storage;
      const transitions = [
        { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: cdk.Duration.days(storage.warmAfterDays) },
        ...(storage.coldAfterDays ? [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: cdk.Duration.days(storage.coldAfterDays) }] : []),
        ...(storage.archiveAfterDays ? [{ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: cdk.Duration.days(storage.archiveAfterDays) }] : []),
      ];
      const name = bucketName(domain, product.name, platform.accountId);
      const bucket = hardenedBucket(stack, `Bucket-${product.name}`, {
        bucketName: name,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        serverAccessLogsBucket: accessLogs,
        serverAccessLogsPrefix: `${product.name}/`,
        lifecycleRules: [{ transitions, expiration: cdk.Duration.days(product.retentionDays), noncurrentVersionExpiration: cdk.Duration.days(30) }],
      });
      bucket.grantReadWrite(roles.producer);
      bucket.grantReadWrite(roles.pipeline);
      bucket.grantRead(roles.consumer);
      bucket.grantRead(roles.steward);
      for (const c of consumers) bucket.grantRead(c);
      const [inputFormat, outputFormat, serde] = FORMATS[storage.format];
      const { columns, partitionKeys } = tableColumns(schema ? schemaFields(schema) : [], storage.partitionKeys);
      const table = catalogTable(product, {
        parameters: { classification: storage.format, "data-classification": product.classification },
        partitionKeys,
        storageDescriptor: { columns, location: `s3://${name}/`, inputFormat, outputFormat, serdeInfo: { serializationLibrary: serde } },
      });
      if (schema) dataQualityRules(stack, domain, ENV, product, schema, table, alerts);
    } else {
      // A stream's catalog entry (meshkit makes one for every stream): a Glue table over its Kafka topic.
      const major = Number(product.contract.version.split(".")[0]);
      const kafka = { typeOfData: "kafka", topicName: topicName(domain, product.name, major) };
      catalogTable(product, {
        parameters: { ...kafka, "data-classification": product.classification },
        storageDescriptor: { columns: schema ? schemaFields(schema).map(glueColumn) : [], parameters: kafka },
      });
      if (schema) {
        new glue.CfnSchema(stack, `Schema-${product.name}`, {
          name: `${domain}.${product.name}.v${major}`,
          registry: { arn: registry.attrArn },
          dataFormat: schema.format,
          compatibility: COMPATIBILITY[product.contract.compatibility],
          schemaDefinition: schema.definition,
          tags: [{ key: "data-classification", value: product.classification }],
        });
      }
    }
    serviceLevelAlarms(stack, domain, ENV, product, alerts);
  }
  if (spec.metadata.budget) domainBudget(stack, spec, ENV);
  return stack;
}
