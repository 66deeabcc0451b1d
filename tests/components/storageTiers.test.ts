import { beforeEach, describe, expect, it } from "vitest";
import { installMocks, type MockedResource } from "../support/mocks";
import { captureRegistrations } from "../support/registrations";
import { settle } from "../support/settle";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { contextFor, exampleManifest, exampleManifests, TEST_PLATFORM } from "../support/exampleDomains";
import { expectedRequiredTags } from "../support/requiredTags";
import { StorageTiers } from "../../components/storage/storageTiers";
import type { DomainContext } from "../../components/domain/context";
import { declaredAccess, isAllowed } from "../../components/grants/accessModel";
import { BUCKET_PURPOSE_TAG_KEY, DOMAIN_ROLES, PII_NONCURRENT_EXPIRY_MAX_DAYS, type Environment } from "../../conventions";

const mocks = installMocks();
const registrations = captureRegistrations();

beforeEach(() => {
  mocks.resources.length = 0;
  registrations.length = 0;
});

const keyArn = (name: string) => `arn:aws:kms:eu-west-1:123456789012:key/${name}`;
const ACCOUNT = TEST_PLATFORM.accountId;

async function deploy(context: DomainContext, componentName = `${context.spec.metadata.name}-${context.profile.environment}`) {
  const component = new StorageTiers(componentName, {
    context,
    keyArnFor: (product) => keyArn(`${context.spec.metadata.name}-${product}`),
    auditKeyArn: keyArn(`${context.spec.metadata.name}-domain`),
  });
  await settle();
  return component;
}

const deployExample = (domain: string, environment: Environment) => deploy(contextFor(exampleManifest(domain), environment));

/** The configuration resource of `type` attached to the bucket named `bucket`. */
function configOf(type: string, bucket: string): MockedResource {
  const found = mocks.ofType(type).filter((r) => r.inputs.bucket === bucket);
  expect(found, `${type} of ${bucket}`).toHaveLength(1);
  return found[0];
}
const policyOf = (bucket: string) => configOf("aws:s3/bucketPolicy:BucketPolicy", bucket).inputs.policy;
const statement = (policy: { Statement: { Sid: string }[] }, sid: string) => policy.Statement.find((s) => s.Sid === sid) as any;

const FACTS = `orders-order-facts-prd-${ACCOUNT}`;
const AUDIT = `orders-audit-prd-${ACCOUNT}`;
const LOGS = `orders-access-logs-prd-${ACCOUNT}`;

describe("StorageTiers buckets", () => {
  it("orders: a bucket per table product plus the audit and access-log buckets, each fully configured", async () => {
    await deployExample("orders", "production");
    expect(mocks.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket).sort()).toEqual([LOGS, AUDIT, FACTS].sort());
    for (const type of ["bucketOwnershipControls:BucketOwnershipControls", "bucketPublicAccessBlock:BucketPublicAccessBlock", "bucketVersioning:BucketVersioning", "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "bucketLifecycleConfiguration:BucketLifecycleConfiguration", "bucketPolicy:BucketPolicy"]) {
      expect(mocks.ofType(`aws:s3/${type}`), type).toHaveLength(3);
    }
    // The log bucket does not log itself.
    expect(mocks.ofType("aws:s3/bucketLogging:BucketLogging").map((l) => l.inputs.bucket).sort()).toEqual([AUDIT, FACTS].sort());
  });

  it("tags each bucket with its purpose, which the audit-bucket guardrail reads instead of names", async () => {
    await deployExample("orders", "production");
    const purposes = Object.fromEntries(mocks.ofType("aws:s3/bucket:Bucket").map((b) => [b.inputs.bucket, b.inputs.tags[BUCKET_PURPOSE_TAG_KEY]]));
    expect(purposes).toEqual({ [AUDIT]: "audit", [LOGS]: "access-logs", [FACTS]: "data-product" });
  });

  it("every bucket blocks all public access, enforces bucket ownership and keeps versions", async () => {
    await deployExample("payments", "staging");
    for (const bucket of mocks.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)) {
      expect(configOf("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket).inputs).toMatchObject({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(configOf("aws:s3/bucketOwnershipControls:BucketOwnershipControls", bucket).inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
      expect(configOf("aws:s3/bucketVersioning:BucketVersioning", bucket).inputs.versioningConfiguration).toEqual({ status: "Enabled" });
    }
  });

  it("encrypts product buckets with the product's key and a bucket key, the audit bucket with the domain key", async () => {
    await deployExample("orders", "production");
    const sse = (bucket: string) => configOf("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", bucket).inputs.rules;
    expect(sse(FACTS)).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn("orders-order-facts") }, bucketKeyEnabled: true }]);
    expect(sse(AUDIT)).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn("orders-domain") }, bucketKeyEnabled: true }]);
    // S3 delivers server access logs only to SSE-S3 buckets.
    expect(sse(LOGS)).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
  });

  it("tags every bucket with the six required tags; product buckets carry the product's classification", async () => {
    const manifest = exampleManifest("customer-profile");
    await deployExample("customer-profile", "staging");
    const buckets = mocks.ofType("aws:s3/bucket:Bucket");
    for (const bucket of buckets) expect(Object.keys(bucket.inputs.tags)).toEqual(expect.arrayContaining(Object.keys(expectedRequiredTags(manifest.spec, "staging"))));
    const segments = buckets.find((b) => b.inputs.bucket === `customer-profile-customer-segments-stg-${ACCOUNT}`)!;
    expect(segments.inputs.tags).toMatchObject({ ...expectedRequiredTags(manifest.spec, "staging", "internal"), "data-product": "customer-segments" });
    const audit = buckets.find((b) => b.inputs.bucket === `customer-profile-audit-stg-${ACCOUNT}`)!;
    expect(audit.inputs.tags).toMatchObject(expectedRequiredTags(manifest.spec, "staging"));
  });
});

