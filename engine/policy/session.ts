// Drives several policy packs at once, like `pulumi preview --policy-pack A --policy-pack B`. Packs are
// spawned as soon as the session starts — a TypeScript pack spends seconds in ts-node before it serves —
// so callers start a session, run the program meanwhile, then hand the resources to analyze().
import { EngineError, isEngineError, ranOutOfMemory } from "../errors";
import type { AnalyzeOptions, AnalyzeResult, CapturedResource, Diagnostic, PackInfo, PackSpec } from "../types";
import { AnalyzerConnection } from "./analyzerClient";
import { DirectAnalysis, DirectCallError } from "./directClient";
import { readPackConfigFile, reconcilePackConfig } from "./packConfig";
import { ResourceFeed } from "./feed";
import { AnalyzerRequests } from "./requests";
import { PackEnvironment, PackProcess, startPack } from "./packProcess";

// Analyze calls in flight per pack: the pack serves them one at a time, but pipelining hides the
// round trips. On a direct channel, batches of resources in flight: the pack analyzes one while the
// engine sends the next.
const IN_FLIGHT = 32;
const DIRECT_BATCH = 500;
const DIRECT_IN_FLIGHT = 2;
// How long a failed pack is given to end, so that running out of memory is told as such.
const EXIT_WAIT_MS = 2000;

export type SessionOptions = Omit<AnalyzeOptions, "resources">;

export interface StreamingAnalysis {
  add(resources: CapturedResource[]): void;
  finish(resources: CapturedResource[]): Promise<AnalyzeResult>;
  abandon(): void;
}

interface StartedPack {
  spec: PackSpec;
  process: Promise<PackProcess>;
}

function compare(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (x, y) =>
      compare(x.policyPack, y.policyPack) ||
      compare(x.urn, y.urn) ||
      compare(x.policy, y.policy) ||
      compare(x.message, y.message) ||
      compare(x.source, y.source),
  );
}

function grpcMessage(e: unknown): string {
  const details = (e as { details?: string }).details;
  return (details || (e as Error).message || String(e)).split("\n")[0];
}

type Failure = (urn: string | undefined) => (e: unknown) => never;
/** Reads every released resource, analyzes it, and hands each finished batch with its diagnostics on. */
type Analysis = (done: (batch: CapturedResource[], diagnostics: Diagnostic[][]) => void) => Promise<void>;

// One Analyze call per resource, IN_FLIGHT at a time.
function overGrpc(conn: AnalyzerConnection, feed: ResourceFeed, failedOn: Failure): Analysis {
  return async (done) => {
    const next = feed.reader();
    let failed = false;
    const worker = async () => {
      for (let r = await next(); r && !failed; r = await next()) {
        const resource = r;
        const ds = await conn.analyze(feed.requests.analyzeRequest(resource)).catch((e: unknown) => {
          failed = true;
          return failedOn(resource.urn)(e);
        });
        done([resource], [ds]);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  };
}

// Batches of released resources, DIRECT_IN_FLIGHT at a time.
function overDirectChannel(direct: DirectAnalysis, feed: ResourceFeed, failedOn: Failure): Analysis {
  return async (done) => {
    const next = feed.batchReader(DIRECT_BATCH);
    const worker = async () => {
      for (let batch = await next(); batch; batch = await next()) {
        done(batch, await direct.analyze(batch, (urn) => feed.requests.get(urn)).catch(failedOn(undefined)));
      }
    };
    await Promise.all(Array.from({ length: DIRECT_IN_FLIGHT }, worker));
  };
}

// Whether a pack that failed ran out of memory: it is given EXIT_WAIT_MS to end and say so.
async function outOfMemory(proc: PackProcess): Promise<boolean> {
  const ended = await Promise.race([proc.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EXIT_WAIT_MS).unref())]);
  return ended !== undefined && ranOutOfMemory(ended.stderr);
}

export class PolicySession {
  private readonly env: PackEnvironment;
  private readonly progress: SessionOptions["progress"];
  private readonly started: StartedPack[];

  private constructor(opts: SessionOptions) {
    this.env = {
      project: opts.project,
      stack: opts.stack,
      organization: opts.organization ?? "organization",
      dryRun: opts.dryRun ?? true,
      config: opts.config ?? {},
      secretKeys: opts.secretKeys ?? [],
    };
    this.progress = opts.progress;
    this.started = opts.packs.map((spec) => {
      const proc = startPack(spec.dir, this.env);
      // Failures are reported by analyze(); keep Node from calling them unhandled meanwhile.
      proc.catch(() => undefined);
      return { spec, process: proc };
    });
  }

  /** Spawns every pack now; nothing is awaited. */
  static start(opts: SessionOptions): PolicySession {
    return new PolicySession(opts);
  }

  async analyze(resources: CapturedResource[]): Promise<AnalyzeResult> {
    return this.stream().finish(resources);
  }

