// Drives several policy packs at once, like `pulumi preview --policy-pack A --policy-pack B`. Packs are
// spawned as soon as the session starts — a TypeScript pack spends seconds in ts-node before it serves —
// so callers start a session, run the program meanwhile, then hand the resources to analyze().
import { EngineError, isEngineError } from "../errors";
import type { AnalyzeOptions, AnalyzeResult, CapturedResource, Diagnostic, PackInfo, PackSpec } from "../types";
import { AnalyzerConnection } from "./analyzerClient";
import { readPackConfigFile, reconcilePackConfig } from "./packConfig";
import { AnalyzerRequests } from "./requests";
import { PackEnvironment, PackProcess, startPack } from "./packProcess";

// Analyze calls in flight per pack: the pack serves them one at a time, but pipelining hides the
// round trips.
const IN_FLIGHT = 32;

export type SessionOptions = Omit<AnalyzeOptions, "resources">;

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

async function inWindows<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

function grpcMessage(e: unknown): string {
  const details = (e as { details?: string }).details;
  return (details || (e as Error).message || String(e)).split("\n")[0];
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
    const begun = Date.now();
    const requests = new AnalyzerRequests(resources);
    const results = await Promise.all(this.started.map((p) => this.runPack(p, requests)));
    return {
      packs: results.map((r) => r.info),
      diagnostics: sortDiagnostics(results.flatMap((r) => r.diagnostics)),
      timings: { startMs: results.map((r) => r.startMs), analyzeMs: Date.now() - begun },
    };
  }

  private async runPack(p: StartedPack, requests: AnalyzerRequests): Promise<{ info: PackInfo; diagnostics: Diagnostic[]; startMs: number }> {
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

      const analyzed = requests.analyzed();
      let count = 0;
      const counted = (ds: Diagnostic[]) => {
        count++;
        if (count % 100 === 0 || count === analyzed.length) this.progress?.({ phase: "analyze", pack: raw.name, analyzed: count, total: analyzed.length });
        return ds;
      };
      const perResource = await inWindows(analyzed, IN_FLIGHT, (r) =>
        conn.analyze(requests.analyzeRequest(r)).then(counted, (e) => {
          throw new EngineError("ANALYZER_FAILED", `policy pack '${raw.name}' failed on ${r.urn}: ${grpcMessage(e)}`, (e as Error).message);
        }),
      );
      step = "analyzing the stack";
      const stack = await conn.analyzeStack(requests.analyzeStackRequest());
      return { info, diagnostics: [...perResource.flat(), ...stack], startMs: proc.startMs };
    } catch (e) {
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
