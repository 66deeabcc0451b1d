/**
 * Lifecycle rules, without Pulumi: product buckets follow their manifest's tiers to the day and
 * expire at retentionDays, PII products drop replaced versions within the erasure window, and audit
 * and access-log buckets follow the environment.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ABORT_INCOMPLETE_UPLOAD_DAYS,
  accessLogLifecycleRules,
  auditLifecycleRules,
  auditRetentionDays,
  productLifecycleRules,
} from "../../../components/storage/bucketLifecycle";
import { environmentProfile } from "../../../components/domain/profile";
import { isTable, type TableProduct } from "../../../components/manifest";
import { PII_NONCURRENT_EXPIRY_MAX_DAYS } from "../../../conventions";
import { exampleManifest } from "../../support/exampleDomains";
import { handMadeSpec } from "./handMadeSpecs";

function exampleTable(domain: string, product: string): TableProduct {
  const found = exampleManifest(domain).spec.spec.products.find((p) => p.name === product);
  if (found === undefined || !isTable(found)) throw new Error(`${domain}/${product} is not a table`);
  return found;
}

function tableOf(input: Parameters<typeof handMadeSpec>[1][number], classification: "internal" | "confidential" = "confidential"): TableProduct {
  const product = handMadeSpec("tables", [input], classification).spec.products[0];
  if (!isTable(product)) throw new Error("not a table");
  return product;
}

describe("productLifecycleRules", () => {
  it("orders/order-facts: STANDARD_IA at 30, GLACIER_IR at 90, DEEP_ARCHIVE at 365, expiry at 2555, noncurrent after 90 (no PII)", () => {
    expect(productLifecycleRules(exampleTable("orders", "order-facts"))).toEqual([
      {
        id: "tiering-and-retention",
        status: "Enabled",
        filter: {},
        transitions: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 90, storageClass: "GLACIER_IR" },
          { days: 365, storageClass: "DEEP_ARCHIVE" },
        ],
        expiration: { days: 2555 },
        noncurrentVersionExpiration: { noncurrentDays: 90 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  it("customer-profile/customer-segments: only the tiers declared (no archive), expiry at 400", () => {
    const [rule] = productLifecycleRules(exampleTable("customer-profile", "customer-segments"));
    expect(rule.transitions).toEqual([
      { days: 30, storageClass: "STANDARD_IA" },
      { days: 120, storageClass: "GLACIER_IR" },
    ]);
    expect(rule.expiration).toEqual({ days: 400 });
  });

  it("a table carrying PII expires noncurrent versions within PII_NONCURRENT_EXPIRY_MAX_DAYS (30)", () => {
    expect(PII_NONCURRENT_EXPIRY_MAX_DAYS).toBe(30);
    const [rule] = productLifecycleRules(tableOf({ name: "people", kind: "table", pii: ["email"], retentionDays: 365 }));
    expect(rule.noncurrentVersionExpiration).toEqual({ noncurrentDays: 30 });
  });

  it("a table with no tiers only expires", () => {
    const [rule] = productLifecycleRules(tableOf({ name: "flat", kind: "table", retentionDays: 10 }, "internal"));
    expect(rule.transitions).toEqual([]);
    expect(rule.expiration).toEqual({ days: 10 });
    expect(rule.abortIncompleteMultipartUpload).toEqual({ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS });
  });

  it("for any valid tiers: transitions in manifest order with the manifest's days, warmer to colder, all before expiry at retentionDays (property)", () => {
    const tiers = fc
      .record({
        warm: fc.option(fc.integer({ min: 30, max: 400 }), { nil: undefined }),
        coldGap: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        archiveGap: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
        tail: fc.integer({ min: 1, max: 3000 }),
        pii: fc.boolean(),
      })
      .map(({ warm, coldGap, archiveGap, tail, pii }) => {
        // Respect the manifest's rules: increasing tiers, 30 days in STANDARD_IA before the next one.
        let last = 0;
        let lastWasWarm = false;
        const next = (gap: number | undefined) => {
          if (gap === undefined) return undefined;
          const days = Math.max(last + gap, lastWasWarm ? last + 30 : 1);
          last = days;
          lastWasWarm = false;
          return days;
        };
        const warmAfterDays = warm;
        if (warm !== undefined) {
          last = warm;
          lastWasWarm = true;
        }
        const coldAfterDays = next(coldGap);
        const archiveAfterDays = next(archiveGap);
        return { warmAfterDays, coldAfterDays, archiveAfterDays, retentionDays: last + tail, pii };
      });
    fc.assert(
      fc.property(tiers, ({ warmAfterDays, coldAfterDays, archiveAfterDays, retentionDays, pii }) => {
        const product = tableOf({ name: "facts", kind: "table", retentionDays, pii: pii ? ["email"] : [], storage: { warmAfterDays, coldAfterDays, archiveAfterDays } });
        const [rule] = productLifecycleRules(product);
        const declared = [
          [warmAfterDays, "STANDARD_IA"],
          [coldAfterDays, "GLACIER_IR"],
          [archiveAfterDays, "DEEP_ARCHIVE"],
        ].filter(([days]) => days !== undefined);
        expect(rule.transitions).toEqual(declared.map(([days, storageClass]) => ({ days, storageClass })));
        const days = (rule.transitions as { days: number }[]).map((t) => t.days);
        expect(days).toEqual([...days].sort((a, b) => a - b));
        expect(days.every((d) => d < retentionDays)).toBe(true);
        expect(rule.expiration).toEqual({ days: retentionDays });
        expect(rule.noncurrentVersionExpiration).toEqual({ noncurrentDays: pii ? 30 : 90 });
      }),
      { numRuns: 200 },
    );
  });
});

describe("audit and access-log lifecycle", () => {
  it("production keeps audit records as long as the 7-year compliance lock, then archives after a year", () => {
    const production = environmentProfile("production");
    expect(auditRetentionDays(production)).toBe(2557);
    expect(auditLifecycleRules(production)).toEqual([
      {
        id: "audit-retention",
        status: "Enabled",
        filter: {},
        transitions: [
          { days: 90, storageClass: "GLACIER_IR" },
          { days: 365, storageClass: "DEEP_ARCHIVE" },
        ],
        expiration: { days: 2557 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });

  it("staging (no lock) keeps audit records a year and never sends them to Deep Archive, which bills 180 days at least", () => {
    const staging = environmentProfile("staging");
    const [rule] = auditLifecycleRules(staging);
    expect(rule.expiration).toEqual({ days: 365 });
    expect(rule.transitions).toEqual([{ days: 90, storageClass: "GLACIER_IR" }]);
    expect(rule.noncurrentVersionExpiration).toEqual({ noncurrentDays: 30 });
  });

  it("production's audit retention is never shorter than staging's, nor than the lock", () => {
    const production = environmentProfile("production");
    expect(auditRetentionDays(production)).toBeGreaterThanOrEqual(auditRetentionDays(environmentProfile("staging")));
    // A 7-year lock spans at most 7 * 365 + 2 leap days.
    expect(auditRetentionDays(production)).toBeGreaterThanOrEqual(production.auditObjectLockYears * 365 + 2);
  });

  it("access logs: kept a year, no tiering, replaced versions treated as personal data", () => {
    expect(accessLogLifecycleRules()).toEqual([
      {
        id: "access-log-retention",
        status: "Enabled",
        filter: {},
        expiration: { days: 365 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
    ]);
  });
});
