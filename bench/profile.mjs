// Where a review's time goes, phase by phase, on a generated platform: `node bench/profile.mjs [DOMAINS]`.
// Drives the compiled engine (dist/engine) as the CLI does, and times the phases apart: the program under
// mocks (wall and CPU of its process), the pack's start (spawn to port), the Analyze calls, AnalyzeStack.
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatePlatform, REPO } from "./generate.mjs";

const require = createRequire(import.meta.url);
const engine = require(path.join(REPO, "dist", "engine"));
const { AnalyzerConnection } = require(path.join(REPO, "dist", "engine", "policy", "analyzerClient"));
const { readPackConfigFile, reconcilePackConfig } = require(path.join(REPO, "dist", "engine", "policy", "packConfig"));
const { startPack } = require(path.join(REPO, "dist", "engine", "policy", "packProcess"));

const domains = Number(process.argv[2] ?? 100);
const dir = generatePlatform(domains);
const packDir = path.join(REPO, "dist", "policies");
const configFile = path.join(packDir, "config", "production.json");

try {
  const ctx = engine.loadStack(dir, "production");
  const env = { project: ctx.project, stack: ctx.stack, organization: ctx.organization, dryRun: true, config: ctx.config, secretKeys: ctx.secretKeys };

  let t = Date.now();
  const packStarting = startPack(packDir, env);
  const run = await engine.runProgram({ projectDir: dir, stack: "production" });
  const programWall = Date.now() - t;
  const pack = await packStarting;
  const afterProgram = Date.now() - t;

  const conn = new AnalyzerConnection(pack.port);
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  t = Date.now();
  const raw = await conn.info();
  await conn.configure(reconcilePackConfig(raw.name, raw.policies, raw.initialConfig, readPackConfigFile(configFile)));
  await conn.configureStack(env);
  const configureMs = Date.now() - t;

  // Sequential and pipelined per-resource calls, to show what one-at-a-time serving costs.
  const registered = run.resources.filter((r) => !r.read);
  t = Date.now();
  let inFlight = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < registered.length) {
        const r = registered[next++];
        inFlight++;
        await conn.analyze(r, byUrn);
        inFlight--;
      }
    }),
  );
  const analyzeMs = Date.now() - t;
  t = Date.now();
  await conn.analyzeStack(run.resources, byUrn);
  const analyzeStackMs = Date.now() - t;
  conn.close();
  pack.child.kill();

  const rows = [
    ["resources", run.resources.length],
    ["program wall ms (child process, incl. spawn, ts-node, SDK load)", programWall],
    ["program ms inside the child (require + registrations)", run.timings.programMs],
    ["program CPU ms inside the child", run.timings.programCpuMs],
    ["pack start ms (spawn to port, overlapped with the program)", pack.startMs],
    ["wait for the pack after the program ms", afterProgram - programWall],
    ["info + configure ms", configureMs],
    [`Analyze ms (${registered.length} calls, 32 in flight)`, analyzeMs],
    ["AnalyzeStack ms", analyzeStackMs],
  ];
  for (const [k, v] of rows) console.log(`${String(v).padStart(8)}  ${k}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
