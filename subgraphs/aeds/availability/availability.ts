/**
 * When an AED can be reached: availability schedules written in OpenStreetMap's
 * `opening_hours` syntax (`Mo-Fr 08:00-18:00; PH off`, `24/7`), evaluated with
 * the `opening_hours` package in the AED's own time zone and with its country's
 * public holidays.
 *
 * The package reads and builds every `Date` through the process-local calendar
 * (`getHours()`, `new Date(y, m, d)`), so a server in UTC would read "08:00" as
 * 08:00 UTC. This module therefore hands the package "wall-clock" dates: local
 * dates whose fields show the AED's local time, and maps the dates it returns
 * back to real instants. Time is cut into spans in which the AED's zone keeps one
 * UTC offset, so the mapping is exact across daylight-saving changes (no
 * ambiguous or missing hour ever has to be resolved). The result does not depend
 * on the server's time zone, except within the hour a non-UTC server's own clock
 * skips in spring; run servers with `TZ=UTC` to rule that out.
 */
import OpeningHours, { type nominatim_object, type optional_conf } from 'opening_hours';
import { constantOffsetSpans, isTimeZone, parseLocalDate, utcOffsetMinutes, wallClockMs, type LocalDate } from '../../../common/zoned-time.ts';

/** An availability schedule in `opening_hours` syntax, e.g. `Mo-Fr 08:00-18:00; PH off`. */
export type AvailabilitySchedule = string;

/** Where public holidays (PH) and school holidays (SH) are taken from. */
export interface HolidayRegion {
  /** ISO 3166-1 alpha-2 country code, any case (`NL`, `se`). */
  countryCode: string;
  /**
   * Region whose holidays differ from the national ones, as an ISO 3166-2 code
   * (`DE-BY`, `GB-SCT`) or as the state name Nominatim returns (`Bayern`). Some
   * countries have holidays only per region (GB: England, Scotland, Wales,
   * Northern Ireland) and then `PH` cannot be evaluated without it; in others
   * (DE, AT, CH, ES, IT, US…) leaving it out keeps only the nationwide holidays.
   */
  subdivision?: string;
}

/** What evaluating an AED's schedule needs to know about the AED. */
export interface AvailabilityContext extends HolidayRegion {
  /** The AED's IANA time zone, e.g. `Europe/Amsterdam`. */
  timeZone: string;
  /** The AED's position; required only by schedules using sunrise, sunset, dawn or dusk. */
  position?: { latitude: number; longitude: number };
}

/** The outcome of {@link validateSchedule}. */
export type ScheduleValidation =
  | {
      valid: true;
      /** The schedule as the parser writes it back (`Mon-Fri 8-18` becomes `Mo-Fr 08:00-18:00`); store this. */
      schedule: AvailabilitySchedule;
      /** Things the parser accepted but corrected or finds doubtful, one sentence each. */
      warnings: string[];
    }
  | { valid: false; message: string };

/** Whether an AED can be reached at a given instant, as the schedule states it. */
export type AvailabilityState = 'OPEN' | 'CLOSED' | 'UNKNOWN';

/** A stretch of time in which the AED is open (or, if `unknown`, maybe open). */
export interface OpenInterval {
  from: Date;
  to: Date;
  /** The schedule says "unknown" here (e.g. `unknown "ask at reception"`): not certainly open. */
  unknown: boolean;
  /** The schedule's comment for this stretch, or the name of a public holiday. */
  comment?: string;
}

/** The outcome of {@link weeklyOpenHours}. */
export interface WeeklyOpenHours {
  /** Hours certainly open in the local week (Monday 00:00 to Monday 00:00), as read on the wall clock. */
  openHours: number;
  /** Hours the schedule calls "unknown" in that week. */
  unknownHours: number;
  /** Open without a single break from `weekOf` for a whole year (so `24/7; PH off` is not). */
  twentyFourSeven: boolean;
}

/** Thrown when a schedule that should have been validated cannot be evaluated. */
export class AvailabilityScheduleError extends Error {
  override name = 'AvailabilityScheduleError';
}

/** Long enough for a weekly schedule with many single-day exceptions; OSM itself caps tag values at 255. */
export const MAX_SCHEDULE_LENGTH = 1000;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const VARIABLE_TIMES = /\b(?:sunrise|sunset|dawn|dusk)\b/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Parsed = { ok: true; hours: OpeningHours; validation?: ScheduleValidation } | { ok: false; message: string };

