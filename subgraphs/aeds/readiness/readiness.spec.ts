import { describe, expect, it } from 'vitest';
import { assessReadiness, dueReminders, NotReadyReason, validateCheckDate, validateExpiryDate, type AedReadinessFacts } from './readiness.ts';

const ready: AedReadinessFacts = {
  batteryExpiresOn: '2029-06-30',
  padsExpireOn: '2028-01-31',
  lastCheckedOn: '2026-05-01',
  stoodDown: false,
  operational: true,
  schedule: 'Mo-Fr 08:00-18:00; PH off',
  location: { timeZone: 'Europe/Amsterdam', countryCode: 'NL' },
};
// Wednesday 3 June 2026, 12:00 in Amsterdam.
const wednesdayNoon = new Date('2026-06-03T10:00:00Z');

describe('assessReadiness', () => {
  it('dispatches a checked, in-date, open AED', () => {
    expect(assessReadiness(ready, wednesdayNoon)).toEqual({ dispatchable: true, reasons: [] });
  });

  it('counts expiry dates in the AED zone: usable all of the last day', () => {
    const aed = { ...ready, batteryExpiresOn: '2026-06-03', schedule: '24/7' };
    // 23:30 on 3 June in Amsterdam.
    expect(assessReadiness(aed, new Date('2026-06-03T21:30:00Z')).reasons).toEqual([]);
    // 00:30 on 4 June in Amsterdam, still 3 June in UTC.
    expect(assessReadiness(aed, new Date('2026-06-03T22:30:00Z')).reasons).toEqual([NotReadyReason.BATTERY_EXPIRED]);
  });

  it('gives every reason, in a fixed order', () => {
    const aed: AedReadinessFacts = { ...ready, batteryExpiresOn: '2026-01-01', padsExpireOn: '2026-02-01', lastCheckedOn: '2025-01-01', stoodDown: true, operational: false };
    const sundayNoon = new Date('2026-06-07T10:00:00Z');
    expect(assessReadiness(aed, sundayNoon)).toEqual({
      dispatchable: false,
      reasons: [
        NotReadyReason.BATTERY_EXPIRED,
        NotReadyReason.PADS_EXPIRED,
        NotReadyReason.CHECK_OVERDUE,
        NotReadyReason.STOOD_DOWN,
        NotReadyReason.OUT_OF_SERVICE,
        NotReadyReason.CLOSED,
      ],
    });
  });

  it('keeps an AED stood down after use until a guardian confirms it ready', () => {
    expect(assessReadiness({ ...ready, stoodDown: true }, wednesdayNoon).reasons).toEqual([NotReadyReason.STOOD_DOWN]);
  });

  it('drops an AED whose guardian check is overdue, with a configurable interval', () => {
    // 90 days after 5 March 2026 is 3 June: still valid that day.
    expect(assessReadiness({ ...ready, lastCheckedOn: '2026-03-05' }, wednesdayNoon).reasons).toEqual([]);
    expect(assessReadiness({ ...ready, lastCheckedOn: '2026-03-04' }, wednesdayNoon).reasons).toEqual([NotReadyReason.CHECK_OVERDUE]);
    expect(assessReadiness({ ...ready, lastCheckedOn: '2026-05-01' }, wednesdayNoon, { maxCheckAgeDays: 30 }).reasons).toEqual([NotReadyReason.CHECK_OVERDUE]);
    expect(assessReadiness({ ...ready, lastCheckedOn: null }, wednesdayNoon).reasons).toEqual([NotReadyReason.CHECK_OVERDUE]);
    expect(assessReadiness({ ...ready, lastCheckedOn: null }, wednesdayNoon, { maxCheckAgeDays: null }).reasons).toEqual([]);
  });

  it('keeps private AEDs and locked cabinets without a known code out of dispatch', () => {
    expect(assessReadiness({ ...ready, access: 'PRIVATE' }, wednesdayNoon).reasons).toEqual([NotReadyReason.PRIVATE_ACCESS]);
    expect(assessReadiness({ ...ready, access: 'RESTRICTED' }, wednesdayNoon).reasons).toEqual([]);
    expect(assessReadiness({ ...ready, lockedWithoutCode: true }, wednesdayNoon).reasons).toEqual([NotReadyReason.CABINET_CODE_UNKNOWN]);
  });

  it('does not hold unrecorded expiry dates against the AED', () => {
    expect(assessReadiness({ ...ready, batteryExpiresOn: null, padsExpireOn: null }, wednesdayNoon).dispatchable).toBe(true);
  });

  it('follows the schedule: closed at night and on public holidays', () => {
    expect(assessReadiness(ready, new Date('2026-06-03T20:00:00Z')).reasons).toEqual([NotReadyReason.CLOSED]);
    expect(assessReadiness({ ...ready, lastCheckedOn: '2026-12-01' }, new Date('2026-12-25T10:00:00Z')).reasons).toEqual([NotReadyReason.CLOSED]);
  });

  it('separates unknown availability and invalid schedules from closed', () => {
    expect(assessReadiness({ ...ready, schedule: null }, wednesdayNoon).reasons).toEqual([NotReadyReason.AVAILABILITY_UNKNOWN]);
    expect(assessReadiness({ ...ready, schedule: 'Mo-Fr unknown "ask the caretaker"' }, wednesdayNoon).reasons).toEqual([NotReadyReason.AVAILABILITY_UNKNOWN]);
    expect(assessReadiness({ ...ready, schedule: 'when the caretaker is in' }, wednesdayNoon).reasons).toEqual([NotReadyReason.SCHEDULE_INVALID]);
  });
});

