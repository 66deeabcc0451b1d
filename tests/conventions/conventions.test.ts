import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { productAlarmName, ENVIRONMENT_MINIMUMS, MAX_STREAM_RETENTION_DAYS, isTaggableAwsType, productBucketName, MAX_BUCKET_NAME_LENGTH, MAX_TABLE_QUALIFIED_NAME_LENGTH, roleName, DOMAIN_ROLES } from "../../conventions";

describe("conventions", () => {
  it("production is at least as strict as staging in every setting", () => {
    const { staging, production } = ENVIRONMENT_MINIMUMS;
    expect(production.replicationFactor).toBeGreaterThanOrEqual(staging.replicationFactor);
    expect(production.minInsyncReplicas).toBeGreaterThanOrEqual(staging.minInsyncReplicas);
    expect(production.kmsDeletionWindowDays).toBeGreaterThanOrEqual(staging.kmsDeletionWindowDays);
    expect(production.auditObjectLockYears).toBeGreaterThanOrEqual(staging.auditObjectLockYears);
    expect(production.protectStateful || !staging.protectStateful).toBe(true);
    expect(production.streamRetentionFloorDays).toBeGreaterThanOrEqual(staging.streamRetentionFloorDays);
    // Missing data counting as stale is the stricter choice.
    expect(production.freshnessMissingData === "breaching" || staging.freshnessMissingData !== "breaching").toBe(true);
    // No cap is stricter than any cap; a defined production cap must not exceed staging's.
    if (production.streamRetentionCapDays !== undefined) {
      expect(staging.streamRetentionCapDays).toBeDefined();
      expect(production.streamRetentionCapDays).toBeLessThanOrEqual(staging.streamRetentionCapDays!);
    }
  });

  it("keeps every stream retention floor within every cap, so some retention meets both", () => {
    for (const env of Object.values(ENVIRONMENT_MINIMUMS)) {
      expect(env.streamRetentionFloorDays).toBeGreaterThan(0);
      expect(env.streamRetentionFloorDays).toBeLessThanOrEqual(Math.min(env.streamRetentionCapDays ?? Infinity, ...Object.values(MAX_STREAM_RETENTION_DAYS)));
    }
  });

  it("names alarms so that no two domain/product pairs share one, whatever their hyphens", () => {
    expect(productAlarmName("production", "a-b", "c", "freshness")).not.toBe(productAlarmName("production", "a", "b-c", "freshness"));
    expect(productAlarmName("production", "orders", "order-events", "freshness")).toBe("meshkit-production-orders.order-events-freshness");
  });

  it("keeps min.insync.replicas below the replication factor in every environment", () => {
    for (const env of Object.values(ENVIRONMENT_MINIMUMS)) expect(env.minInsyncReplicas).toBeLessThan(env.replicationFactor);
  });

  it("fits the longest allowed names into AWS limits", () => {
    const domain = "d".repeat(32);
    expect(productBucketName("production", domain, "p".repeat(MAX_TABLE_QUALIFIED_NAME_LENGTH - 32 - 1), "123456789012").length).toBeLessThanOrEqual(MAX_BUCKET_NAME_LENGTH);
    for (const role of DOMAIN_ROLES) expect(roleName("production", domain, role).length).toBeLessThanOrEqual(64);
  });

  it("knows which AWS types take tags, generated from the installed @pulumi/aws", () => {
    expect(isTaggableAwsType("aws:s3/bucket:Bucket")).toBe(true);
    expect(isTaggableAwsType("aws:kms/key:Key")).toBe(true);
    expect(isTaggableAwsType("aws:s3/bucketPolicy:BucketPolicy")).toBe(false);
    expect(isTaggableAwsType("aws:kms/alias:Alias")).toBe(false);
    expect(() => execFileSync("node", ["scripts/aws-taggable-types.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });
});
