// The pull-request workflow cannot run here; this checks what can be checked: it parses, every
// `npx meshkit …` it calls is a real command with real options and formats, every review compares with
// the pull request's base, every `npm run` script exists, and the job fails on a mandatory violation
// only after the reports are uploaded and posted.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, meshkit, ROOT } from "./meshkit";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

const workflow = parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "meshkit-review.yml"), "utf8")) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const commands = steps.flatMap((s) => (s.run ?? "").split("\n").map((l) => l.trim()));
const meshkitCalls = commands.filter((l) => l.startsWith("npx meshkit ")).map((l) => l.slice("npx meshkit ".length).split(/\s+/));
const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);

beforeAll(() => ensureBuilt());

describe("the pull-request workflow", () => {
  it("runs on pull requests with the permissions its uploads need", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toMatchObject({ "pull-requests": "write", "security-events": "write" });
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({ "node-version": 20 });
    expect(commands).toContain("npm ci");
  });

  it("validates, then reviews staging and production as SARIF and Markdown", () => {
    expect(meshkitCalls[0]).toEqual(["validate"]);
    const reviews = meshkitCalls.filter((c) => c[0] === "review").map((c) => `${c[c.indexOf("--stack") + 1]}:${c[c.indexOf("--format") + 1]}`);
    expect(reviews.sort()).toEqual(["production:markdown", "production:sarif", "staging:markdown", "staging:sarif"]);
  });

  it("reviews every stack against the pull request's base commit, with the history that takes checked out", () => {
    const reviews = commands.filter((l) => l.startsWith("npx meshkit review "));
    expect(reviews.length).toBeGreaterThan(0);
    for (const line of reviews) expect(line).toContain(" --base ${{ github.event.pull_request.base.sha }} ");
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toMatchObject({ "fetch-depth": 0 });
  });

  it("calls only npm scripts that exist", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
    const called = commands.filter((l) => l.startsWith("npm run ")).map((l) => l.split(/\s+/)[2]);
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(scripts).toContain(script);
  });

  it("calls only meshkit commands and options that exist", async () => {
    for (const [command, ...args] of meshkitCalls) {
      const r = await meshkit([command, "--help"]);
      const help = { code: r.code, stdout: r.stdout.replace(/\s+/g, " ") };
      expect(help.code, `meshkit ${command}`).toBe(0);
      for (const option of args.filter((a) => a.startsWith("--"))) expect(help.stdout, `meshkit ${command} ${option}`).toMatch(new RegExp(`${option}\\b`));
      const format = args[args.indexOf("--format") + 1];
      if (args.includes("--format")) expect(help.stdout).toMatch(new RegExp(`choices: .*"${format}"`));
    }
  });

  it("uploads both SARIF files and posts the comment before failing on a mandatory violation", () => {
    const fail = index((s) => s.name === "Fail on a mandatory violation");
    const uploads = steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(uploads.map((s) => s.with?.sarif_file).sort()).toEqual(["reports/production.sarif", "reports/staging.sarif"]);
    expect(new Set(uploads.map((s) => s.with?.category)).size).toBe(2);
    const comment = index((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@") ?? false);
    expect(Math.max(...uploads.map((u) => steps.indexOf(u)), comment)).toBeLessThan(fail);
    for (const s of [...uploads, steps[comment], steps[fail]]) expect(s.if).toMatch(/always\(\)/);
    expect(steps[fail].run).toContain("steps.staging.outputs.status");
    expect(steps[fail].run).toContain("steps.production.outputs.status");
  });
});
