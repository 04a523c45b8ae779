import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.ts';
import { change, checkReadinessPeriod, datesOf, firstKeptDate, lowestByDayAndNight, READINESS_HISTORY_DAYS } from './readiness-history.ts';

const codeAndReason = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    const { code, reason, field } = (error as { extensions: Record<string, unknown> }).extensions;
    return { code, reason, field };
  }
  throw new Error('did not throw');
};

describe('checkReadinessPeriod', () => {
  const today = '2026-12-06';

  it('accepts a period within the kept history, today included', () => {
    expect(checkReadinessPeriod('2026-09-06', today, today)).toEqual({ from: '2026-09-06', to: today });
    expect(checkReadinessPeriod(firstKeptDate(today), firstKeptDate(today), today).from).toBe('2023-12-07');
  });

  it('refuses reversed periods, dates to come, dates before the kept history and malformed dates', () => {
    expect(codeAndReason(() => checkReadinessPeriod('2026-12-01', '2026-11-01', today))).toEqual({ code: ErrorCode.BAD_USER_INPUT, reason: 'PERIOD_REVERSED', field: 'from' });
    expect(codeAndReason(() => checkReadinessPeriod('2026-12-01', '2026-12-07', today))).toEqual({ code: ErrorCode.BAD_USER_INPUT, reason: 'PERIOD_IN_FUTURE', field: 'to' });
    expect(codeAndReason(() => checkReadinessPeriod('2023-12-06', today, today))).toEqual({ code: ErrorCode.BAD_USER_INPUT, reason: 'BEYOND_KEPT_HISTORY', field: 'from' });
    expect(codeAndReason(() => checkReadinessPeriod('2026-02-30', today, today))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'from' });
    expect(codeAndReason(() => checkReadinessPeriod('2026-12-01', 'yesterday', today, { from: 'since', to: 'until' }))).toMatchObject({ field: 'until' });
  });

  it('keeps three years of dates', () => {
    expect(READINESS_HISTORY_DAYS).toBe(1096);
    expect(datesOf({ from: firstKeptDate(today), to: today })).toHaveLength(READINESS_HISTORY_DAYS);
  });
});

describe('datesOf', () => {
  it('lists every date, across a month end', () => {
    expect(datesOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});

describe('lowestByDayAndNight', () => {
  it('takes the lowest day hour (07–23) and night hour (23–07) of the date itself, not of the rest of the week', () => {
    const counts = Array.from({ length: 168 }, () => 10);
    // Wednesday 2026-12-09 is day 2 of its week: hours 48–71.
    counts[48 + 3] = 2; // 03:00, night
    counts[48 + 23] = 4; // 23:00, night
    counts[48 + 12] = 5; // noon
    counts[48 + 7] = 6; // 07:00, day
    counts[24 + 12] = 0; // Tuesday noon: another date
    expect(lowestByDayAndNight(counts, '2026-12-09')).toEqual({ day: 5, night: 2 });
  });
});

describe('change', () => {
  it('is until − since, and null across a gap', () => {
    expect(change(3, 5)).toBe(2);
    expect(change(0.5, 0.25)).toBe(-0.25);
    expect(change(null, 5)).toBeNull();
    expect(change(3, undefined)).toBeNull();
  });
});
