// The start of a review: the stack read, its packs chosen and, for a stack that runs as one program, the
// program and the packs started. Only the engine is loaded by then, so those processes boot while the CLI
// loads the rest of the review (the manifest schema and the reports, about a third of a second).
import { loadStack, runAndAnalyze, type AnalyzeResult, type ReviewOptions, type RunResult, type StackContext } from "../../engine";
import type { Progress } from "../progress";
import { environmentOf, stackManifestFiles } from "./domainSettings";
import { choosePacks } from "./packs";
import { stackParts } from "./shards";

export interface ReviewRequest {
  stack: string;
  packDirs: string[];
  configFiles: string[];
  /** A git revision to review the change against (`--base`). */
  base?: string;
}

export type Analyzed = Promise<{ run: RunResult; analysis: AnalyzeResult }>;

interface Started {
  projectDir: string;
  ctx: StackContext;
  options: ReviewOptions;
  /** The revision the change is reviewed against (`--base`), if any. */
  base?: string;
}

/**
 * A review under way: a stack that runs as one program is `running` already (its manifests are checked
 * meanwhile); a larger one runs in `parts` once its manifests have been checked.
 */
export type StartedReview = Started & ({ running: Analyzed } | { parts: string[][] });

export function startReview(req: ReviewRequest, progress: Progress): StartedReview {
  const projectDir = process.cwd();
  const ctx = loadStack(projectDir, req.stack);
  const packs = choosePacks(req.packDirs, req.configFiles, environmentOf(ctx));
  const against = req.base === undefined ? "" : ` against ${req.base}`;
  progress.step(`reviewing ${ctx.project} (stack ${ctx.stack})${against} with ${packs.length} policy pack${packs.length === 1 ? "" : "s"}`);
  const options = { projectDir, stack: req.stack, packs };
  const parts = stackParts(stackManifestFiles(ctx));
  if (parts !== undefined) return { projectDir, ctx, options, base: req.base, parts };
  const running = runAndAnalyze(options);
  // Awaited by the caller, after other awaits: keep Node from calling an early failure unhandled meanwhile.
  running.catch(() => undefined);
  return { projectDir, ctx, options, base: req.base, running };
}
