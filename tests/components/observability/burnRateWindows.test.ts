/** The SRE workbook's arithmetic: stale minutes per window that burn the budget at the pair's rate. */
import { describe, expect, it } from "vitest";
import { burnRateAlarmPairs, staleMinuteExpression } from "../../../components/observability/burnRateWindows";
import { staleMinutesToAlarm } from "../../../conventions";

describe("burn-rate windows", () => {
  it("orders/order-events at 99.9 %: one stale minute in 1 h and in 5 min (14.4 × 0.1 % × 60 = 0.864), three in 6 h (6 × 0.1 % × 360 = 2.16)", () => {
    const [fast, slow] = burnRateAlarmPairs(99.9);
    expect(fast.pair).toMatchObject({ name: "fast", burnRate: 14.4 });
    expect(fast.windows).toEqual([
      { part: "long", minutes: 60, staleMinutes: 1 },
      { part: "short", minutes: 5, staleMinutes: 1 },
    ]);
    expect(slow.pair).toMatchObject({ name: "slow", burnRate: 6 });
    expect(slow.windows).toEqual([
      { part: "long", minutes: 360, staleMinutes: 3 },
      { part: "short", minutes: 30, staleMinutes: 1 },
    ]);
  });

  it("a 99 % objective: 14.4 × 1 % × 60 = 8.64, so 9 stale minutes of 60; 6 × 1 % × 360 = 21.6, so 22 of 360", () => {
    expect(staleMinutesToAlarm(99, 14.4, 60)).toBe(9);
    expect(staleMinutesToAlarm(99, 6, 360)).toBe(22);
  });

  it("does not round an exact product up a whole minute (99.5 %: 6 × 0.5 % × 360 = 10.8 → 11; 14.4 × 0.5 % × 250 = 18 → 18)", () => {
    expect(staleMinutesToAlarm(99.5, 6, 360)).toBe(11);
    expect(staleMinutesToAlarm(99.5, 14.4, 250)).toBe(18);
  });

  it("never asks for more stale minutes than the window has, nor fewer than one", () => {
    // 90 %: 14.4 × 10 % = 144 % of the window, which only a window stale throughout comes near.
    expect(staleMinutesToAlarm(90, 14.4, 60)).toBe(60);
    expect(staleMinutesToAlarm(100, 14.4, 60)).toBe(1);
  });

  it("counts a minute stale when its age exceeds the objective", () => {
    expect(staleMinuteExpression("age", 5)).toBe("IF(age > 5, 1, 0)");
  });
});
