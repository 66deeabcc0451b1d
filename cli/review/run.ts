// A whole review: the stack's manifests checked first (a bad one is invalid input, reported by line), then
// the program run offline while the packs start, then every resource analyzed, folded into one Review.
import { declaredAccess } from "../../components/grants/accessModel";
import { loadStack, runAndAnalyze, runProgram, type RunResult, type StackContext } from "../../engine";
import type { LoadedManifest } from "../../components/manifest";
import type { Progress } from "../progress";
import { withBaseCheckout } from "../changes/baseCheckout";
import { readBase, reviewChanges, reviewDay } from "../changes/changeReview";
import { foldExemptions } from "./exemptions";
import { manifestRefs, stackManifestFiles, stackManifests } from "./manifests";
import { buildReview, type Review } from "./model";
import { choosePacks } from "./packs";
import { programShards } from "./shards";

/** The stack's environment: `meshkit:environment`, else the stack's name. */
export function environmentOf(ctx: StackContext): string {
  return ctx.config["meshkit:environment"] || ctx.stack;
}

export interface Prepared {
  projectDir: string;
  ctx: StackContext;
  manifests: LoadedManifest[] | undefined;
}

/** Reads the project in the working directory and the stack, and validates the stack's manifests. */
export function prepare(stack: string): Prepared {
  const projectDir = process.cwd();
  const ctx = loadStack(projectDir, stack);
  return { projectDir, ctx, manifests: stackManifests(ctx) };
}

export async function plan(stack: string, progress: Progress): Promise<RunResult> {
  const { projectDir, ctx } = prepare(stack);
  progress.step(`running ${ctx.project} (stack ${ctx.stack}) offline`);
  return runProgram({ projectDir, stack });
}

export interface ReviewRequest {
  stack: string;
  packDirs: string[];
  configFiles: string[];
  /** A git revision to review the change against (`--base`). */
  base?: string;
}

// The program and the packs start first and the stack's manifests are checked while they boot. A bad
// manifest is still the review's answer, reported by line: the run (which fails on it too) is waited
// for and set aside.
async function checkedWhileRunning<T>(running: Promise<unknown>, check: () => T): Promise<T> {
  try {
    return check();
  } catch (e) {
    await running.catch(() => undefined);
    throw e;
  }
}

export async function review(req: ReviewRequest, progress: Progress): Promise<Review> {
  const projectDir = process.cwd();
  const ctx = loadStack(projectDir, req.stack);
  const packs = choosePacks(req.packDirs, req.configFiles, environmentOf(ctx));
  const against = req.base === undefined ? "" : ` against ${req.base}`;
  progress.step(`reviewing ${ctx.project} (stack ${ctx.stack})${against} with ${packs.length} policy pack${packs.length === 1 ? "" : "s"}`);
  const shards = programShards(ctx, stackManifestFiles(ctx));
  const head = runAndAnalyze({ projectDir, stack: req.stack, packs, shards });
  // Awaited below, after other awaits: keep Node from calling an early failure unhandled meanwhile.
  head.catch(() => undefined);
  const manifests = await checkedWhileRunning(head, () => stackManifests(ctx));
  const input = {
    projectDir,
    programFile: ctx.main,
    manifests: manifestRefs(projectDir, manifests ?? []),
    grants: declaredAccess((manifests ?? []).map((m) => m.spec)),
    exemptions: foldExemptions,
  };
  if (req.base === undefined) {
    const { run, analysis } = await head;
    return buildReview({ ...input, run, analysis });
  }
  const today = reviewDay();
  return withBaseCheckout(req.base, projectDir, async (base) => {
    // Both programs run at once, each in its own process.
    const [{ run, analysis }, baseSide] = await Promise.all([head, readBase(base, req.stack)]);
    const changes = reviewChanges({
      base,
      baseSide,
      projectDir,
      stack: req.stack,
      environment: environmentOf(ctx),
      headResources: run.resources,
      headManifests: manifests ?? [],
      today,
    });
    return buildReview({ ...input, run, analysis, changes });
  });
}
