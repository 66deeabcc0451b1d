// The resources to analyze one by one, fed while the program still runs. An Analyze request carries the
// resource's provider with its inputs, so a resource is released to the packs only once its provider has
// been registered (the SDK registers a provider before anything that uses it, so this rarely waits).
// Everything else in the request — inputs, options, parent — is final at registration. Each pack reads
// the released resources at its own pace.
import type { CapturedResource } from "../types";
import { parseProviderRef } from "../urn";
import { AnalyzerRequests } from "./requests";

export class ResourceFeed {
  readonly requests: AnalyzerRequests;
  private readonly released: CapturedResource[] = [];
  private readonly awaitingProvider = new Map<string, CapturedResource[]>();
  private wakers: (() => void)[] = [];
  private state: "open" | "closed" | "aborted" = "open";

  /** `readers`: how many packs will read the feed. */
  constructor(readers = 1) {
    this.requests = new AnalyzerRequests([], readers);
  }

  add(resources: CapturedResource[]): void {
    if (this.state !== "open") return;
    for (const r of resources) {
      // Default providers come again with every batch; the first copy stands.
      if (!this.requests.add(r)) continue;
      const waiting = this.awaitingProvider.get(r.urn);
      if (waiting) {
        this.awaitingProvider.delete(r.urn);
        this.released.push(...waiting);
      }
      if (r.read) continue;
      const provider = r.provider ? parseProviderRef(r.provider).urn : undefined;
      if (provider && !this.requests.has(provider)) {
        this.awaitingProvider.set(provider, [...(this.awaitingProvider.get(provider) ?? []), r]);
      } else {
        this.released.push(r);
      }
    }
    this.wake();
  }

  /** Everything has been fed; a provider still missing is never registered (analyzed without one). */
  close(): void {
    if (this.state !== "open") return;
    for (const waiting of this.awaitingProvider.values()) this.released.push(...waiting);
    this.awaitingProvider.clear();
    this.state = "closed";
    this.wake();
  }

  /** The run failed: readers stop. */
  abort(): void {
    this.state = "aborted";
    this.wake();
  }

  get closed(): boolean {
    return this.state === "closed";
  }

  get size(): number {
    return this.released.length;
  }

  /** A reader of its own: each call gives the next released resource, or undefined once there are no more. */
  reader(): () => Promise<CapturedResource | undefined> {
    const take = this.batchReader(1);
    return async () => (await take())?.[0];
  }

  /** Like reader(), but each call gives up to `max` released resources not read yet. */
  batchReader(max: number): () => Promise<CapturedResource[] | undefined> {
    let next = 0;
    return async () => {
      for (;;) {
        if (this.state === "aborted") return undefined;
        if (next < this.released.length) {
          const batch = this.released.slice(next, next + max);
          next += batch.length;
          return batch;
        }
        if (this.state === "closed") return undefined;
        await new Promise<void>((resolve) => this.wakers.push(resolve));
      }
    };
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }
}