/** Parsed schedules by schedule and location; a Map keeps insertion order, which makes it a cheap LRU. */
const parsedSchedules = new Map<string, Parsed>();
const PARSED_CACHE_SIZE = 10_000;

/** Empties the cache of parsed schedules (for tests that change the process time zone). */
export function clearScheduleCache(): void {
  parsedSchedules.clear();
}

function explain(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
}

function describeRegion(region: HolidayRegion): string {
  const country = region.countryCode.toUpperCase();
  return region.subdivision ? `${country} (${region.subdivision})` : `${country} without a subdivision`;
}

/** Turns the parser's message into one that tells the user what to change. */
function rejectionMessage(schedule: string, error: unknown, region: HolidayRegion | undefined): string {
  const explanation = explain(error);
  if (region && /no holidays|holiday definition|Country code missing/i.test(explanation)) {
    // The package words this as a request for a pull request; the user needs to know what to change.
    const detail = explanation.replace(/^.*?opening_hours\.js\.\s*/s, '');
    return `The schedule "${schedule}" uses public or school holidays (PH/SH), which are not known for ${describeRegion(region)}: ${detail}`;
  }
  const hint = /\d{4}-\d{2}-\d{2}/.test(schedule) ? ' Dates are written like "2026 Dec 25", not "2026-12-25".' : '';
  return `Invalid opening_hours schedule "${schedule}": ${explanation}${hint}`;
}

/**
 * The location object the package expects. Its typings declare lat/lon as numbers,
 * but version 3.15 only uses them when they are strings (numbers silently fall back
 * to sunrise 06:00 / sunset 18:00), and the country code must be lower case.
 */
function nominatimObject(region: HolidayRegion, position?: { latitude: number; longitude: number }) {
  const address: Record<string, string> = { country_code: region.countryCode.toLowerCase() };
  const subdivision = region.subdivision?.trim();
  if (subdivision) {
    if (/^[a-z]{2}-[a-z0-9]{1,3}$/i.test(subdivision)) address['ISO3166-2-lvl4'] = subdivision.toUpperCase();
    else address.state = subdivision;
  }
  return {
    ...(position ? { lat: String(position.latitude), lon: String(position.longitude) } : {}),
    address,
  } as unknown as nominatim_object;
}

function checkRegion(region: HolidayRegion): string | undefined {
  if (!/^[a-z]{2}$/i.test(region.countryCode)) return `"${region.countryCode}" is not an ISO 3166-1 alpha-2 country code such as NL.`;
  const subdivision = region.subdivision?.trim();
  if (subdivision && /^[a-z]{2}-/i.test(subdivision) && subdivision.slice(0, 2).toUpperCase() !== region.countryCode.toUpperCase()) {
    return `Subdivision ${subdivision} does not belong to country ${region.countryCode.toUpperCase()}.`;
  }
  return undefined;
}

/**
 * Parses once per schedule and location. `region` undefined means a syntax-only
 * parse (the package then assumes a default location). `shiftedPosition` is the
 * position handed to the sun calculation (see {@link sunPositionFor}).
 */
function parse(schedule: string, region: HolidayRegion | undefined, shiftedPosition?: { latitude: number; longitude: number }): Parsed {
  const key = [
    schedule,
    region?.countryCode.toLowerCase() ?? '',
    region?.subdivision?.trim() ?? '',
    shiftedPosition ? `${shiftedPosition.latitude},${shiftedPosition.longitude}` : '',
  ].join('\u0000');
  const cached = parsedSchedules.get(key);
  if (cached) {
    parsedSchedules.delete(key);
    parsedSchedules.set(key, cached);
    return cached;
  }
  let parsed: Parsed;
  const regionProblem = region && checkRegion(region);
  if (regionProblem) parsed = { ok: false, message: regionProblem };
  else if (!schedule.trim()) parsed = { ok: false, message: 'The schedule is empty; write "24/7" for an AED that is always accessible.' };
  else if (schedule.length > MAX_SCHEDULE_LENGTH) parsed = { ok: false, message: `The schedule is longer than ${MAX_SCHEDULE_LENGTH} characters.` };
  else {
    try {
      const location = region ? nominatimObject(region, shiftedPosition) : null;
      parsed = { ok: true, hours: new OpeningHours(schedule, location, { tag_key: 'opening_hours' } as optional_conf) };
    } catch (error) {
      parsed = { ok: false, message: rejectionMessage(schedule, error, region) };
    }
  }
  parsedSchedules.set(key, parsed);
  if (parsedSchedules.size > PARSED_CACHE_SIZE) parsedSchedules.delete(parsedSchedules.keys().next().value!);
  return parsed;
}

