/**
 * An availability objective as multi-window, multi-burn-rate alarms over the freshness metric.
 *
 * The SLI is the fraction of minutes in which the product was fresh: a minute is stale when its
 * `MinutesSinceLastUpdate` exceeds `freshnessMinutes` (or, in production, when no data point came).
 * Each window is one CloudWatch alarm over one-minute periods that counts stale minutes "M out of N":
 * N = the window's minutes, M = the stale minutes that burn the budget at the pair's rate. A pair
 * fires when both its windows do.
 */
import { BURN_RATE_WINDOW_PAIRS, staleMinutesToAlarm, type BurnRateWindowPair } from "../../conventions";

export interface BurnRateWindow {
  /** `long` or `short`. */
  readonly part: "long" | "short";
  readonly minutes: number;
  /** Stale minutes in the window that fire the alarm (CloudWatch `datapointsToAlarm`). */
  readonly staleMinutes: number;
}

export interface BurnRateAlarmPair {
  readonly pair: BurnRateWindowPair;
  readonly windows: readonly [BurnRateWindow, BurnRateWindow];
}

/** The pairs for an availability objective in percent. */
export function burnRateAlarmPairs(availabilityPercent: number): BurnRateAlarmPair[] {
  return BURN_RATE_WINDOW_PAIRS.map((pair) => ({
    pair,
    windows: [
      { part: "long", minutes: pair.longWindowMinutes, staleMinutes: staleMinutesToAlarm(availabilityPercent, pair.burnRate, pair.longWindowMinutes) },
      { part: "short", minutes: pair.shortWindowMinutes, staleMinutes: staleMinutesToAlarm(availabilityPercent, pair.burnRate, pair.shortWindowMinutes) },
    ],
  }));
}

/** Metric math: 1 for a stale minute, 0 for a fresh one, nothing for a minute without data. */
export function staleMinuteExpression(metricId: string, freshnessMinutes: number): string {
  return `IF(${metricId} > ${freshnessMinutes}, 1, 0)`;
}
