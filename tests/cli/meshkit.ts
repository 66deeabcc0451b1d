// Drives the built `meshkit` command as a user would: `node dist/cli/main.js …` in a child process.
// `npm test` builds before vitest; a lone `vitest run tests/cli` builds here when dist/ is missing or
// older than the CLI's own sources (not every source: a rebuild while another test file runs the
// CLI would swap files under it).
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { newestSource } from "../../cli/review/newestSource";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "cli", "main.js");
export const FIXTURES = path.join(ROOT, "tests", "fixtures", "cli");
const SOURCES = ["cli"];

/**
 * Builds the package unless dist/ is newer than every source; serialised across test workers. Type
 * errors are `npm test`'s `tsc --noEmit` step to report; tsc emits JavaScript regardless, and that is
 * what these tests run.
 */
export function ensureBuilt(): void {
  const built = () => (fs.existsSync(CLI) ? fs.statSync(CLI).mtimeMs : 0);
  const before = built();
  if (before > Math.max(...SOURCES.map((s) => newestSource(path.join(ROOT, s))))) return;
  try {
    execFileSync("flock", ["/tmp/meshkit-build.lock", "npm", "run", "--silent", "build"], { cwd: ROOT, stdio: "pipe" });
  } catch (e) {
    if (built() <= before) throw e;
  }
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `meshkit ARGS` in `cwd` (default the repository root). `closedStdout` closes the reading end of
 * its stdout before meshkit writes, as `| head -1` has after its line; `cli` runs another copy; `env`
 * adds to the environment.
 */
export function meshkit(
  args: string[],
  cwd: string = ROOT,
  { closedStdout = false, cli = CLI, env = {} as Record<string, string> } = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MESHKIT_DEBUG: "", ...env } });
    let stdout = "";
    let stderr = "";
    if (closedStdout) child.stdout.destroy();
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The command's stdout as JSON (loosely typed unless the caller names a type); a failure names the exit
 * status and stderr instead of a bare parse error.
 */
export function json<T = any>(r: Result): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`meshkit exited ${r.code} without JSON on stdout; stderr:\n${r.stderr}`);
  }
}
