/** Paths of the manifest fixtures, and the issues of a manifest as `meshkit validate` prints them. */
import * as path from "node:path";
import { expect } from "vitest";
import { formatIssue, loadManifestFile, type LoadResult } from "../../components/manifest";

export const FIXTURES = path.join(__dirname, "..", "fixtures", "manifests");
export const DOMAINS = path.join(__dirname, "..", "..", "domains");

export const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);

/** Loads a manifest that must be refused: no exception may escape, and it must not load. */
export function issuesOf(file: string): string[] {
  let result: LoadResult | undefined;
  expect(() => {
    result = loadManifestFile(file);
  }).not.toThrow();
  if (result === undefined || result.ok) throw new Error(`${file} loaded, but it should have been refused`);
  return result.issues.map(formatIssue);
}
