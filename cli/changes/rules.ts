// The change review's rules as reports show policies (one per check, with description, severity and
// remediation), and how a change finding is made. Rules that protect consumers and stored data are
// mandatory in production and advisory elsewhere; the ones that only inform are always advisory.
import { CHANGE_REVIEW_PACK, CHANGE_RULES, type ChangeRuleName } from "../../conventions";
import type { EnforcementLevel } from "../../engine";
import type { Finding, ReportPolicy, SeverityName } from "../review/model";

interface RuleMeta {
  readonly description: string;
  readonly severity: SeverityName;
  /** Mandatory in production (advisory elsewhere); false: advisory everywhere. */
  readonly mandatoryInProduction: boolean;
  readonly remediation: string;
}

const RULES: Record<ChangeRuleName, RuleMeta> = {
  [CHANGE_RULES.dataLoss]: {
    description: "A change does not delete or replace a stateful resource (bucket, object lock, KMS key, topic, Glue database, table, registry or schema).",
    severity: "critical",
    mandatoryInProduction: true,
    remediation: "Keep the resource's name and URN; a refactor adds `aliases`, a renamed product keeps its old name or migrates its data first.",
  },
  [CHANGE_RULES.breakingWithoutMajor]: {
    description: "A schema change that breaks the declared compatibility comes with a major version bump.",
    severity: "high",
    mandatoryInProduction: true,
    remediation: "Make the change compatible (e.g. give a new field a default), or bump the contract's major version so the product migrates to a new topic.",
  },
  [CHANGE_RULES.compatibleWithoutMinor]: {
    description: "A compatible schema change bumps at least the contract's minor version.",
    severity: "medium",
    mandatoryInProduction: true,
    remediation: "Bump contract.version's minor part (1.4.0 → 1.5.0).",
  },
  [CHANGE_RULES.schemaWithoutVersion]: {
    description: "A schema change changes the contract's version.",
    severity: "high",
    mandatoryInProduction: true,
    remediation: "Bump contract.version: minor for a compatible change, major for a breaking one.",
  },
  [CHANGE_RULES.unusableSchema]: {
    description: "Both schemas of a changed contract can be parsed, so their compatibility can be checked.",
    severity: "high",
    mandatoryInProduction: true,
    remediation: "Fix the schema file; `meshkit validate` names the problem.",
  },
  [CHANGE_RULES.shallowHistory]: {
    description: "A transitive compatibility check sees every committed version of the schema.",
    severity: "low",
    mandatoryInProduction: false,
    remediation: "Fetch the whole history (actions/checkout with fetch-depth: 0).",
  },
  [CHANGE_RULES.majorRemovedEarly]: {
    description: "A previous major version stays deployed until its sunset date and while consumers read it.",
    severity: "high",
    mandatoryInProduction: true,
    remediation: "List the previous major in contract.previousMajors with a sunset date, and move its consumers (consumers[].major) before removing it.",
  },
  [CHANGE_RULES.majorPastSunset]: {
    description: "A previous major version past its sunset date is removed.",
    severity: "low",
    mandatoryInProduction: false,
    remediation: "Drop the entry from contract.previousMajors once no consumer reads it.",
  },
  [CHANGE_RULES.productRemoved]: {
    description: "A data product that other domains consume is not removed or renamed.",
    severity: "high",
    mandatoryInProduction: true,
    remediation: "Keep the product until its consumers have moved, or agree the removal with them and drop their grants first.",
  },
  [CHANGE_RULES.declassified]: {
    description: "A product's classification is not lowered without an exemption.",
    severity: "high",
    mandatoryInProduction: true,
    remediation: "Keep the classification, or record the reviewed declassification in policies/exemptions.yaml (resource: <domain>.<product>).",
  },
  [CHANGE_RULES.retentionShortened]: {
    description: "A product's retention is not shortened without its consumers knowing.",
    severity: "medium",
    mandatoryInProduction: false,
    remediation: "Tell the product's consumers; they may rely on replaying the longer window.",
  },
  [CHANGE_RULES.grantRemoved]: {
    description: "A consumer's grant is not removed without the consumer knowing.",
    severity: "medium",
    mandatoryInProduction: false,
    remediation: "Agree the removal with the consuming domain.",
  },
};

export function levelOf(rule: ChangeRuleName, production: boolean): EnforcementLevel {
  return RULES[rule].mandatoryInProduction && production ? "mandatory" : "advisory";
}

/** The rules as report policies, for the environment under review. */
export function changePolicies(production: boolean): ReportPolicy[] {
  return (Object.entries(RULES) as [ChangeRuleName, RuleMeta][]).map(([name, meta]) => ({
    policyPack: CHANGE_REVIEW_PACK,
    name,
    description: meta.description,
    type: "stack",
    severity: meta.severity,
    enforcementLevel: levelOf(name, production),
    frameworks: [],
    area: "change",
    remediation: meta.remediation,
  }));
}

export interface ChangeFindingInput {
  readonly rule: ChangeRuleName;
  readonly message: string;
  readonly domain?: string;
  readonly urn?: string;
  /** Where in the head's manifests the change is made. */
  readonly location?: { file: string; line: number };
  /** Overrides the rule's level (a removed product nobody consumes is only advisory). */
  readonly enforcementLevel?: EnforcementLevel;
}

export function changeFinding(input: ChangeFindingInput, production: boolean): Finding {
  return {
    policyPack: CHANGE_REVIEW_PACK,
    policy: input.rule,
    severity: RULES[input.rule].severity,
    enforcementLevel: input.enforcementLevel ?? levelOf(input.rule, production),
    ...(input.urn ? { urn: input.urn } : {}),
    message: input.message,
    frameworks: [],
    exempted: false,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.location ? { location: input.location } : {}),
  };
}
