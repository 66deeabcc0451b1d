// Wraps the SDK's mock monitor so every registration is recorded the way the engine would record it: the
// request (type, name, parent, dependencies, options, inputs in wire form) and the answer (ID, outputs).
// URNs are rewritten to the engine's form before the SDK sees them, so children, aliases and exports all
// carry the URNs `pulumi up` would give.
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { SourcePosition } from "@pulumi/pulumi/proto/source_pb";
import { fileURLToPath } from "url";
import { isDeepStrictEqual } from "util";
import { makeUrn } from "../urn";
import type { CapturedOptions, InvokeCall, PropertyMap } from "../types";
import type { RawResource } from "./protocol";

type Callback<T> = (err: Error | null, resp?: T) => void;

/** The part of the SDK's MockMonitor this wrapper relies on. */
export interface MockMonitorLike {
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  registerResource(req: resproto.RegisterResourceRequest, cb: Callback<resproto.RegisterResourceResponse>): unknown;
  readResource(req: resproto.ReadResourceRequest, cb: Callback<resproto.ReadResourceResponse>): unknown;
  registerResourceOutputs(req: resproto.RegisterResourceOutputsRequest, cb: Callback<unknown>): unknown;
  invoke(req: resproto.ResourceInvokeRequest, cb: Callback<unknown>): unknown;
}

export interface CaptureSink {
  resource(r: RawResource): void;
  outputs(urn: string, outputs: PropertyMap): void;
  invoke(call: InvokeCall): void;
}

function wire(s: Struct | undefined): PropertyMap {
  return (s?.toJavaScript() ?? {}) as PropertyMap;
}

/**
 * A custom resource's state, as the same object as its inputs when it equals them: in preview a new
 * resource's state is its inputs, and the serializer sends an object referenced twice in a batch once,
 * so the engine and the packs hold one copy of most resources' properties instead of two.
 */
function stateOf(inputs: PropertyMap, state: Struct | undefined): PropertyMap {
  const outputs = wire(state);
  return isDeepStrictEqual(outputs, inputs) ? inputs : outputs;
}

function aliasUrns(req: resproto.RegisterResourceRequest, stack: string, project: string): string[] {
  const urns = [...req.getAliasurnsList()];
  for (const a of req.getAliasesList()) {
    if (a.hasUrn()) {
      urns.push(a.getUrn());
      continue;
    }
    const spec = a.getSpec();
    if (!spec) continue;
    // An alias spec defaults every part it leaves out to the resource's own, the parent included.
    const parent = spec.getNoparent() ? undefined : spec.getParenturn() || req.getParent() || undefined;
    urns.push(
      makeUrn(spec.getStack() || stack, spec.getProject() || project, parent, spec.getType() || req.getType(), spec.getName() || req.getName()),
    );
  }
  // The SDK can send the same alias twice (once as a spec, once resolved); the engine keeps one.
  return [...new Set(urns)];
}

function options(req: resproto.RegisterResourceRequest, aliases: string[]): CapturedOptions {
  const o: CapturedOptions = {
    protect: req.getProtect() ?? false,
    retainOnDelete: req.getRetainondelete() ?? false,
    ignoreChanges: req.getIgnorechangesList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    hideDiffs: req.getHidediffsList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    aliases,
  };
  if (req.getDeletebeforereplacedefined()) o.deleteBeforeReplace = req.getDeletebeforereplace();
  const t = req.getCustomtimeouts();
  if (t && (t.getCreate() || t.getUpdate() || t.getDelete())) {
    o.customTimeouts = {};
    if (t.getCreate()) o.customTimeouts.create = t.getCreate();
    if (t.getUpdate()) o.customTimeouts.update = t.getUpdate();
    if (t.getDelete()) o.customTimeouts.delete = t.getDelete();
  }
  if (req.getDeletedwith()) o.deletedWith = req.getDeletedwith();
  if (req.getImportid()) o.importId = req.getImportid();
  if (req.getVersion()) o.version = req.getVersion();
  if (req.getPlugindownloadurl()) o.pluginDownloadURL = req.getPlugindownloadurl();
  return o;
}

