/**
 * Tagging guardrails: every taggable AWS resource and every Kubernetes object carries the six
 * required tags (labels) with well-formed values, in agreement with the stack's environment and
 * with the other resources of its domain.
 */
import type { Policies, ResourceValidationArgs } from "@pulumi/policy";
import {
  BUCKET_PURPOSE_TAG_KEY,
  BUCKET_PURPOSES,
  CLASSIFICATIONS,
  COMPLIANCE_REGIMES,
  CLASSIFICATION_TAG_KEY,
  COMPLIANCE_TAG_KEY,
  COST_CENTER_PATTERN,
  COST_CENTER_TAG_KEY,
  DOMAIN_TAG_KEY,
  ENVIRONMENT_TAG_KEY,
  ENVIRONMENTS,
  isTaggableAwsType,
  KEBAB_CASE,
  LABEL_VALUE_PATTERN,
  MANAGED_BY,
  MANAGED_BY_TAG_KEY,
  NO_PII,
  OWNER_TAG_KEY,
  PII_TAG_KEY,
  REQUIRED_TAG_KEYS,
  tagList,
} from "../../conventions";
import { forEachDeferringUnknown } from "../lib/deferral";
import { resourceRule, stackRule } from "../lib/rule";
import { effectiveAwsTags, nonEmpty, ownTags } from "../lib/tags";
import { isAwsResource, isKubernetesObject } from "../lib/types";

function isTaggableAws(args: ResourceValidationArgs): boolean {
  return isTaggableAwsType(args.type) || (isAwsResource(args.type) && "tags" in args.props);
}

function missingKeys(tags: Record<string, string>): string[] {
  return REQUIRED_TAG_KEYS.filter((k) => !nonEmpty(tags[k]));
}

/** Problems with the values of meshkit's tag keys (absent keys are the required-tags rule's concern). */
function valueProblems(tags: Record<string, string>, managedBy: readonly string[]): string[] {
  const problems: string[] = [];
  const check = (key: string, ok: (v: string) => boolean, expected: string) => {
    const v = tags[key];
    if (nonEmpty(v) && !ok(v)) problems.push(`${key}=${v} is not ${expected}`);
  };
  check(ENVIRONMENT_TAG_KEY, (v) => (ENVIRONMENTS as readonly string[]).includes(v), `one of ${ENVIRONMENTS.join(", ")}`);
  check(CLASSIFICATION_TAG_KEY, (v) => (CLASSIFICATIONS as readonly string[]).includes(v), `one of ${CLASSIFICATIONS.join(", ")}`);
  check(DOMAIN_TAG_KEY, (v) => KEBAB_CASE.test(v), "kebab-case");
  check(OWNER_TAG_KEY, (v) => KEBAB_CASE.test(v), "kebab-case");
  check(COST_CENTER_TAG_KEY, (v) => COST_CENTER_PATTERN.test(v), "like CC-1042");
  check(MANAGED_BY_TAG_KEY, (v) => managedBy.includes(v), `one of ${managedBy.join(", ")}`);
  check(BUCKET_PURPOSE_TAG_KEY, (v) => (BUCKET_PURPOSES as readonly string[]).includes(v), `one of ${BUCKET_PURPOSES.join(", ")}`);
  check(PII_TAG_KEY, (v) => v === NO_PII || tagList(v).every((c) => KEBAB_CASE.test(c)), `${NO_PII} or kebab-case categories joined by .`);
  check(
    COMPLIANCE_TAG_KEY,
    (v) => tagList(v).length > 0 && tagList(v).every((r) => (COMPLIANCE_REGIMES as readonly string[]).includes(r)),
    `regimes among ${COMPLIANCE_REGIMES.join(", ")} joined by .`,
  );
  return problems;
}

const managedByConfig = {
  managedBy: {
    type: "array",
    items: { type: "string" },
    default: [MANAGED_BY],
    description: "Allowed values of the managed-by tag.",
  },
} as const;

const TAG_META = {
  area: "tagging",
  frameworks: ["soc2"],
} as const;