describe("StorageTiers lifecycle", () => {
  const rulesOf = (bucket: string) => configOf("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", bucket).inputs.rules;

  it("moves order facts warm → cold → archive on the manifest's days and expires them at retention", async () => {
    await deployExample("orders", "production");
    const [rule] = rulesOf(FACTS);
    expect(rule).toMatchObject({
      status: "Enabled",
      transitions: [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 90, storageClass: "GLACIER_IR" },
        { days: 365, storageClass: "DEEP_ARCHIVE" },
      ],
      expiration: { days: 2555 },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    });
  });

  it("leaves out the tiers a manifest omits", async () => {
    await deployExample("customer-profile", "production");
    const [rule] = rulesOf(`customer-profile-customer-segments-prd-${ACCOUNT}`);
    expect(rule.transitions).toEqual([
      { days: 30, storageClass: "STANDARD_IA" },
      { days: 120, storageClass: "GLACIER_IR" },
    ]);
    expect(rule.expiration).toEqual({ days: 400 });
  });

  it("expires noncurrent versions of a PII product within the erasure limit, and keeps them longer without PII", async () => {
    const manifest = exampleManifest("orders");
    const spec = structuredClone(manifest.spec);
    spec.spec.products.find((p) => p.name === "order-facts")!.pii = ["email"];
    spec.spec.products.find((p) => p.name === "order-facts")!.classification = "confidential";
    await deploy({ ...contextFor(manifest, "production"), spec }, "orders-with-pii");
    expect(rulesOf(FACTS)[0].noncurrentVersionExpiration.noncurrentDays).toBeLessThanOrEqual(PII_NONCURRENT_EXPIRY_MAX_DAYS);
    mocks.resources.length = 0;
    await deployExample("orders", "production");
    expect(rulesOf(FACTS)[0].noncurrentVersionExpiration.noncurrentDays).toBeGreaterThan(PII_NONCURRENT_EXPIRY_MAX_DAYS);
  });

  it("keeps audit records as long as the object lock holds them; audit and log versions go within the erasure window", async () => {
    await deployExample("orders", "production");
    expect(rulesOf(AUDIT)[0].expiration.days).toBeGreaterThanOrEqual(7 * 365);
    expect(rulesOf(LOGS)[0].expiration.days).toBeGreaterThan(0);
    for (const bucket of [AUDIT, LOGS]) {
      expect(rulesOf(bucket)[0].noncurrentVersionExpiration.noncurrentDays).toBeLessThanOrEqual(PII_NONCURRENT_EXPIRY_MAX_DAYS);
    }
  });
});

