// One stack run as several program processes: each shard is the program under the stack's config plus
// its own overrides, as many at once as the machine has cores, and the merged result is what one
// process would have registered. A program's cost grows with what it holds (the SDK keeps every
// resource, its outputs and promise chains until the end, and collects garbage over all of it), so
// smaller parts on every core finish sooner and each holds less.
//
// Merging: a resource registered by several shards (the root stack, explicit and default providers)
// must be registered alike by each — anything else is a program that is not a sum of its parts, and
// an error — except the root stack's outputs, which are the union of the shards' exports (an object
// export, such as a map per domain, merged key by key in shard order).
import * as os from "os";
import { EngineError } from "./errors";
import { treeOrder } from "./order";
import { ROOT_STACK_TYPE } from "./urn";
import type { CapturedResource, PropertyMap, RunOptions, RunResult } from "./types";

type RunShard = (opts: RunOptions, onResources?: (batch: CapturedResource[]) => void) => Promise<RunResult>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeExports(into: PropertyMap, more: PropertyMap): PropertyMap {
  const out: PropertyMap = { ...into };
  for (const [k, v] of Object.entries(more)) {
    const have = out[k];
    out[k] = k in out && isPlainObject(have) && isPlainObject(v) ? { ...have, ...v } : k in out ? have : v;
  }
  return out;
}

// Registrations compared without the outputs a shard's own part of the stack changes.
function registration(r: CapturedResource): string {
  const { outputs, ...rest } = r;
  return JSON.stringify(r.type === ROOT_STACK_TYPE && !r.parent ? rest : { ...rest, outputs });
}

export function mergeShardRuns(runs: RunResult[]): RunResult {
  const byUrn = new Map<string, CapturedResource>();
  for (const run of runs) {
    for (const r of run.resources) {
      const seen = byUrn.get(r.urn);
      if (!seen) {
        byUrn.set(r.urn, r);
        continue;
      }
      if (registration(seen) !== registration(r)) {
        throw new EngineError("PROGRAM_FAILED", `the program's shards registered ${r.urn} differently; it cannot be run in parts`);
      }
      if (r.type === ROOT_STACK_TYPE && !r.parent) byUrn.set(r.urn, { ...seen, outputs: mergeExports(seen.outputs, r.outputs) });
    }
  }
  const [first] = runs;
  return {
    project: first.project,
    stack: first.stack,
    organization: first.organization,
    dryRun: first.dryRun,
    config: first.config,
    secretKeys: first.secretKeys,
    resources: treeOrder([...byUrn.values()]),
    invokes: runs.flatMap((r) => r.invokes),
    exports: runs.map((r) => r.exports).reduce(mergeExports),
    log: runs.flatMap((r) => r.log),
    timings: {
      totalMs: 0,
      programMs: Math.max(...runs.map((r) => r.timings.programMs)),
      programCpuMs: runs.reduce((sum, r) => sum + r.timings.programCpuMs, 0),
      peakRssMb: Math.max(...runs.map((r) => r.timings.peakRssMb)),
    },
  };
}

/** Runs every shard, at most one per core at a time, and merges them (in shard order, whatever finished first). */
export async function runShards(
  opts: RunOptions,
  shards: Record<string, string>[],
  runShard: RunShard,
  onResources?: (batch: CapturedResource[]) => void,
): Promise<RunResult> {
  const started = Date.now();
  const registered = new Map<number, number>();
  const progress = opts.progress;
  const runs: RunResult[] = new Array(shards.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < shards.length && !failed) {
      const i = next++;
      const shardOpts: RunOptions = {
        ...opts,
        shards: [shards[i]],
        progress: progress
          ? (p) => {
              if (p.phase !== "program") return progress(p);
              registered.set(i, p.resources);
              progress({ phase: "program", resources: [...registered.values()].reduce((a, b) => a + b, 0) });
            }
          : undefined,
      };
      runs[i] = await runShard(shardOpts, onResources).catch((e: unknown) => {
        failed = true;
        throw e;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(shards.length, os.availableParallelism()) }, worker));
  const merged = mergeShardRuns(runs);
  merged.timings.totalMs = Date.now() - started;
  return merged;
}