/**
 * Checks a schedule before it is stored. Without `region` only the syntax is
 * checked; with it, also that its holidays (PH/SH) are known there and, for
 * sunrise/sunset schedules, that a position is given.
 */
export function validateSchedule(schedule: string, region?: HolidayRegion & Pick<AvailabilityContext, 'position'>): ScheduleValidation {
  if (region && !region.position && VARIABLE_TIMES.test(schedule)) {
    return { valid: false, message: `The schedule "${schedule}" uses sunrise, sunset, dawn or dusk, which needs the AED's position.` };
  }
  // The position only matters to sun-based schedules; leaving it out of the others keeps one cache entry per schedule.
  const position = VARIABLE_TIMES.test(schedule) ? region?.position : undefined;
  const parsed = parse(schedule, region && { countryCode: region.countryCode, subdivision: region.subdivision }, position);
  if (!parsed.ok) return { valid: false, message: parsed.message };
  if (!parsed.validation) {
    try {
      const normalized = parsed.hours.prettifyValue();
      parsed.validation = neverOpens(parsed.hours)
        ? {
            valid: false,
            message: `The schedule "${schedule}"${normalized === schedule ? '' : ` (read as "${normalized}")`} is never open in the coming year; mark an AED that cannot be used as out of service instead.`,
          }
        : { valid: true, schedule: normalized, warnings: parsed.hours.getWarnings() };
    } catch (error) {
      parsed.validation = { valid: false, message: rejectionMessage(schedule, error, region) };
    }
  }
  return parsed.validation;
}

/**
 * The parser "corrects" words it half-recognises, sometimes into a schedule that
 * never opens (`Mo-Fr 08:00-18:00 geschlossen` becomes `… off`); such a schedule
 * is a mistake, not an AED's availability. The time zone does not matter here.
 */
function neverOpens(hours: OpeningHours): boolean {
  const now = new Date();
  if (hours.getState(now) || hours.getUnknown(now)) return false;
  return hours.getNextChange(now, new Date(now.getTime() + 366 * MS_PER_DAY)) === undefined;
}

/** Parsed schedule for evaluation at times when the AED's zone has `zoneOffsetMinutes`. */
function evaluator(schedule: string, context: AvailabilityContext, zoneOffsetMinutes: number, wallClock: Date): OpeningHours {
  if (!isTimeZone(context.timeZone)) throw new RangeError(`"${context.timeZone}" is not an IANA time zone (such as Europe/Amsterdam).`);
  const usesSun = VARIABLE_TIMES.test(schedule);
  if (usesSun && !context.position) {
    throw new AvailabilityScheduleError(`The schedule "${schedule}" uses sunrise, sunset, dawn or dusk, which needs the AED's position.`);
  }
  const position = usesSun ? sunPositionFor(context.position!, zoneOffsetMinutes, wallClock) : undefined;
  const parsed = parse(schedule, context, position);
  if (!parsed.ok) throw new AvailabilityScheduleError(parsed.message);
  return parsed.hours;
}

/**
 * The position to give the package's sun calculation. It computes sunrise as a
 * real instant and reads its hour on the process clock, whereas it is asked about
 * wall-clock dates of the AED's zone. Moving the position west by (zone offset −
 * process offset) / 4 degrees delays the sun by exactly that many minutes, so the
 * hour it reads is the local hour at the AED.
 */
function sunPositionFor(position: { latitude: number; longitude: number }, zoneOffsetMinutes: number, wallClock: Date) {
  const processOffsetMinutes = -wallClock.getTimezoneOffset();
  const longitude = position.longitude - (zoneOffsetMinutes - processOffsetMinutes) / 4;
  // Rounded so that cache keys repeat; 0.0001° of longitude is 0.024 s of sun time.
  return { latitude: position.latitude, longitude: Math.round((((((longitude + 180) % 360) + 360) % 360) - 180) * 10_000) / 10_000 };
}

/** A process-local Date whose fields read the wall-clock time encoded in `wallMs`. */
function toWallClockDate(wallMs: number): Date {
  const utc = new Date(wallMs);
  const local = new Date(2000, 0, 1);
  local.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
  local.setHours(utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds(), utc.getUTCMilliseconds());
  return local;
}

