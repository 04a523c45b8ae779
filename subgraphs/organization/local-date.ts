/** Calendar dates (`YYYY-MM-DD`) as the organisation uses them: membership periods, due dates. */
import { badInput } from '../../common/errors.ts';
import { localDateOf, parseIsoDate } from '../../common/zoned-time.ts';

/** Today's date in `timeZone` (default UTC). */
export function todayIn(timeZone = 'UTC', now: Date = new Date()): string {
  return localDateOf(now, timeZone);
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
  const date = typeof value === 'string' && value === value.trim() ? parseIsoDate(value) : undefined;
  if (date === undefined) throw badInput(`${field} must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(value)}.`, { field });
  return date;
}
