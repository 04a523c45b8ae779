import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availabilityAt,
  AvailabilityScheduleError,
  clearScheduleCache,
  isAvailableAt,
  nextChangeAfter,
  openIntervals,
  validateSchedule,
  weeklyOpenHours,
  withDateException,
  type AvailabilityContext,
} from './availability.ts';

const amsterdam: AvailabilityContext = { timeZone: 'Europe/Amsterdam', countryCode: 'NL' };
const officeHours = 'Mo-Fr 08:00-18:00; PH off';
const at = (iso: string) => new Date(iso);

/**
 * The package evaluates in the process's time zone, so the same expectations run
 * with the process set to several zones (Node applies a changed `process.env.TZ`
 * at once): UTC as on servers, zones behind and ahead of Amsterdam, one with a
 * half-hour offset, one with a half-hour daylight-saving shift, and Amsterdam itself.
 */
const processZones: [string, number][] = [
  ['UTC', 0],
  ['America/New_York', 300],
  ['Asia/Kolkata', -330],
  ['Australia/Lord_Howe', -660],
  ['Europe/Amsterdam', -60],
];

describe.each(processZones)('with the process in %s', (processZone, januaryTimezoneOffset) => {
  const originalZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = processZone;
    // Parsed schedules may hold dates built in the previous zone.
    clearScheduleCache();
  });
  afterAll(() => {
    if (originalZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalZone;
    clearScheduleCache();
  });

  it('opens an Amsterdam office-hours AED at 08:00 local time in winter (07:00 UTC)', () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(januaryTimezoneOffset);
    expect(isAvailableAt(officeHours, at('2026-01-14T06:59:59Z'), amsterdam)).toBe(false);
    expect(isAvailableAt(officeHours, at('2026-01-14T07:00:00Z'), amsterdam)).toBe(true);
    expect(isAvailableAt(officeHours, at('2026-01-14T16:59:59Z'), amsterdam)).toBe(true);
    expect(isAvailableAt(officeHours, at('2026-01-14T17:00:00Z'), amsterdam)).toBe(false);
  });

  it('opens it at 08:00 local time in summer (06:00 UTC)', () => {
    expect(isAvailableAt(officeHours, at('2026-07-15T05:59:59Z'), amsterdam)).toBe(false);
    expect(isAvailableAt(officeHours, at('2026-07-15T06:00:00Z'), amsterdam)).toBe(true);
    expect(isAvailableAt(officeHours, at('2026-07-15T15:59:59Z'), amsterdam)).toBe(true);
    expect(isAvailableAt(officeHours, at('2026-07-15T16:00:00Z'), amsterdam)).toBe(false);
  });

  it("closes it on Dutch public holidays: King's Day and Christmas", () => {
    // 27 April 2026 and 25 December 2026 are a Monday and a Friday.
    expect(availabilityAt(officeHours, at('2026-04-27T10:00:00Z'), amsterdam)).toEqual({ state: 'CLOSED', comment: 'Koningsdag' });
    expect(isAvailableAt(officeHours, at('2026-04-28T10:00:00Z'), amsterdam)).toBe(true);
    expect(isAvailableAt(officeHours, at('2026-12-25T10:00:00Z'), amsterdam)).toBe(false);
    // In 2025 King's Day fell on a Sunday and moved to Saturday 26 April.
    expect(isAvailableAt('Sa 10:00-16:00; PH off', at('2025-04-26T10:00:00Z'), amsterdam)).toBe(false);
  });

  it('finds the next opening across the spring and autumn clock changes', () => {
    // Friday 18:00 CET, clocks go forward on Sunday 29 March: Monday 08:00 CEST is 06:00 UTC.
    expect(nextChangeAfter(officeHours, at('2026-03-27T17:30:00Z'), amsterdam)).toEqual(at('2026-03-30T06:00:00Z'));
    // Friday evening CEST, clocks go back on Sunday 25 October: Monday 08:00 CET is 07:00 UTC.
    expect(nextChangeAfter(officeHours, at('2026-10-23T16:30:00Z'), amsterdam)).toEqual(at('2026-10-26T07:00:00Z'));
    // While open, the next change is closing time.
    expect(nextChangeAfter(officeHours, at('2026-03-30T06:00:00Z'), amsterdam)).toEqual(at('2026-03-30T16:00:00Z'));
  });

  it('lists open intervals as real instants across a clock change', () => {
    expect(openIntervals(officeHours, at('2026-03-26T00:00:00Z'), at('2026-03-31T00:00:00Z'), amsterdam)).toEqual([
      { from: at('2026-03-26T07:00:00Z'), to: at('2026-03-26T17:00:00Z'), unknown: false },
      { from: at('2026-03-27T07:00:00Z'), to: at('2026-03-27T17:00:00Z'), unknown: false },
      { from: at('2026-03-30T06:00:00Z'), to: at('2026-03-30T16:00:00Z'), unknown: false },
    ]);
  });

  it('handles the hour that does not exist or happens twice', () => {
    const nightSlot = 'Mo-Su 02:00-03:00';
    // 02:00–03:00 does not exist on 29 March; the slot of 28 March is 01:00–02:00 UTC.
    expect(openIntervals(nightSlot, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'), amsterdam)).toEqual([
      { from: at('2026-03-28T01:00:00Z'), to: at('2026-03-28T02:00:00Z'), unknown: false },
    ]);
    // On 25 October the clock shows 02:00–03:00 for two real hours.
    expect(openIntervals(nightSlot, at('2026-10-25T00:00:00Z'), at('2026-10-26T00:00:00Z'), amsterdam)).toEqual([
      { from: at('2026-10-25T00:00:00Z'), to: at('2026-10-25T02:00:00Z'), unknown: false },
    ]);
  });

  it('treats 24/7 as always open, with 168 hours even in a week with a clock change', () => {
    expect(isAvailableAt('24/7', at('2026-03-29T01:30:00Z'), amsterdam)).toBe(true);
    expect(nextChangeAfter('24/7', at('2026-03-28T00:00:00Z'), amsterdam)).toBeUndefined();
    expect(openIntervals('24/7', at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'), amsterdam)).toEqual([
      { from: at('2026-03-28T00:00:00Z'), to: at('2026-03-30T00:00:00Z'), unknown: false },
    ]);
    expect(weeklyOpenHours('24/7', amsterdam, at('2026-03-27T12:00:00Z'))).toEqual({ openHours: 168, unknownHours: 0, twentyFourSeven: true });
  });

  it('computes sunrise and sunset at the AED, not at the server', () => {
    const withPosition = { ...amsterdam, position: { latitude: 52.37, longitude: 4.9 } };
    const [daylight] = openIntervals('sunrise-sunset', at('2026-01-15T00:00:00Z'), at('2026-01-16T00:00:00Z'), withPosition);
    // Amsterdam, 15 January: sunrise about 08:43 and sunset about 16:56 local time.
    expect(Math.abs(daylight!.from.getTime() - at('2026-01-15T07:43:00Z').getTime())).toBeLessThanOrEqual(2 * 60_000);
    expect(Math.abs(daylight!.to.getTime() - at('2026-01-15T15:56:00Z').getTime())).toBeLessThanOrEqual(2 * 60_000);
  });
});

