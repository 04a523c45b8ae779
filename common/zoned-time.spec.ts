import { describe, expect, it } from 'vitest';
import { addDays, constantOffsetSpans, daysBetween, isTimeZone, localDateOf, parseIsoDate, utcOffsetMinutes } from './zoned-time.ts';

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
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(parseIsoDate('2026-02-29')).toBeUndefined();
    expect(parseIsoDate('2026-13-01')).toBeUndefined();
    expect(parseIsoDate('26-01-01')).toBeUndefined();
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
