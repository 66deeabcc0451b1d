// Which policy packs a review runs and with which config, as `pulumi preview` pairs them: the n-th
// `--policy-pack-config` configures the n-th `--policy-pack`. Without packs, meshkit's own pack runs;
// meshkit's pack without a config file takes `config/<environment>.json` from its own directory.
import * as fs from "fs";
import * as path from "path";
import type { PackSpec } from "../../engine";
import { CliError, EXIT_USAGE } from "../errors";

const MESHKIT_PACK_NAME = "meshkit-policies";

function packageName(dir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/**
 * meshkit's own pack, next to the CLI: the compiled `dist/policies` when the build placed a complete
 * pack there (JavaScript starts in a fraction of the time ts-node needs), else the `policies` source.
 */
export const MESHKIT_PACK_DIR = [path.resolve(__dirname, "..", "..", "policies"), path.resolve(__dirname, "..", "..", "..", "policies")].find(
  (dir) => fs.existsSync(path.join(dir, "PulumiPolicy.yaml")) && packageName(dir) === MESHKIT_PACK_NAME,
) ?? path.resolve(__dirname, "..", "..", "policies");


export function isMeshkitPack(dir: string): boolean {
  return path.resolve(dir) === MESHKIT_PACK_DIR || packageName(dir) === MESHKIT_PACK_NAME;
}

export function choosePacks(packDirs: readonly string[], configFiles: readonly string[], environment: string): PackSpec[] {
  const dirs = packDirs.length > 0 ? packDirs.map((d) => path.resolve(d)) : [MESHKIT_PACK_DIR];
  if (configFiles.length > dirs.length) {
    throw new CliError(EXIT_USAGE, `${configFiles.length} --policy-pack-config files for ${dirs.length} policy pack${dirs.length === 1 ? "" : "s"}; each config file pairs with the --policy-pack in the same position`);
  }
  return dirs.map((dir, i) => {
    if (configFiles[i] !== undefined) return { dir, configFile: path.resolve(configFiles[i]) };
    if (!isMeshkitPack(dir)) return { dir };
    const configFile = path.join(dir, "config", `${environment}.json`);
    if (!fs.existsSync(configFile)) {
      throw new CliError(EXIT_USAGE, `meshkit's policy pack has no config for environment '${environment}' (${configFile}); set meshkit:environment or pass --policy-pack-config`);
    }
    return { dir, configFile };
  });
}
