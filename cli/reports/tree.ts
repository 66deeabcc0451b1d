// The plan as a resource tree per domain: each domain's subtree under its heading, then what belongs to no
// domain (the stack, providers, a program's own resources). Order is the engine's: parents first,
// siblings by URN.
import type { ReportResource } from "../review/model";
import { domainsInOrder, NO_DOMAIN } from "./grouping";

function label(r: ReportResource): string {
  return `${r.type} ${r.name}${r.protect ? " [protect]" : ""}`;
}

export function treeReport(header: string, resources: readonly ReportResource[]): string {
  const groupOf = (r: ReportResource) => r.domain ?? NO_DOMAIN;
  const groups = domainsInOrder(resources.map((r) => r.domain));
  const lines = [header];
  for (const group of groups) {
    const members = resources.filter((r) => groupOf(r) === group);
    const inGroup = new Set(members.map((r) => r.urn));
    const children = new Map<string, ReportResource[]>();
    for (const r of members) {
      if (r.parent && inGroup.has(r.parent)) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    }
    const roots = members.filter((r) => !(r.parent && inGroup.has(r.parent)));
    const count = members.length;
    lines.push("", `${group} (${count} resource${count === 1 ? "" : "s"})`);
    const walk = (r: ReportResource, prefix: string, branch: string) => {
      lines.push(`${prefix}${branch}${label(r)}`);
      const kids = children.get(r.urn) ?? [];
      const nextPrefix = prefix + (branch === "├─ " ? "│  " : branch === "└─ " ? "   " : "");
      kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1 ? "└─ " : "├─ "));
    };
    for (const r of roots) walk(r, "  ", "");
  }
  return lines.join("\n") + "\n";
}
