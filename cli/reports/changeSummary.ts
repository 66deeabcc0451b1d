// The change review as the text and Markdown reports show it: per domain, data-loss findings first, then
// the counts of what the change does to resources, then the contract verdicts.
import { CHANGE_RULES } from "../../conventions";
import type { ContractChange } from "../changes/model";
import { RESOURCE_ACTIONS, type ResourceAction } from "../changes/resourceDiff";
import type { Finding, Review } from "../review/model";
import { domainsInOrder, NO_DOMAIN } from "./grouping";

export const ACTIONS: readonly ResourceAction[] = RESOURCE_ACTIONS;

export interface DomainChanges {
  readonly domain: string;
  readonly dataLoss: Finding[];
  readonly counts: Record<ResourceAction, number>;
  readonly contracts: ContractChange[];
}

export function changesByDomain(review: Review): DomainChanges[] {
  const changes = review.changes;
  if (changes === undefined) return [];
  const dataLoss = review.findings.filter((f) => f.policy === CHANGE_RULES.dataLoss && f.policyPack === changes.pack.name);
  const domains = domainsInOrder([...changes.resources.map((r) => r.domain), ...changes.contracts.map((c) => c.domain), ...dataLoss.map((f) => f.domain)]);
  return domains.map((domain) => {
    const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<ResourceAction, number>;
    for (const r of changes.resources) if ((r.domain ?? NO_DOMAIN) === domain) counts[r.action]++;
    return {
      domain,
      dataLoss: dataLoss.filter((f) => (f.domain ?? NO_DOMAIN) === domain),
      counts,
      contracts: changes.contracts.filter((c) => c.domain === domain),
    };
  });
}

/** `1.4.0 → 1.5.0 backward: compatible`, or `…: breaks (reasons)`. */
export function contractVerdict(c: ContractChange): string {
  const verdict = c.compatible ? "compatible" : `breaks (${c.reasons.join("; ")})`;
  return `${c.product} ${c.fromVersion} → ${c.toVersion} ${c.compatibility}: ${verdict}`;
}