describe('dueReminders', () => {
  const now = new Date('2026-06-03T10:00:00Z');

  it('lists expiries and checks due within N days, soonest first', () => {
    const aed = { ...ready, batteryExpiresOn: '2027-01-01', padsExpireOn: '2026-06-23', lastCheckedOn: '2026-03-15' };
    expect(dueReminders(aed, now, 30)).toEqual([
      { kind: 'GUARDIAN_CHECK', dueOn: '2026-06-13', daysLeft: 10, overdue: false },
      { kind: 'PADS_EXPIRY', dueOn: '2026-06-23', daysLeft: 20, overdue: false },
    ]);
    expect(dueReminders(aed, now, 365).map((reminder) => reminder.kind)).toEqual(['GUARDIAN_CHECK', 'PADS_EXPIRY', 'BATTERY_EXPIRY']);
  });

  it('includes what is already overdue and checks never done', () => {
    const aed = { ...ready, batteryExpiresOn: '2026-05-31', lastCheckedOn: null };
    expect(dueReminders(aed, now, 7)).toEqual([
      { kind: 'GUARDIAN_CHECK', dueOn: null, daysLeft: null, overdue: true },
      { kind: 'BATTERY_EXPIRY', dueOn: '2026-05-31', daysLeft: -3, overdue: true },
    ]);
    expect(dueReminders(aed, now, 7, { maxCheckAgeDays: null }).map((reminder) => reminder.kind)).toEqual(['BATTERY_EXPIRY']);
  });
});

describe('date validation', () => {
  const now = new Date('2026-06-03T10:00:00Z');

  it('accepts plausible expiry dates, past ones included', () => {
    expect(validateExpiryDate('2029-06-30', now)).toEqual({ valid: true, date: '2029-06-30' });
    expect(validateExpiryDate('2025-01-31', now)).toEqual({ valid: true, date: '2025-01-31' });
  });

  it('rejects non-dates and dates in the distant past or future', () => {
    expect(validateExpiryDate('2027-02-30', now)).toEqual({ valid: false, message: 'Expiry date "2027-02-30" is not a calendar date written YYYY-MM-DD.' });
    expect(validateExpiryDate('2036-06-04', now, 'Battery expiry date')).toMatchObject({
      valid: false,
      message: expect.stringMatching(/^Battery expiry date 2036-06-04 is more than 10 years in the future/),
    });
    expect(validateExpiryDate('2036-06-03', now).valid).toBe(true);
    expect(validateExpiryDate('2016-06-02', now)).toMatchObject({ valid: false, message: expect.stringContaining('more than 10 years in the past') });
  });

  it('rejects check dates in the future', () => {
    expect(validateCheckDate('2026-06-03', now)).toEqual({ valid: true, date: '2026-06-03' });
    expect(validateCheckDate('2026-06-10', now)).toEqual({ valid: false, message: 'Check date 2026-06-10 is in the future.' });
    expect(validateCheckDate('1926-06-10', now).valid).toBe(false);
  });
});
