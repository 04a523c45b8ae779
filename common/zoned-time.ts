/**
 * Time-zone and calendar-date arithmetic shared by the subgraphs, using only `Intl` (no
 * time-zone package): UTC offsets of an IANA zone at an instant, the instants
 * where that offset changes (daylight-saving time), and ISO calendar dates
 * (`YYYY-MM-DD`) such as battery and pad expiry dates.
 */

/** A calendar date without time or zone, `YYYY-MM-DD` (e.g. a pads expiry date). */
export type IsoDate = string;

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

/**
 * The wall-clock reading of `timeZone` at `instant`, encoded as if it were a UTC
 * timestamp: `Date.UTC(year, month, day, hour, minute, second, ms)` of the local
 * reading. Differences between two such values are wall-clock durations.
 */
export function wallClockMs(instant: number, timeZone: string): number {
  // Imports judge dates against UTC for every row; skip Intl there.
  if (timeZone === 'UTC') return instant;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const millis = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!, millis);
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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `value` as an {@link IsoDate} if it is a real calendar date written `YYYY-MM-DD`
 * (so `2026-02-30` is refused), otherwise `undefined`.
 */
export function parseIsoDate(value: string): IsoDate | undefined {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps them as written.
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return match[0];
}

/** Days since 1970-01-01 of a valid {@link IsoDate}. */
export function epochDay(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(2000, month - 1, day));
  utc.setUTCFullYear(year);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

/** The {@link IsoDate} `days` days after (or before, if negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((epochDay(date) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** The calendar date in `timeZone` at `instant` (an AED's "today"). */
export function localDateOf(instant: Date, timeZone: string): IsoDate {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}
