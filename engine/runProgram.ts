// Runs a Pulumi program offline: reads the project and stack config, runs the program under mocks in a
// child process (setMocks and the SDK's state are process-global, and a fresh process frees the
// program's memory), and collects every registration it streams back.
import { fork } from "child_process";
import * as path from "path";
import type { Readable } from "stream";
import { addDefaultProviders } from "./defaultProviders";
import { EngineError, isEngineError, ranOutOfMemory } from "./errors";
import { readFrames } from "./frames";
import { treeOrder } from "./order";
import { runShards } from "./shards";
import { SharedStrings } from "./sharedStrings";
import { loadStack } from "./project";
import type { CapturedResource, PropertyMap, RunOptions, RunResult, StackContext, StackRun } from "./types";
import { RESOURCE_FD, RawResource, WorkerJob, WorkerMessage } from "./worker/protocol";

export interface RunTuning {
  /** Error.stackTraceLimit for the program (default 0; V8's own default, 10, makes runs about 4x slower). */
  stackTraceLimit?: number;
  /** Resources per IPC message (default 500). */
  batchSize?: number;
  /** Extra Node options for the program's process, after the heap limit from MESHKIT_PROGRAM_MEMORY_MB, e.g. `--cpu-prof`. */
  nodeOptions?: string[];
}

/** The program process's heap limit in MB (Node's `--max-old-space-size`), when not Node's default. */
export const MEMORY_ENV = "MESHKIT_PROGRAM_MEMORY_MB";

function memoryOptions(): string[] {
  const mb = Number(process.env[MEMORY_ENV]);
  return Number.isInteger(mb) && mb > 0 ? [`--max-old-space-size=${mb}`] : [];
}

// One line that says what to do, never V8's dump (its stack of GCs is no use to the program's author).
function outOfMemoryError(ctx: StackContext, resources: number): EngineError {
  const rel = path.relative(process.cwd(), ctx.main) || ctx.main;
  const limit = process.env[MEMORY_ENV] ? `${process.env[MEMORY_ENV]} MB` : "Node's default heap";
  return new EngineError(
    "PROGRAM_OUT_OF_MEMORY",
    `the program ${rel} (stack '${ctx.stack}') ran out of memory (${limit}) with ${resources} resources registered; split the platform into per-domain stacks (see README) or raise the limit in MB with ${MEMORY_ENV}`,
  );
}

// Source (.ts, under tests) or compiled (.js) — the worker sits next to this file either way.
function workerEntry(): { file: string; execArgv: string[] } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, "worker", `programWorker${ext}`);
  return { file, execArgv: ext === ".ts" ? ["-r", require.resolve("ts-node/register/transpile-only")] : [] };
}

// The one-line reason, then what helps: the rest of the error's message, the program's frames, its stderr.
function programFailed(ctx: StackContext, message: string, lines: string[], stderr: string): EngineError {
  const rel = path.relative(process.cwd(), ctx.main) || ctx.main;
  const details = [...lines, stderr.trim()].filter(Boolean).join("\n");
  return new EngineError("PROGRAM_FAILED", `the program ${rel} (stack '${ctx.stack}') failed: ${message}`, details || undefined);
}

/**
 * Runs the program once. Runs drop V8 stack traces for speed, so a failed run is repeated once with
 * them to say where the program failed (in the error's details). `onResources` sees each batch of
 * registrations as it arrives, with default providers (unordered, components without their outputs).
 */
export async function runProgram(opts: RunOptions, tuning: RunTuning = {}, onResources?: (batch: CapturedResource[]) => void): Promise<RunResult> {
  // One table for all parts: their records share the platform's providers and each other's URNs.
  const strings = new SharedStrings();
  if (opts.shards && opts.shards.length > 1) {
    return runShards(opts, opts.shards, (shard, onBatch) => runRetryingForFrames(shard, tuning, strings, onBatch), onResources);
  }
  return runRetryingForFrames(opts, tuning, strings, onResources);
}

async function runRetryingForFrames(opts: RunOptions, tuning: RunTuning, strings: SharedStrings, onResources?: (batch: CapturedResource[]) => void): Promise<RunResult> {
  try {
    return await runOnce(opts, tuning, strings, onResources);
  } catch (e) {
    if (!(isEngineError(e) && e.code === "PROGRAM_FAILED") || (tuning.stackTraceLimit ?? 0) > 0) throw e;
    const again = await runOnce(opts, { ...tuning, stackTraceLimit: 50 }, strings).then(
      () => undefined,
      (x: unknown) => x,
    );
    throw isEngineError(again) && again.code === "PROGRAM_FAILED" && again.details ? again : e;
  }
}

