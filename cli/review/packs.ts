// Which policy packs a review runs and with which config, as `pulumi preview` pairs them: the n-th
// `--policy-pack-config` configures the n-th `--policy-pack`. Without packs, meshkit's own pack runs;
// meshkit's pack without a config file takes `policies/config/<environment>.json`.
import * as fs from "fs";
import * as path from "path";
import type { PackSpec } from "../../engine";
import { newestSource } from "./newestSource";
import { CliError, EXIT_USAGE } from "../errors";

const MESHKIT_PACK_NAME = "meshkit-policies";

interface PackPackage {
  name?: string;
  /**
   * Set by the build on the compiled pack of a checkout: where its sources (and live config) are, and
   * every folder it was compiled from.
   */
  meshkit?: { sourceDir?: string; sources?: string[] };
}

function packPackage(dir: string): PackPackage {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as PackPackage;
  } catch {
    return {};
  }
}

function packageName(dir: string): string | undefined {
  return packPackage(dir).name;
}

// `policies/config/<environment>.json`: the checkout's live file when the compiled pack names its
// sources, else the pack's own copy.
function environmentConfig(dir: string, environment: string): string {
  const sourceDir = packPackage(dir).meshkit?.sourceDir;
  const candidates = [...(sourceDir ? [path.resolve(dir, sourceDir)] : []), dir].map((d) => path.join(d, "config", `${environment}.json`));
  return candidates.find((f) => fs.existsSync(f)) ?? candidates[candidates.length - 1];
}

function isCompletePack(dir: string): boolean {
  return fs.existsSync(path.join(dir, "PulumiPolicy.yaml")) && packageName(dir) === MESHKIT_PACK_NAME;
}

/**
 * The sources of a compiled pack when they changed after its build (a checkout where someone edited a
 * rule and has not rebuilt), else undefined. An installed package has no sources beside it.
 */
function newerSources(compiled: string): string | undefined {
  const { sourceDir, sources = [] } = packPackage(compiled).meshkit ?? {};
  const folders = sources.map((s) => path.resolve(compiled, s));
  if (sourceDir === undefined || !folders.every((f) => fs.existsSync(f))) return undefined;
  const builtAt = fs.statSync(path.join(compiled, "package.json")).mtimeMs;
  return folders.some((f) => newestSource(f) > builtAt) ? path.resolve(compiled, sourceDir) : undefined;
}

/**
 * meshkit's own pack, next to the CLI: the compiled `dist/policies` when the build placed a complete
 * pack there (JavaScript starts in a fraction of the time ts-node needs), else the `policies` source.
 * In a checkout whose pack sources changed since the build, the sources judge, as they are.
 */
function meshkitPackDir(): string {
  const compiled = path.resolve(__dirname, "..", "..", "policies");
  const source = path.resolve(__dirname, "..", "..", "..", "policies");
  if (!isCompletePack(compiled)) return isCompletePack(source) ? source : compiled;
  const changed = newerSources(compiled);
  if (changed === undefined) return compiled;
  process.stderr.write(`meshkit: the policy pack's sources changed since the build; judging with ${changed} (npm run build makes it start faster)\n`);
  return changed;
}

function isMeshkitPack(dir: string): boolean {
  return packageName(dir) === MESHKIT_PACK_NAME;
}

// A file an option names that is not there is a usage error, like an unknown option.
function requireExisting(option: string, given: string, kind: "file" | "directory"): void {
  const stat = fs.statSync(given, { throwIfNoEntry: false });
  if (!(kind === "file" ? stat?.isFile() : stat?.isDirectory())) throw new CliError(EXIT_USAGE, `${option} ${given}: no such ${kind}`);
}

export function choosePacks(packDirs: readonly string[], configFiles: readonly string[], environment: string): PackSpec[] {
  for (const d of packDirs) requireExisting("--policy-pack", d, "directory");
  for (const f of configFiles) requireExisting("--policy-pack-config", f, "file");
  const dirs = packDirs.length > 0 ? packDirs.map((d) => path.resolve(d)) : [meshkitPackDir()];
  if (configFiles.length > dirs.length) {
    throw new CliError(EXIT_USAGE, `${configFiles.length} --policy-pack-config files for ${dirs.length} policy pack${dirs.length === 1 ? "" : "s"}; each config file pairs with the --policy-pack in the same position`);
  }
  return dirs.map((dir, i) => {
    if (configFiles[i] !== undefined) return { dir, configFile: path.resolve(configFiles[i]) };
    if (!isMeshkitPack(dir)) return { dir };
    const configFile = environmentConfig(dir, environment);
    if (!fs.existsSync(configFile)) {
      throw new CliError(EXIT_USAGE, `meshkit's policy pack has no config for environment '${environment}' (${configFile}); set meshkit:environment or pass --policy-pack-config`);
    }
    return { dir, configFile };
  });
}
