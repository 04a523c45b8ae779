/**
 * Readiness over time: the rules the daily snapshots (volunteers, aeds and
 * incidents subgraphs, each of its own figures) and the history queries
 * (organization subgraph) share.
 *
 * - A snapshot describes one municipality on one calendar date of its own
 *   clock, and is taken once: the first scheduled run on that date writes it,
 *   later runs (another instance, a retry, a restart) find it and leave it.
 * - A date on which no instance ran has no snapshot. It cannot be taken
 *   later (the registers then describe another day), so the history shows
 *   the gap as null figures rather than inventing them.
 * - Snapshots are kept {@link READINESS_HISTORY_DAYS} days: enough to compare
 *   a quarter with the same quarter two years before. Older ones are deleted
 *   by the same scheduled run, and periods reaching further back are refused.
 * - "By day" and "at night" figures that vary by hour (alertable volunteers,
 *   dispatchable AEDs) are the lowest hour of the date's day hours and of its
 *   night hours (common/night.ts): the readiness the programme can promise
 *   throughout, not an average that hides the empty hours.
 */
import { badInput } from './errors.ts';
import { isNightHour } from './night.ts';
import { mondayOf } from './week.ts';
import { addDays, daysBetween, parseLocalDate, type LocalDate } from './zoned-time.ts';

/** How many dates of history are kept, today included: three years. */
export const READINESS_HISTORY_DAYS = 3 * 365 + 1;

/** The oldest date still kept on `today`. */
export function firstKeptDate(today: LocalDate): LocalDate {
  return addDays(today, -(READINESS_HISTORY_DAYS - 1));
}

/** A period of whole dates, both ends included. */
export interface ReadinessPeriod {
  from: LocalDate;
  to: LocalDate;
}

function parseDate(value: unknown, field: string): LocalDate {
  const date = typeof value === 'string' ? parseLocalDate(value) : undefined;
  if (date === undefined || date !== value) throw badInput(`${field} must be a calendar date written YYYY-MM-DD, not ${JSON.stringify(value)}.`, { field });
  return date;
}

/**
 * Checks a period asked for on `today` (the municipality's date): real
 * dates, `from` not after `to`, `to` not after today, `from` within the kept
 * history. Throws BAD_USER_INPUT naming the field and saying what is allowed.
 */
export function checkReadinessPeriod(from: unknown, to: unknown, today: LocalDate, fields: { from: string; to: string } = { from: 'from', to: 'to' }): ReadinessPeriod {
  const period = { from: parseDate(from, fields.from), to: parseDate(to, fields.to) };
  if (period.from > period.to) {
    throw badInput(`The period is reversed: ${fields.from} (${period.from}) is after ${fields.to} (${period.to}).`, { field: fields.from, reason: 'PERIOD_REVERSED' });
  }
  if (period.to > today) {
    throw badInput(`${fields.to} (${period.to}) is after today (${today}): there are no snapshots of dates to come.`, { field: fields.to, reason: 'PERIOD_IN_FUTURE' });
  }
  const kept = firstKeptDate(today);
  if (period.from < kept) {
    throw badInput(`Readiness history is kept for ${READINESS_HISTORY_DAYS} days: ${fields.from} must be ${kept} or later, not ${period.from}.`, {
      field: fields.from,
      reason: 'BEYOND_KEPT_HISTORY',
      firstKeptDate: kept,
    });
  }
  return period;
}

/** Every date of the period, oldest first. */
export function datesOf(period: ReadinessPeriod): LocalDate[] {
  return Array.from({ length: daysBetween(period.from, period.to) + 1 }, (_, index) => addDays(period.from, index));
}

/** The lowest count of the day hours and of the night hours of a date. */
export interface DayAndNight {
  day: number;
  night: number;
}

/**
 * The lowest of `countsByHour` (the 168 hours of the week of `date`, Monday
 * 00:00 first, common/week.ts) over the day hours and over the night hours
 * of `date` itself.
 */
export function lowestByDayAndNight(countsByHour: readonly number[], date: LocalDate): DayAndNight {
  const first = daysBetween(mondayOf(date), date) * 24;
  let day = Number.POSITIVE_INFINITY;
  let night = Number.POSITIVE_INFINITY;
  for (let hour = first; hour < first + 24; hour++) {
    const count = countsByHour[hour]!;
    if (isNightHour(hour)) night = Math.min(night, count);
    else day = Math.min(day, count);
  }
  return { day, night };
}

/** `until − since`, or null when either is missing (a gap is not a change). */
export function change(since: number | null | undefined, until: number | null | undefined): number | null {
  return since == null || until == null ? null : until - since;
}