async function runOnce(opts: RunOptions, tuning: RunTuning, strings: SharedStrings, onResources?: (batch: CapturedResource[]) => void): Promise<RunResult> {
  const started = Date.now();
  const ctx = loadStack(opts.projectDir, opts.stack, opts.organization);
  try {
    require.resolve("@pulumi/pulumi/package.json", { paths: [ctx.projectDir] });
  } catch {
    throw new EngineError("PROJECT_INVALID", `@pulumi/pulumi cannot be found from ${ctx.projectDir}; install the project's dependencies (npm install)`);
  }
  const dryRun = opts.dryRun ?? true;
  const stackRun: StackRun = {
    project: ctx.project,
    stack: ctx.stack,
    organization: ctx.organization,
    dryRun,
    config: ctx.config,
    secretKeys: ctx.secretKeys,
  };
  const job: WorkerJob = {
    ...stackRun,
    config: { ...ctx.config, ...opts.shards?.[0] },
    projectDir: ctx.projectDir,
    main: ctx.main,
    typescript: ctx.typescript,
    stackTraceLimit: tuning.stackTraceLimit ?? 0,
    sourcePositions: opts.sourcePositions ?? false,
    batchSize: tuning.batchSize ?? 500,
  };

  const raw: RawResource[] = [];
  const outputs = new Map<string, PropertyMap>();
  const log: string[] = [];
  let stderr = "";
  let done: Extract<WorkerMessage, { kind: "done" }> | undefined;
  let failure: { message: string; detail: string[]; frames: string[] } | undefined;

  const { file, execArgv } = workerEntry();
  const child = fork(file, [], { cwd: ctx.projectDir, execArgv: [...memoryOptions(), ...(tuning.nodeOptions ?? []), ...execArgv], stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"], serialization: "advanced" });
  const collect = (chunk: Buffer, isErr: boolean) => {
    const text = chunk.toString();
    if (isErr) stderr += text;
    log.push(...text.split("\n").filter((l) => l.length > 0));
  };
  child.stdout!.on("data", (c: Buffer) => collect(c, false));
  child.stderr!.on("data", (c: Buffer) => collect(c, true));
  const receive = (msg: WorkerMessage) => {
    switch (msg.kind) {
      case "resources":
        raw.push(...strings.share(msg.items));
        onResources?.(addDefaultProviders(msg.items, { ...ctx, dryRun }));
        opts.progress?.({ phase: "program", resources: raw.length });
        break;
      case "outputs":
        outputs.set(msg.urn, strings.share(msg.outputs));
        break;
      case "done":
        done = msg;
        // A program may leave timers or sockets open; what it registered is complete now.
        setTimeout(() => child.kill(), 2000).unref();
        break;
      case "failed":
        failure = msg;
        break;
    }
  };
  child.on("message", receive);
  const registrations = readFrames<WorkerMessage>(child.stdio[RESOURCE_FD] as Readable, receive);
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.send(job);
  const [code] = await Promise.all([exit, registrations]);

  if (!done && ranOutOfMemory(stderr)) throw outOfMemoryError(ctx, raw.length);
  if (failure !== undefined) throw programFailed(ctx, failure.message, [...failure.detail, ...failure.frames], stderr);
  if (!done || (code !== 0 && code !== null)) {
    throw programFailed(ctx, `the program process exited with code ${code} before finishing`, [], stderr);
  }

  // Components' outputs arrive later, through registerOutputs.
  const resources: CapturedResource[] = raw.map((r) => (outputs.has(r.urn) ? { ...r, outputs: outputs.get(r.urn)! } : r));
  const stackResource = resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent);
  return {
    ...stackRun,
    resources: treeOrder(addDefaultProviders(resources, { ...ctx, dryRun })),
    invokes: done.invokes,
    exports: stackResource?.outputs ?? {},
    log,
    timings: { totalMs: Date.now() - started, programMs: done.programMs, programCpuMs: done.programCpuMs, peakRssMb: done.peakRssMb },
  };
}
