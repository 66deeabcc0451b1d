/**
 * Checks that only several manifests together can decide: unique domain names, and consumers
 * that name a domain the platform knows.
 */
import { parseDocument, LineCounter } from "yaml";
import * as fs from "node:fs";
import * as path from "node:path";
import { fieldPath, type ManifestIssue } from "./errors";
import { loadManifestFile, type DeclaredManifest, type LoadedManifest } from "./load";
import { nameCollisions } from "./nameCollisions";
import { fieldPlace } from "./positions";

/** Either way, `warnings` holds the warnings of every manifest whose schemas could be read. */
export type PlatformResult =
  | { ok: true; manifests: LoadedManifest[]; warnings: ManifestIssue[] }
  | { ok: false; issues: ManifestIssue[]; warnings: ManifestIssue[] };

export interface PlatformOptions {
  /**
   * Domains that exist on the platform beyond the loaded ones (a domain team's stack deploys one
   * domain, yet its consumers live in other stacks). Defaults to none.
   */
  readonly knownDomains?: readonly string[];
  /**
   * Valid manifests of the platform that other stacks deploy, not checked here: their names are
   * known, and a loaded manifest that takes one of them, or derives a name one of them derives, is
   * refused unless it owns the name (see `nameOwners` and `nameCollisions`). Defaults to none.
   */
  readonly otherManifests?: readonly DeclaredManifest[];
}

/** Loads every manifest, then checks them together; returns all issues, or all manifests. */
export function loadPlatform(files: readonly string[], options: PlatformOptions = {}): PlatformResult {
  const issues: ManifestIssue[] = [];
  const warnings: ManifestIssue[] = [];
  const manifests: LoadedManifest[] = [];
  for (const file of files) {
    const result = loadManifestFile(file);
    if (result.ok) manifests.push(result.manifest);
    else issues.push(...result.issues);
    warnings.push(...(result.ok ? result.manifest.warnings : (result.warnings ?? [])));
  }
  issues.push(...crossManifestIssues(manifests, options));
  return issues.length > 0 ? { ok: false, issues, warnings } : { ok: true, manifests, warnings };
}

function crossManifestIssues(manifests: readonly LoadedManifest[], options: PlatformOptions): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const owners = nameOwners([...(options.otherManifests ?? []), ...manifests]);
  for (const m of manifests) {
    const owner = owners.get(m.spec.metadata.name)!;
    if (owner !== m) {
      issues.push(issueAt(m.file, ["metadata", "name"], `domain ${m.spec.metadata.name} is already declared in ${owner.file}`));
    }
  }
  const known = new Set([...owners.keys(), ...(options.knownDomains ?? [])]);
  for (const m of manifests) {
    m.spec.spec.products.forEach((product, i) =>
      product.consumers.forEach((consumer, j) => {
        if (!known.has(consumer.domain)) {
          issues.push(
            issueAt(
              m.file,
              ["spec", "products", i, "consumers", j, "domain"],
              `consumer domain ${consumer.domain} does not exist on this platform`,
            ),
          );
        }
      }),
    );
  }
  for (const collision of nameCollisions(manifests, options.otherManifests)) issues.push(issueAt(collision.file, collision.at, collision.message));
  return issues;
}

/**
 * Which manifest owns each domain name, so a duplicate is reported at the newcomer: the file named
 * after the domain (`meshkit new` writes domains/<name>.yaml), else the first in `manifests`.
 */
function nameOwners(manifests: readonly DeclaredManifest[]): Map<string, DeclaredManifest> {
  const owners = new Map<string, DeclaredManifest>();
  for (const m of manifests) {
    const name = m.spec.metadata.name;
    const owner = owners.get(name);
    if (owner === undefined || (!isNamedAfter(owner) && isNamedAfter(m))) owners.set(name, m);
  }
  return owners;
}

function isNamedAfter(manifest: DeclaredManifest): boolean {
  return path.parse(manifest.file).name === manifest.spec.metadata.name;
}

/** Re-reads the (already valid) file to pin a cross-manifest issue to its line. */
function issueAt(file: string, at: (string | number)[], message: string): ManifestIssue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { lineCounter });
  return { file, ...fieldPlace(doc, at, lineCounter), path: fieldPath(at), message };
}
