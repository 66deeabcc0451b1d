// Program run and policy analysis together, overlapped: the packs start (and type-check) while the
// program runs, as they do under `pulumi preview --policy-pack`, and each batch of registrations the
// program streams back goes to the packs' Analyze calls at once; AnalyzeStack waits for the end.
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
  const analysis = session.stream();
  try {
    const run = await runProgram(opts, tuning, (batch) => analysis.add(batch));
    return { run, analysis: await analysis.finish(run.resources) };
  } catch (e) {
    analysis.abandon();
    throw e;
  } finally {
    await session.close();
  }
}
