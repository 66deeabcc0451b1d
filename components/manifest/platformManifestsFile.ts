/**
 * The platform's valid manifests in one file, so that the parts of a split review read the platform
 * once: `meshkit review` writes it after checking the stack, and each part's program reads it
 * (`meshkit:platformManifestsFile`) instead of parsing every manifest of the platform again, 3–5 ms
 * each, which at 1,000 domains was 20 parts × 1,000 manifests. The stack's own manifests are written
 * whole (schemas and warnings too), so that a part takes its domains as the review loaded and checked
 * them instead of parsing and validating them a second time (see `loadStackManifests`).
 */
import * as fs from "node:fs";
import type { DeclaredManifest, LoadedManifest } from "./load";
import { expandManifestPatterns } from "./manifestPatterns";
import type { PlatformSource, StackManifests } from "./stackManifests";

/** A manifest as the file holds it: whole when the reviewed stack deploys it, else its file and spec. */
export type PlatformManifest = DeclaredManifest | LoadedManifest;

/** Whether `m` is written whole: one the reviewed stack deploys, loaded and checked with the platform. */
export function isLoadedManifest(m: PlatformManifest): m is LoadedManifest {
  return "schemas" in m;
}

/**
 * Writes `manifests` (the platform's valid ones) in their order: those among `checked` (the stack's,
 * loaded and checked together) whole, the others' files and specs only (other domains' schemas are not
 * needed).
 */
export function writePlatformManifests(file: string, manifests: readonly DeclaredManifest[], checked: readonly LoadedManifest[] = []): void {
  const whole = new Set<DeclaredManifest>(checked);
  const entries = manifests.map((m): PlatformManifest => {
    if (!whole.has(m)) return { file: m.file, spec: m.spec };
    const { file, spec, schemas, previousMajorSchemas, warnings, lines } = m as LoadedManifest;
    return { file, spec, schemas, previousMajorSchemas, warnings, lines };
  });
  fs.writeFileSync(file, JSON.stringify(entries));
}

/**
 * Reads what `writePlatformManifests` wrote. The specs were validated when the review read them; only
 * the file's shape is checked here, so a stray or truncated file fails with its name, not deep inside.
 */
export function readPlatformManifests(file: string): PlatformManifest[] {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`meshkit:platformManifestsFile ${file} cannot be read: ${(e as Error).message}`);
  }
  if (!Array.isArray(value) || !value.every(isPlatformManifest)) {
    throw new Error(`meshkit:platformManifestsFile ${file} is not a list of manifests as meshkit review writes it`);
  }
  return value;
}

/**
 * The stack's manifests (`patterns`) as a review loaded them, when the file holds every one whole: a
 * part of a split review deploys a run of the reviewed stack's manifests, which the review checked
 * together with the rest of the platform, the same checks over the same manifests as loading them
 * again would make. Undefined when the platform is read from patterns or any manifest is missing;
 * they are then loaded and checked as usual.
 */
export function reviewedStackManifests(patterns: readonly string[], platform: PlatformSource): StackManifests | undefined {
  if (!("manifests" in platform)) return undefined;
  const { manifests } = platform;
  const files = expandManifestPatterns(patterns);
  const loaded = new Map(manifests.filter(isLoadedManifest).map((m) => [m.file, m]));
  const deployed = files.map((f) => loaded.get(f));
  if (!deployed.every((m) => m !== undefined)) return undefined;
  const deployedFiles = new Set(files);
  const others = manifests.filter((m) => !deployedFiles.has(m.file));
  return { deployed, platform: [...deployed, ...others], warnings: deployed.flatMap((m) => m.warnings) };
}

function isPlatformManifest(value: unknown): value is PlatformManifest {
  const m = value as { file?: unknown; spec?: { metadata?: { name?: unknown }; spec?: { products?: unknown } } } | null;
  const declared = typeof m?.file === "string" && typeof m.spec?.metadata?.name === "string" && Array.isArray(m.spec.spec?.products);
  if (!declared || !("schemas" in m)) return declared;
  const loaded = m as Partial<Record<keyof LoadedManifest, unknown>>;
  return isObject(loaded.schemas) && isObject(loaded.previousMajorSchemas) && Array.isArray(loaded.warnings) && isObject(loaded.lines);
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
