/**
 * The 168 hours of a local week, the time axis of every weekly readiness
 * figure: alertable volunteers per hour (volunteers subgraph), AEDs
 * dispatchable per hour (aeds subgraph) and six-minute coverage per hour
 * (incidents subgraph). They must agree on what "Tuesday 03:00" is, so the
 * slots are defined here once.
 *
 * Hour `h` (0–167) of the week of a date, in a time zone, starts when the
 * wall clock there reads Monday 00:00 plus `h` hours: day `⌊h / 24⌋` of the
 * ISO week (Monday first), hour `h mod 24`. Figures are evaluated at that
 * instant, the way a dispatch at that moment would be. Daylight saving does
 * not change the count: an hour the clock skips (spring) starts at the end
 * of the gap, an hour it repeats (autumn) at its first occurrence.
 *
 * A set of hours travels as a {@link WeekMask}: 168 bits, written as 42
 * hexadecimal digits when it crosses a subgraph boundary.
 */
import { badInput } from './errors.ts';
import { assertTimeZone, localDateOf, wallClockMs } from './zoned-time.ts';

/** Hours in a week: Monday 00:00 is hour 0, Sunday 23:00 is hour 167. */
export const HOURS_PER_WEEK = 168;

/** 32-bit words of a {@link WeekMask}. */
export const WEEK_MASK_WORDS = Math.ceil(HOURS_PER_WEEK / 32);

/** A set of hours of the week: bit `h % 32` of word `⌊h / 32⌋` is hour `h`. */
export type WeekMask = Uint32Array;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function epochDayOf(date: string): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a calendar date written YYYY-MM-DD.`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  if (new Date(utc).getUTCDate() !== day || new Date(utc).getUTCMonth() !== month - 1) {
    throw new RangeError(`"${date}" is not a calendar date.`);
  }
  return utc / MS_PER_DAY;
}

/** The Monday (`YYYY-MM-DD`) of the ISO week containing the calendar date `date`. */
export function mondayOf(date: string): string {
  const day = epochDayOf(date);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return new Date((day - sinceMonday) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The instant at which the wall clock of `timeZone` reads `wall` (a local
 * reading encoded as UTC milliseconds): the first such instant when the
 * reading occurs twice, the end of the gap when the clock skips it.
 */
function instantOfWallClock(wall: number, timeZone: string): number {
  // Zone offsets lie within ±14 h, so these two readings straddle any change near `wall`.
  const offsetBefore = wallClockMs(wall - 14 * MS_PER_HOUR, timeZone) - (wall - 14 * MS_PER_HOUR);
  const offsetAfter = wallClockMs(wall + 14 * MS_PER_HOUR, timeZone) - (wall + 14 * MS_PER_HOUR);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((instant) => wallClockMs(instant, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // Skipped: read with the offset in force before the change, the instant lands just past the gap.
  return wall - offsetBefore;
}

const weekCache = new Map<string, readonly Date[]>();

/**
 * The start instants of the 168 hours of the local week containing the
 * calendar date `weekOf` in `timeZone` (see the module comment).
 * @throws RangeError for a malformed date or an unknown time zone.
 */
export function weekSlotStarts(weekOf: string, timeZone: string): readonly Date[] {
  const monday = mondayOf(weekOf);
  const key = `${monday}\u0000${timeZone}`;
  let starts = weekCache.get(key);
  if (!starts) {
    assertTimeZone(timeZone);
    const wallMonday = epochDayOf(monday) * MS_PER_DAY;
    starts = Object.freeze(Array.from({ length: HOURS_PER_WEEK }, (_, hour) => new Date(instantOfWallClock(wallMonday + hour * MS_PER_HOUR, timeZone))));
    weekCache.set(key, starts);
    // A long-running process sees a few weeks and zones; keep the cache from growing without end.
    if (weekCache.size > 1000) weekCache.delete(weekCache.keys().next().value!);
  }
  return starts;
}

/**
 * The `weekOf` argument of a weekly figure as a calendar date: the given
 * `YYYY-MM-DD`, or today in `timeZone` when absent.
 * @throws BAD_USER_INPUT naming `field` for anything but a real calendar date.
 */
export function parseWeekOf(value: string | null | undefined, timeZone: string, field = 'weekOf'): string {
  if (value === null || value === undefined) return localDateOf(new Date(), timeZone);
  try {
    epochDayOf(value);
  } catch {
    throw badInput(`${field} must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`, { field });
  }
  return value;
}

/** An empty set of hours. */
export function emptyWeekMask(): WeekMask {
  return new Uint32Array(WEEK_MASK_WORDS);
}

/** The hours for which `test(hour)` holds. */
export function weekMaskOf(test: (hour: number) => boolean): WeekMask {
  const mask = emptyWeekMask();
  for (let hour = 0; hour < HOURS_PER_WEEK; hour++) if (test(hour)) mask[hour >>> 5] |= 1 << (hour & 31);
  return mask;
}

/** Whether `hour` is in the mask. */
export function hasHour(mask: ArrayLike<number>, hour: number, offset = 0): boolean {
  return ((mask[offset + (hour >>> 5)]! >>> (hour & 31)) & 1) === 1;
}

/** How many hours the mask holds. */
export function countHours(mask: ArrayLike<number>, offset = 0): number {
  let count = 0;
  for (let word = 0; word < WEEK_MASK_WORDS; word++) {
    let bits = mask[offset + word]! >>> 0;
    while (bits !== 0) {
      bits &= bits - 1;
      count++;
    }
  }
  return count;
}

/** Whether the mask holds no hour. */
export function isEmptyWeekMask(mask: ArrayLike<number>, offset = 0): boolean {
  for (let word = 0; word < WEEK_MASK_WORDS; word++) if (mask[offset + word] !== 0) return false;
  return true;
}

/** The hours in both masks. */
export function intersectWeekMasks(a: WeekMask, b: WeekMask): WeekMask {
  const mask = emptyWeekMask();
  for (let word = 0; word < WEEK_MASK_WORDS; word++) mask[word] = a[word]! & b[word]!;
  return mask;
}

/**
 * The mask as 42 hexadecimal digits, two per 8 hours in order: the first
 * pair holds hours 0–7, its lowest bit hour 0.
 */
export function weekMaskToHex(mask: ArrayLike<number>, offset = 0): string {
  let hex = '';
  for (let byte = 0; byte < HOURS_PER_WEEK / 8; byte++) {
    const value = (mask[offset + (byte >>> 2)]! >>> ((byte & 3) * 8)) & 0xff;
    hex += value.toString(16).padStart(2, '0');
  }
  return hex;
}

/** Reads {@link weekMaskToHex}'s form back. @throws RangeError for anything else. */
export function weekMaskFromHex(hex: string): WeekMask {
  if (!/^[0-9a-f]{42}$/i.test(hex)) throw new RangeError(`A week mask is 42 hexadecimal digits; got ${JSON.stringify(hex)}.`);
  const mask = emptyWeekMask();
  for (let byte = 0; byte < HOURS_PER_WEEK / 8; byte++) {
    mask[byte >>> 2] |= Number.parseInt(hex.slice(byte * 2, byte * 2 + 2), 16) << ((byte & 3) * 8);
  }
  return mask;
}
