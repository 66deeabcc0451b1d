/**
 * The per-environment `--policy-pack-config` files (policies/config/<environment>.json), derived
 * from the rules and the conventions so that they cannot drift: `npm run policy-config` writes
 * them, and a test holds the files equal to what this module derives.
 *
 * Enforcement: production makes every high and critical rule mandatory; staging only the critical
 * ones. A broken exemptions file is mandatory everywhere, and applied exemptions are only advisory.
 */
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import { ENVIRONMENT_MINIMUMS, type Environment, type EnvironmentMinimums } from "../../conventions";

/** Config properties that carry one of the conventions' environment minimums, by the minimum they carry. */
export const MINIMUM_OF_CONFIG_KEY: Readonly<Record<string, keyof EnvironmentMinimums>> = {
  minReplicationFactor: "replicationFactor",
  minInsyncReplicas: "minInsyncReplicas",
  kmsDeletionWindowDays: "kmsDeletionWindowDays",
  protectStateful: "protectStateful",
  auditObjectLockYears: "auditObjectLockYears",
  environmentCapDays: "streamRetentionCapDays",
  minRetentionDays: "streamRetentionFloorDays",
  freshnessMissingData: "freshnessMissingData",
};

/** Other config properties whose value depends on the environment. */
const ENVIRONMENT_VALUES: Readonly<Record<string, (env: Environment) => unknown>> = {
  environment: (env) => env,
  allowNoneCompatibility: (env) => env === "staging",
};

const ALWAYS: Readonly<Record<string, EnforcementLevel>> = {
  "governance-exemption-valid": "mandatory",
  "governance-exemption-applied": "advisory",
};

export function enforcementFor(policy: Policy, env: Environment): EnforcementLevel {
  const fixed = ALWAYS[policy.name];
  if (fixed !== undefined) return fixed;
  const strict = env === "production" ? ["high", "critical"] : ["critical"];
  return strict.includes(policy.severity ?? "low") ? "mandatory" : "advisory";
}

/** The environment-dependent config of one policy (only properties its schema declares). */
export function environmentSettings(policy: Policy, env: Environment): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(policy.configSchema?.properties ?? {})) {
    const minimum = MINIMUM_OF_CONFIG_KEY[key];
    const value = minimum !== undefined ? ENVIRONMENT_MINIMUMS[env][minimum] : ENVIRONMENT_VALUES[key]?.(env);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

/** The whole `--policy-pack-config` document for an environment. */
export function policyPackConfig(policies: readonly Policy[], env: Environment): Record<string, unknown> {
  const config: Record<string, unknown> = { all: "advisory" };
  for (const policy of policies) {
    config[policy.name] = { enforcementLevel: enforcementFor(policy, env), ...environmentSettings(policy, env) };
  }
  return config;
}
