// A whole review, once started (start.ts): the stack's manifests checked (a bad one is invalid input,
// reported by line) while the program runs, or before its parts run, then every resource analyzed,
// folded into one Review.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { declaredAccess } from "../../components/grants/accessModel";
import { loadStack, runAndAnalyze, runProgram, type RunResult, type StackContext } from "../../engine";
import type { LoadedManifest } from "../../components/manifest";
import type { Progress } from "../progress";
import { withBaseCheckout } from "../changes/baseCheckout";
import { readBase, reviewChanges, reviewDay } from "../changes/changeReview";
import { environmentOf, platformPatterns } from "./domainSettings";
import { foldExemptions } from "./exemptions";
import { manifestRefs, stackManifests } from "./manifests";
import { buildReview, type Review } from "./model";
import { programShards } from "./shards";
import type { Analyzed, StartedReview } from "./start";

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

// The program and the packs started before the stack's manifests are checked. A bad manifest is still
// the review's answer, reported by line: the run (which fails on it too) is waited for and set aside.
async function checkWhileRunning(running: Analyzed, ctx: StackContext): Promise<LoadedManifest[] | undefined> {
  try {
    return stackManifests(ctx)?.deployed;
  } catch (e) {
    await running.catch(() => undefined);
    throw e;
  }
}

// A stack split into parts: its manifests are checked first, and the platform's valid manifests, read
// for that check, are handed to every part, which would otherwise each read the whole platform again.
function checkThenRunInParts({ options, ctx, parts }: StartedReview & { parts: string[][] }): { head: Analyzed; manifests: LoadedManifest[] } {
  const loaded = stackManifests(ctx)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshkit-review-"));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const shards = programShards(parts, { patterns: platformPatterns(ctx), manifests: loaded.platform, deployed: loaded.deployed }, dir);
    const head = runAndAnalyze({ ...options, shards });
    head.then(removeDir, removeDir);
    return { head, manifests: loaded.deployed };
  } catch (e) {
    removeDir();
    throw e;
  }
}

export async function review(started: StartedReview): Promise<Review> {
  const { projectDir, ctx, options, base: baseRef } = started;
  const { head, manifests } =
    "running" in started ? { head: started.running, manifests: await checkWhileRunning(started.running, ctx) } : checkThenRunInParts(started);
  const input = {
    projectDir,
    programFile: ctx.main,
    manifests: manifestRefs(projectDir, manifests ?? []),
    grants: declaredAccess((manifests ?? []).map((m) => m.spec)),
    exemptions: foldExemptions,
  };
  if (baseRef === undefined) {
    const { run, analysis } = await head;
    return buildReview({ ...input, run, analysis });
  }
  const today = reviewDay();
  return withBaseCheckout(baseRef, projectDir, async (base) => {
    // Both programs run at once, each in its own process.
    const [{ run, analysis }, baseSide] = await Promise.all([head, readBase(base, options.stack)]);
    const changes = reviewChanges({
      base,
      baseSide,
      projectDir,
      stack: options.stack,
      environment: environmentOf(ctx),
      headResources: run.resources,
      headManifests: manifests ?? [],
      today,
    });
    return buildReview({ ...input, run, analysis, changes });
  });
}
