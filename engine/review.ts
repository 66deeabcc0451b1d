// Program run and policy analysis together, overlapped: the packs start (and type-check) while the
// program runs, as they do under `pulumi preview --policy-pack`.
import { loadStack } from "./project";
import { runProgram, RunTuning } from "./runProgram";
import { PolicySession } from "./policy/session";
import type { AnalyzeResult, PackSpec, RunOptions, RunResult } from "./types";

export interface ReviewOptions extends RunOptions {
  packs: PackSpec[];
}

export async function runAndAnalyze(opts: ReviewOptions, tuning?: RunTuning): Promise<{ run: RunResult; analysis: AnalyzeResult }> {
  const ctx = loadStack(opts.projectDir, opts.stack, opts.organization);
  const session = PolicySession.start({
    packs: opts.packs,
    project: ctx.project,
    stack: ctx.stack,
    organization: ctx.organization,
    dryRun: opts.dryRun ?? true,
    config: ctx.config,
    secretKeys: ctx.secretKeys,
    progress: opts.progress,
  });
  try {
    const run = await runProgram(opts, tuning);
    const analysis = await session.analyze(run.resources);
    return { run, analysis };
  } finally {
    await session.close();
  }
}
