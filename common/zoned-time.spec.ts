import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import {
  addDays,
  addMonths,
  addYears,
  constantOffsetSpans,
  daysBetween,
  isCurrent,
  isInDailyWindow,
  isLocalDate,
  isTimeZone,
  localDateOf,
  localDateTime,
  overlaps,
  parseLocalDate,
  parseTimeOfDay,
  requireLocalDate,
  utcOffsetMinutes,
} from './zoned-time.ts';

const ms = (iso: string) => Date.parse(iso);

describe('zoned time', () => {
  it('gives the UTC offset of a zone at an instant', () => {
    expect(utcOffsetMinutes(ms('2026-01-15T12:00:00Z'), 'Europe/Amsterdam')).toBe(60);
    expect(utcOffsetMinutes(ms('2026-07-15T12:00:00Z'), 'Europe/Amsterdam')).toBe(120);
    expect(utcOffsetMinutes(ms('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(utcOffsetMinutes(ms('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('splits time at daylight-saving changes', () => {
    expect(constantOffsetSpans(ms('2026-01-01T00:00:00Z'), ms('2027-01-01T00:00:00Z'), 'Europe/Amsterdam')).toEqual([
      { start: ms('2026-01-01T00:00:00Z'), end: ms('2026-03-29T01:00:00Z'), offsetMinutes: 60 },
      { start: ms('2026-03-29T01:00:00Z'), end: ms('2026-10-25T01:00:00Z'), offsetMinutes: 120 },
      { start: ms('2026-10-25T01:00:00Z'), end: ms('2027-01-01T00:00:00Z'), offsetMinutes: 60 },
    ]);
    // Lord Howe Island shifts by half an hour.
    const lordHowe = constantOffsetSpans(ms('2026-01-01T00:00:00Z'), ms('2026-12-31T00:00:00Z'), 'Australia/Lord_Howe');
    expect(lordHowe.map((span) => span.offsetMinutes)).toEqual([660, 630, 660]);
    expect(constantOffsetSpans(ms('2026-01-01T00:00:00Z'), ms('2028-01-01T00:00:00Z'), 'UTC')).toHaveLength(1);
  });

  it('refuses unknown zones', () => {
    expect(isTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(() => constantOffsetSpans(0, 1, 'Europe/Atlantis')).toThrow(/not an IANA time zone/);
  });

  it('reads and counts calendar dates', () => {
    expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('2026-13-01')).toBeUndefined();
    expect(parseLocalDate('26-01-01')).toBeUndefined();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-04-01')).toBe(90);
  });

  it("gives an AED's local date, which can differ from the UTC date", () => {
    expect(localDateOf(new Date('2026-05-01T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-05-02');
    expect(localDateOf(new Date('2026-05-01T22:30:00Z'), 'UTC')).toBe('2026-05-01');
    expect(localDateOf(new Date('2026-05-01T02:00:00Z'), 'America/New_York')).toBe('2026-04-30');
  });
});

describe('wall clocks and calendar dates', () => {
  it("reads an instant on a zone's wall clock: date, minute of the day, ISO weekday", () => {
    // Sunday 29 March 2026, 01:30 UTC: Amsterdam has just moved to summer time (03:30).
    expect(localDateTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Amsterdam')).toEqual({ date: '2026-03-29', minuteOfDay: 210, isoWeekday: 7 });
    expect(localDateTime(new Date('2026-03-29T23:00:00Z'), 'Europe/Amsterdam')).toEqual({ date: '2026-03-30', minuteOfDay: 60, isoWeekday: 1 });
    // The same instant read again, or on another clock: each reading its own, whatever the caller did with the last.
    const reading = localDateTime(new Date('2026-03-29T23:00:00Z'), 'Europe/Amsterdam');
    reading.date = 'changed';
    expect(localDateTime(new Date('2026-03-29T23:00:00Z'), 'Europe/Amsterdam')).toEqual({ date: '2026-03-30', minuteOfDay: 60, isoWeekday: 1 });
    expect(localDateTime(new Date('2026-03-29T23:00:00Z'), 'America/New_York')).toEqual({ date: '2026-03-29', minuteOfDay: 1140, isoWeekday: 7 });
    expect(() => localDateTime(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => localDateTime(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
  });

  it('adds days, months and years the way PostgreSQL does, and refuses what is not a date', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('tomorrow', 1)).toThrow(RangeError);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate(' 2024-02-29')).toBe(false);
  });

  it('reads dates digit by digit exactly as the calendar of Date does, century leap rules and years 0–99 included', () => {
    // calendarParts reads YYYY-MM-DD without a regular expression or a Date: check it against Date
    // (the proleptic Gregorian calendar, as PostgreSQL's), years 0–99 and century leap years included.
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    for (const [from, to] of [
      [0, 104],
      [1596, 1604],
      [1896, 2104],
      [2396, 2404],
    ] as const) {
      for (let year = from; year <= to; year++) {
        for (let month = 1; month <= 12; month++) {
          for (let day = 1; day <= 31; day++) {
            const date = new Date(Date.UTC(2000, month - 1, day));
            date.setUTCFullYear(year);
            const real = date.getUTCMonth() === month - 1;
            const written = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
            expect(parseLocalDate(written), written).toBe(real ? written : undefined);
            if (real) {
              expect(addDays(written, 0)).toBe(written);
              expect(addDays(addDays(written, 1), -1)).toBe(written);
            }
          }
        }
      }
    }
    for (const value of ['2026-00-10', '2026-01-00', '2026-1-01', '2026-01-1', '2026/01/01', '2026-01-01x', '２０２６-01-01', '2026-0a-01', '+026-01-01', '2026--1-01', '']) {
      expect(parseLocalDate(value), value).toBeUndefined();
      expect(() => addDays(value, 0), value).toThrow(RangeError);
    }
    expect(parseLocalDate(' 2024-02-29 ')).toBe('2024-02-29');
  });

  it('checks a date a caller gave with BAD_USER_INPUT naming the field', () => {
    expect(requireLocalDate('2026-04-30', 'since')).toBe('2026-04-30');
    for (const value of ['2026-04-31', ' 2026-04-30', 20260430, null]) {
      expect(() => requireLocalDate(value, 'since')).toThrow(GraphQLError);
      try {
        requireLocalDate(value, 'since');
      } catch (error) {
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
      }
    }
  });

  it('tells whether inclusive periods of days hold or overlap', () => {
    expect(isCurrent({ since: '2026-01-01', until: '2026-01-31' }, '2026-01-31')).toBe(true);
    expect(isCurrent({ since: '2026-01-01', until: null }, '2025-12-31')).toBe(false);
    expect(overlaps({ since: '2026-01-01', until: '2026-01-31' }, { since: '2026-01-31' })).toBe(true);
    expect(overlaps({ since: '2026-01-01', until: '2026-01-30' }, { since: '2026-01-31' })).toBe(false);
  });

  it('reads times of day and daily windows that may cross midnight', () => {
    expect(parseTimeOfDay('23:00')).toBe(1380);
    expect(() => parseTimeOfDay('24:00')).toThrow(RangeError);
    for (const value of ['7:00', '07:60', '07:0a', '07-00', '07:000', '０7:00', ' 07:00', '']) expect(() => parseTimeOfDay(value), value).toThrow(RangeError);
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(isInDailyWindow(parseTimeOfDay('06:59'), 1380, 420)).toBe(true);
    expect(isInDailyWindow(parseTimeOfDay('07:00'), 1380, 420)).toBe(false);
    expect(isInDailyWindow(600, 600, 600)).toBe(false);
  });
});
