/**
 * Governance guardrails: data contracts stay compatible in production, personal data is classified
 * as such, GDPR domains stay in the allowed regions, and exemptions are live, well-formed and visible.
 */
import { basename } from "node:path";
import type { Policies, PolicyResource } from "@pulumi/policy";
import { CLASSIFICATION_TAG_KEY, DOMAIN_TAG_KEY, PII_CLASSIFICATIONS } from "../../conventions";
import { forEachDeferringUnknown } from "../lib/deferral";
import { formatAppliedExemption } from "../lib/exemptionMessage";
import { EXEMPTIONS_FILE_PROPERTY, type ExemptionRuntime } from "../lib/exemptionRuntime";
import { resourceRule, stackRule } from "../lib/rule";
import { complianceRegimes, ownTags, piiCategories } from "../lib/tags";
import { AWS_PROVIDER, GLUE_SCHEMA, isAwsResource, isKubernetesObject } from "../lib/types";
import { text } from "../lib/values";

export const EXEMPTION_VALID_POLICY = "governance-exemption-valid";
export const EXEMPTION_APPLIED_POLICY = "governance-exemption-applied";

/** Glue compatibility modes that let a producer break its consumers. */
const BREAKING_COMPATIBILITY = new Set(["NONE", "DISABLED"]);

/** EU and EEA regions: the default residency for GDPR domains. */
const EU_REGIONS = ["eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2"];

/** Region a resource is deployed to: its own `region` (AWS provider 7.x) or its provider's. */
function regionOf(r: PolicyResource): { region: string | undefined; at: string } {
  const own = "region" in r.props ? text(r.props.region) : undefined;
  if (own !== undefined && own !== "") return { region: own, at: r.urn };
  if (r.provider === undefined) return { region: undefined, at: r.urn };
  const region = "region" in r.provider.props ? text(r.provider.props.region) : undefined;
  return { region: region === "" ? undefined : region, at: r.provider.urn };
}

export const governancePolicies: Policies = [
  resourceRule<{ allowNoneCompatibility: boolean }>({
    name: "governance-schema-compatibility",
    description: "Schema-registry schemas enforce a compatibility mode (never NONE or DISABLED) where the environment requires it.",
    meta: {
      area: "governance",
      severity: "high",
      frameworks: ["soc2"],
      remediation: "Set the data contract's compatibility to backward, forward or full (or a transitive variant).",
    },
    types: [GLUE_SCHEMA],
    config: {
      allowNoneCompatibility: {
        type: "boolean",
        default: false,
        description: "Whether compatibility NONE is allowed (staging only).",
      },
    },
    validate: (args, config, report) => {
      if (config.allowNoneCompatibility) return;
      const mode = text(args.props.compatibility);
      if (mode === undefined || BREAKING_COMPATIBILITY.has(mode.toUpperCase())) {
        report(`schema compatibility is ${mode ?? "unset"}; consumers are not protected from breaking changes`);
      }
    },
  }),

  resourceRule({
    name: "governance-pii-classification",
    description: "A resource tagged as carrying personal data is classified confidential or restricted.",
    meta: {
      area: "governance",
      severity: "high",
      frameworks: ["gdpr", "ccpa"],
      remediation: `Classify the product ${PII_CLASSIFICATIONS.join(" or ")}, or remove the personal data from it.`,
    },
    validate: (args, _config, report) => {
      if (!isAwsResource(args.type) && !isKubernetesObject(args.type)) return;
      const tags = ownTags(args.type, args.props);
      const categories = piiCategories(tags);
      if (categories.length === 0) return;
      const classification = tags[CLASSIFICATION_TAG_KEY];
      if (!(PII_CLASSIFICATIONS as readonly (string | undefined)[]).includes(classification)) {
        report(`carries personal data (${categories.join(", ")}) but is classified ${classification ?? "nowhere"}`);
      }
    },
  }),

  stackRule<{ allowedRegions: string[] }>({
    name: "governance-gdpr-region-allowed",
    description: "Resources of GDPR domains deploy only to the allowed regions, as their providers (or own region) say.",
    meta: {
      area: "governance",
      severity: "critical",
      frameworks: ["gdpr"],
      remediation: "Deploy the domain through an aws provider whose `region` is an allowed region (set it explicitly; never rely on the environment).",
    },
    config: {
      allowedRegions: {
        type: "array",
        items: { type: "string" },
        default: EU_REGIONS,
        description: "Regions where GDPR domains may keep data.",
      },
    },
    validate: (args, config, report) => {
      const reported = new Set<string>();
      const once = (at: string, message: string) => {
        if (reported.has(at)) return;
        reported.add(at);
        report(message, at);
      };
      forEachDeferringUnknown(args.resources, (r) => {
        if (!isAwsResource(r.type) || r.type === AWS_PROVIDER) return;
        const tags = ownTags(r.type, r.props);
        if (!complianceRegimes(tags).includes("gdpr")) return;
        const { region, at } = regionOf(r);
        const domain = tags[DOMAIN_TAG_KEY] ?? "(no domain)";
        if (region === undefined) once(at, `GDPR domain ${domain}: ${r.name} is deployed without an explicit region`);
        else if (!config.allowedRegions.includes(region)) {
          once(at, `GDPR domain ${domain}: ${r.name} is deployed to ${region}, outside ${config.allowedRegions.join(", ")}`);
        }
      });
    },
  }),
];

/** The policies that make exemptions visible; they need the pack's exemption runtime. */
export function exemptionPolicies(runtime: ExemptionRuntime): Policies {
  return [
    stackRule<{ exemptionsFile: string }>({
      name: EXEMPTION_VALID_POLICY,
      description: "Every exemption is well-formed, names a policy of this pack and has not expired (at most 90 days ahead).",
      meta: {
        area: "governance",
        severity: "high",
        frameworks: ["soc2"],
        remediation: "Fix or remove the exemption; renewing one needs the platform team's review and a new expiry at most 90 days ahead.",
      },
      enforcementLevel: "mandatory",
      config: EXEMPTIONS_FILE_PROPERTY,
      validate: (_args, config, report) => {
        const loaded = runtime.load(config);
        const file = basename(loaded.path);
        for (const p of loaded.problems) report(`${file}${p.line === undefined ? "" : `:${p.line}`}: ${p.message}`);
      },
    }),
    // Last in the pack, so that the stack policies' exemptions are recorded before it runs.
    stackRule<{ exemptionsFile: string }>({
      name: EXEMPTION_APPLIED_POLICY,
      description: "Reports each finding suppressed by a live exemption, so reviews list it as exempted.",
      meta: {
        area: "governance",
        severity: "low",
        frameworks: ["soc2"],
        remediation: "None needed while the exemption is live; fix the finding before the exemption expires.",
      },
      enforcementLevel: "advisory",
      config: EXEMPTIONS_FILE_PROPERTY,
      validate: (args, _config, report) => {
        const urns = new Set(args.resources.map((r) => r.urn));
        for (const applied of runtime.appliedExemptions()) {
          if (urns.has(applied.urn)) report(formatAppliedExemption(applied), applied.urn);
        }
      },
    }),
  ];
}
