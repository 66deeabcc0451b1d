// Analyzer requests built from captured resources the way the engine builds them, once per resource
// and shared by every pack of a session (building the protobuf Structs is most of the engine-side cost).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { CapturedResource } from "../types";
import { parseProviderRef } from "../urn";
import { durationSeconds, toAnalyzerProperties } from "./marshal";

function struct(props: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(toAnalyzerProperties(props) as never);
}

function options(r: CapturedResource): pb.AnalyzerResourceOptions {
  const o = new pb.AnalyzerResourceOptions();
  o.setProtect(r.options.protect);
  o.setIgnorechangesList(r.options.ignoreChanges);
  if (r.options.deleteBeforeReplace !== undefined) {
    o.setDeletebeforereplace(r.options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
  }
  o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
  o.setAliasesList(r.options.aliases);
  const t = r.options.customTimeouts;
  if (t) {
    const ct = new pb.AnalyzerResourceOptions.CustomTimeouts();
    ct.setCreate(durationSeconds(t.create ?? ""));
    ct.setUpdate(durationSeconds(t.update ?? ""));
    ct.setDelete(durationSeconds(t.delete ?? ""));
    o.setCustomtimeouts(ct);
  }
  if (r.parent) o.setParent(r.parent);
  return o;
}

/**
 * A resource of AnalyzeStack as @pulumi/policy's handler reads it, its getters answered from the
 * captured record. The direct channel hands these to the handler as they are, and analyzeStackRequest
 * builds its protobuf messages from them for gRPC. Directly, nothing is encoded: one small object per
 * resource where the messages were about a fifth of a pack's
 * heap at the stack check (their arrays, options and property-dependency maps, heap snapshot at 300
 * domains). Options and property dependencies are built when read: the library reads them once per
 * resource, into the view every stack policy shares.
 */
export class StackResource {
  private properties: Struct | undefined;

  constructor(
    private readonly r: CapturedResource,
    private readonly provider: pb.AnalyzerProviderResource | undefined,
  ) {}

  getUrn(): string {
    return this.r.urn;
  }
  getType(): string {
    return this.r.type;
  }
  getName(): string {
    return this.r.name;
  }
  // Unlike Analyze, the stack check sees each resource's final state (its outputs). One Struct per
  // resource: shared decoding recognises a resource's properties by it.
  getProperties(): Struct {
    return (this.properties ??= struct(this.r.outputs));
  }
  getOptions(): pb.AnalyzerResourceOptions {
    return options(this.r);
  }
  getProvider(): pb.AnalyzerProviderResource | undefined {
    return this.provider;
  }
  getParent(): string {
    return this.r.parent ?? "";
  }
  getDependenciesList(): string[] {
    return this.r.dependencies;
  }
  // Keys in order, as the protobuf map iterates them.
  getPropertydependenciesMap(): Map<string, { getUrnsList(): string[] }> {
    const deps = this.r.propertyDependencies;
    return new Map(
      Object.keys(deps)
        .sort()
        .map((k) => [k, { getUrnsList: () => deps[k] }]),
    );
  }
}

function stackMessage(r: StackResource): pb.AnalyzerResource {
  const ar = new pb.AnalyzerResource();
  ar.setUrn(r.getUrn());
  ar.setType(r.getType());
  ar.setName(r.getName());
  ar.setProperties(r.getProperties());
  ar.setOptions(r.getOptions());
  const provider = r.getProvider();
  if (provider) ar.setProvider(provider);
  ar.setParent(r.getParent());
  ar.setDependenciesList(r.getDependenciesList());
  const deps = ar.getPropertydependenciesMap();
  for (const [k, d] of r.getPropertydependenciesMap()) deps.set(k, new pb.AnalyzerPropertyDependencies().setUrnsList(d.getUrnsList()));
  return ar;
}

export class AnalyzerRequests {
  private readonly byUrn: Map<string, CapturedResource>;
  private readonly providers = new Map<string, pb.AnalyzerProviderResource | undefined>();
  private readonly perResource = new Map<string, { req: pb.AnalyzeRequest; asks: number }>();
  private stack: pb.AnalyzeStackRequest | undefined;

  /** `readers`: how many packs ask for each resource's Analyze request (each once). */
  constructor(
    readonly resources: CapturedResource[] = [],
    private readers = 1,
  ) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
  }

  /** Adds a resource registered later (a program still running); false if its URN is already known. */
  add(r: CapturedResource): boolean {
    if (this.byUrn.has(r.urn)) return false;
    this.resources.push(r);
    this.byUrn.set(r.urn, r);
    return true;
  }

  has(urn: string): boolean {
    return this.byUrn.has(urn);
  }

  get(urn: string): CapturedResource | undefined {
    return this.byUrn.get(urn);
  }

  /** The resources the engine analyzes one by one: all it registers, not those it only reads. */
  analyzed(): CapturedResource[] {
    return this.resources.filter((r) => !r.read);
  }

  // The provider as analyzers see it: its inputs as properties.
  private provider(r: CapturedResource): pb.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const urn = parseProviderRef(r.provider).urn;
    if (!this.providers.has(urn)) {
      const p = this.byUrn.get(urn);
      let out: pb.AnalyzerProviderResource | undefined;
      if (p) {
        out = new pb.AnalyzerProviderResource();
        out.setUrn(p.urn);
        out.setType(p.type);
        out.setName(p.name);
        out.setProperties(struct(p.inputs));
      }
      this.providers.set(urn, out);
    }
    return this.providers.get(urn);
  }

  // Built on the first pack's ask, kept for the others, dropped after the last: held to the end, the
  // requests of a large stack took hundreds of MB.
  analyzeRequest(r: CapturedResource): pb.AnalyzeRequest {
    let entry = this.perResource.get(r.urn);
    if (!entry) {
      const req = new pb.AnalyzeRequest();
      req.setUrn(r.urn);
      req.setType(r.type);
      req.setName(r.name);
      req.setProperties(struct(r.inputs));
      req.setOptions(options(r));
      const provider = this.provider(r);
      if (provider) req.setProvider(provider);
      entry = { req, asks: 0 };
      this.perResource.set(r.urn, entry);
    }
    if (++entry.asks >= this.readers) this.perResource.delete(r.urn);
    return entry.req;
  }

  /**
   * One reader fewer: a pack that will not ask after all (it analyzes over the direct channel). The
   * requests every remaining reader has asked for go now, as they would have on the last ask.
   */
  dropReader(): void {
    this.readers--;
    for (const [urn, entry] of this.perResource) if (entry.asks >= this.readers) this.perResource.delete(urn);
  }

  /** The stack check's resources as the captured records answer them (see StackResource). */
  stackResources(): StackResource[] {
    return this.resources.map((r) => new StackResource(r, this.provider(r)));
  }

  /** The stack check's request in protobuf, for a pack analyzed over gRPC: the same reads as stackResources. */
  analyzeStackRequest(): pb.AnalyzeStackRequest {
    if (this.stack) return this.stack;
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(this.stackResources().map(stackMessage));
    this.stack = req;
    return req;
  }
}
