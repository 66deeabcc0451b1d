/**
 * Data-quality guardrails: a table product's quality threshold is only a promise when a Glue Data
 * Quality ruleset scores the table and a low score reaches someone. These rules live beside the
 * governance area's (their area is governance), in a file of their own.
 */
import type { Policies, PolicyResource } from "@pulumi/policy";
import { DOMAIN_TAG_KEY, QUALITY_THRESHOLD_PARAMETER } from "../../conventions";
import { Deferral } from "../lib/deferral";
import { stackRule } from "../lib/rule";
import { ownTags } from "../lib/tags";
import { EVENT_RULE, EVENT_TARGET, GLUE_DATA_QUALITY_RULESET, GLUE_TABLE, SNS_TOPIC } from "../lib/types";
import { list, record, recordOrJson, text } from "../lib/values";

const DATA_QUALITY_SOURCE = "aws.glue-dataquality";

/** The resource a property of `r` refers to: by dependency, else by the value it holds. */
function referenced(r: PolicyResource, property: string, candidates: readonly PolicyResource[], valueOf: (c: PolicyResource) => unknown[]): PolicyResource[] {
  const urns = new Set((r.propertyDependencies[property] ?? []).map((d) => d.urn));
  if (urns.size > 0) return candidates.filter((c) => urns.has(c.urn));
  const value = text(r.props[property]);
  return value === undefined ? [] : candidates.filter((c) => valueOf(c).includes(value));
}

/** Whether an event pattern (JSON text or object) catches Data Quality results of `ruleset` or of `table`. */
function catchesResults(pattern: unknown, ruleset: string, table: string): boolean {
  const p = recordOrJson(pattern);
  if (p === undefined || !list(p.source).includes(DATA_QUALITY_SOURCE)) return false;
  const detail = record(p.detail);
  const rulesets = list(detail?.rulesetNames);
  const tables = list(record(detail?.context)?.tableName);
  return rulesets.includes(ruleset) || (rulesets.length === 0 && tables.includes(table));
}

export const qualityPolicies: Policies = [
  stackRule({
    name: "governance-table-quality-alerted",
    description:
      "Every catalog table with columns and a quality threshold has a Glue Data Quality ruleset whose results an EventBridge rule sends to an SNS topic of the table's domain, where the domain has one.",
    meta: {
      area: "governance",
      severity: "high",
      frameworks: ["soc2"],
      remediation:
        "Create an aws.glue.DataQualityRuleset targeting the table, an aws.cloudwatch.EventRule matching its `aws.glue-dataquality` results, and an EventTarget sending them to the domain's alert topic (meshkit's DataQualityRules does all three).",
    },
    validate: (args, _config, report) => {
      const of = (type: string) => args.resources.filter((r) => r.type === type);
      const rulesets = of(GLUE_DATA_QUALITY_RULESET);
      const eventRules = of(EVENT_RULE);
      const targets = of(EVENT_TARGET);
      const topics = of(SNS_TOPIC);
      const deferral = new Deferral();
      for (const table of of(GLUE_TABLE)) {
        deferral.read(() => {
          const parameters = record(table.props.parameters) ?? {};
          const threshold = text(parameters[QUALITY_THRESHOLD_PARAMETER]);
          const columns = list(record(table.props.storageDescriptor)?.columns);
          if (threshold === undefined || columns.length === 0) return;
          const domain = text(parameters[DOMAIN_TAG_KEY]);
          // A domain without any alert topic is the freshness guardrail's finding; this one needs a topic to route to.
          const domainTopics = topics.filter((t) => domain !== undefined && ownTags(t.type, t.props)[DOMAIN_TAG_KEY] === domain);
          if (domainTopics.length === 0) return;
          const tableName = text(table.props.name);
          const databaseName = text(table.props.databaseName);
          const scoring = rulesets.filter((rs) => {
            const target = record(rs.props.targetTable);
            return target !== undefined && text(target.tableName) === tableName && text(target.databaseName) === databaseName;
          });
          if (scoring.length === 0) {
            report(`table ${databaseName}.${tableName} promises a quality score of ${threshold} %, but no Glue Data Quality ruleset targets it`, table.urn);
            return;
          }
          const alerted = scoring.some((rs) => {
            const catching = eventRules.filter((er) => catchesResults(er.props.eventPattern, text(rs.props.name) ?? "", tableName ?? ""));
            return targets.some(
              (t) =>
                referenced(t, "rule", catching, (er) => [er.props.name]).length > 0 &&
                referenced(t, "arn", domainTopics, (topic) => [topic.props.arn]).length > 0,
            );
          });
          if (!alerted) {
            report(`the quality ruleset of table ${databaseName}.${tableName} scores it, but no EventBridge rule sends its results to an alert topic of domain ${domain}`, table.urn);
          }
        });
      }
      deferral.rethrow();
    },
  }),
];
