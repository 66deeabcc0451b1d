// Throughput measurements for engine/README.md (not a test): program runs with and without V8 stack
// traces, and policy-pack start-up for a TypeScript and a JavaScript pack. CPU time is reported next to
// wall time because the machine is shared.
// Run: npx ts-node --transpile-only -P tsconfig.json tests/engine/measure.ts
import * as fs from "fs";
import * as path from "path";
import { analyze, runProgram } from "../../engine";
import { startPack } from "../../engine/policy/packProcess";

const F = path.join(__dirname, "..", "fixtures", "engine");

async function timeRun(stack: string, stackTraceLimit: number) {
  const before = Date.now();
  const r = await runProgram({ projectDir: path.join(F, "many-resources"), stack }, { stackTraceLimit });
  const wall = Date.now() - before;
  const n = r.resources.length;
  console.log(
    `program ${stack} stackTraceLimit=${stackTraceLimit}: ${n} resources, wall ${wall} ms (program ${r.timings.programMs} ms, ` +
      `${r.timings.programCpuMs} ms CPU), ${Math.round((n / wall) * 1000)} res/s wall, ${Math.round((n / r.timings.programCpuMs) * 1000)} res/s per CPU second, ` +
      `peak RSS ${r.timings.peakRssMb} MB`,
  );
  return r;
}

// CPU seconds a process has used so far (Linux /proc), in ms.
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
}

async function packStart(dir: string) {
  const p = await startPack(path.join(F, dir), { project: "p", stack: "s", organization: "o", dryRun: true, config: {}, secretKeys: [] });
  console.log(`pack ${dir}: port after ${p.startMs} ms wall, ${processCpuMs(p.child.pid!)} ms CPU`);
  p.child.kill();
}

async function main() {
  await timeRun("small", 0);
  const large = await timeRun("large", 0);
  await timeRun("large", 10);
  for (const dir of ["policy-pack", "awsguard-pack"]) await packStart(dir);
  for (const dir of ["policy-pack", "awsguard-pack"]) {
    const before = Date.now();
    const cpu = process.cpuUsage();
    const a = await analyze({ packs: [{ dir: path.join(F, dir) }], resources: large.resources, project: large.project, stack: large.stack });
    console.log(
      `analyze ${dir}: port after ${a.timings.startMs[0]} ms; ${large.resources.length} resources, ${a.diagnostics.length} diagnostics, ` +
        `total ${Date.now() - before} ms wall, engine side ${Math.round(process.cpuUsage(cpu).user / 1000)} ms CPU`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
