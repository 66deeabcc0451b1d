// Which manifest patterns match anything here, and the platform's manifests a check resolves consumers
// against: consumers may name any domain of the platform, not only the files checked now.
import { expandManifestPatterns } from "../components/manifest/manifestPatterns";
import { DEFAULT_DOMAIN_PATTERNS } from "../conventions";

export function matchesManifest(pattern: string): boolean {
  try {
    return expandManifestPatterns([pattern]).length > 0;
  } catch {
    return false;
  }
}

/** The default domain patterns that match a manifest in the working directory. */
export function platformPatterns(): string[] {
  return DEFAULT_DOMAIN_PATTERNS.filter(matchesManifest);
}
