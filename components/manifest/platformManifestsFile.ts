/**
 * The platform's valid manifests in one file, so that the parts of a split review read the platform
 * once: `meshkit review` writes it after checking the stack, and each part's program reads it
 * (`meshkit:platformManifestsFile`) instead of parsing every manifest of the platform again, 3–5 ms
 * each, which at 1,000 domains was 20 parts × 1,000 manifests.
 */
import * as fs from "node:fs";
import type { DeclaredManifest } from "./load";

/** Writes the manifests' files and specs (their schemas are not needed by other domains). */
export function writePlatformManifests(file: string, manifests: readonly DeclaredManifest[]): void {
  fs.writeFileSync(file, JSON.stringify(manifests.map(({ file, spec }) => ({ file, spec }))));
}

/**
 * Reads what `writePlatformManifests` wrote. The specs were validated when the review read them; only
 * the file's shape is checked here, so a stray or truncated file fails with its name, not deep inside.
 */
export function readPlatformManifests(file: string): DeclaredManifest[] {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`meshkit:platformManifestsFile ${file} cannot be read: ${(e as Error).message}`);
  }
  if (!Array.isArray(value) || !value.every(isDeclaredManifest)) {
    throw new Error(`meshkit:platformManifestsFile ${file} is not a list of manifests as meshkit review writes it`);
  }
  return value;
}

function isDeclaredManifest(value: unknown): value is DeclaredManifest {
  const m = value as { file?: unknown; spec?: { metadata?: { name?: unknown }; spec?: { products?: unknown } } } | null;
  return typeof m?.file === "string" && typeof m.spec?.metadata?.name === "string" && Array.isArray(m.spec.spec?.products);
}
