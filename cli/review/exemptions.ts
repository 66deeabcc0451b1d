// Exempted findings: meshkit's pack suppresses a finding an exemption covers and reports it through an
// advisory policy whose message the pack's own parser reads back. Those diagnostics become the original
// findings, marked exempted; every other diagnostic is kept as it is.
import type { Diagnostic } from "../../engine";
import { parseAppliedExemption } from "../../policies/lib/exemptionMessage";
import type { ExemptedFinding } from "./model";

export function foldExemptions(diagnostics: Diagnostic[]): { diagnostics: Diagnostic[]; exempted: ExemptedFinding[] } {
  const kept: Diagnostic[] = [];
  const exempted: ExemptedFinding[] = [];
  for (const d of diagnostics) {
    const applied = parseAppliedExemption(d.message);
    if (applied === undefined) {
      kept.push(d);
      continue;
    }
    const { reason, owner, expires } = applied.exemption;
    exempted.push({ policyPack: d.policyPack, policy: applied.policy, urn: applied.urn, message: applied.message, exemption: { reason, owner, expires } });
  }
  return { diagnostics: kept, exempted };
}
