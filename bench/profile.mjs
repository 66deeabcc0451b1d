// Where a review's time goes, phase by phase, on a generated platform: `node bench/profile.mjs [DOMAINS] [--grpc]`
// (`--grpc`: analyze over the packs' gRPC service instead of the engine's direct channel).
// Drives the compiled engine (dist/engine) as the CLI does, with meshkit's compiled pack, and reports each
// phase's wall time and the CPU each process spent in it: the program under mocks (its own process),
// the pack's start (spawn to port), the per-resource Analyze calls and AnalyzeStack.
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatePlatform, REPO } from "./generate.mjs";

const require = createRequire(import.meta.url);
const dist = path.join(REPO, "dist", "engine");
const engine = require(dist);
const { AnalyzerConnection } = require(path.join(dist, "policy", "analyzerClient"));
const { AnalyzerRequests } = require(path.join(dist, "policy", "requests"));
const { DirectAnalysis } = require(path.join(dist, "policy", "directClient"));
const { readPackConfigFile, reconcilePackConfig } = require(path.join(dist, "policy", "packConfig"));
const { startPack } = require(path.join(dist, "policy", "packProcess"));

const IN_FLIGHT = 32; // as the engine's session over gRPC
const DIRECT_BATCH = 500; // and on the direct channel
const DIRECT_IN_FLIGHT = 2;
const domains = Number(process.argv[2] ?? 100);
const dir = generatePlatform(domains);
const packDir = path.join(REPO, "dist", "policies");

// CPU milliseconds of a live process (utime + stime, in clock ticks of 10 ms).
function cpuOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * 10;
}
const ownCpu = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

const rows = [];
async function phase(name, packPid, fn) {
  const [t, me, pack] = [Date.now(), ownCpu(), packPid ? cpuOf(packPid) : 0];
  const result = await fn();
  rows.push([name, Date.now() - t, ownCpu() - me, packPid ? cpuOf(packPid) - pack : undefined]);
  return result;
}

try {
  const ctx = engine.loadStack(dir, "production");
  const env = { project: ctx.project, stack: ctx.stack, organization: ctx.organization, dryRun: true, config: ctx.config, secretKeys: ctx.secretKeys };

  const pack = await phase("pack start (alone, spawn to port)", undefined, () => startPack(packDir, env));
  rows.at(-1)[3] = cpuOf(pack.child.pid);
  const run = await phase("program run (child process)", pack.child.pid, () => engine.runProgram({ projectDir: dir, stack: "production" }));
  const conn = new AnalyzerConnection(pack.port);
  await phase("info, configure", pack.child.pid, async () => {
    const raw = await conn.info();
    await conn.configure(reconcilePackConfig(raw.name, raw.policies, raw.initialConfig, readPackConfigFile(path.join(packDir, "config", "production.json"))));
    await conn.configureStack(env);
  });
  const requests = new AnalyzerRequests(run.resources);
  const analyzed = requests.analyzed();
  const direct = process.argv.includes("--grpc") ? "gRPC asked for" : await DirectAnalysis.open(pack.channel);
  const via = typeof direct === "string" ? `gRPC, ${IN_FLIGHT} in flight` : `direct, batches of ${DIRECT_BATCH}`;
  await phase(`Analyze x ${analyzed.length} (${via})`, pack.child.pid, async () => {
    let next = 0;
    const worker = async () => {
      if (typeof direct === "string") {
        while (next < analyzed.length) await conn.analyze(requests.analyzeRequest(analyzed[next++]));
      } else {
        while (next < analyzed.length) {
          const batch = analyzed.slice(next, (next += DIRECT_BATCH));
          await direct.analyze(batch, (urn) => requests.get(urn));
        }
      }
    };
    await Promise.all(Array.from({ length: typeof direct === "string" ? IN_FLIGHT : DIRECT_IN_FLIGHT }, worker));
  });
  await phase("AnalyzeStack", pack.child.pid, () => (typeof direct === "string" ? conn.analyzeStack(requests.analyzeStackRequest()) : direct.analyzeStack(run.resources)));
  conn.close();
  pack.child.kill();

  console.log(`${domains} domains, ${run.resources.length} resources; program process: ${run.timings.programMs} ms running the program, ${run.timings.programCpuMs} ms CPU in it\n`);
  console.log("| phase | wall ms | engine CPU ms | pack CPU ms |\n|---|---:|---:|---:|");
  for (const [name, wall, me, packCpu] of rows) console.log(`| ${name} | ${wall} | ${me} | ${packCpu ?? "—"} |`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