describe('validateSchedule', () => {
  it('rejects bad syntax with the parser explanation', () => {
    const result = validateSchedule('Mo-Fr 08:00-18:00; Sa 25:00-26:00');
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.message).toMatch(/^Invalid opening_hours schedule "Mo-Fr 08:00-18:00; Sa 25:00-26:00": .*outside of the current day/);
  });

  it('explains that dates are not written 2026-12-25', () => {
    const result = validateSchedule('Mo-Fr 08:00-18:00; 2026-12-25 off');
    expect(result).toMatchObject({ valid: false, message: expect.stringContaining('Dates are written like "2026 Dec 25"') });
  });

  it('rejects an empty schedule', () => {
    expect(validateSchedule('  ')).toMatchObject({ valid: false, message: expect.stringContaining('empty') });
  });

  it('normalizes and warns about a schedule the parser had to correct', () => {
    const result = validateSchedule('Mon-Fri 8-18', { countryCode: 'NL' });
    expect(result).toMatchObject({ valid: true, schedule: 'Mo-Fr 08:00-18:00' });
    if (result.valid) expect(result.warnings.length).toBeGreaterThan(0);
  });

  it('rejects a "correction" that would never open', () => {
    const result = validateSchedule('Mo-Fr 08:00-18:00 geschlossen');
    expect(result).toMatchObject({ valid: false, message: expect.stringContaining('read as "Mo-Fr 08:00-18:00 off"') });
  });

  it('requires a subdivision where holidays exist only per region (GB)', () => {
    const result = validateSchedule(officeHours, { countryCode: 'GB' });
    expect(result).toMatchObject({ valid: false, message: expect.stringContaining('not known for GB without a subdivision') });
    expect(validateSchedule(officeHours, { countryCode: 'GB', subdivision: 'GB-SCT' })).toMatchObject({ valid: true });
    expect(validateSchedule(officeHours, { countryCode: 'gb', subdivision: 'England' })).toMatchObject({ valid: true });
  });

  it('rejects a malformed country code or a subdivision of another country', () => {
    expect(validateSchedule('24/7', { countryCode: 'NLD' })).toMatchObject({ valid: false });
    expect(validateSchedule('24/7', { countryCode: 'NL', subdivision: 'DE-BY' })).toMatchObject({ valid: false });
  });

  it('requires a position for sunrise and sunset', () => {
    expect(validateSchedule('sunrise-sunset', { countryCode: 'NL' })).toMatchObject({ valid: false, message: expect.stringContaining('position') });
    expect(validateSchedule('sunrise-sunset', { countryCode: 'NL', position: { latitude: 52.37, longitude: 4.9 } })).toMatchObject({ valid: true });
  });
});

