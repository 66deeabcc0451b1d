// The committed versions of a schema file that -transitive modes compare with: every one reachable from
// the base, newest first, across a rename, and the shallow clone that hides older ones.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { fileHistory, isShallowClone } from "../../cli/git";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-history-"));
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" }).trim();
const commit = (file: string, text: string, message: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", message);
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("fileHistory", () => {
  git(dir, "init", "-q", "-b", "main");
  commit("schemas/old.avsc", "v1\n", "v1");
  commit("README.md", "unrelated\n", "docs");
  commit("schemas/old.avsc", "v2\n", "v2");
  git(dir, "mv", "schemas/old.avsc", "schemas/events.avsc");
  git(dir, "commit", "-qm", "rename");
  commit("schemas/events.avsc", "v3\n", "v3");
  const base = git(dir, "rev-parse", "HEAD");
  commit("schemas/events.avsc", "v4, after the base\n", "v4");

  it("lists every version reachable from the base, newest first, following renames", () => {
    expect(fileHistory(base, dir, "schemas/events.avsc")).toEqual(["v3\n", "v2\n", "v1\n"]);
    expect(isShallowClone(dir)).toBe(false);
  });

  it("sees only what a shallow clone holds, and says it is shallow", () => {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-shallow-"));
    git(clone, "clone", "-q", "--depth", "1", `file://${dir}`, ".");
    expect(isShallowClone(clone)).toBe(true);
    expect(fileHistory("HEAD", clone, "schemas/events.avsc")).toEqual(["v4, after the base\n"]);
    fs.rmSync(clone, { recursive: true, force: true });
  });
});
