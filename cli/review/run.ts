// A whole review: the stack's manifests checked first (a bad one is invalid input, reported by line), then
// the program run offline while the packs start, then every resource analyzed, folded into one Review.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { declaredAccess } from "../../components/grants/accessModel";
import { loadStack, runAndAnalyze, runProgram, type ReviewOptions, type RunResult, type StackContext } from "../../engine";
import type { LoadedManifest } from "../../components/manifest";
import type { Progress } from "../progress";
import { withBaseCheckout } from "../changes/baseCheckout";
import { readBase, reviewChanges, reviewDay } from "../changes/changeReview";
import { foldExemptions } from "./exemptions";
import { manifestRefs, platformPatterns, stackManifestFiles, stackManifests } from "./manifests";
import { buildReview, type Review } from "./model";
import { choosePacks } from "./packs";
import { programShards, stackParts } from "./shards";

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
  return { projectDir, ctx, manifests: stackManifests(ctx)?.deployed };
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

// A stack that runs as one program: the program and the packs start first and the stack's manifests are
// checked while they boot. A bad manifest is still the review's answer, reported by line: the run (which
// fails on it too) is waited for and set aside.
async function checkedWhileRunning<T>(running: Promise<unknown>, check: () => T): Promise<T> {
  try {
    return check();
  } catch (e) {
    await running.catch(() => undefined);
    throw e;
  }
}

type Analyzed = ReturnType<typeof runAndAnalyze>;

async function runWhileChecking(options: ReviewOptions, ctx: StackContext): Promise<{ head: Analyzed; manifests: LoadedManifest[] | undefined }> {
  const head = runAndAnalyze(options);
  // Awaited by the caller, after other awaits: keep Node from calling an early failure unhandled meanwhile.
  head.catch(() => undefined);
  const manifests = await checkedWhileRunning(head, () => stackManifests(ctx)?.deployed);
  return { head, manifests };
}

// A stack split into parts: its manifests are checked first, and the platform's valid manifests, read
// for that check, are handed to every part, which would otherwise each read the whole platform again.
function checkThenRunInParts(options: ReviewOptions, ctx: StackContext, parts: string[][]): { head: Analyzed; manifests: LoadedManifest[] } {
  const loaded = stackManifests(ctx)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-review-"));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const shards = programShards(parts, { patterns: platformPatterns(ctx), manifests: loaded.platform }, dir);
    const head = runAndAnalyze({ ...options, shards });
    head.then(removeDir, removeDir);
    return { head, manifests: loaded.deployed };
  } catch (e) {
    removeDir();
    throw e;
  }
}

export async function review(req: ReviewRequest, progress: Progress): Promise<Review> {
  const projectDir = process.cwd();
  const ctx = loadStack(projectDir, req.stack);
  const packs = choosePacks(req.packDirs, req.configFiles, environmentOf(ctx));
  const against = req.base === undefined ? "" : ` against ${req.base}`;
  progress.step(`reviewing ${ctx.project} (stack ${ctx.stack})${against} with ${packs.length} policy pack${packs.length === 1 ? "" : "s"}`);
  const options = { projectDir, stack: req.stack, packs };
  const parts = stackParts(stackManifestFiles(ctx));
  const { head, manifests } = parts === undefined ? await runWhileChecking(options, ctx) : checkThenRunInParts(options, ctx, parts);
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
