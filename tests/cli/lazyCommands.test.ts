// The CLI loads only the command that runs, and `meshkit review` starts its program and packs before it
// loads the manifest schema and the reports, so that they boot while the rest loads (review/start.ts).
import { spawnSync } from "child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { invokedCommand } from "../../cli/program";
import { CLI, ensureBuilt, ROOT } from "./meshkit";

describe("invokedCommand", () => {
  it.each([
    [["review", "--stack", "production"], "review"],
    [["--cwd", "/tmp", "validate", "domains/"], "validate"],
    [["--cwd=/tmp", "report", "merge"], "report"],
    [["stacks", "--help"], "stacks"],
  ])("%j runs %s", (args, name) => {
    expect(invokedCommand(["node", "meshkit", ...args])).toBe(name);
  });

  it.each([[[]], [["--help"]], [["help", "review"]], [["--version"]], [["frobnicate"]], [["--cwd"]], [["--bogus", "review"]], [["toString"]]])(
    "%j loads every command",
    (args) => {
      expect(invokedCommand(["node", "meshkit", ...args])).toBeUndefined();
    },
  );
});

// Runs the built CLI's review of the repository's production stack up to the moment it starts its first
// child process, and lists the parsers loaded by then (YAML is not among them: the engine reads the
// stack's config with it).
const AT_FIRST_CHILD = `
const cp = require("child_process");
const stop = () => {
  const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/(zod|ajv|avsc)\\/|components\\/manifest\\/schema\\.js$/.test(f));
  process.stdout.write(JSON.stringify({ loaded: [...new Set(loaded.map((f) => f.replace(/^.*node_modules\\/([^/]+)\\/.*$/, "$1").replace(/^.*\\/components\\//, "components/")))] }));
  process.exit(0);
};
cp.spawn = stop;
cp.fork = stop;
process.argv = [process.execPath, ${JSON.stringify(CLI)}, "review", "--stack", "production"];
require(${JSON.stringify(CLI)});
`;

describe("meshkit review's start", () => {
  beforeAll(ensureBuilt);

  it("starts a child process before any manifest parser is loaded", () => {
    const r = spawnSync(process.execPath, ["-e", AT_FIRST_CHILD], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ loaded: [] });
  });
});
