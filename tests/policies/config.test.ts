import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENVIRONMENTS, ENVIRONMENT_MINIMUMS, type EnvironmentMinimums } from "../../conventions";
import { MINIMUM_OF_CONFIG_KEY, policyPackConfig } from "../../policies/lib/environmentConfig";
import { meshkitPolicies } from "../../policies/pack";
import { effectiveConfig } from "./harness";

const { policies } = meshkitPolicies();
const LEVELS = ["disabled", "advisory", "mandatory", "remediate"];
const read = (env: string) =>
  JSON.parse(readFileSync(join(__dirname, "../../policies/config", `${env}.json`), "utf8")) as Record<string, unknown>;
const entry = (file: Record<string, unknown>, name: string) => file[name] as { enforcementLevel: string } & Record<string, unknown>;
const strictness = (level: string) => ["disabled", "advisory", "mandatory"].indexOf(level);

describe.each(ENVIRONMENTS)("policies/config/%s.json", (env) => {
  const file = read(env);

  it("has an entry for every policy of the pack and for nothing else", () => {
    expect(Object.keys(file).filter((k) => k !== "all").sort()).toEqual(policies.map((p) => p.name).sort());
  });

  it("is a valid --policy-pack-config file", () => {
    for (const [name, value] of Object.entries(file)) {
      if (typeof value === "string") expect(LEVELS, name).toContain(value);
      else expect(LEVELS, name).toContain((value as { enforcementLevel: string }).enforcementLevel);
    }
    for (const p of policies) {
      const { enforcementLevel: _level, ...config } = entry(file, p.name);
      expect(() => effectiveConfig(p, config), p.name).not.toThrow();
    }
  });

  it("carries the conventions' environment minimums", () => {
    const minimums: EnvironmentMinimums = ENVIRONMENT_MINIMUMS[env];
    for (const p of policies) {
      for (const key of Object.keys(p.configSchema?.properties ?? {})) {
        const minimum = MINIMUM_OF_CONFIG_KEY[key];
        if (minimum === undefined) continue;
        expect(entry(file, p.name)[key], `${p.name}.${key}`).toEqual(minimums[minimum]);
      }
    }
  });

  it("is what `npm run policy-config` writes", () => {
    expect(file).toEqual(policyPackConfig(policies, env));
  });
});

describe("per-environment enforcement", () => {
  const staging = read("staging");
  const production = read("production");

  it("makes every high and critical rule mandatory in production", () => {
    for (const p of policies.filter((p) => p.severity === "high" || p.severity === "critical")) {
      expect(entry(production, p.name).enforcementLevel, p.name).toBe("mandatory");
    }
  });

  it("is at least as strict in production as in staging", () => {
    for (const p of policies) {
      expect(strictness(entry(production, p.name).enforcementLevel), p.name).toBeGreaterThanOrEqual(
        strictness(entry(staging, p.name).enforcementLevel),
      );
    }
  });

  it("keeps a broken exemption mandatory everywhere", () => {
    expect(entry(staging, "governance-exemption-valid").enforcementLevel).toBe("mandatory");
    expect(entry(production, "governance-exemption-applied").enforcementLevel).toBe("advisory");
  });

  it("enforces every environment minimum through some rule, defaulting to production's value", () => {
    const carried = new Set<string>();
    for (const p of policies) {
      for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
        const minimum = MINIMUM_OF_CONFIG_KEY[key];
        if (minimum === undefined) continue;
        carried.add(minimum);
        expect(typeof schema === "object" ? schema.default : undefined, `${p.name}.${key}`).toEqual(ENVIRONMENT_MINIMUMS.production[minimum]);
      }
    }
    expect([...carried].sort()).toEqual(Object.keys(ENVIRONMENT_MINIMUMS.production).sort());
  });
});
