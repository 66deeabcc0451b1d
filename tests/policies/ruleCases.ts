/**
 * Table-driven tests for rules: every rule of an area gets a compliant case, a violating case, an
 * unknown-value case and (when it has config) a case where config changes the outcome; an area's
 * test fails if a rule has no cases.
 */
import { describe, expect, it } from "vitest";
import type { Policy } from "@pulumi/policy";
import { findPolicy, runPolicy, type TestResource } from "./harness";

export interface ConfigCase {
  readonly config: Record<string, unknown>;
  readonly resources: readonly TestResource[];
  /** Violations expected under this config (the same resources give the opposite without it). */
  readonly violates: boolean;
}

export interface RuleCase {
  readonly compliant: readonly TestResource[];
  readonly violating: readonly TestResource[];
  /** URNs the violating case must report, exactly (default: at least one violation). */
  readonly violatingUrns?: readonly string[];
  /** Message fragment every violation must contain. */
  readonly message?: RegExp;
  /** Resources with unknown values: the rule must report "can't run during preview" (never pass)… */
  readonly unknown: readonly TestResource[];
  /** …unless it decides from options alone: then it must still report the violation. */
  readonly decidesWithoutProps?: true;
  readonly config?: readonly ConfigCase[];
}

export function describeRules(area: string, policies: readonly Policy[], cases: Record<string, RuleCase>): void {
  describe(`${area} rules`, () => {
    it("has cases for every rule and only for its rules", () => {
      expect(Object.keys(cases).sort()).toEqual(policies.map((p) => p.name).sort());
    });

    for (const [name, c] of Object.entries(cases)) {
      describe(name, () => {
        const policy = () => findPolicy(policies, name);

        it("passes a compliant stack", async () => {
          const r = await runPolicy(policy(), c.compliant);
          expect(r.violations).toEqual([]);
          expect(r.unknown).toBeUndefined();
        });

        it("reports a violating one", async () => {
          const r = await runPolicy(policy(), c.violating);
          expect(r.unknown).toBeUndefined();
          if (c.violatingUrns !== undefined) expect(r.violations.map((v) => v.urn).sort()).toEqual([...c.violatingUrns].sort());
          else expect(r.violations.length).toBeGreaterThan(0);
          for (const v of r.violations) {
            expect(v.urn).toBeTruthy();
            if (c.message !== undefined) expect(v.message).toMatch(c.message);
          }
        });

        it("never passes on an unknown value", async () => {
          const r = await runPolicy(policy(), c.unknown);
          if (c.decidesWithoutProps) {
            expect(r.unknown).toBeUndefined();
            expect(r.violations.length).toBeGreaterThan(0);
          } else {
            expect(r.unknown).toBeDefined();
          }
        });

        if (policy().configSchema === undefined) {
          it("takes no config", () => expect(c.config).toBeUndefined());
        } else {
          it("has config cases", () => expect(c.config?.length ?? 0).toBeGreaterThan(0));
          for (const [i, cc] of (c.config ?? []).entries()) {
            it(`follows its config (${i + 1}: ${JSON.stringify(cc.config)})`, async () => {
              const configured = await runPolicy(policy(), cc.resources, { config: cc.config });
              const defaults = await runPolicy(policy(), cc.resources);
              expect(configured.violations.length > 0).toBe(cc.violates);
              expect(defaults.violations.length > 0).toBe(!cc.violates);
            });
          }
        }
      });
    }
  });
}