describe("StorageTiers object lock", () => {
  it("locks the audit bucket in compliance mode for the profile's years in production, from creation", async () => {
    await deployExample("orders", "production");
    const locked = mocks.ofType("aws:s3/bucket:Bucket").filter((b) => b.inputs.objectLockEnabled === true);
    expect(locked.map((b) => b.inputs.bucket)).toEqual([AUDIT]);
    expect(configOf("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", AUDIT).inputs.rule).toEqual({
      defaultRetention: { mode: "COMPLIANCE", years: 7 },
    });
  });

  it("has no object lock in staging", async () => {
    await deployExample("orders", "staging");
    expect(mocks.ofType("aws:s3/bucket:Bucket").filter((b) => b.inputs.objectLockEnabled !== undefined)).toEqual([]);
    expect(mocks.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toEqual([]);
  });
});

describe("StorageTiers bucket policies", () => {
  const role = (domain: string, r: string) => `arn:aws:iam::${ACCOUNT}:role/meshkit/meshkit-production-${domain}-${r}`;

  /** Same-account request by `principal`, whose own policy allows all of S3: the bucket policy alone decides. */
  async function simulate(policy: unknown, principal: string, action: string, context: Record<string, string> = {}) {
    const result = await runSimulation(
      {
        request: {
          principal,
          action,
          resource: { resource: `arn:aws:s3:::${FACTS}/dt=2026-01-01/part-0.parquet`, accountId: ACCOUNT },
          contextVariables: { "aws:PrincipalArn": principal, "aws:SecureTransport": "true", ...context },
        },
        identityPolicies: [{ name: "all-of-s3", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy,
      },
      {},
    );
    if (result.resultType === "error") throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
    return result.overallResult;
  }

  it("product buckets deny non-TLS requests and writes with another algorithm or key, not headerless writes", async () => {
    await deployExample("orders", "production");
    const policy = policyOf(FACTS);
    const producer = role("orders", "producer");
    const sse = (algorithm: string, key?: string) => ({
      "s3:x-amz-server-side-encryption": algorithm,
      ...(key === undefined ? {} : { "s3:x-amz-server-side-encryption-aws-kms-key-id": key }),
    });
    expect(await simulate(policy, producer, "s3:PutObject")).toBe("Allowed");
    expect(await simulate(policy, producer, "s3:PutObject", sse("aws:kms", keyArn("orders-order-facts")))).toBe("Allowed");
    expect(await simulate(policy, producer, "s3:PutObject", sse("aws:kms"))).toBe("Allowed");
    expect(await simulate(policy, producer, "s3:PutObject", sse("aws:kms", keyArn("someone-elses")))).toBe("ExplicitlyDenied");
    expect(await simulate(policy, producer, "s3:PutObject", sse("AES256"))).toBe("ExplicitlyDenied");
    expect(await simulate(policy, producer, "s3:GetObject", { "aws:SecureTransport": "false" })).toBe("ExplicitlyDenied");
  });

  it("the bucket policy lets exactly the declared principals read and write (IAM policy simulator)", async () => {
    await deployExample("orders", "production");
    const policy = policyOf(FACTS);
    const specs = exampleManifests().map((m) => m.spec);
    const grants = declaredAccess(specs);
    const cells: string[] = [];
    for (const domain of [...specs.map((s) => s.metadata.name), "outsider"]) {
      for (const r of DOMAIN_ROLES) {
        for (const [access, action] of [["read", "s3:GetObject"], ["write", "s3:PutObject"]] as const) {
          const want = isAllowed(grants, domain, r, "orders", "order-facts", access) ? "Allowed" : "ExplicitlyDenied";
          const got = await simulate(policy, role(domain, r), action);
          if (got !== want) cells.push(`${domain}-${r} ${access}: ${got}, declared ${want}`);
        }
      }
    }
    expect(cells).toEqual([]);
  });

  it("fences product data to the declared principals: own roles and granted consumers read, own writers write", async () => {
    await deployExample("orders", "production");
    const policy = policyOf(FACTS);
    expect(statement(policy, "DenyReadOutsideGrants").Condition.ArnNotEquals["aws:PrincipalArn"]).toEqual(
      [
        role("orders", "producer"),
        role("orders", "consumer"),
        role("orders", "steward"),
        role("orders", "pipeline"),
        role("payments", "consumer"),
        role("payments", "pipeline"),
      ].sort(),
    );
    expect(statement(policy, "DenyWriteOutsideGrants").Condition.ArnNotEquals["aws:PrincipalArn"]).toEqual([role("orders", "pipeline"), role("orders", "producer")]);
  });

  it("the access-log bucket lets S3's logging service deliver for this domain's buckets only", async () => {
    await deployExample("orders", "production");
    const delivery = statement(policyOf(LOGS), "AllowS3ServerAccessLogDelivery");
    expect(delivery).toMatchObject({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" });
    expect(delivery.Condition.StringEquals).toEqual({ "aws:SourceAccount": ACCOUNT });
    expect([...delivery.Condition.ArnLike["aws:SourceArn"]].sort()).toEqual([`arn:aws:s3:::${AUDIT}`, `arn:aws:s3:::${FACTS}`]);
    expect(statement(policyOf(LOGS), "DenyInsecureTransport")).toBeDefined();
    const logging = configOf("aws:s3/bucketLogging:BucketLogging", FACTS).inputs;
    expect(logging.targetBucket).toBe(LOGS);
    expect(delivery.Resource).toBe(`arn:aws:s3:::${LOGS}/${logging.targetPrefix.split("/")[0]}/*`);
  });
});

describe("StorageTiers resource options", () => {
  it.each(["staging", "production"] as const)("in %s: buckets and object locks are protected and retained only in production; every child is parented", async (env) => {
    await deployExample("payments", env);
    const component = registrations.find((r) => r.type === "meshkit:data:StorageTiers")!;
    const children = registrations.filter((r) => r !== component);
    expect(children.length).toBe(mocks.resources.length - 1);
    for (const child of children) {
      expect(child.parent).toBe(component.urn);
      const stateful = ["aws:s3/bucket:Bucket", "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"].includes(child.type);
      expect({ name: child.name, protect: child.protect, retain: child.retainOnDelete }).toEqual({
        name: child.name,
        protect: stateful && env === "production",
        retain: stateful && env === "production",
      });
    }
  });
});
