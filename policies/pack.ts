/**
 * The pack's policies, in the order the analyzer runs them: the areas' rules wrapped with the
 * exemptions, then the exemption policies (`governance-exemption-applied` last, so it sees what the
 * stack policies before it suppressed). Importing this module starts nothing and reads no file.
 */
import type { Policies } from "@pulumi/policy";
import { CHANGE_RULES } from "../conventions";
import { ExemptionRuntime, type ExemptionRuntimeOptions } from "./lib/exemptionRuntime";
import { EXEMPTION_APPLIED_POLICY, EXEMPTION_VALID_POLICY, exemptionPolicies, governancePolicies } from "./rules/governance";
import { iamPolicies } from "./rules/iam";
import { keysPolicies } from "./rules/keys";
import { kubernetesPolicies } from "./rules/kubernetes";
import { observabilityPolicies } from "./rules/observability";
import { protectionPolicies } from "./rules/protection";
import { qualityPolicies } from "./rules/quality";
import { storagePolicies } from "./rules/storage";
import { streamingPolicies } from "./rules/streaming";
import { taggingPolicies } from "./rules/tagging";

export const PACK_NAME = "meshkit-guardrails";

/** Every area's rules, unwrapped (what the catalogue and the tests look at). */
export const AREA_POLICIES: Policies = [
  ...taggingPolicies,
  ...keysPolicies,
  ...storagePolicies,
  ...streamingPolicies,
  ...iamPolicies,
  ...kubernetesPolicies,
  ...protectionPolicies,
  ...governancePolicies,
  ...observabilityPolicies,
  ...qualityPolicies,
];

const EXEMPTION_POLICIES = new Set([EXEMPTION_VALID_POLICY, EXEMPTION_APPLIED_POLICY]);

export interface MeshkitPolicies {
  readonly policies: Policies;
  readonly exemptions: ExemptionRuntime;
}

export function meshkitPolicies(options: ExemptionRuntimeOptions = {}): MeshkitPolicies {
  const names = new Set<string>();
  for (const p of AREA_POLICIES) {
    if (names.has(p.name) || EXEMPTION_POLICIES.has(p.name)) throw new Error(`duplicate policy name ${p.name}`);
    names.add(p.name);
  }
  // The change review's rules share the exemptions file, so an exemption may name them too.
  const exemptions = new ExemptionRuntime(new Set([...names, ...Object.values(CHANGE_RULES)]), EXEMPTION_POLICIES, options);
  return {
    policies: [...AREA_POLICIES.map((p) => exemptions.wrap(p)), ...exemptionPolicies(exemptions)],
    exemptions,
  };
}
