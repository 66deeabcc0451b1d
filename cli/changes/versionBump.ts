// How a contract's semantic version moved: which part went up, or none, or down.
import * as semver from "semver";

export type VersionBump = "major" | "minor" | "patch" | "none" | "lower";

export function versionBump(from: string, to: string): VersionBump {
  if (semver.eq(from, to)) return "none";
  if (semver.lt(to, from)) return "lower";
  if (semver.major(to) > semver.major(from)) return "major";
  if (semver.minor(to) > semver.minor(from)) return "minor";
  return "patch";
}