  /**
   * Analysis that starts before the program ends: add() each batch of registered resources as it comes
   * (their Analyze calls start at once), then finish() with the complete run's resources, which
   * AnalyzeStack needs (outputs, parents, dependencies; any not added yet are analyzed then). Call
   * abandon() instead if the run failed.
   */
  stream(): StreamingAnalysis {
    const feed = new ResourceFeed(this.started.length);
    let complete!: (requests: AnalyzerRequests) => void;
    let abandoned!: (e: Error) => void;
    const final = new Promise<AnalyzerRequests>((resolve, reject) => {
      complete = resolve;
      abandoned = reject;
    });
    final.catch(() => undefined);
    const packs = this.started.map((p) => this.runPack(p, feed, final));
    // A failure is reported by finish(); keep Node from calling it unhandled meanwhile.
    for (const p of packs) p.catch(() => undefined);
    return {
      add: (resources) => feed.add(resources),
      finish: async (resources) => {
        const finishing = Date.now();
        feed.add(resources);
        feed.close();
        complete(new AnalyzerRequests(resources));
        const results = await Promise.all(packs);
        return {
          packs: results.map((r) => r.info),
          diagnostics: sortDiagnostics(results.flatMap((r) => r.diagnostics)),
          timings: { startMs: results.map((r) => r.startMs), analyzeMs: Date.now() - finishing },
        };
      },
      abandon: () => {
        feed.abort();
        abandoned(new Error("the program run failed"));
      },
    };
  }

  private async runPack(
    p: StartedPack,
    feed: ResourceFeed,
    final: Promise<AnalyzerRequests>,
  ): Promise<{ info: PackInfo; diagnostics: Diagnostic[]; startMs: number }> {
    const fileConfig = p.spec.configFile ? readPackConfigFile(p.spec.configFile) : {};
    const proc = await p.process;
    const conn = new AnalyzerConnection(proc.port);
    let step = "reading its info";
    try {
      const raw = await conn.info();
      const config = reconcilePackConfig(raw.name, raw.policies, raw.initialConfig, fileConfig);
      step = "configuring it";
      await conn.configure(config);
      await conn.configureStack(this.env);
      step = "analyzing its resources";
      const info: PackInfo = {
        name: raw.name,
        version: raw.version,
        dir: proc.dir,
        policies: raw.policies.map((pol) => {
          const c = config[pol.name];
          return { ...pol, enforcementLevel: c?.enforcementLevel ?? pol.enforcementLevel, ...(c?.properties ? { config: c.properties } : {}) };
        }),
      };
      if (raw.displayName) info.displayName = raw.displayName;
      if (raw.description) info.description = raw.description;
      if (p.spec.configFile) info.configFile = p.spec.configFile;

      const perResource = new Map<string, Diagnostic[]>();
      let reported = 0;
      const report = () => {
        reported = perResource.size;
        this.progress?.({ phase: "analyze", pack: raw.name, analyzed: reported, total: feed.size });
      };
      const direct = await DirectAnalysis.open(proc.channel);
      // The feed keeps each gRPC request until every pack that reads over gRPC has asked for it.
      if (typeof direct !== "string") feed.requests.dropReader();
      const failedOn = (urn: string | undefined) => (e: unknown) => {
        throw new EngineError("ANALYZER_FAILED", `policy pack '${raw.name}' failed on ${urn ?? (e as DirectCallError).urn}: ${grpcMessage(e)}`, (e as Error).message);
      };
      const analyzeEach = typeof direct === "string" ? overGrpc(conn, feed, failedOn) : overDirectChannel(direct, feed, failedOn);
      await analyzeEach((batch, ds) => {
        batch.forEach((r, i) => perResource.set(r.urn, ds[i]));
        if (perResource.size - reported >= 100) report();
      });
      const requests = await final;
      if (reported !== perResource.size) report();
      step = "analyzing the stack";
      const stack = typeof direct === "string" ? await conn.analyzeStack(requests.analyzeStackRequest()) : await direct.analyzeStack(requests.resources);
      // In the complete run's order, as if analyzed one after the other once it ended.
      const analyzed = requests.analyzed().flatMap((r) => perResource.get(r.urn) ?? []);
      return { info, diagnostics: [...analyzed, ...stack], startMs: proc.startMs };
    } catch (e) {
      if (await outOfMemory(proc)) {
        throw new EngineError(
          "PACK_OUT_OF_MEMORY",
          `policy pack ${proc.dir} ran out of memory while ${step} (${feed.size} resources); split the platform into per-domain stacks (see README) or raise the pack's heap limit with NODE_OPTIONS=--max-old-space-size=MB`,
        );
      }
      if (isEngineError(e)) throw e;
      throw new EngineError("ANALYZER_FAILED", `policy pack ${proc.dir} failed while ${step}: ${grpcMessage(e)}`, (e as Error).message);
    } finally {
      conn.close();
    }
  }

  /** Stops every pack process. */
  async close(): Promise<void> {
    await Promise.all(
      this.started.map((p) =>
        p.process.then(
          (proc) => {
            proc.child.kill();
          },
          () => undefined,
        ),
      ),
    );
  }
}

/** Starts the packs, analyzes the resources, stops the packs. */
export async function analyze(opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const session = PolicySession.start(opts);
  try {
    return await session.analyze(opts.resources);
  } finally {
    await session.close();
  }
}
