// The resource diff of a change: the program's registrations at the base against the head's, by URN, as
// the engine would plan them. A head resource whose aliases (its own, or inherited from a renamed parent)
// name a base URN is that resource renamed, neither deleted nor created.
import { DATA_PRODUCT_TAG_KEY } from "../../conventions";
import { makeUrn, plainValue, type CapturedResource } from "../../engine";
import { STATEFUL_TYPES } from "../../policies/lib/types";
import { productOf, resourceDomains } from "../review/domains";
import { changedProperties, isWithin, valueAt } from "./propertyDiff";
import { replacingChanges } from "./replaceProperties";

export const RESOURCE_ACTIONS = ["add", "update", "replace", "delete", "rename"] as const;
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number];

export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  readonly action: ResourceAction;
  /** Changed input property paths (secrets only by path). */
  readonly changedProperties: string[];
  /** The base URN of a renamed (or renamed and replaced) resource. */
  readonly previousUrn?: string;
  /** Why a replacement happens, one line each (secret values masked). */
  readonly replaceReasons: string[];
  readonly stateful: boolean;
  readonly domain?: string;
  readonly product?: string;
}

const STATEFUL = new Set(STATEFUL_TYPES);

// Glue tables take no tags; meshkit records their product in the table parameters instead.
function productOfResource(r: CapturedResource): string | undefined {
  const parameters = plainValue(r.inputs.parameters) as Record<string, unknown> | undefined;
  const recorded = parameters?.[DATA_PRODUCT_TAG_KEY];
  return productOf(r) ?? (typeof recorded === "string" ? recorded : undefined);
}

function stackAndProject(urn: string): { stack: string; project: string } {
  const [stack, project] = urn.slice("urn:pulumi:".length).split("::");
  return { stack, project };
}

/**
 * Every URN the resource may have had: its own aliases, and its type and name under each former URN of
 * its parent, as the engine derives a child's aliases from its parent's.
 */
function formerUrns(r: CapturedResource, byUrn: Map<string, CapturedResource>, memo: Map<string, string[]>): string[] {
  const known = memo.get(r.urn);
  if (known) return known;
  memo.set(r.urn, []);
  const parent = r.parent ? byUrn.get(r.parent) : undefined;
  const { stack, project } = stackAndProject(r.urn);
  const inherited = parent ? formerUrns(parent, byUrn, memo).map((p) => makeUrn(stack, project, p, r.type, r.name)) : [];
  const result = [...new Set([...r.options.aliases, ...inherited])];
  memo.set(r.urn, result);
  return result;
}

function show(value: unknown, secret: boolean): string {
  return secret ? "[secret]" : JSON.stringify(value) ?? "nothing";
}

function compare(before: CapturedResource, after: CapturedResource, renamed: boolean): Omit<ResourceChange, "domain" | "product" | "stateful"> | undefined {
  const changes = changedProperties(before.inputs, after.inputs);
  const paths = changes.map((c) => c.path);
  const secret = new Set(changes.filter((c) => c.secret).map((c) => c.path));
  const replaceReasons: string[] = [];
  if (before.type !== after.type) replaceReasons.push(`its type changes from ${before.type} to ${after.type}`);
  else {
    const replacing = replacingChanges(after.type, paths, (side, p) => valueAt((side === "before" ? before : after).inputs, p));
    const declared = after.options.replaceOnChanges.filter((p) => paths.some((c) => isWithin(c, p)));
    for (const p of [...new Set([...replacing, ...declared])]) {
      const hidden = [...secret].some((s) => isWithin(s, p));
      replaceReasons.push(`${p} changes from ${show(valueAt(before.inputs, p), hidden)} to ${show(valueAt(after.inputs, p), hidden)}`);
    }
  }
  if (replaceReasons.length === 0 && !renamed && paths.length === 0) return undefined;
  const action: ResourceAction = replaceReasons.length > 0 ? "replace" : renamed ? "rename" : "update";
  return { urn: after.urn, type: after.type, action, changedProperties: paths, ...(renamed ? { previousUrn: before.urn } : {}), replaceReasons };
}

/** What deploying `head` over `base` does to each custom resource; unchanged resources are left out. Sorted by URN. */
export function diffResources(base: readonly CapturedResource[], head: readonly CapturedResource[]): ResourceChange[] {
  const managed = (rs: readonly CapturedResource[]) => rs.filter((r) => r.custom && !r.read);
  const baseByUrn = new Map(managed(base).map((r) => [r.urn, r]));
  const headAll = new Map(head.map((r) => [r.urn, r]));
  const headUrns = new Set(managed(head).map((r) => r.urn));
  const [baseDomains, headDomains] = [resourceDomains(base), resourceDomains(head)];
  const memo = new Map<string, string[]>();
  const matched = new Set<string>();
  const out: ResourceChange[] = [];
  const record = (change: Omit<ResourceChange, "domain" | "product" | "stateful">, r: CapturedResource, domains: Map<string, string>, before?: CapturedResource) => {
    const domain = domains.get(r.urn);
    const product = productOfResource(r) ?? (before ? productOfResource(before) : undefined);
    const stateful = STATEFUL.has(r.type) || (before !== undefined && STATEFUL.has(before.type));
    out.push({ ...change, stateful, ...(domain ? { domain } : {}), ...(product ? { product } : {}) });
  };
  for (const r of managed(head)) {
    const same = baseByUrn.get(r.urn);
    const former = same ? undefined : formerUrns(r, headAll, memo).find((u) => baseByUrn.has(u) && !headUrns.has(u) && !matched.has(u));
    const before = same ?? (former ? baseByUrn.get(former) : undefined);
    if (before === undefined) {
      record({ urn: r.urn, type: r.type, action: "add", changedProperties: [], replaceReasons: [] }, r, headDomains);
      continue;
    }
    matched.add(before.urn);
    const change = compare(before, r, former !== undefined);
    if (change) record(change, r, headDomains, before);
  }
  for (const r of baseByUrn.values()) {
    if (!matched.has(r.urn)) record({ urn: r.urn, type: r.type, action: "delete", changedProperties: [], replaceReasons: [] }, r, baseDomains);
  }
  return out.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}
