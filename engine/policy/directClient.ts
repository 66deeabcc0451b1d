// The engine's end of the direct channel to one pack process (see directProtocol). Sends each resource
// once: with the first batch that analyzes it or needs it as a provider, and again before AnalyzeStack
// only if the complete run's record differs (a component's outputs, a default provider's copy).
import type { Duplex } from "stream";
import { frame, readFrames } from "../frames";
import type { CapturedResource, Diagnostic } from "../types";
import { parseProviderRef } from "../urn";
import type { DirectFailure, DirectRequest, DirectResponse } from "./directProtocol";

type Body = DirectRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** What a failed direct call rejects with: shaped like a gRPC error, so callers report either alike. */
export class DirectCallError extends Error {
  constructor(
    failure: DirectFailure,
    readonly details = failure.details,
    readonly urn = failure.urn,
  ) {
    super(failure.message);
  }
}

// Fields are compared by identity: the engine's copies of a record share their values.
function sameRecord(a: CapturedResource, b: CapturedResource): boolean {
  const keys = Object.keys(a) as (keyof CapturedResource)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export class DirectAnalysis {
  private readonly pending = new Map<number, (r: DirectResponse) => void>();
  private readonly sent = new Map<string, CapturedResource>();
  private nextId = 0;
  private closed: Error | undefined;

  private constructor(private readonly channel: Duplex) {
    void readFrames<DirectResponse>(channel, (msg) => {
      const settle = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      settle?.(msg);
    }).then(() => this.fail(new Error("the pack process closed its direct channel")));
    channel.on("error", (e) => this.fail(e));
  }

  /** The channel if the pack serves it, else the reason it does not (the caller stays on gRPC). */
  static async open(channel: Duplex): Promise<DirectAnalysis | string> {
    const direct = new DirectAnalysis(channel);
    const hello = await direct.request({ kind: "hello" }).catch((e: Error) => ({ error: { message: e.message } }));
    return "error" in hello ? hello.error.message : direct;
  }

  /** Each resource's diagnostics, in the batch's order; `lookup` finds a resource's provider. */
  async analyze(batch: CapturedResource[], lookup: (urn: string) => CapturedResource | undefined): Promise<Diagnostic[][]> {
    const resources: CapturedResource[] = [];
    const send = (r: CapturedResource) => {
      if (this.sent.has(r.urn)) return;
      this.sent.set(r.urn, r);
      resources.push(r);
    };
    for (const r of batch) {
      const provider = r.provider ? lookup(parseProviderRef(r.provider).urn) : undefined;
      if (provider) send(provider);
      send(r);
    }
    const res = await this.request({ kind: "analyze", resources, urns: batch.map((r) => r.urn) });
    return "diagnostics" in res ? res.diagnostics : [];
  }

  async analyzeStack(all: CapturedResource[]): Promise<Diagnostic[]> {
    const resources = all.filter((r) => {
      const before = this.sent.get(r.urn);
      return !before || !sameRecord(before, r);
    });
    const res = await this.request({ kind: "analyzeStack", resources, order: all.map((r) => r.urn) });
    return "diagnostics" in res ? res.diagnostics.flat() : [];
  }

  private request(body: Body): Promise<DirectResponse> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (res) => ("error" in res ? reject(new DirectCallError(res.error)) : resolve(res)));
      this.channel.write(frame({ id, ...body }));
    });
  }

  private fail(e: Error): void {
    this.closed ??= e;
    for (const [id, settle] of this.pending) {
      this.pending.delete(id);
      settle({ id, error: { message: e.message } });
    }
  }
}
