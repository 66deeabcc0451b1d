// A Mermaid `flowchart LR` of declared domain access: each domain a box of its products, an arrow from a
// product to every domain that consumes it, labelled with the declared purpose.
import type { Grant } from "../../components/grants/accessModel";

function id(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, "_")).join("__");
}

function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;").replace(/[\r\n]+/g, " ")}"`;
}

export function accessDiagram(grants: readonly Grant[]): string {
  const products = new Map<string, Set<string>>();
  const edges = new Map<string, { from: string; to: string; purpose: string }>();
  for (const g of grants) {
    if (!products.has(g.productDomain)) products.set(g.productDomain, new Set());
    products.get(g.productDomain)!.add(g.product);
    if (g.principalDomain !== g.productDomain) {
      const from = id("p", g.productDomain, g.product);
      const to = id("d", g.principalDomain);
      edges.set(`${from} ${to}`, { from, to, purpose: g.reason });
    }
  }
  const lines = ["flowchart LR"];
  const consumers = new Set([...grants].map((g) => g.principalDomain));
  for (const domain of [...new Set([...products.keys(), ...consumers])].sort()) {
    const own = [...(products.get(domain) ?? [])].sort();
    if (own.length === 0) {
      lines.push(`  ${id("d", domain)}[${label(domain)}]`);
      continue;
    }
    lines.push(`  subgraph ${id("d", domain)}[${label(domain)}]`);
    for (const p of own) lines.push(`    ${id("p", domain, p)}[${label(p)}]`);
    lines.push("  end");
  }
  for (const e of [...edges.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))) {
    lines.push(`  ${e.from} -->|${label(e.purpose)}| ${e.to}`);
  }
  return lines.join("\n");
}
