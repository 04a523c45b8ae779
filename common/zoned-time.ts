/**
 * Time zones, wall clocks and calendar dates, the one module every subgraph
 * uses for them, with only `Intl` (no time-zone package): UTC offsets of an
 * IANA zone at an instant, the instants where that offset changes
 * (daylight-saving time), an instant read on a zone's wall clock, and
 * calendar dates (`YYYY-MM-DD`) with their arithmetic.
 *
 * Rules speak of local days ("valid through the end of the expiry day",
 * "alertable from 00:00 on the 18th birthday", "no alerts 23:00–07:00", "the
 * pads expire on"), while servers run in UTC. Every rule therefore reads the
 * instant through the IANA zone of the place it concerns (a volunteer's or an
 * AED's municipality), never through the process's zone. Calendar dates are
 * plain `YYYY-MM-DD` strings, the shape PostgreSQL `date` columns have as
 * text and the public `LocalDate` scalar carries, so no `Date` object ever
 * stands for a day and no time zone can shift one.
 */
import { badInput } from './errors.ts';

/**
 * A calendar date without time or zone, `YYYY-MM-DD` (a date of birth, a pads
 * expiry date, a membership's first day): the public schema's `LocalDate`.
 */
export type LocalDate = string;

/** An instant read on a wall clock in one time zone. */
export interface LocalDateTime {
  /** The local calendar date. */
  date: LocalDate;
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

/** Minutes in one day. */
export const MINUTES_PER_DAY = 24 * 60;

/** A stretch of time in which a zone keeps one UTC offset. */
export interface OffsetSpan {
  /** First instant of the span (epoch milliseconds, inclusive). */
  start: number;
  /** End of the span (epoch milliseconds, exclusive). */
  end: number;
  /** Local time minus UTC, in minutes (Amsterdam: 60 in winter, 120 in summer). */
  offsetMinutes: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        // h23, not hour12: false, which renders midnight as "24" in some ICU versions.
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`"${timeZone}" is not an IANA time zone (such as Europe/Amsterdam).`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Throws a `RangeError` with a readable message unless `timeZone` is a known IANA zone.
 * @throws RangeError
 */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The last reading {@link wallClockMs} made: the same instant and zone give the same wall clock. */
let lastReading = { instant: Number.NaN, timeZone: '', wall: 0 };

/**
 * The wall-clock reading of `timeZone` at `instant`, encoded as if it were a UTC
 * timestamp: `Date.UTC(year, month, day, hour, minute, second, ms)` of the local
 * reading. Differences between two such values are wall-clock durations.
 */
export function wallClockMs(instant: number, timeZone: string): number {
  // Imports judge dates against UTC for every row; skip Intl there.
  if (timeZone === 'UTC') return instant;
  // Callers often read one instant on one clock many times in a row (the
  // candidate search re-checks 30 volunteers at the alert's instant):
  // formatToParts costs microseconds each, the comparison nothing.
  if (instant === lastReading.instant && timeZone === lastReading.timeZone) return lastReading.wall;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const millis = ((instant % 1000) + 1000) % 1000;
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!, millis);
  lastReading = { instant, timeZone, wall };
  return wall;
}

/** The last reading {@link localDateTime} made, kept for the same reason as {@link wallClockMs}'s. */
let lastLocal = { instant: Number.NaN, timeZone: '', local: { date: '', minuteOfDay: 0, isoWeekday: 0 } as LocalDateTime };

/** Reads `at` on the wall clock of `timeZone` (an IANA name such as `Europe/Amsterdam`). */
export function localDateTime(at: Date, timeZone: string): LocalDateTime {
  const instant = at.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid instant');
  // A copy: the caller may keep or change what it is given.
  if (instant === lastLocal.instant && timeZone === lastLocal.timeZone) return { ...lastLocal.local };
  const wall = new Date(wallClockMs(instant, timeZone));
  const local = {
    date: wall.toISOString().slice(0, 10),
    minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
    isoWeekday: wall.getUTCDay() || 7,
  };
  lastLocal = { instant, timeZone, local: { ...local } };
  return local;
}

/** Local time minus UTC at `instant`, in minutes (east of Greenwich is positive). */
export function utcOffsetMinutes(instant: number, timeZone: string): number {
  return Math.round((wallClockMs(instant, timeZone) - instant) / MS_PER_MINUTE);
}

const transitionsByZoneYear = new Map<string, number[]>();

/**
 * Instants in UTC year `year` at which `timeZone` changes its offset. Found by
 * sampling once a day and bisecting, then cached: zones change offset at most a
 * few times a year, never twice within one day.
 */
function transitionsInYear(timeZone: string, year: number): number[] {
  const key = `${timeZone}|${year}`;
  let transitions = transitionsByZoneYear.get(key);
  if (transitions) return transitions;
  transitions = [];
  const yearEnd = Date.UTC(year + 1, 0, 1);
  let previous = Date.UTC(year, 0, 1);
  let previousOffset = utcOffsetMinutes(previous, timeZone);
  while (previous < yearEnd) {
    const next = Math.min(previous + MS_PER_DAY, yearEnd);
    const nextOffset = utcOffsetMinutes(next, timeZone);
    if (nextOffset !== previousOffset) {
      // Invariant: offset at `low` is previousOffset, offset at `high` is not.
      let low = previous;
      let high = next;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (utcOffsetMinutes(middle, timeZone) === previousOffset) low = middle;
        else high = middle;
      }
      transitions.push(high);
    }
    previous = next;
    previousOffset = nextOffset;
  }
  transitionsByZoneYear.set(key, transitions);
  return transitions;
}