/** The wall-clock time a process-local Date from the package shows, encoded as in {@link wallClockMs}. */
function fromWallClockDate(date: Date): number {
  const utc = new Date(Date.UTC(2000, 0, 1));
  utc.setUTCFullYear(date.getFullYear(), date.getMonth(), date.getDate());
  utc.setUTCHours(date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
  return utc.getTime();
}

/**
 * Keeps a result inside its span. Only needed on servers not running in UTC: a
 * span boundary can fall in the hour their own clock skips, and the package then
 * reports the boundary one hour late.
 */
function clamp(instant: number, min: number, max: number): number {
  return Math.min(Math.max(instant, min), max);
}

function instantOf(value: Date, what: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new RangeError(`${what} is not a valid date.`);
  return time;
}

function stateOf(hours: OpeningHours, wallClock: Date): { state: AvailabilityState; comment?: string } {
  const iterator = hours.getIterator(wallClock);
  const state: AvailabilityState = iterator.getState() ? 'OPEN' : iterator.getUnknown() ? 'UNKNOWN' : 'CLOSED';
  const comment = iterator.getComment();
  return comment === undefined ? { state } : { state, comment };
}

/**
 * The AED's availability at `instant` and the schedule's comment there (e.g. the
 * name of the public holiday that closes it).
 * @throws AvailabilityScheduleError if the schedule cannot be evaluated there.
 */
export function availabilityAt(schedule: AvailabilitySchedule, instant: Date, context: AvailabilityContext): { state: AvailabilityState; comment?: string } {
  const at = instantOf(instant, 'The instant');
  const offset = utcOffsetMinutes(at, context.timeZone);
  const wallMs = at + offset * MS_PER_MINUTE;
  const wallClock = toWallClockDate(wallMs);
  const hours = evaluator(schedule, context, offset, wallClock);
  // A dispatch asks about dozens of AEDs at one instant, most of them on a few schedules
  // (24/7, office hours): each parsed schedule remembers its last answer.
  const last = lastStates.get(hours);
  if (last?.wallMs === wallMs) return last.result;
  const result = Object.freeze(stateOf(hours, wallClock));
  lastStates.set(hours, { wallMs, result });
  return result;
}

/** The last answer of each parsed schedule, by the wall-clock time it was asked at. */
const lastStates = new WeakMap<OpeningHours, { wallMs: number; result: { state: AvailabilityState; comment?: string } }>();

/**
 * Whether the AED is certainly open at `instant` ("unknown" counts as not open:
 * a responder should not be sent to a cabinet that may be locked).
 * @throws AvailabilityScheduleError if the schedule cannot be evaluated there.
 */
export function isAvailableAt(schedule: AvailabilitySchedule, instant: Date, context: AvailabilityContext): boolean {
  return availabilityAt(schedule, instant, context).state === 'OPEN';
}

/**
 * The first instant after `instant` at which the AED's state (open, closed,
 * unknown) changes, or `undefined` if it does not change before `limit`
 * (default: one year later), as for `24/7`.
 * @throws AvailabilityScheduleError if the schedule cannot be evaluated there.
 */
export function nextChangeAfter(
  schedule: AvailabilitySchedule,
  instant: Date,
  context: AvailabilityContext,
  limit: Date = new Date(instantOf(instant, 'The instant') + 366 * MS_PER_DAY),
): Date | undefined {
  const from = instantOf(instant, 'The instant');
  let previous: AvailabilityState | undefined;
  for (const span of constantOffsetSpans(from, instantOf(limit, 'The limit'), context.timeZone)) {
    const shift = span.offsetMinutes * MS_PER_MINUTE;
    const wallStart = toWallClockDate(span.start + shift);
    const wallEnd = toWallClockDate(span.end + shift);
    const hours = evaluator(schedule, context, span.offsetMinutes, wallStart);
    const { state } = stateOf(hours, wallStart);
    if (previous !== undefined && state !== previous) return new Date(span.start);
    const change = hours.getNextChange(wallStart, wallEnd);
    // A change at the very end of the span is judged by the next span: the wall
    // clock jumps there, and the state after the jump is what counts.
    if (change && change.getTime() < wallEnd.getTime()) return new Date(clamp(fromWallClockDate(change) - shift, span.start, span.end));
    previous = state;
  }
  return undefined;
}

/**
 * The stretches within `[from, to)` in which the AED is open or "unknown", as
 * real instants; adjacent stretches with the same state and comment are merged.
 * @throws AvailabilityScheduleError if the schedule cannot be evaluated there.
 */
export function openIntervals(schedule: AvailabilitySchedule, from: Date, to: Date, context: AvailabilityContext): OpenInterval[] {
  const intervals: OpenInterval[] = [];
  for (const span of constantOffsetSpans(instantOf(from, 'from'), instantOf(to, 'to'), context.timeZone)) {
    const shift = span.offsetMinutes * MS_PER_MINUTE;
    const wallStart = toWallClockDate(span.start + shift);
    const wallEnd = toWallClockDate(span.end + shift);
    const hours = evaluator(schedule, context, span.offsetMinutes, wallStart);
    for (const [start, end, unknown, comment] of hours.getOpenIntervals(wallStart, wallEnd)) {
      const interval: OpenInterval = {
        from: new Date(clamp(fromWallClockDate(start) - shift, span.start, span.end)),
        to: new Date(clamp(fromWallClockDate(end) - shift, span.start, span.end)),
        unknown,
        ...(comment === undefined ? {} : { comment }),
      };
      const last = intervals.at(-1);
      if (last && last.to.getTime() === interval.from.getTime() && last.unknown === interval.unknown && last.comment === interval.comment) {
        last.to = interval.to;
      } else {
        intervals.push(interval);
      }
    }
  }
  return intervals;
}

/**
 * Open hours in the AED's local week containing `weekOf` (default: now), read on
 * the wall clock so that a week with a daylight-saving change still has 168
 * hours, and whether the AED is open around the clock.
 * @throws AvailabilityScheduleError if the schedule cannot be evaluated there.
 */
export function weeklyOpenHours(schedule: AvailabilitySchedule, context: AvailabilityContext, weekOf: Date = new Date()): WeeklyOpenHours {
  const at = instantOf(weekOf, 'weekOf');
  const wallNow = wallClockMs(at, context.timeZone);
  const daysSinceMonday = (new Date(wallNow).getUTCDay() + 6) % 7;
  const wallMonday = Math.floor(wallNow / MS_PER_DAY) * MS_PER_DAY - daysSinceMonday * MS_PER_DAY;
  const wallStart = toWallClockDate(wallMonday);
  const hours = evaluator(schedule, context, utcOffsetMinutes(at, context.timeZone), wallStart);
  let openMs = 0;
  let unknownMs = 0;
  for (const [start, end, unknown] of hours.getOpenIntervals(wallStart, toWallClockDate(wallMonday + 7 * MS_PER_DAY))) {
    const length = fromWallClockDate(end) - fromWallClockDate(start);
    if (unknown) unknownMs += length;
    else openMs += length;
  }
  const twentyFourSeven = isAvailableAt(schedule, weekOf, context) && nextChangeAfter(schedule, weekOf, context) === undefined;
  return { openHours: openMs / MS_PER_HOUR, unknownHours: unknownMs / MS_PER_HOUR, twentyFourSeven };
}

/**
 * `schedule` with a rule for one date appended: closed that day (`hours` = `off`,
 * the default) or open only at the given times (e.g. `10:00-14:00`). Later rules
 * override earlier ones for the whole day, which makes this an exception; the
 * `opening_hours` syntax writes the date `2026 Dec 25`, not `2026-12-25`.
 * Validate the result before storing it.
 * @throws RangeError if `date` is not a `YYYY-MM-DD` calendar date.
 */
export function withDateException(schedule: AvailabilitySchedule, date: LocalDate, hours = 'off', comment?: string): AvailabilitySchedule {
  const iso = parseLocalDate(date);
  if (!iso) throw new RangeError(`"${date}" is not a calendar date written YYYY-MM-DD.`);
  const [year, month, day] = iso.split('-');
  const selector = `${year} ${MONTHS[Number(month) - 1]} ${day}`;
  const timeRanges = hours.trim();
  // A rule with a comment but no explicit state means "unknown"; say "open" so it still counts as open.
  const state = !comment || /(?:^|\s)(?:off|closed|open|unknown)$/i.test(timeRanges) ? '' : ' open';
  const note = comment ? ` "${comment.replaceAll('"', "'")}"` : '';
  // "24/7" followed by further rules is flagged by the parser; "open" means the same and is not.
  const base = schedule.trim().replace(/^24\/7(?=\s|;|$)/, 'open');
  return `${base}; ${selector} ${timeRanges}${state}${note}`;
}
