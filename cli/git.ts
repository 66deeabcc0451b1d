// Reads a git repository without touching it: which files differ from a revision, and a file's text
// at that revision. The working tree, the index and the branches are never written.
import { execFileSync } from "child_process";
import * as path from "path";
import { CliError, EXIT_USAGE } from "./errors";

function git(args: string[], cwd: string): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? "").trim().split("\n")[0];
    throw new CliError(EXIT_USAGE, `git ${args[0]} failed in ${cwd}: ${stderr || (e as Error).message}`);
  }
}

/** The revision as a commit id; a usage error when the repository does not have it (fetch it first). */
export function resolveRevision(revision: string, cwd: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", `${revision}^{commit}`], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    throw new CliError(EXIT_USAGE, `--base ${revision}: no such commit in this repository (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
}

/**
 * Files that differ between `revision` and the working tree (added, changed, deleted, renamed both
 * ways, and untracked files git does not ignore), relative to `dir`, sorted. Files outside `dir`
 * are left out.
 */
export function changedFiles(revision: string, dir: string): string[] {
  const commit = resolveRevision(revision, dir);
  const root = repositoryRoot(dir);
  const tracked = git(["diff", "--name-only", "--no-renames", "-z", commit, "--", "."], dir).split("\0");
  const untracked = git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--", "."], dir).split("\0");
  const inDir = [...tracked, ...untracked]
    .filter((f) => f !== "")
    .map((f) => path.relative(dir, path.join(root, f)))
    .filter((f) => !f.startsWith(".."));
  return [...new Set(inDir)].sort();
}

/** The text of `file` (relative to `dir`) at `revision`, or undefined when it did not exist there. */
export function fileAtRevision(revision: string, dir: string, file: string): string | undefined {
  const commit = resolveRevision(revision, dir);
  const root = repositoryRoot(dir);
  const inRepo = path.relative(root, path.resolve(dir, file)).split(path.sep).join("/");
  try {
    return execFileSync("git", ["show", `${commit}:${inRepo}`], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The repository's top directory. */
export function repositoryRoot(dir: string): string {
  return git(["rev-parse", "--show-toplevel"], dir).trim();
}

/** True in a shallow clone, where history stops at the clone's depth. */
export function isShallowClone(dir: string): boolean {
  return git(["rev-parse", "--is-shallow-repository"], dir).trim() === "true";
}

/**
 * Every committed version of `file` (relative to `dir`) reachable from `revision`, newest first, renames
 * followed; consecutive commits that left its text unchanged count once.
 */
export function fileHistory(revision: string, dir: string, file: string): string[] {
  const commit = resolveRevision(revision, dir);
  const root = repositoryRoot(dir);
  const inRepo = path.relative(root, path.resolve(dir, file)).split(path.sep).join("/");
  // `--name-only` gives the file's path in each commit, which differs before a rename.
  const log = git(["log", "--follow", "--format=%x00%H", "--name-only", "--diff-filter=AMR", commit, "--", inRepo], root);
  const versions: string[] = [];
  for (const entry of log.split("\0").filter((e) => e.trim() !== "")) {
    const [sha, ...names] = entry.trim().split("\n").filter((l) => l !== "");
    const name = names[names.length - 1];
    if (!sha || !name) continue;
    const text = git(["show", `${sha}:${name}`], root);
    if (versions[versions.length - 1] !== text) versions.push(text);
  }
  return versions;
}
