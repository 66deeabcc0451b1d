/**
 * The observability contract between a domain's pipelines, meshkit's alarms and the guardrails:
 * the freshness metric pipelines publish, the services allowed to publish to an alert topic, and
 * the multi-window, multi-burn-rate pairs that turn an availability objective into alarms.
 */
import type { Environment } from "./environments";
import { resourcePrefix } from "./naming";

/**
 * The metric every pipeline publishes for each product it maintains, at least once a minute: the
 * whole minutes since the product's last successful update. CloudWatch has no minute unit, so the
 * data points carry `Unit: None` and the value is in minutes.
 */
export const FRESHNESS_METRIC = {
  namespace: "Meshkit/DataProducts",
  metricName: "MinutesSinceLastUpdate",
  dimensions: { domain: "Domain", product: "Product" },
  unit: "None",
  /** Seconds between data points: one a minute, so each minute counts as fresh or stale. */
  periodSeconds: 60,
} as const;

/** The condition key that scopes `cloudwatch:PutMetricData` to a namespace. */
export const METRIC_NAMESPACE_CONDITION_KEY = "cloudwatch:namespace";

/** The dimensions of one product's freshness metric. */
export function freshnessDimensions(domain: string, product: string): Record<string, string> {
  return { [FRESHNESS_METRIC.dimensions.domain]: domain, [FRESHNESS_METRIC.dimensions.product]: product };
}

/** The service principals that publish to alert topics: CloudWatch alarms and EventBridge rules. */
export const CLOUDWATCH_SERVICE = "cloudwatch.amazonaws.com";
export const EVENTBRIDGE_SERVICE = "events.amazonaws.com";
export const ALERT_PUBLISHING_SERVICES: readonly string[] = [CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE];

/** SNS topic of a domain's alerts. */
export function alertTopicName(environment: Environment, domain: string): string {
  return `${resourcePrefix(environment, domain)}-alerts`;
}

/**
 * Name of a product's CloudWatch alarm; `part` says which (`freshness`, `burn-fast-long` …). A dot
 * joins domain and product, which are kebab-case: with a hyphen, domain `a-b`'s product `c` and
 * domain `a`'s product `b-c` would name the same alarm.
 */
export function productAlarmName(environment: Environment, domain: string, product: string, part: string): string {
  return `${alarmNamePrefix(environment, domain)}${product}-${part}`;
}

/** What every alarm of a domain's products is named with first; the alert key and topic admit only these. */
export function alarmNamePrefix(environment: Environment, domain: string): string {
  return `${resourcePrefix(environment, domain)}.`;
}

/** Catalog-table parameter carrying a product's freshness objective, so guardrails find products that have one. */
export const FRESHNESS_PARAMETER_KEY = "freshness-minutes";

/**
 * One multi-window, multi-burn-rate alert (Google SRE workbook, "Alerting on SLOs", table 5-8):
 * it fires when the error budget burns at `burnRate` times the sustainable rate over both the long
 * window and the short one. The short window (1/12 of the long) makes the alert reset soon after
 * the burning stops.
 */
export interface BurnRateWindowPair {
  /** `fast` pages, `slow` opens a ticket. */
  readonly name: "fast" | "slow";
  readonly longWindowMinutes: number;
  readonly shortWindowMinutes: number;
  readonly burnRate: number;
}

/** The period the error budget is counted over: 30 days, the workbook's. */
export const SLO_PERIOD_DAYS = 30;

/**
 * The workbook's recommended pairs: 14.4× over 1 h / 5 min spends 2 % of a 30-day budget in an
 * hour; 6× over 6 h / 30 min spends 5 % in six hours. (Its third, 1× over 3 days, exceeds the one
 * day a CloudWatch alarm may evaluate, and a ticket that late helps nobody.)
 */
export const BURN_RATE_WINDOW_PAIRS: readonly BurnRateWindowPair[] = [
  { name: "fast", longWindowMinutes: 60, shortWindowMinutes: 5, burnRate: 14.4 },
  { name: "slow", longWindowMinutes: 360, shortWindowMinutes: 30, burnRate: 6 },
];

/**
 * Stale minutes in a window that burn the budget at `burnRate` or faster: an error ratio of
 * `burnRate × (1 − availability)`, rounded up to whole minutes and at most the window (an SLO below
 * 1 − 1/burnRate can only be burnt that fast by a window stale throughout).
 */
export function staleMinutesToAlarm(availabilityPercent: number, burnRate: number, windowMinutes: number): number {
  const budget = 1 - availabilityPercent / 100;
  // Rounded to a millionth first, so 99.9 % (a budget of 0.000999…) does not round up a whole minute.
  const minutes = Math.ceil(Math.round(burnRate * budget * windowMinutes * 1e6) / 1e6);
  return Math.min(Math.max(minutes, 1), windowMinutes);
}
