// What `meshkit review --base` costs over a plain review: a generated platform committed to a throwaway
// git repository, one small change committed on top (a retention and an optional schema field), then
// both reviews of its production stack, alternating, each measured as a process tree (wall, CPU, peak
// memory). Writes bench/results/change-review.md.
//
//   node bench/changeReview.mjs [--domains 100] [--runs 1] [--cli FILE]
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { generatePlatform, domainName, REPO } from "./generate.mjs";
import { measure } from "./measure.mjs";

const { values: opts } = parseArgs({
  options: {
    domains: { type: "string", default: "100" },
    runs: { type: "string", default: "1" },
    cli: { type: "string", default: path.join(REPO, "dist", "cli", "main.js") },
  },
});
const n = Number(opts.domains);
const runs = Number(opts.runs);

const dir = generatePlatform(n);
// The base checkout lives elsewhere in the temp directory, so the program is imported by absolute path.
fs.writeFileSync(path.join(dir, "index.ts"), `export * from ${JSON.stringify(path.join(REPO, "stacks", "index"))};\n`);
fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
const git = (...args) => execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args], { cwd: dir, encoding: "utf8" }).trim();
git("init", "-q", "-b", "main");
git("add", "-A");
git("commit", "-qm", "base");
const first = path.join(dir, "domains", `${domainName(0)}.yaml`);
const text = fs.readFileSync(first, "utf8");
const changed = text.replace(/retentionDays: (2555|400|3650)\b/, (_, d) => `retentionDays: ${Number(d) - 1}`);
if (changed === text) throw new Error(`no retentionDays in ${first}`);
fs.writeFileSync(first, changed);
git("commit", "-qam", "shorter retention");

const review = ["node", opts.cli, "review", "--stack", "production", "--format", "json"];
const samples = { plain: [], base: [] };
for (let i = 0; i < runs; i++) {
  for (const [kind, argv] of [["plain", review], ["base", [...review, "--base", "HEAD~1"]]]) {
    const r = await measure(argv, { cwd: dir });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${kind} review exited ${r.status}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout);
    samples[kind].push({ ...r, resources: doc.summary.resources, changes: doc.changes?.resources.length });
    console.error(`${kind}: ${(r.wallMs / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU, ${Math.round(r.peakMb)} MB`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (kind) => ({
  wall: median(samples[kind].map((s) => s.wallMs)) / 1000,
  cpu: median(samples[kind].map((s) => s.cpuMs)) / 1000,
  peak: median(samples[kind].map((s) => s.peakMb)),
});
const [plain, base] = [row("plain"), row("base")];
const load = os.loadavg()[0].toFixed(1);
const md = [
  `# meshkit review --base: cost over a plain review`,
  "",
  `${n} domains (${samples.plain[0].resources} resources), ${runs} run${runs === 1 ? "" : "s"} each (median), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${load} at the end.`,
  `The change: one domain's retention one day shorter (${samples.base[0].changes} resource changes found).`,
  "",
  "| review | wall | CPU | peak memory |",
  "|---|---:|---:|---:|",
  `| plain | ${plain.wall.toFixed(1)} s | ${plain.cpu.toFixed(1)} s | ${Math.round(plain.peak)} MB |`,
  `| --base | ${base.wall.toFixed(1)} s | ${base.cpu.toFixed(1)} s | ${Math.round(base.peak)} MB |`,
  `| ratio | ${(base.wall / plain.wall).toFixed(2)}× | ${(base.cpu / plain.cpu).toFixed(2)}× | ${(base.peak / plain.peak).toFixed(2)}× |`,
  "",
].join("\n");
fs.mkdirSync(path.join(REPO, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(REPO, "bench", "results", "change-review.md"), md);
process.stdout.write(md);
