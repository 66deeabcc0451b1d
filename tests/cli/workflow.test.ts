// The pull-request workflows cannot run here; this checks what can be checked. Both parse, every
// `npx meshkit …` they call is a real command with real options and formats, every review compares with
// the pull request's base, every `npm run` script exists, and each fails on a mandatory violation only
// after its reports are uploaded and posted. The single-job workflow reviews each stack once for all its reports; the matrix workflow's shell steps
// run for real, in order, on a throwaway git repository of per-domain stacks.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainName, generatePlatform } from "../../bench/generate.mjs";
import { CLI, ensureBuilt, meshkit, ROOT } from "./meshkit";
import { sarifErrors } from "./sarifSchema";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

interface Job {
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

function load(file: string) {
  const workflow = YAML.parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8")) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const commands = steps.flatMap((s) => (s.run ?? "").split("\n").map((l) => l.trim()));
  const meshkitCalls = commands.filter((l) => l.startsWith("npx meshkit ")).map((l) => l.slice("npx meshkit ".length).split(/\s+/));
  return { workflow, steps, commands, meshkitCalls };
}

const single = load("meshkit-review.yml");
const matrix = load("meshkit-review-matrix.yml");

/** The command path of a call (`review`, or `report merge`): leading words that name (sub)commands. */
async function commandPath(args: string[]): Promise<string[]> {
  const help = await meshkit([args[0], "--help"]);
  return help.stdout.includes("\nCommands:") ? args.slice(0, 2) : args.slice(0, 1);
}

beforeAll(() => ensureBuilt());

for (const [file, w] of [["meshkit-review.yml", single], ["meshkit-review-matrix.yml", matrix]] as const) {
  describe(`${file}, common to both workflows`, () => {
    it("runs on pull requests with the permissions its uploads need, on Node 20", () => {
      expect(Object.keys(w.workflow.on)).toEqual(["pull_request"]);
      expect(w.workflow.permissions).toMatchObject({ "pull-requests": "write", "security-events": "write" });
      for (const job of Object.values(w.workflow.jobs)) {
        expect(job.steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({ "node-version": 20 });
        expect(job.steps.map((s) => s.run)).toContain("npm ci");
      }
    });

    it("calls only npm scripts that exist", () => {
      const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
      for (const l of w.commands.filter((c) => c.startsWith("npm run "))) expect(scripts).toContain(l.split(/\s+/)[2]);
    });

    it("calls only meshkit commands, options and formats that exist", async () => {
      expect(w.meshkitCalls.length).toBeGreaterThan(0);
      for (const call of w.meshkitCalls) {
        const command = await commandPath(call);
        const args = call.slice(command.length);
        const r = await meshkit([...command, "--help"]);
        const help = r.stdout.replace(/\s+/g, " ");
        expect(r.code, `meshkit ${command.join(" ")}`).toBe(0);
        for (const option of args.filter((a) => a.startsWith("--"))) expect(help, `meshkit ${command.join(" ")} ${option}`).toMatch(new RegExp(`${option}\\b`));
        if (args.includes("--format")) expect(help).toMatch(new RegExp(`choices: .*"${args[args.indexOf("--format") + 1]}"`));
        for (const [i, a] of args.entries()) {
          if (a !== "--report") continue;
          const format = args[i + 1].split("=")[0];
          expect(help, `--report ${args[i + 1]}`).toMatch(new RegExp(`--report <format=file> .*\\(.*\\b${format}\\b.*\\)`));
        }
      }
    });

    it("reviews every stack against the pull request's base commit, with the history that takes checked out", () => {
      const reviews = w.commands.filter((l) => l.startsWith("npx meshkit review "));
      expect(reviews.length).toBeGreaterThan(0);
      for (const line of reviews) expect(line).toMatch(/ --base (\$\{\{ github\.event\.pull_request\.base\.sha \}\}|"\$BASE") /);
      for (const job of Object.values(w.workflow.jobs).filter((j) => j.steps.some((s) => s.run?.includes("npx meshkit review ")))) {
        expect(job.steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with).toMatchObject({ "fetch-depth": 0 });
      }
    });

    it("uploads SARIF and posts the comment before failing on a mandatory violation", () => {
      const last = Object.values(w.workflow.jobs).at(-1)!.steps;
      const index = (pred: (s: Step) => boolean) => last.findIndex(pred);
      const fail = index((s) => s.name === "Fail on a mandatory violation");
      const uploads = last.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
      const comment = index((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment@") ?? false);
      expect(uploads.length).toBeGreaterThan(0);
      expect(Math.max(...uploads.map((u) => last.indexOf(u)), comment)).toBeLessThan(fail);
      for (const s of [...uploads, last[comment], last[fail]]) expect(s.if).toMatch(/always\(\)/);
    });
  });
}

describe("meshkit-review.yml", () => {
  it("validates, then reviews staging and production once each, writing SARIF and Markdown from the one run", () => {
    expect(single.meshkitCalls[0]).toEqual(["validate"]);
    const reviews = single.meshkitCalls.filter((c) => c[0] === "review");
    expect(reviews.map((c) => c[c.indexOf("--stack") + 1]).sort()).toEqual(["production", "staging"]);
    for (const c of reviews) {
      const stack = c[c.indexOf("--stack") + 1];
      const reports = c.flatMap((a, i) => (a === "--report" ? [c[i + 1]] : [])).sort();
      expect(reports).toEqual([`markdown=reports/${stack}.md`, `sarif=reports/${stack}.sarif`]);
    }
  });

  it("uploads both SARIF files under their own categories and fails on either review's status", () => {
    const uploads = single.steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(uploads.map((s) => s.with?.sarif_file).sort()).toEqual(["reports/production.sarif", "reports/staging.sarif"]);
    expect(new Set(uploads.map((s) => s.with?.category)).size).toBe(2);
    const fail = single.steps.find((s) => s.name === "Fail on a mandatory violation")!;
    expect(fail.run).toContain("steps.staging.outputs.status");
    expect(fail.run).toContain("steps.production.outputs.status");
  });
});

describe("meshkit-review-matrix.yml", () => {
  const jobs = matrix.workflow.jobs;
  const step = (job: string, name: string) => {
    const s = jobs[job].steps.find((x) => x.name === name);
    if (!s) throw new Error(`no step '${name}' in job ${job}`);
    return s;
  };

  it("lists the affected stacks, reviews them in a matrix, then merges every result", () => {
    expect(Object.keys(jobs)).toEqual(["stacks", "review", "report"]);
    expect(jobs.stacks.steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with).toMatchObject({ "fetch-depth": 0 });
    expect(step("stacks", "Affected stacks").env).toEqual({ BASE: "${{ github.event.pull_request.base.sha }}" });
    expect(jobs.stacks.outputs?.matrix).toBe("${{ steps.affected.outputs.matrix }}");
    expect(jobs.review.needs).toBe("stacks");
    expect(jobs.review.strategy?.matrix).toEqual({ include: "${{ fromJSON(needs.stacks.outputs.matrix) }}" });
    expect(jobs.report.needs).toEqual(["stacks", "review"]);
    // The merge runs after failed cells too, so the comment says what could be reviewed.
    expect(jobs.report.if).toMatch(/^always\(\) && /);
    const upload = jobs.review.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    const download = jobs.report.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
    expect(download.with).toMatchObject({ pattern: `${String(upload.with?.name).replace("${{ strategy.job-index }}", "")}*`, "merge-multiple": true });
  });

  describe("its shell steps, run in order on a repository of per-domain stacks", () => {
    let repo: string;
    let bin: string;
    const outputs: Record<string, string> = {};
    const changed = domainName(1);

    /** Runs a step's script as the runner would (bash -e), with `npx meshkit` the built CLI. */
    function runStep(s: Step, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; outputs: Record<string, string> } {
      const outputFile = path.join(repo, ".github-output");
      fs.writeFileSync(outputFile, "");
      const r = spawnSync("bash", ["-e", "-c", s.run!], {
        cwd: repo,
        encoding: "utf8",
        env: { ...process.env, MESHKIT_DEBUG: "", PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: outputFile, ...env },
      });
      const written = Object.fromEntries(
        fs
          .readFileSync(outputFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: written };
    }

    beforeAll(() => {
      repo = generatePlatform(3);
      bin = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-npx-"));
      fs.writeFileSync(path.join(bin, "npx"), `#!/bin/sh\n[ "$1" = meshkit ] && shift\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
      const platform = YAML.parse(fs.readFileSync(path.join(repo, "stacks", "Pulumi.production.yaml"), "utf8"));
      for (const d of [0, 1, 2].map(domainName)) {
        const own = { config: { ...platform.config, "meshkit:domains": [`domains/${d}.yaml`], "meshkit:platformDomains": ["domains/*.yaml"] } };
        fs.writeFileSync(path.join(repo, "stacks", `Pulumi.${d}-production.yaml`), YAML.stringify(own));
      }
      fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules\nreports/\nreviews/\n.github-output\n");
      const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, encoding: "utf8" }).trim();
      git("init", "-q");
      git("add", "-A");
      git("commit", "-qm", "platform");
      outputs.base = git("rev-parse", "HEAD");
      // The pull request touches one domain's stack config only.
      fs.appendFileSync(path.join(repo, "stacks", `Pulumi.${changed}-production.yaml`), "# reviewed by the matrix\n");
      git("commit", "-qam", "change one stack");
    }, 120_000);

    afterAll(() => {
      for (const d of [repo, bin]) if (d) fs.rmSync(d, { recursive: true, force: true });
    });

    it("job 1 turns `meshkit stacks --base` into a matrix of the affected stack", () => {
      const r = runStep(step("stacks", "Affected stacks"), { BASE: outputs.base });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.outputs.matrix)).toEqual([{ stacks: `${changed}-production` }]);
      outputs.matrix = r.outputs.matrix;
    });

    it("job 2 reviews each cell's stacks into one JSON result per stack", () => {
      const cells = JSON.parse(outputs.matrix) as { stacks: string }[];
      for (const cell of cells) {
        const r = runStep(step("review", "Review ${{ matrix.stacks }}"), { STACKS: cell.stacks, BASE: outputs.base });
        expect(r.status, r.stderr).toBe(0);
      }
      expect(fs.readdirSync(path.join(repo, "reports"))).toContain(`${changed}-production.json`);
      const result = JSON.parse(fs.readFileSync(path.join(repo, "reports", `${changed}-production.json`), "utf8"));
      expect(result.changes.base.commit).toBe(outputs.base);
    }, 300_000);

    it("job 3 merges the downloaded results into the comment, SARIF and JUnit, and passes a clean review", () => {
      // download-artifact with merge-multiple lays every cell's files side by side.
      fs.mkdirSync(path.join(repo, "reviews"));
      for (const f of fs.readdirSync(path.join(repo, "reports")).filter((f) => f.endsWith("-production.json"))) fs.copyFileSync(path.join(repo, "reports", f), path.join(repo, "reviews", f));
      const merged = runStep(step("report", "Merge the reviews"), { REVIEWS_RESULT: "success" });
      expect(merged.status, merged.stderr).toBe(0);
      expect(merged.outputs.status).toBe("0");
      const comment = fs.readFileSync(path.join(repo, "reports", "comment.md"), "utf8");
      expect(comment).toMatch(/^<!-- meshkit-review -->\n## meshkit review: 1 stack\n\n\*\*✅ no mandatory violations\*\*/);
      expect(sarifErrors(JSON.parse(fs.readFileSync(path.join(repo, "reports", "review.sarif"), "utf8")))).toEqual([]);
      expect(fs.readFileSync(path.join(repo, "reports", "review.xml"), "utf8")).toContain(`name="${changed}-production/${changed}"`);
      const fail = step("report", "Fail on a mandatory violation");
      expect(runStep(fail, { MERGE_STATUS: merged.outputs.status, REVIEWS_RESULT: "success" }).status).toBe(0);
    });

    it("job 3 fails on a mandatory violation and on a cell that could not review, and says so in the comment", () => {
      const fail = step("report", "Fail on a mandatory violation");
      const violation = runStep(fail, { MERGE_STATUS: "1", REVIEWS_RESULT: "success" });
      expect(violation.status).toBe(1);
      expect(violation.stdout).toContain("::error::meshkit review found a mandatory violation");
      expect(runStep(fail, { MERGE_STATUS: "0", REVIEWS_RESULT: "failure" }).status).toBe(1);
      const merged = runStep(step("report", "Merge the reviews"), { REVIEWS_RESULT: "failure" });
      expect(fs.readFileSync(path.join(repo, "reports", "comment.md"), "utf8")).toContain("Some stacks could not be reviewed");
      expect(merged.status).toBe(0);
    });
  });
});