export const taggingPolicies: Policies = [
  resourceRule({
    name: "tagging-aws-required-tags",
    description: "Every taggable AWS resource carries the required tags with non-empty values.",
    meta: {
      ...TAG_META,
      severity: "high",
      remediation: `Set tags ${REQUIRED_TAG_KEYS.join(", ")} on the resource (meshkit components do; provider defaultTags count too).`,
    },
    validate: (args, _config, report) => {
      if (!isTaggableAws(args)) return;
      const missing = missingKeys(effectiveAwsTags(args.props, args.provider, REQUIRED_TAG_KEYS));
      if (missing.length > 0) report(`missing tags: ${missing.join(", ")}`);
    },
  }),

  resourceRule<{ managedBy: string[] }>({
    name: "tagging-aws-tag-values",
    description: "AWS tags use the allowed values: known environment, classification, compliance regimes and bucket purposes, kebab-case names, cost centers like CC-1042.",
    meta: { ...TAG_META, severity: "medium", remediation: "Correct the tag values; meshkit derives them from the domain manifest." },
    config: managedByConfig,
    validate: (args, config, report) => {
      if (!isAwsResource(args.type) || !("tags" in args.props)) return;
      for (const problem of valueProblems(ownTags(args.type, args.props), config.managedBy)) report(problem);
    },
  }),

  resourceRule({
    name: "tagging-kubernetes-required-labels",
    description: "Every Kubernetes object carries the required labels with non-empty values.",
    meta: {
      ...TAG_META,
      severity: "high",
      remediation: `Set metadata.labels ${REQUIRED_TAG_KEYS.join(", ")} on the object (meshkit's DomainWorkspace does).`,
    },
    validate: (args, _config, report) => {
      if (!isKubernetesObject(args.type)) return;
      const missing = missingKeys(ownTags(args.type, args.props));
      if (missing.length > 0) report(`missing labels: ${missing.join(", ")}`);
    },
  }),

  resourceRule<{ managedBy: string[] }>({
    name: "tagging-kubernetes-label-values",
    description: "Kubernetes labels use the allowed values and are valid label values.",
    meta: { ...TAG_META, severity: "medium", remediation: "Correct the label values; Kubernetes label values are at most 63 characters of [A-Za-z0-9-_.]." },
    config: managedByConfig,
    validate: (args, config, report) => {
      if (!isKubernetesObject(args.type)) return;
      const labels = ownTags(args.type, args.props);
      for (const key of [...REQUIRED_TAG_KEYS, PII_TAG_KEY, COMPLIANCE_TAG_KEY]) {
        const v = labels[key];
        if (v !== undefined && (v.length > 63 || !LABEL_VALUE_PATTERN.test(v))) report(`label ${key}=${v} is not a valid label value`);
      }
      for (const problem of valueProblems(labels, config.managedBy)) report(problem);
    },
  }),

  resourceRule<{ environment: string }>({
    name: "tagging-resource-environment-matches",
    description: "A resource's environment tag (or label) names the environment the stack deploys to.",
    meta: {
      ...TAG_META,
      severity: "medium",
      remediation: "Deploy the resource with the stack of its environment, or correct its environment tag.",
    },
    config: {
      environment: {
        type: "string",
        enum: [...ENVIRONMENTS],
        default: "production",
        description: "The environment this configuration is for.",
      },
    },
    validate: (args, config, report) => {
      if (!isAwsResource(args.type) && !isKubernetesObject(args.type)) return;
      const environment = ownTags(args.type, args.props)[ENVIRONMENT_TAG_KEY];
      if (nonEmpty(environment) && environment !== config.environment) {
        report(`tagged environment=${environment} in a ${config.environment} stack`);
      }
    },
  }),

  stackRule({
    name: "tagging-domain-owner-consistent",
    description: "All resources of a domain name the same owner and cost center.",
    meta: {
      ...TAG_META,
      severity: "low",
      remediation: "Use one owner and cost center per domain, as in its manifest; cost reports group by them.",
    },
    validate: (args, _config, report) => {
      const byDomain = new Map<string, { urn: string; owner?: string; costCenter?: string }[]>();
      forEachDeferringUnknown(args.resources, (r) => {
        if (!isAwsResource(r.type) && !isKubernetesObject(r.type)) return;
        const tags = ownTags(r.type, r.props);
        const domain = tags[DOMAIN_TAG_KEY];
        if (!nonEmpty(domain)) return;
        const entry = { urn: r.urn, owner: tags[OWNER_TAG_KEY], costCenter: tags[COST_CENTER_TAG_KEY] };
        const entries = byDomain.get(domain);
        if (entries === undefined) byDomain.set(domain, [entry]);
        else entries.push(entry);
      });
      for (const [domain, entries] of byDomain) {
        for (const field of ["owner", "costCenter"] as const) {
          const majority = mostCommon(entries.map((e) => e[field]).filter(nonEmpty));
          if (majority === undefined) continue;
          for (const e of entries) {
            const v = e[field];
            if (nonEmpty(v) && v !== majority) {
              report(`domain ${domain}: ${field === "owner" ? OWNER_TAG_KEY : COST_CENTER_TAG_KEY} ${v} differs from ${majority}`, e.urn);
            }
          }
        }
      }
    },
  }),
];

/** The most frequent value; ties go to the first seen. */
function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
