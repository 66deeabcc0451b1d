// A deterministic order for captured resources that does not depend on when the program's promises
// happened to resolve: the root stack first, then depth-first with every parent before its children and
// siblings sorted by URN.
import type { CapturedResource } from "./types";
import { ROOT_STACK_TYPE } from "./urn";

function byUrn(a: CapturedResource, b: CapturedResource): number {
  return a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0;
}

export function treeOrder(resources: CapturedResource[]): CapturedResource[] {
  const known = new Set(resources.map((r) => r.urn));
  const children = new Map<string, CapturedResource[]>();
  const roots: CapturedResource[] = [];
  for (const r of resources) {
    if (r.parent && known.has(r.parent)) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    } else {
      roots.push(r);
    }
  }
  roots.sort((a, b) => Number(b.type === ROOT_STACK_TYPE) - Number(a.type === ROOT_STACK_TYPE) || byUrn(a, b));
  const out: CapturedResource[] = [];
  const visit = (r: CapturedResource) => {
    out.push(r);
    for (const c of (children.get(r.urn) ?? []).sort(byUrn)) visit(c);
  };
  roots.forEach(visit);
  return out;
}
