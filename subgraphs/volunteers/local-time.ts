/**
 * Calendar dates and wall-clock times in a volunteer's own time zone.
 *
 * Eligibility rules speak of local days ("valid through the end of the
 * expiry day", "alertable from 00:00 on the 18th birthday", "no alerts
 * 23:00–07:00"), while servers run in UTC. Every rule therefore reads the
 * instant through the IANA zone of the volunteer's municipality, never
 * through the process's zone. Calendar dates are plain `YYYY-MM-DD` strings,
 * the shape PostgreSQL `date` columns have as text, so no `Date` object ever
 * stands for a day and no time zone can shift one.
 */

/** A calendar date without time zone, `YYYY-MM-DD` (e.g. a date of birth or a course date). */
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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
        // h23 keeps midnight as 00 (some engines print 24 with hour12: false).
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`Unknown IANA time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Reads `at` on the wall clock of `timeZone` (an IANA name such as `Europe/Amsterdam`). */
export function localDateTime(at: Date, timeZone: string): LocalDateTime {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid instant');
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    isoWeekday: WEEKDAYS[parts.weekday!]!,
  };
}

/** The local calendar date of `at` in `timeZone`. */
export function localDateOf(at: Date, timeZone: string): LocalDate {
  return localDateTime(at, timeZone).date;
}

/** Throws unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so not 2023-02-29). */
export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: LocalDate): [number, number, number] {
  if (!isLocalDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = parts(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * `date` plus `months` calendar months; a day that does not exist in the
 * target month becomes that month's last day (31 March − 1 month = 28/29
 * February), the same as PostgreSQL's `date + interval 'n months'`.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** `date` plus `years` years, with 29 February becoming 28 February in common years (as PostgreSQL does). */
export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** Parses a wall-clock time `HH:MM` (00:00–23:59) into minutes since midnight. */
export function parseTimeOfDay(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
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
