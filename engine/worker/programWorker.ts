// Child-process entry point: runs one Pulumi program under the SDK's mocks and streams what it registers
// back to the parent. One program per process, because setMocks and the SDK's state are process-global.
import * as path from "path";
import { writeFrameSync } from "../frames";
import { deferUnusedSdkModules } from "../lazySdk";
import { wrapMonitor, MockMonitorLike } from "./capture";
import { invokeAnswer, newResourceState } from "./mockAnswers";
import { usePlainStructs } from "../plainStructs";
import { RESOURCE_FD, RawResource, WorkerJob, WorkerMessage } from "./protocol";
import { lazyOutputs } from "./lazyOutputs";
import { trimSdk } from "./sdkTrim";
import { registerTypeScript } from "./transpile";
import type { InvokeCall } from "../types";

function send(msg: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(msg, (err: Error | null) => (err ? reject(err) : resolve())));
}

// Registrations go through a pipe of their own, written synchronously: most of a program's
// registrations complete inside one long run of promise callbacks, during which the IPC channel's
// asynchronous writes would wait, and the parent could not analyze anything before the program ends.
function stream(msg: WorkerMessage): void {
  writeFrameSync(RESOURCE_FD, msg);
}

// The error's first line, the rest of its message (a TSError's compiler diagnostics, say), and the
// program's own frames (not the SDK's, Node's or this worker's) when the stack has any.
function describe(e: unknown): { message: string; detail: string[]; frames: string[] } {
  if (!(e instanceof Error)) return { message: String(e), detail: [], frames: [] };
  const frames = (e.stack ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("at ") && !l.includes("node_modules") && !l.includes("node:") && !l.includes(__dirname));
  const [message, ...detail] = e.message.split("\n");
  return { message: e.name === "Error" ? message : `${e.name}: ${message}`, detail: detail.filter((l) => l.trim() !== ""), frames: frames.slice(0, 5) };
}

async function run(job: WorkerJob): Promise<void> {
  Error.stackTraceLimit = job.stackTraceLimit;
  process.chdir(job.projectDir);
  // The SDK reads config from the environment, as under the real language host.
  process.env.PULUMI_CONFIG = JSON.stringify(job.config);
  process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(job.secretKeys);
  process.env.PULUMI_NODEJS_PROJECT = job.project;
  process.env.PULUMI_NODEJS_STACK = job.stack;
  process.env.PULUMI_NODEJS_ORGANIZATION = job.organization;
  process.env.PULUMI_NODEJS_DRY_RUN = String(job.dryRun);

  // The program's own copy of the SDK: mocks must be set on the instance the program imports.
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [job.projectDir] }));
  deferUnusedSdkModules(sdkDir);
  const pulumi = require(sdkDir) as typeof import("@pulumi/pulumi");
  const settings = require(path.join(sdkDir, "runtime", "settings")) as { waitForRPCs(): Promise<void> };

  trimSdk(sdkDir, pulumi, job.sourcePositions);
  usePlainStructs(sdkDir);
  lazyOutputs(sdkDir);
  const answers = { dryRun: job.dryRun, config: job.config };
  await pulumi.runtime.setMocks(
    {
      newResource: (args) =>
        args.custom === false ? { id: undefined, state: {} } : newResourceState(answers, args.type, args.name, args.inputs, args.id),
      call: (args) => invokeAnswer(answers, args.token, args.inputs),
    },
    job.project,
    job.stack,
    job.dryRun,
    job.organization,
  );

  let batch: RawResource[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    stream({ kind: "resources", items: batch });
    batch = [];
  };
  const invokes: InvokeCall[] = [];
  wrapMonitor(pulumi.runtime.getMonitor() as unknown as MockMonitorLike, job.stack, job.project, {
    resource: (r) => {
      batch.push(r);
      if (batch.length >= job.batchSize) flush();
    },
    outputs: (urn, outputs) => {
      flush();
      stream({ kind: "outputs", urn, outputs });
    },
    invoke: (call) => invokes.push(call),
  });

  if (job.typescript && /\.[cm]?tsx?$/.test(job.main)) registerTypeScript(job.projectDir, sdkDir);
  // Stack traces only matter in the diagnostic run and for source positions: Node maps them to the
  // TypeScript source (through the transpiler's inline maps) unless something hooked them before.
  if (job.stackTraceLimit > 0 || job.sourcePositions) {
    delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    process.setSourceMapsEnabled(true);
  }
  const started = Date.now();
  const cpu = process.cpuUsage();
  await pulumi.runtime.runInPulumiStack(async () => {
    const m = require(job.main);
    return typeof m === "function" ? m() : m;
  });
  await settings.waitForRPCs();
  // A throw inside an apply surfaces as an unhandled rejection only after the queue drains.
  await new Promise((resolve) => setImmediate(resolve));
  if (failed) return;
  const programMs = Date.now() - started;
  const used = process.cpuUsage(cpu);
  flush();
  await send({
    kind: "done",
    invokes,
    programMs,
    programCpuMs: Math.round((used.user + used.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}

// The first failure wins: a throw at load, a rejected registration or an unhandled rejection in an apply.
let failed = false;
async function fail(e: unknown): Promise<void> {
  if (failed) return;
  failed = true;
  await send({ kind: "failed", ...describe(e) }).catch(() => undefined);
  process.exit(1);
}
process.on("uncaughtException", (e) => void fail(e));
process.on("unhandledRejection", (e) => void fail(e));

process.once("message", (job: WorkerJob) => {
  run(job).then(
    () => {
      if (!failed) process.disconnect();
    },
    (e) => fail(e),
  );
});
