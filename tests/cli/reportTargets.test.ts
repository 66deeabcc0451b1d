// One run, every report: `--report FORMAT=FILE` (repeatable) writes each format from a single review
// or validation, byte for byte what the single-format run writes, while `--format`/`--output` keep
// their meaning; a malformed or colliding `--report` is a usage error before anything runs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, meshkit, ROOT } from "./meshkit";

const CARELESS = path.join(ROOT, "tests", "fixtures", "careless-program");
const BAD = path.join(FIXTURES, "manifests", "bad.yaml");
const FORMATS = ["text", "markdown", "json", "sarif", "junit"];

beforeAll(() => ensureBuilt());

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-report-targets-"));
}

/** Runs `args` once with a --report per format, then once per format alone; returns both sets. */
async function everyFormat(args: string[], cwd = ROOT): Promise<{ together: Record<string, string>; alone: Record<string, string>; stdout: string; code: number | null }> {
  const dir = tempDir();
  const reports = FORMATS.flatMap((f) => ["--report", `${f}=${path.join(dir, `together.${f}`)}`]);
  const r = await meshkit([...args, ...reports, "--format", "markdown"], cwd);
  const together: Record<string, string> = {};
  const alone: Record<string, string> = {};
  for (const f of FORMATS) together[f] = fs.readFileSync(path.join(dir, `together.${f}`), "utf8");
  for (const f of FORMATS) {
    const single = await meshkit([...args, "--format", f, "--output", path.join(dir, `alone.${f}`)], cwd);
    expect(single.code, single.stderr).toBe(r.code);
    alone[f] = fs.readFileSync(path.join(dir, `alone.${f}`), "utf8");
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { together, alone, stdout: r.stdout, code: r.code };
}

describe("meshkit review --report", () => {
  it("writes every format from one run, each equal to its single-format run, with --format still on stdout", async () => {
    const { together, alone, stdout, code } = await everyFormat(["review", "--stack", "production", "--cwd", CARELESS]);
    expect(code).toBe(1);
    for (const f of FORMATS) expect(together[f], f).toBe(alone[f]);
    expect(stdout).toBe(alone.markdown);
    // The careless program's findings made it into every report.
    expect(JSON.parse(together.json).summary.mandatory).toBeGreaterThan(0);
  }, 300_000);

  it("writes every format of a review its manifests stopped", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "domains"));
    fs.copyFileSync(BAD, path.join(dir, "domains", "bad.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bad-manifest\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), 'config:\n  meshkit:environment: staging\n  meshkit:domains: ["domains/*.yaml"]\n');
    fs.writeFileSync(path.join(dir, "index.ts"), "// never runs: the manifests stop the review first\n");
    try {
      const { together, alone, code } = await everyFormat(["review", "--stack", "staging"], dir);
      expect(code).toBe(1);
      for (const f of FORMATS) expect(together[f], f).toBe(alone[f]);
      expect(JSON.parse(together.json).summary.problems).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("meshkit validate --report", () => {
  it("writes every format from one run, each equal to its single-format run", async () => {
    const { together, alone, code } = await everyFormat(["validate", path.relative(ROOT, BAD)]);
    expect(code).toBe(1);
    for (const f of FORMATS) expect(together[f], f).toBe(alone[f]);
  }, 120_000);
});

describe("a --report that cannot be honoured is a usage error before the run", () => {
  for (const [what, args, reason] of [
    ["no file", ["--report", "sarif"], /expected <format>=<file>/],
    ["an unknown format", ["--report", "pdf=review.pdf"], /format 'pdf' is not one of text, markdown, json, sarif, junit/],
    ["two reports into one file", ["--report", "sarif=same.out", "--report", "json=same.out"], /--report json=same.out: --report sarif=same.out writes that file too/],
    ["a report into --output's file", ["--output", "same.out", "--report", "json=same.out"], /--report json=same.out: --output writes that file too/],
  ] as const) {
    it(what, async () => {
      const dir = tempDir();
      const r = await meshkit(["review", "--stack", "production", ...args], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(reason);
      // Nothing ran, so nothing was written.
      expect(fs.readdirSync(dir)).toEqual([]);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});