/**
 * Splits `[from, to)` at the instants where `timeZone` changes its UTC offset, so
 * that within each span local time is UTC plus one fixed offset.
 */
export function constantOffsetSpans(from: number, to: number, timeZone: string): OffsetSpan[] {
  assertTimeZone(timeZone);
  if (!(to > from)) return [];
  const cuts: number[] = [];
  const firstYear = new Date(from).getUTCFullYear();
  const lastYear = new Date(to).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const transition of transitionsInYear(timeZone, year)) {
      if (transition > from && transition < to) cuts.push(transition);
    }
  }
  const spans: OffsetSpan[] = [];
  let start = from;
  for (const end of [...cuts, to]) {
    spans.push({ start, end, offsetMinutes: utcOffsetMinutes(start, timeZone) });
    start = end;
  }
  return spans;
}

/** The number the ASCII digits of `text` from `start` to `end` write, or -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Leap years of the proleptic Gregorian calendar, the one `Date` and PostgreSQL count in. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * Year, month and day of `value` when it is a real calendar date written
 * exactly `YYYY-MM-DD`, else undefined. Read digit by digit: rules read
 * several dates per volunteer (the candidate search's re-check, snapshots of
 * the whole register), where a regular expression and a `Date` per date were
 * most of the rule's time.
 */
function calendarParts(value: string): [number, number, number] | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (year < 0 || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month))) return undefined;
  return [year, month, day];
}

/**
 * `value` as a {@link LocalDate} if it is a real calendar date written `YYYY-MM-DD`
 * (so `2026-02-30` is refused), otherwise `undefined`. Surrounding blanks are ignored.
 */
export function parseLocalDate(value: string): LocalDate | undefined {
  const trimmed = value.trim();
  return calendarParts(trimmed) ? trimmed : undefined;
}

/** True when `value` is a real calendar date written exactly `YYYY-MM-DD` (so not 2023-02-29). */
export function isLocalDate(value: string): boolean {
  return parseLocalDate(value) === value;
}

/** Year, month and day of a {@link LocalDate}. @throws RangeError for anything that is not one. */
function partsOf(date: LocalDate): [number, number, number] {
  const parts = calendarParts(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return parts;
}

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a {@link LocalDate}. @throws RangeError for anything that is not one. */
export function epochDay(date: LocalDate): number {
  const [year, month, day] = partsOf(date);
  const utc = new Date(Date.UTC(2000, month - 1, day));
  utc.setUTCFullYear(year);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

/** The {@link LocalDate} `days` days after (or before, if negative) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (days === 0) {
    // No days to add (a region without a grace period): the date itself, once it is known to be one.
    partsOf(date);
    return date;
  }
  const shifted = new Date((epochDay(date) + days) * MS_PER_DAY);
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * `date` plus `months` calendar months; a day that does not exist in the
 * target month becomes that month's last day (31 March − 1 month = 28/29
 * February), the same as PostgreSQL's `date + interval 'n months'`.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = partsOf(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** `date` plus `years` years, with 29 February becoming 28 February in common years (as PostgreSQL does). */
export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

/** The calendar date in `timeZone` at `instant` (an AED's or a volunteer's "today"). */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** Today's date in `timeZone` (default UTC, the organisation's calendar where no place is concerned). */
export function todayIn(timeZone = 'UTC', now: Date = new Date()): LocalDate {
  return localDateOf(now, timeZone);
}

/**
 * A date a caller gave (`field` of the request), checked: a real `YYYY-MM-DD`
 * calendar date (no 31 April), no blanks around it.
 * @throws BAD_USER_INPUT naming `field` for anything else.
 */
export function requireLocalDate(value: unknown, field: string): LocalDate {
  const date = typeof value === 'string' && value === value.trim() ? parseLocalDate(value) : undefined;
  if (date === undefined) throw badInput(`${field} must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(value)}.`, { field });
  return date;
}

/** A stretch of whole days from `since` until `until`, both inclusive; open-ended when `until` is null (a membership). */
export interface DatePeriod {
  since: LocalDate;
  until?: LocalDate | null;
}

/** Whether `period` holds on `day`. */
export function isCurrent(period: DatePeriod, day: LocalDate): boolean {
  return period.since <= day && (period.until == null || period.until >= day);
}

/** Whether two periods share a day. */
export function overlaps(a: DatePeriod, b: DatePeriod): boolean {
  return (a.until == null || a.until >= b.since) && (b.until == null || b.until >= a.since);
}

/** Parses a wall-clock time `HH:MM` (00:00–23:59) into minutes since midnight. @throws RangeError for anything else. */
export function parseTimeOfDay(value: string): number {
  const written = value.length === 5 && value.charCodeAt(2) === 58;
  const hours = written ? digitsAt(value, 0, 2) : -1;
  const minutes = written ? digitsAt(value, 3, 5) : -1;
  if (!(hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59)) {
    throw new RangeError(`Not a time of day (HH:MM, 00:00–23:59): "${value}"`);
  }
  return hours * 60 + minutes;
}

/**
 * True when `minuteOfDay` lies in the daily window [start, end). A window
 * whose end is earlier than its start crosses midnight (23:00–07:00); a
 * window whose start equals its end is empty.
 */
export function isInDailyWindow(minuteOfDay: number, start: number, end: number): boolean {
  if (start < end) return minuteOfDay >= start && minuteOfDay < end;
  if (start > end) return minuteOfDay >= start || minuteOfDay < end;
  return false;
}
