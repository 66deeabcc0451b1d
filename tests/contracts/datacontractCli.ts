/**
 * Provides `datacontract` of the pinned datacontract-cli (PyPI) in a throwaway virtual environment,
 * cached by version under ${MESHKIT_CACHE:-~/.cache/meshkit}/datacontract-cli-<version>. The
 * environment is only trusted once its install finished (a marker file), so an interrupted install
 * is redone rather than half-used.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** datacontract-cli 1.x reads and lints Open Data Contract Standard v3 documents natively. */
export const DATACONTRACT_CLI_VERSION = "1.2.8";

const cacheRoot = () => process.env.MESHKIT_CACHE ?? path.join(os.homedir(), ".cache", "meshkit");

export type Provided = { ok: true; bin: string } | { ok: false; reason: string };

/** The `datacontract` executable, installing it first when the cache lacks it. */
export function provideDatacontractCli(): Provided {
  const venv = path.join(cacheRoot(), `datacontract-cli-${DATACONTRACT_CLI_VERSION}`);
  const bin = path.join(venv, "bin", "datacontract");
  const done = path.join(venv, ".installed");
  if (fs.existsSync(done) && fs.existsSync(bin)) return { ok: true, bin };
  try {
    fs.rmSync(venv, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(venv), { recursive: true });
    const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], timeout: 900_000 });
    run("python3", ["-m", "venv", venv]);
    run(path.join(venv, "bin", "pip"), ["install", "--disable-pip-version-check", "--quiet", `datacontract-cli==${DATACONTRACT_CLI_VERSION}`]);
    fs.writeFileSync(done, `datacontract-cli==${DATACONTRACT_CLI_VERSION}\n`);
    return { ok: true, bin };
  } catch (e) {
    const err = e as { message: string; stderr?: Buffer };
    return { ok: false, reason: `cannot install datacontract-cli ${DATACONTRACT_CLI_VERSION}: ${err.stderr?.toString().trim() || err.message}` };
  }
}
