/**
 * The example stacks, run by the offline engine in preview and update mode, checked for what a
 * reviewer would check by hand. Expected values are derived from the manifests here, independently
 * of the components' own code.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  BURN_RATE_WINDOW_PAIRS,
  ENVIRONMENT_MINIMUMS,
  isTaggableAwsType,
  REQUIRED_TAG_KEYS,
  type Environment,
} from "../../conventions";
import { classificationOf, isStream, isTable, majorVersion, type DomainSpec } from "../../components/manifest";
import type { CapturedResource, RunResult } from "../../engine";
import { domainOf, exampleSpecs, inputsOf, ofType, runStack } from "../support/stackRuns";

const STATEFUL_TYPES = new Set([
  "aws:s3/bucket:Bucket",
  "aws:kms/key:Key",
  "kafka:index/topic:Topic",
  "aws:glue/catalogDatabase:CatalogDatabase",
  "aws:glue/catalogTable:CatalogTable",
  "aws:glue/registry:Registry",
  "aws:glue/schema:Schema",
  // Dropping it would end the audit trail's retention guarantee.
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
]);

/** Resource counts per type that one domain's manifest calls for. */
function expectedCounts(spec: DomainSpec, environment: Environment): Record<string, number> {
  const products = spec.spec.products;
  const streams = products.filter(isStream);
  const tables = products.filter(isTable);
  const restricted = products.filter((p) => classificationOf(spec, p) === "restricted").length;
  const topics = streams.reduce((n, p) => n + 1 + (p.stream.deadLetter ? 1 : 0) + (p.stream.quarantine ? 1 : 0), 0);
  const grantedReads = streams.reduce((n, p) => n + p.consumers.length, 0);
  const buckets = tables.length + 2; // one per table, the audit bucket and the access-log bucket
  const counts: Record<string, number> = {
    "meshkit:data:DataDomain": 1,
    "meshkit:security:DomainKeys": 1,
    "aws:kms/key:Key": 1 + restricted,
    "aws:kms/alias:Alias": 1 + restricted,
    "meshkit:data:StorageTiers": 1,
    "aws:s3/bucket:Bucket": buckets,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": buckets,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": buckets,
    "aws:s3/bucketVersioning:BucketVersioning": buckets,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": buckets,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": buckets,
    "aws:s3/bucketPolicy:BucketPolicy": buckets,
    "aws:s3/bucketLogging:BucketLogging": buckets - 1,
    "meshkit:streaming:EventStreams": 1,
    "kafka:index/topic:Topic": topics,
    "kafka:index/acl:Acl": topics * 2 + grantedReads + 1,
    "aws:glue/registry:Registry": 1,
    "aws:glue/schema:Schema": streams.filter((p) => p.schema !== undefined).length,
    "meshkit:security:AccessControl": 1,
    "aws:iam/role:Role": 4,
    "aws:iam/rolePolicy:RolePolicy": 4,
    "aws:iam/policy:Policy": 1,
    "meshkit:catalog:DomainCatalog": 1,
    "aws:glue/catalogDatabase:CatalogDatabase": 1,
    // One catalog entry per product: a table's points at its bucket, a stream's names its topic.
    "aws:glue/catalogTable:CatalogTable": products.length,
    // One alert topic, the stewards and incident endpoints subscribed to it.
    "meshkit:observability:DomainAlerts": 1,
    "aws:sns/topic:Topic": 1,
    "aws:sns/topicPolicy:TopicPolicy": 1,
    "aws:sns/topicSubscription:TopicSubscription": spec.metadata.stewards.length + spec.metadata.incidentEndpoints.length,
    // Per product a freshness alarm and per burn-rate pair a composite of two window alarms.
    "meshkit:observability:ServiceLevelAlarms": 1,
    "aws:cloudwatch/metricAlarm:MetricAlarm": products.length * (1 + 2 * BURN_RATE_WINDOW_PAIRS.length),
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": products.length * BURN_RATE_WINDOW_PAIRS.length,
  };
  // Per table product with a schema a Glue Data Quality ruleset, and the rule and target that send its
  // low scores to the alert topic.
  const scored = tables.filter((p) => p.schema !== undefined).length;
  counts["meshkit:observability:DataQualityRules"] = 1;
  if (scored > 0) {
    counts["aws:glue/dataQualityRuleset:DataQualityRuleset"] = scored;
    counts["aws:cloudwatch/eventRule:EventRule"] = scored;
    counts["aws:cloudwatch/eventTarget:EventTarget"] = scored;
  }
  if (ENVIRONMENT_MINIMUMS[environment].auditObjectLockYears > 0) {
    counts["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"] = 1;
  }
  if (spec.spec.workloads !== undefined) {
    for (const type of [
      "meshkit:platform:DomainWorkspace",
      "kubernetes:core/v1:Namespace",
      "kubernetes:core/v1:ResourceQuota",
      "kubernetes:core/v1:LimitRange",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      "kubernetes:core/v1:ServiceAccount",
      "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    ]) {
      counts[type] = 1;
    }
  }
  if (spec.metadata.budget !== undefined) {
    counts["meshkit:finops:DomainBudget"] = 1;
    counts["aws:budgets/budget:Budget"] = 1;
  }
  return counts;
}

const specs = exampleSpecs();
const specOf = (domain: string) => specs.find((s) => s.metadata.name === domain)!;

describe.each([
  ["staging", true],
  ["staging", false],
  ["production", true],
  ["production", false],
] as const)("stack %s (preview: %s)", (stack, dryRun) => {
  let run: RunResult;
  const environment: Environment = stack;
  const minimums = ENVIRONMENT_MINIMUMS[environment];
  beforeAll(async () => {
    run = await runStack(stack, dryRun);
  });

  it("creates exactly the resources each manifest calls for, per domain and type", () => {
    for (const spec of specs) {
      const actual: Record<string, number> = {};
      for (const r of run.resources) {
        if (domainOf(run, r) === spec.metadata.name) actual[r.type] = (actual[r.type] ?? 0) + 1;
      }
      expect(actual, spec.metadata.name).toEqual(expectedCounts(spec, environment));
    }
  });

  it("tags every taggable AWS resource and labels every Kubernetes object with the six required keys", () => {
    const owned = run.resources.filter((r) => r.custom && domainOf(run, r) !== undefined);
    const taggable = owned.filter((r) => isTaggableAwsType(r.type));
    const kubernetes = owned.filter((r) => r.type.startsWith("kubernetes:"));
    expect(taggable.length).toBeGreaterThan(20);
    expect(kubernetes.length).toBeGreaterThan(0);
    for (const r of [...taggable, ...kubernetes]) {
      const spec = specOf(domainOf(run, r)!);
      const tags: Record<string, string> = r.type.startsWith("kubernetes:") ? inputsOf(r).metadata.labels : inputsOf(r).tags;
      expect(tags, r.urn).toBeDefined();
      for (const key of REQUIRED_TAG_KEYS) expect(tags[key], `${r.urn} ${key}`).toBeTruthy();
      expect(tags.domain).toBe(spec.metadata.name);
      expect(tags.environment).toBe(environment);
      expect(tags.owner).toBe(spec.metadata.owner);
      expect(tags["cost-center"]).toBe(spec.metadata.costCenter);
      expect(tags["managed-by"]).toBe("meshkit");
      const product = spec.spec.products.find((p) => p.name === tags["data-product"]);
      expect(tags["data-classification"]).toBe(product ? classificationOf(spec, product) : spec.spec.classification);
    }
  });

  it("gives every topic the manifest's partitions and the environment's replication and min.insync.replicas", () => {
    for (const spec of specs) {
      for (const product of spec.spec.products.filter(isStream)) {
        const main = `${spec.metadata.name}.${product.name}.v${majorVersion(product)}`;
        const expected = [main, ...(product.stream.deadLetter ? [`${main}.dlq`] : []), ...(product.stream.quarantine ? [`${main}.quarantine`] : [])];
        const topics = ofType(run, "kafka:index/topic:Topic").map(inputsOf).filter((t) => t.name.startsWith(`${main}`));
        expect(topics.map((t) => t.name).sort()).toEqual(expected.sort());
        for (const topic of topics) {
          expect(topic.partitions).toBe(product.stream.partitions);
          expect(topic.replicationFactor).toBe(minimums.replicationFactor);
          expect(topic.config["min.insync.replicas"]).toBe(String(minimums.minInsyncReplicas));
        }
        const mainTopic = topics.find((t) => t.name === main)!;
        expect(mainTopic.config["cleanup.policy"]).toBe(product.stream.cleanupPolicy);
        const days = minimums.streamRetentionCapDays === undefined ? product.retentionDays : Math.min(product.retentionDays, minimums.streamRetentionCapDays);
        expect(mainTopic.config["retention.ms"]).toBe(String(days * 86_400_000));
      }
    }
  });

  it("blocks all public access on every bucket", () => {
    const blocks = ofType(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").map(inputsOf);
    expect(blocks.length).toBe(ofType(run, "aws:s3/bucket:Bucket").length);
    for (const b of blocks) {
      expect([b.blockPublicAcls, b.blockPublicPolicy, b.ignorePublicAcls, b.restrictPublicBuckets]).toEqual([true, true, true, true]);
    }
  });

  it("sets lifecycle transitions and expiration to the manifest's days", () => {
    for (const spec of specs) {
      for (const product of spec.spec.products.filter(isTable)) {
        const bucket = ofType(run, "aws:s3/bucket:Bucket").find((b) => inputsOf(b).tags["data-product"] === product.name)!;
        const lifecycle = ofType(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((l) => l.parent === bucket.parent && l.name.startsWith(bucket.name))!;
        const rules: any[] = inputsOf(lifecycle).rules;
        const transitions = rules.flatMap((r) => r.transitions ?? []).map((t: any) => [t.storageClass, t.days]);
        const expected = [
          ["STANDARD_IA", product.storage.warmAfterDays],
          ["GLACIER_IR", product.storage.coldAfterDays],
          ["DEEP_ARCHIVE", product.storage.archiveAfterDays],
        ].filter(([, days]) => days !== undefined);
        expect(transitions).toEqual(expected);
        expect(rules.map((r) => r.expiration?.days).filter((d) => d !== undefined)).toEqual([product.retentionDays]);
      }
    }
  });

  it("protects and retains stateful resources in production only", () => {
    const stateful = run.resources.filter((r) => STATEFUL_TYPES.has(r.type));
    expect(stateful.length).toBeGreaterThan(20);
    for (const r of stateful) {
      expect(r.options.protect, r.urn).toBe(minimums.protectStateful);
      expect(r.options.retainOnDelete, r.urn).toBe(minimums.protectStateful);
    }
    const stateless = run.resources.filter((r) => r.custom && !STATEFUL_TYPES.has(r.type) && r.type !== "kubernetes:core/v1:Namespace" && r.type !== "aws:kms/alias:Alias");
    for (const r of stateless) expect(r.options.protect, r.urn).toBe(false);
  });

  it("sets key rotation and the environment's deletion window on every key", () => {
    for (const key of ofType(run, "aws:kms/key:Key").map(inputsOf)) {
      expect(key.enableKeyRotation).toBe(true);
      expect(key.deletionWindowInDays).toBe(minimums.kmsDeletionWindowDays);
    }
  });

  it.runIf(!dryRun)("encrypts every product bucket with its product's key: its own when restricted, else the domain key", () => {
    const keys = ofType(run, "aws:kms/key:Key");
    for (const spec of specs) {
      for (const product of spec.spec.products.filter(isTable)) {
        const bucket = ofType(run, "aws:s3/bucket:Bucket").find((b) => inputsOf(b).tags["data-product"] === product.name)!;
        const sse = ofType(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((s) => s.parent === bucket.parent && s.name.startsWith(bucket.name))!;
        const rule = inputsOf(sse).rules[0];
        expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).toBe("aws:kms");
        expect(rule.bucketKeyEnabled).toBe(true);
        const key = keys.find((k) => k.outputs.arn === rule.applyServerSideEncryptionByDefault.kmsMasterKeyId);
        expect(key, `key of ${product.name}`).toBeDefined();
        const keyTags = inputsOf(key!).tags;
        expect(keyTags.domain).toBe(spec.metadata.name);
        const dedicated = classificationOf(spec, product) === "restricted";
        expect(keyTags["data-product"]).toBe(dedicated ? product.name : undefined);
      }
    }
  });
});

describe("a domain team's own stack", () => {
  it("deploys its one domain with the same names the platform-wide stack gives it", async () => {
    const [own, platform] = await Promise.all([runStack("orders-production", true), runStack("production", true)]);
    const ordersOf = (run: RunResult) =>
      run.resources
        .filter((r: CapturedResource) => domainOf(run, r) === "orders")
        .map((r) => r.urn.replace(/^urn:pulumi:[^:]+::/, ""))
        .sort();
    expect(new Set(own.resources.map((r) => domainOf(own, r)).filter(Boolean))).toEqual(new Set(["orders"]));
    expect(ordersOf(own)).toEqual(ordersOf(platform));
  });
});