function sourcePosition(p: SourcePosition | undefined): { sourcePosition?: { file: string; line: number; column: number } } {
  if (!p || !p.getUri()) return {};
  const uri = p.getUri();
  return { sourcePosition: { file: uri.startsWith("file://") ? fileURLToPath(uri) : uri, line: p.getLine(), column: p.getColumn() } };
}

function propertyDependencies(req: resproto.RegisterResourceRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const keys = req.getPropertydependenciesMap().getEntryList().map(([k]) => k as string).sort();
  for (const k of keys) out[k] = req.getPropertydependenciesMap().get(k)?.getUrnsList() ?? [];
  return out;
}

// Moves the mock monitor's record of a resource to the engine-form URN, so later calls that name it
// (registerResourceOutputs, getResource) find it.
function rekey(monitor: MockMonitorLike, from: string, to: string): void {
  const entry = monitor.resources.get(from);
  if (!entry || from === to) return;
  monitor.resources.delete(from);
  monitor.resources.set(to, { ...entry, urn: to });
}

/** The engine's own refusal of a second resource with a URN already registered in this run. */
function duplicateUrn(urn: string): Error {
  return new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
}

export function wrapMonitor(monitor: MockMonitorLike, stack: string, project: string, sink: CaptureSink): void {
  // The mock monitor would silently overwrite a resource registered twice; the engine refuses it.
  const registered = new Set<string>();
  const claim = (urn: string): Error | undefined => {
    if (registered.has(urn)) return duplicateUrn(urn);
    registered.add(urn);
    return undefined;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    register(req, (err, resp) => {
      if (err || !resp) return cb(err, resp);
      const parent = req.getParent() || undefined;
      const urn = makeUrn(stack, project, parent, req.getType(), req.getName());
      const duplicate = claim(urn);
      if (duplicate) return cb(duplicate);
      rekey(monitor, resp.getUrn(), urn);
      resp.setUrn(urn);
      const custom = req.getCustom();
      const inputs = wire(req.getObject());
      sink.resource({
        urn,
        type: req.getType(),
        name: req.getName(),
        custom,
        read: false,
        parent,
        provider: req.getProvider() || undefined,
        id: custom && resp.getId() ? resp.getId() : undefined,
        dependencies: req.getDependenciesList(),
        propertyDependencies: propertyDependencies(req),
        inputs,
        outputs: custom ? stateOf(inputs, resp.getObject()) : {},
        options: options(req, aliasUrns(req, stack, project)),
        ...sourcePosition(req.getSourceposition()),
      });
      cb(null, resp);
    });

  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (req, cb) =>
    read(req, (err, resp) => {
      if (err || !resp) return cb(err, resp);
      const parent = req.getParent() || undefined;
      const urn = makeUrn(stack, project, parent, req.getType(), req.getName());
      const duplicate = claim(urn);
      if (duplicate) return cb(duplicate);
      rekey(monitor, resp.getUrn(), urn);
      resp.setUrn(urn);
      sink.resource({
        urn,
        type: req.getType(),
        name: req.getName(),
        custom: true,
        read: true,
        parent,
        provider: req.getProvider() || undefined,
        id: req.getId(),
        dependencies: req.getDependenciesList(),
        propertyDependencies: {},
        inputs: wire(req.getProperties()),
        outputs: wire(resp.getProperties()),
        options: {
          protect: false,
          retainOnDelete: false,
          ignoreChanges: [],
          replaceOnChanges: [],
          hideDiffs: [],
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          aliases: [],
          ...(req.getVersion() ? { version: req.getVersion() } : {}),
        },
      });
      cb(null, resp);
    });

  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    sink.outputs(req.getUrn(), wire(req.getOutputs()));
    return registerOutputs(req, cb);
  };

  const invoke = monitor.invoke.bind(monitor);
  monitor.invoke = (req, cb) => {
    sink.invoke({ token: req.getTok(), args: wire(req.getArgs()) });
    return invoke(req, cb);
  };
}
