/**
 * Environment profiles: what `meshkit:environment` turns into. Production is at least as strict
 * as staging in every setting; the numbers come from the conventions the policy pack also reads.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENT_MINIMUMS, isEnvironment, type Environment, type EnvironmentMinimums } from "../../conventions";

export interface EnvironmentProfile extends EnvironmentMinimums {
  readonly environment: Environment;
}

export function environmentProfile(environment: string): EnvironmentProfile {
  if (!isEnvironment(environment)) {
    throw new Error(`meshkit:environment is "${environment}"; it must be staging or production`);
  }
  return { environment, ...ENVIRONMENT_MINIMUMS[environment] };
}

/**
 * Options for stateful resources (buckets, keys, topics, catalogs, schemas): in production they are
 * protected and retained on delete, so neither `pulumi destroy` nor a refactor can lose data.
 */
export function statefulOptions(profile: EnvironmentProfile): Pick<pulumi.CustomResourceOptions, "protect" | "retainOnDelete"> {
  return profile.protectStateful ? { protect: true, retainOnDelete: true } : {};
}

/** A stream's retention in this environment: the manifest's, capped where the profile caps it. */
export function streamRetentionDays(profile: EnvironmentProfile, declaredDays: number): number {
  return profile.streamRetentionCapDays === undefined ? declaredDays : Math.min(declaredDays, profile.streamRetentionCapDays);
}
