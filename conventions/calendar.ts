/**
 * Calendar days as manifests and the exemptions file write them (`YYYY-MM-DD`, UTC), and the one
 * notion of "today" that dated promises (sunsets, exemption expiries) are judged against.
 */

/** Names the day to judge dates against instead of the clock's, `YYYY-MM-DD`: for tests and reruns. */
export const TODAY_ENV = "MESHKIT_TODAY";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` of a moment, in UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (2027-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return utcDay(d) === value;
}

/** Today, `YYYY-MM-DD` in UTC: `MESHKIT_TODAY` when set (it must be a real date), else the clock's. */
export function today(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fixed = env[TODAY_ENV];
  if (fixed === undefined || fixed === "") return utcDay(new Date());
  if (!isCalendarDate(fixed)) throw new Error(`${TODAY_ENV} must be a date written YYYY-MM-DD, not "${fixed}"`);
  return fixed;
}
