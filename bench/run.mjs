// `npm run bench`: meshkit's offline review against an AWS CDK + cdk-nag app of the same domains, on
// generated platforms of 1 to 1,000 domains. Writes bench/results/latest.md and latest.json.
//
//   node bench/run.mjs [--sizes 1,10,100,300,1of300,1000] [--runs 3] [--slow-ms 120000] [--no-build] [--cli FILE]
//
// A size "DofN" is a stack deploying D domains of a platform of N (a CI-matrix cell: one domain's
// stack that still sees the whole platform); the CDK peer synthesizes those D domains' stacks only.
// --cli runs another build of the CLI (say a copy of dist/ taken while others rebuild the checkout).
// A size whose first meshkit run takes longer than --slow-ms runs once per tool (the table says so).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { generatePlatform, REPO } from "./generate.mjs";
import { measure } from "./measure.mjs";
import { markdown, summarize } from "./report.mjs";

const BENCH = path.join(REPO, "bench");
const PEERS = { "aws-cdk-lib": "2.276.0", "cdk-nag": "3.0.2" };

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "1,10,100,300,1of300,1000" },
    runs: { type: "string", default: "3" },
    "slow-ms": { type: "string", default: "120000" },
    "no-build": { type: "boolean", default: false },
    cli: { type: "string", default: path.join(REPO, "dist", "cli", "main.js") },
  },
});
const sizes = opts.sizes.split(",").map((s) => {
  const [deployed, platform = deployed] = s.split("of").map(Number);
  return { label: s.includes("of") ? `${deployed} of ${platform}` : String(platform), deployed, platform };
});
const runs = Number(opts.runs);
const slowMs = Number(opts["slow-ms"]);

function installedVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(BENCH, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

// The peer is installed for the benchmark only, into bench/node_modules, never the root package.
function ensurePeers() {
  if (Object.entries(PEERS).every(([name, version]) => installedVersion(name) === version)) return;
  console.error("bench: installing aws-cdk-lib and cdk-nag into bench/node_modules");
  execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: BENCH, stdio: ["ignore", "ignore", "inherit"] });
}

function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(1)).join(" ");
}

function gitDescription() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "engine", "cli", "components", "stacks", "policies", "conventions"], { cwd: REPO, encoding: "utf8" }).trim();
    return `commit ${commit}${dirty ? " with uncommitted changes in the measured sources" : ""}`;
  } catch {
    return "commit unknown";
  }
}

async function meshkit(dir, domains) {
  const m = await measure([process.execPath, path.resolve(opts.cli), "review", "--stack", "production", "--cwd", dir, "--format", "json"]);
  // 1 is a review with mandatory findings, still a complete review; 2 is an error.
  if (m.status !== 0 && m.status !== 1) throw new Error(`meshkit review of ${domains} domains exited ${m.status}:\n${m.stderr}`);
  const review = JSON.parse(m.stdout);
  return { ...m, resources: review.summary.resources, findings: review.violations.length };
}

async function cdk(dir, domains, validation, deployed) {
  const m = await measure([process.execPath, path.join(BENCH, "cdk", "app.mjs"), dir, validation, String(deployed)], { cwd: BENCH });
  // cdk-nag findings set exit code 1, as `cdk synth` does; anything else is a failure.
  if (m.status !== 0 && m.status !== 1) throw new Error(`CDK app of ${domains} domains exited ${m.status}:\n${m.stderr}`);
  const out = JSON.parse(m.stdout);
  return { ...m, resources: out.resources, findings: Object.values(out.findings).reduce((a, b) => a + b, 0) };
}

ensurePeers();
if (!opts["no-build"]) execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });

const meta = {
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  commit: gitDescription(),
  loadBefore: loadAverage(),
  loadAfter: "",
  notes: [],
};
const results = [];
for (const { label: domains, deployed, platform } of sizes) {
  const dir = generatePlatform(platform, deployed);
  try {
    let planned = runs;
    for (let i = 0; i < planned; i++) {
      const tools = [
        ["meshkit", () => meshkit(dir, domains)],
        ["CDK+cdk-nag, validation off", () => cdk(dir, domains, "off", deployed)],
        ["CDK+cdk-nag, validation on", () => cdk(dir, domains, "on", deployed)],
      ];
      for (const [tool, go] of tools) {
        const r = await go();
        const { stdout, stderr, status, ...figures } = r;
        results.push({ domains, deployed, tool, run: i + 1, ...figures });
        console.error(`bench: ${domains} domains, ${tool}, run ${i + 1}: ${Math.round(r.wallMs)} ms wall, ${Math.round(r.cpuMs)} ms CPU, ${r.resources} resources, ${Math.round(r.peakMb)} MB`);
        if (tool === "meshkit" && i === 0 && r.wallMs > slowMs && planned > 1) {
          planned = 1;
          meta.notes.push(`${domains} domains: one run per tool (the first meshkit run took ${Math.round(r.wallMs / 1000)} s, over --slow-ms ${slowMs / 1000} s).`);
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
meta.loadAfter = loadAverage();
if (Math.max(...[meta.loadBefore, meta.loadAfter].map((l) => Number(l.split(" ")[0]))) > os.cpus().length) {
  meta.notes.push("The machine was shared with other jobs (load average above the core count): wall times are inflated, CPU times less so.");
}

const rows = summarize(results);
const md = markdown(rows, meta);
fs.mkdirSync(path.join(BENCH, "results"), { recursive: true });
fs.writeFileSync(path.join(BENCH, "results", "latest.md"), md);
fs.writeFileSync(path.join(BENCH, "results", "latest.json"), JSON.stringify({ meta, rows, runs: results }, null, 2) + "\n");
process.stdout.write(md);
