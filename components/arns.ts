/** ARNs meshkit can predict before anything exists, so grants across domains and stacks line up. */
import { roleName, ROLE_PATH, type DomainRole } from "../conventions";
import type { PlatformSettings } from "./context";
import type { EnvironmentProfile } from "./profile";

export function roleArn(platform: PlatformSettings, profile: EnvironmentProfile, domain: string, role: DomainRole): string {
  return `arn:${platform.partition}:iam::${platform.accountId}:role${ROLE_PATH}${roleName(profile.environment, domain, role)}`;
}

export function bucketArn(platform: PlatformSettings, bucketName: string): string {
  return `arn:${platform.partition}:s3:::${bucketName}`;
}
