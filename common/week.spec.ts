import { describe, expect, it } from 'vitest';
import { localDateOf } from './zoned-time.ts';
import { HOURS_PER_WEEK, countHours, hasHour, mondayOf, parseWeekOf, weekMaskFromHex, weekMaskOf, weekMaskToHex, weekSlotStarts } from './week.ts';

describe('the hours of a local week', () => {
  it('finds the Monday of any day of the week', () => {
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
    expect(() => mondayOf('2026-02-30')).toThrow(RangeError);
  });

  it('starts hour h at Monday 00:00 + h on the local wall clock', () => {
    const starts = weekSlotStarts('2026-06-17', 'Europe/Amsterdam');
    expect(starts).toHaveLength(HOURS_PER_WEEK);
    // Summer time: UTC+2.
    expect(starts[0]!.toISOString()).toBe('2026-06-14T22:00:00.000Z');
    expect(starts[27]!.toISOString()).toBe('2026-06-16T01:00:00.000Z');
    expect(starts[167]!.toISOString()).toBe('2026-06-21T21:00:00.000Z');
  });

  it('keeps 168 hours across daylight saving: a skipped hour starts after the gap, a repeated one at its first occurrence', () => {
    // Amsterdam springs forward on Sunday 29 March 2026 at 02:00 (01:00 UTC).
    const spring = weekSlotStarts('2026-03-23', 'Europe/Amsterdam');
    expect(spring[6 * 24 + 1]!.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(spring[6 * 24 + 2]!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(spring[6 * 24 + 3]!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // And falls back on Sunday 25 October 2026 at 03:00 (01:00 UTC): 02:00 happens twice.
    const autumn = weekSlotStarts('2026-10-19', 'Europe/Amsterdam');
    expect(autumn[6 * 24 + 2]!.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(autumn[6 * 24 + 3]!.toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('reads dates on the local clock and refuses nonsense as BAD_USER_INPUT', () => {
    expect(localDateOf(new Date('2026-06-14T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-06-15');
    expect(parseWeekOf('2026-06-15', 'Europe/Amsterdam')).toBe('2026-06-15');
    expect(() => parseWeekOf('15-06-2026', 'Europe/Amsterdam')).toThrow(/YYYY-MM-DD/);
    expect(() => weekSlotStarts('2026-06-15', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('writes a set of hours as 42 hexadecimal digits and reads it back', () => {
    const evenings = weekMaskOf((hour) => hour % 24 >= 18);
    const hex = weekMaskToHex(evenings);
    expect(hex).toHaveLength(42);
    // Hours 0–7 (Monday night) are not evenings; hours 16–23 hold 18–23.
    expect(hex.slice(0, 2)).toBe('00');
    expect(hex.slice(4, 6)).toBe('fc');
    const back = weekMaskFromHex(hex);
    expect(countHours(back)).toBe(6 * 7);
    expect(hasHour(back, 18)).toBe(true);
    expect(hasHour(back, 17)).toBe(false);
    expect(hasHour(back, 167)).toBe(true);
    expect(() => weekMaskFromHex('xyz')).toThrow(RangeError);
  });
});
