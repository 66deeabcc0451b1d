/**
 * What every child component of a domain needs to know: the validated manifest, the environment
 * profile, and the account facts that make names and ARNs deterministic.
 */
import { environmentProfile, type EnvironmentProfile } from "./profile";
import type { DomainSpec } from "../manifest";
import { domainTags, type RequiredTags } from "./tagging";

export interface PlatformSettings {
  /** AWS account the platform deploys into; part of bucket names and of every ARN meshkit predicts. */
  readonly accountId: string;
  /** AWS region of the domain's resources. */
  readonly region: string;
  /** AWS partition, `aws` unless GovCloud or China. */
  readonly partition: string;
  /** Role that administers keys and data perimeters; never a data user. */
  readonly platformAdminRoleArn: string;
}

export interface DomainContext {
  readonly spec: DomainSpec;
  readonly profile: EnvironmentProfile;
  readonly platform: PlatformSettings;
  /** The six required tags with this domain's values. */
  readonly tags: RequiredTags;
}

/** Builds a domain's context from its validated manifest, the environment name and the platform settings. */
export function domainContext(spec: DomainSpec, environment: string, platform: PlatformSettings): DomainContext {
  const profile = environmentProfile(environment);
  return { spec, profile, platform, tags: domainTags(spec, profile.environment) };
}
