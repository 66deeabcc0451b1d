// The domain manifests a stack deploys, read the way its program reads them (`meshkit:domains`, globs
// relative to the project directory, consumers resolved against `meshkit:platformDomains`), and where
// in each file a domain and its products are declared, so reports can point there.
import * as path from "path";
import type { StackContext } from "../../engine";
import { ManifestError, type LoadedManifest } from "../../components/manifest";
import { loadStackManifests, type StackManifests } from "../../components/manifest/stackManifests";
import { CliError, EXIT_FINDINGS } from "../errors";
import type { ManifestRef } from "./model";
import { listConfig, platformPatterns } from "./domainSettings";

/**
 * The stack's manifests, validated, and the platform's valid ones; undefined for a program that is not
 * configured with meshkit domains. Relative paths resolve against the project directory, which is the
 * working directory.
 */
export function stackManifests(ctx: StackContext): StackManifests | undefined {
  const domains = listConfig(ctx, "meshkit:domains");
  if (domains === undefined) return undefined;
  try {
    return loadStackManifests(domains, { patterns: platformPatterns(ctx) });
  } catch (e) {
    if (e instanceof Error && !(e instanceof ManifestError)) throw new CliError(EXIT_FINDINGS, `stack '${ctx.stack}': ${e.message}`);
    throw e;
  }
}

/** Where each manifest declares its domain and products, relative to the project directory. */
export function manifestRefs(projectDir: string, manifests: readonly LoadedManifest[]): ManifestRef[] {
  return manifests.map((m) => ({
    domain: m.spec.metadata.name,
    file: path.relative(projectDir, path.resolve(m.file)).split(path.sep).join("/"),
    line: m.lines.domain,
    productLines: { ...m.lines.products },
  }));
}
