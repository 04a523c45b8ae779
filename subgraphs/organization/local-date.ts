/** Calendar dates (`YYYY-MM-DD`) as the organisation uses them: membership periods, due dates. */
import { badInput } from '../../common/errors.ts';

/** Today's date in `timeZone` (default UTC). */
export function todayIn(timeZone = 'UTC', now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whether a membership from `since` until `until` (inclusive, open-ended when null) holds on `day`. */
export function isCurrent(period: { since: string; until?: string | null }, day: string): boolean {
  return period.since <= day && (period.until == null || period.until >= day);
}

/** Whether two inclusive periods (open-ended when `until` is null) share a day. */
export function overlaps(a: { since: string; until?: string | null }, b: { since: string; until?: string | null }): boolean {
  return (a.until == null || a.until >= b.since) && (b.until == null || b.until >= a.since);
}

/** Checks a `YYYY-MM-DD` calendar date (a real one: no 31 April); throws BAD_USER_INPUT naming `field`. */
export function parseLocalDate(value: unknown, field: string): string {
  const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  // 2025-02-30 parses as 2 March: only a date that prints back the same is real.
  const valid = day !== undefined && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  if (!valid) throw badInput(`${field} must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(value)}.`, { field });
  return value;
}