describe('single-day exceptions', () => {
  it('closes on one date written in opening_hours syntax', () => {
    const schedule = 'Mo-Fr 08:00-18:00; 2026 Dec 24 off';
    expect(validateSchedule(schedule, amsterdam)).toMatchObject({ valid: true });
    expect(isAvailableAt(schedule, at('2026-12-23T10:00:00Z'), amsterdam)).toBe(true);
    expect(isAvailableAt(schedule, at('2026-12-24T10:00:00Z'), amsterdam)).toBe(false);
  });

  it('builds closures and reduced hours from ISO dates', () => {
    expect(withDateException(officeHours, '2026-12-24')).toBe('Mo-Fr 08:00-18:00; PH off; 2026 Dec 24 off');
    const shortDay = withDateException('24/7', '2026-12-31', '10:00-14:00', "New Year's Eve");
    expect(shortDay).toBe('open; 2026 Dec 31 10:00-14:00 open "New Year\'s Eve"');
    expect(validateSchedule(shortDay, amsterdam)).toMatchObject({ valid: true, warnings: [] });
    expect(availabilityAt(shortDay, at('2026-12-31T10:00:00Z'), amsterdam)).toEqual({ state: 'OPEN', comment: "New Year's Eve" });
    expect(isAvailableAt(shortDay, at('2026-12-31T14:00:00Z'), amsterdam)).toBe(false);
    expect(isAvailableAt(shortDay, at('2027-01-01T14:00:00Z'), amsterdam)).toBe(true);
    expect(() => withDateException('24/7', '2026-02-30')).toThrow(RangeError);
  });
});

describe('holidays, states and errors', () => {
  it('uses regional holidays when a subdivision is given', () => {
    // Epiphany (6 January) is a holiday in Bavaria, not in Berlin.
    const schedule = 'Mo-Su 08:00-18:00; PH off';
    const munich = { timeZone: 'Europe/Berlin', countryCode: 'DE', subdivision: 'DE-BY' };
    const berlin = { timeZone: 'Europe/Berlin', countryCode: 'DE', subdivision: 'DE-BE' };
    expect(isAvailableAt(schedule, at('2026-01-06T10:00:00Z'), munich)).toBe(false);
    expect(isAvailableAt(schedule, at('2026-01-06T10:00:00Z'), berlin)).toBe(true);
  });

  it('reports "unknown" and comments, and does not count unknown as available', () => {
    const schedule = 'Mo-Fr 08:00-18:00; Sa 10:00-14:00 unknown "ask at the reception"';
    const saturday = at('2026-06-06T10:00:00Z');
    expect(availabilityAt(schedule, saturday, amsterdam)).toEqual({ state: 'UNKNOWN', comment: 'ask at the reception' });
    expect(isAvailableAt(schedule, saturday, amsterdam)).toBe(false);
    expect(weeklyOpenHours(schedule, amsterdam, saturday)).toEqual({ openHours: 50, unknownHours: 4, twentyFourSeven: false });
  });

  it('counts open hours per week and does not call 24/7 with holidays off 24/7', () => {
    expect(weeklyOpenHours(officeHours, amsterdam, at('2026-06-03T12:00:00Z'))).toEqual({ openHours: 50, unknownHours: 0, twentyFourSeven: false });
    // The week of King's Day loses a day.
    expect(weeklyOpenHours(officeHours, amsterdam, at('2026-04-29T12:00:00Z')).openHours).toBe(40);
    expect(weeklyOpenHours('24/7; PH off', amsterdam, at('2026-06-03T12:00:00Z'))).toMatchObject({ openHours: 168, twentyFourSeven: false });
  });

  it('throws a readable error for a schedule that cannot be evaluated', () => {
    expect(() => isAvailableAt('whenever', at('2026-06-03T12:00:00Z'), amsterdam)).toThrow(AvailabilityScheduleError);
    expect(() => isAvailableAt(officeHours, at('2026-06-03T12:00:00Z'), { timeZone: 'Mars/Olympus_Mons', countryCode: 'NL' })).toThrow(RangeError);
    expect(() => isAvailableAt(officeHours, at('2026-06-03T12:00:00Z'), { timeZone: 'Europe/London', countryCode: 'GB' })).toThrow(/not known for GB/);
    expect(() => isAvailableAt('24/7', new Date(Number.NaN), amsterdam)).toThrow(RangeError);
  });
});

describe('one schedule asked about many AEDs', () => {
  it('answers each AED at its own wall-clock time, however the questions alternate', () => {
    const newYork: AvailabilityContext = { timeZone: 'America/New_York', countryCode: 'US' };
    const losAngeles: AvailabilityContext = { timeZone: 'America/Los_Angeles', countryCode: 'US' };
    // Monday 15:00 UTC: 10:00 in New York, 07:00 in Los Angeles.
    const monday = at('2026-03-02T15:00:00Z');
    for (let round = 0; round < 3; round++) {
      expect(availabilityAt('Mo-Fr 08:00-18:00', monday, newYork).state).toBe('OPEN');
      expect(availabilityAt('Mo-Fr 08:00-18:00', monday, losAngeles).state).toBe('CLOSED');
      expect(availabilityAt('Mo-Fr 08:00-18:00', at('2026-03-02T23:30:00Z'), newYork).state).toBe('CLOSED');
    }
  });
});
