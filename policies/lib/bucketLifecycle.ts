/** S3 lifecycle rules, from a lifecycle configuration or a bucket's deprecated inline `lifecycleRules`. */
import { BUCKET } from "./types";
import { bool, num, record, records, text, type Props } from "./values";

export function lifecycleRules(type: string, props: Props): Props[] {
  const rules = (BUCKET as readonly string[]).includes(type) ? props.lifecycleRules : props.rules;
  return records(rules);
}

/** Configurations say `status: Enabled`; inline rules say `enabled: true`. */
export function ruleEnabled(rule: Props): boolean {
  return text(rule.status) === "Enabled" || bool(rule.enabled) === true;
}

/** A rule without a prefix or filter narrowing it applies to every object. */
export function appliesToWholeBucket(rule: Props): boolean {
  const prefix = text(rule.prefix);
  if (prefix !== undefined && prefix !== "") return false;
  const filter = record(rule.filter);
  if (filter === undefined) return true;
  return Object.keys(filter).every((k) => {
    const v = filter[k];
    return v === undefined || v === null || v === "" || (k === "and" && record(v) === undefined);
  });
}

/** Days a noncurrent version lives (`noncurrentDays`, or inline `days`), if the rule expires them. */
export function noncurrentDays(rule: Props): number | undefined {
  const nve = record(rule.noncurrentVersionExpiration);
  return nve === undefined ? undefined : num(nve.noncurrentDays ?? nve.days);
}

/** Whether the rule expires current objects, after some days or on a date. */
export function hasExpiration(rule: Props): boolean {
  const exp = record(rule.expiration);
  return exp !== undefined && (num(exp.days) !== undefined || text(exp.date) !== undefined);
}
