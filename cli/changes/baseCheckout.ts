// The project as it was at a git revision, materialised from git objects into a temporary directory:
// `git archive` of the commit, unpacked. The working tree, the index and the branches are never touched,
// and the directory is removed when the work is done, failed or not.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliError, EXIT_USAGE } from "../errors";
import { repositoryRoot, resolveRevision } from "../git";

export interface BaseCheckout {
  /** The revision as given. */
  readonly revision: string;
  readonly commit: string;
  /** The project directory inside the checkout (where Pulumi.yaml was at the base, if it was). */
  readonly projectDir: string;
}

export const BASE_DIR_PREFIX = "meshkit-base-";

function unpack(commit: string, root: string, into: string): void {
  try {
    const tar = execFileSync("git", ["archive", "--format=tar", commit], { cwd: root, maxBuffer: 2 ** 31 - 1, stdio: ["ignore", "pipe", "pipe"] });
    execFileSync("tar", ["-x", "-C", into], { input: tar, stdio: ["pipe", "ignore", "pipe"] });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? "").trim().split("\n")[0];
    throw new CliError(EXIT_USAGE, `cannot read commit ${commit.slice(0, 12)} from git: ${stderr || (e as Error).message}`);
  }
}

// The base program runs with the head's dependencies: node_modules is never committed.
function linkDependencies(headProject: string, headRoot: string, baseRoot: string): void {
  for (let dir = headProject; ; dir = path.dirname(dir)) {
    const modules = path.join(dir, "node_modules");
    const target = path.join(baseRoot, path.relative(headRoot, dir), "node_modules");
    if (fs.existsSync(modules) && fs.existsSync(path.dirname(target)) && !fs.existsSync(target)) fs.symlinkSync(modules, target, "dir");
    if (dir === headRoot || path.dirname(dir) === dir) break;
  }
}

/** Runs `work` on the checkout of `revision` for the project in `projectDir`, then removes it. */
export async function withBaseCheckout<T>(revision: string, projectDir: string, work: (base: BaseCheckout) => Promise<T>): Promise<T> {
  const commit = resolveRevision(revision, projectDir);
  const headRoot = fs.realpathSync(repositoryRoot(projectDir));
  const headProject = fs.realpathSync(projectDir);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), BASE_DIR_PREFIX));
  try {
    unpack(commit, headRoot, tmp);
    const baseProject = path.join(tmp, path.relative(headRoot, headProject));
    linkDependencies(headProject, headRoot, tmp);
    return await work({ revision, commit, projectDir: baseProject });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
