// Throughput measurements for engine/README.md (not a test): program runs with and without V8 stack
// traces, and policy-pack start-up for a TypeScript and a JavaScript pack.
// Run: npx ts-node --transpile-only -P tsconfig.json tests/engine/measure.ts
import * as path from "path";
import { analyze, runProgram } from "../../engine";

const F = path.join(__dirname, "..", "fixtures", "engine");

async function timeRun(stack: string, keepStackTraces: boolean) {
  const before = Date.now();
  const r = await runProgram({ projectDir: path.join(F, "many-resources"), stack }, { keepStackTraces });
  const wall = Date.now() - before;
  const n = r.resources.length;
  console.log(
    `program ${stack} stackTraces=${keepStackTraces}: ${n} resources, wall ${wall} ms, program ${r.timings.programMs} ms, ` +
      `${Math.round((n / wall) * 1000)} res/s wall, ${Math.round((n / r.timings.programMs) * 1000)} res/s in program`,
  );
  return r;
}

async function main() {
  await timeRun("small", false);
  const large = await timeRun("large", false);
  await timeRun("large", true);
  for (const dir of ["policy-pack", "awsguard-pack"]) {
    const before = Date.now();
    const a = await analyze({ packs: [{ dir: path.join(F, dir) }], resources: large.resources, project: large.project, stack: large.stack });
    console.log(
      `pack ${dir}: port after ${a.timings.startMs[0]} ms; ${large.resources.length} resources analyzed, ${a.diagnostics.length} diagnostics, total ${Date.now() - before} ms`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
