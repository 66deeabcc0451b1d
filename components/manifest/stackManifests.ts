/**
 * Finds and validates the stack's manifests before anything is registered: a bad manifest stops
 * the whole program with every issue listed, so nothing is half-applied.
 */
import { ManifestError, type ManifestIssue } from "./errors";
import { loadManifestFile, type DeclaredManifest, type LoadedManifest } from "./load";
import { loadPlatform } from "./platform";
import { expandManifestPatterns } from "./manifestPatterns";
import { reviewedStackManifests, type PlatformManifest } from "./platformManifestsFile";

export interface StackManifests {
  /** The manifests this stack deploys. */
  readonly deployed: LoadedManifest[];
  /** Every valid manifest of the platform, deployed here or by another stack. */
  readonly platform: DeclaredManifest[];
  /** Warnings of the deployed manifests, which do not stop the stack. */
  readonly warnings: ManifestIssue[];
}

/**
 * Where the platform's manifests come from: paths or globs to read, or the valid manifests a review
 * has read already (`readPlatformManifests`), among them whole the ones the reviewed stack deploys.
 */
export type PlatformSource = { readonly patterns: readonly string[] } | { readonly manifests: readonly PlatformManifest[] };

/**
 * Loads the stack's manifests. Consumers may name any domain of the platform (`platform`), since a
 * domain team's stack deploys one domain while its consumers live in other stacks.
 */
export function loadStackManifests(patterns: readonly string[], platform: PlatformSource): StackManifests {
  const reviewed = reviewedStackManifests(patterns, platform);
  if (reviewed) return reviewed;
  const files = expandManifestPatterns(patterns);
  const deployed = new Set(files);
  const others =
    "manifests" in platform
      ? platform.manifests.filter((m) => !deployed.has(m.file))
      : readValid(expandManifestPatterns(platform.patterns).filter((f) => !deployed.has(f)));
  const result = loadPlatform(files, { otherManifests: others });
  if (!result.ok) throw new ManifestError(result.issues, result.warnings);
  return { deployed: result.manifests, platform: [...result.manifests, ...others], warnings: result.warnings };
}

/** The manifests among `files` that load; another stack's broken manifest is that stack's to report. */
function readValid(files: readonly string[]): DeclaredManifest[] {
  return files.flatMap((f) => {
    const loaded = loadManifestFile(f);
    return loaded.ok ? [loaded.manifest] : [];
  });
}
