/**
 * Checks that only several manifests together can decide: unique domain names, and consumers
 * that name a domain the platform knows.
 */
import { parseDocument, LineCounter, type Node } from "yaml";
import * as fs from "node:fs";
import { fieldPath, type ManifestIssue } from "./errors";
import { loadManifestFile, type LoadedManifest } from "./load";
import { nameCollisions } from "./nameCollisions";

export type PlatformResult = { ok: true; manifests: LoadedManifest[] } | { ok: false; issues: ManifestIssue[] };

export interface PlatformOptions {
  /**
   * Domains that exist on the platform beyond the loaded ones (a domain team's stack deploys one
   * domain, yet its consumers live in other stacks). Defaults to none.
   */
  readonly knownDomains?: readonly string[];
  /**
   * Valid manifests of the platform deployed by other stacks: their domains are known, and the
   * names they derive are taken. Defaults to none.
   */
  readonly platformManifests?: readonly LoadedManifest[];
}

/** Loads every manifest, then checks them together; returns all issues, or all manifests. */
export function loadPlatform(files: readonly string[], options: PlatformOptions = {}): PlatformResult {
  const issues: ManifestIssue[] = [];
  const manifests: LoadedManifest[] = [];
  for (const file of files) {
    const result = loadManifestFile(file);
    if (result.ok) manifests.push(result.manifest);
    else issues.push(...result.issues);
  }
  issues.push(...crossManifestIssues(manifests, options));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, manifests };
}

function crossManifestIssues(manifests: readonly LoadedManifest[], options: PlatformOptions): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const firstFileOf = new Map<string, string>();
  for (const m of manifests) {
    const name = m.spec.metadata.name;
    const first = firstFileOf.get(name);
    if (first !== undefined) {
      issues.push(issueAt(m.file, ["metadata", "name"], `domain ${name} is already declared in ${first}`));
    } else {
      firstFileOf.set(name, m.file);
    }
  }
  const others = options.platformManifests ?? [];
  const known = new Set([...firstFileOf.keys(), ...(options.knownDomains ?? []), ...others.map((m) => m.spec.metadata.name)]);
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
  for (const collision of nameCollisions(manifests, others)) issues.push(issueAt(collision.file, collision.at, collision.message));
  return issues;
}

/** Re-reads the (already valid) file to pin a cross-manifest issue to its line. */
function issueAt(file: string, at: (string | number)[], message: string): ManifestIssue {
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { lineCounter });
  const node = doc.getIn(at, true) as Node | undefined;
  const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
  return { file, line: pos.line, column: pos.col, path: fieldPath(at), message };
}
