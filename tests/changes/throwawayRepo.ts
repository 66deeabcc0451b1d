// A throwaway git repository holding a copy of meshkit's project (program, components, example domains),
// with the checkout's node_modules linked in, for change reviews between a base and a head commit.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "vitest";
import { ROOT } from "../cli/meshkit";

const COPIED = ["Pulumi.yaml", "tsconfig.json", "stacks", "components", "conventions", "domains", "policies/exemptions.yaml"];

export class ThrowawayRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-change-"));
  readonly base: string;

  constructor() {
    for (const entry of COPIED) fs.cpSync(path.join(ROOT, entry), path.join(this.dir, entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(this.dir, "node_modules"), "dir");
    this.write(".gitignore", "node_modules\n");
    this.git("init", "-q", "-b", "main");
    this.base = this.commit("base");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8" }).trim();
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), text);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), "utf8");
  }

  /** Replaces `from` (which must be there) with `to` in `file`. */
  edit(file: string, from: string, to: string): void {
    const text = this.read(file);
    expect(text).toContain(from);
    this.write(file, text.replace(from, to));
  }

  commit(message: string): string {
    this.git("add", "-A");
    this.git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message);
    return this.git("rev-parse", "HEAD");
  }

  /** Back to the base commit on a new branch for the next case. */
  reset(branch: string): void {
    this.git("checkout", "-q", "-f", "-B", branch, this.base);
    this.git("clean", "-qfd");
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
