/**
 * The weekly verdicts must be exactly the rule's at every hour, whatever the
 * classes they are kept by: checked against `alertabilityOfCandidate` and
 * `isWithinWeeklyHours` applied hour by hour, on volunteers built to sit on
 * every edge the classes cut along (18th birthdays and certificate expiries
 * inside the week, quiet hours across midnight, a daylight-saving week, two zones).
 */
import { describe, expect, it } from 'vitest';
import { hasHour, weekMaskOf, weekMaskToHex, weekSlotStarts } from '../../../common/week.ts';
import { alertabilityOfCandidate, isWithinWeeklyHours, weeklyHoursToMultirange, type CandidateEligibility, type WeeklyHours } from './candidate-positions.ts';
import { addDays, addYears } from '../../../common/zoned-time.ts';
import { parseMinuteRanges, WeeklyAlertability } from './weekly-alertability.ts';

const WEEKS = [
  { weekOf: '2026-06-17', timeZone: 'Europe/Amsterdam' },
  // Clocks go forward on Sunday 29 March in Amsterdam.
  { weekOf: '2026-03-25', timeZone: 'Europe/Amsterdam' },
  { weekOf: '2026-11-04', timeZone: 'America/New_York' },
];

function* eligibilities(day: string, timeZone: string): Generator<CandidateEligibility> {
  const quiet = [null, { start: '23:00', end: '07:00' }, { start: '00:00', end: '06:00' }, { start: '13:00', end: '14:30' }];
  const states: [boolean, boolean][] = [
    [true, true],
    [false, true],
    [true, false],
  ];
  for (const [active, onDuty] of states) {
    for (const quietHours of quiet) {
      for (const birthdayShift of [-400, -1, 0, 3, 7]) {
        for (const expiryShift of [null, -1, 0, 3, 7, 200]) {
          for (const certificateGraceDays of [0, 3]) {
            yield {
              timeZone,
              active,
              onDuty,
              dateOfBirth: addYears(addDays(day, birthdayShift), -18),
              certificateValidUntil: expiryShift === null ? null : addDays(day, expiryShift),
              certificateGraceDays,
              quietHours,
            };
          }
        }
      }
    }
  }
}

describe('weekly alertability', () => {
  for (const { weekOf, timeZone } of WEEKS) {
    it(`gives the rule's verdict at every hour of the week of ${weekOf} in ${timeZone}`, () => {
      const starts = weekSlotStarts(weekOf, timeZone);
      const weekly = new WeeklyAlertability(starts);
      let checked = 0;
      for (const eligibility of eligibilities(weekOf, timeZone)) {
        const byTheRule = weekMaskToHex(weekMaskOf((hour) => alertabilityOfCandidate(eligibility, starts[hour]!).alertable));
        expect(weekMaskToHex(weekly.alertableHours(eligibility)), JSON.stringify(eligibility)).toBe(byTheRule);
        checked++;
      }
      expect(checked).toBe(720);
    });
  }

  it('judges a volunteer of another zone at the same instants, on their own clock', () => {
    const starts = weekSlotStarts('2026-06-17', 'Europe/Amsterdam');
    const weekly = new WeeklyAlertability(starts);
    const eligibility: CandidateEligibility = {
      timeZone: 'Europe/London',
      active: true,
      onDuty: true,
      dateOfBirth: '1980-01-01',
      certificateValidUntil: '2027-01-01',
      certificateGraceDays: 0,
      quietHours: { start: '23:00', end: '07:00' },
    };
    const mask = weekly.alertableHours(eligibility);
    // 23:00 in Amsterdam is 22:00 in London: not yet quiet there.
    expect(hasHour(mask, 23)).toBe(true);
    expect(hasHour(mask, 24)).toBe(false);
    expect(hasHour(mask, 7)).toBe(false);
    expect(hasHour(mask, 8)).toBe(true);
  });

  it('places WORK positions in the hours the candidate search does', () => {
    const shifts: WeeklyHours[] = [
      [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:30', end: '17:00' })),
      [1, 3, 5, 7].map((day) => ({ day, start: '22:00', end: '06:30' })),
      [{ day: 6, start: '08:00', end: '12:00' }],
    ];
    for (const { weekOf, timeZone } of WEEKS) {
      const starts = weekSlotStarts(weekOf, timeZone);
      const weekly = new WeeklyAlertability(starts);
      for (const hours of shifts) {
        const mask = weekly.workHours(weeklyHoursToMultirange(hours), timeZone);
        starts.forEach((start, hour) => expect(hasHour(mask, hour)).toBe(isWithinWeeklyHours(hours, start, timeZone)));
      }
    }
  });

  it('reads multiranges as PostgreSQL writes them', () => {
    expect(parseMinuteRanges('{[510,1020),[1950,2460)}')).toEqual([
      [510, 1020],
      [1950, 2460],
    ]);
    expect(parseMinuteRanges('{}')).toEqual([]);
    expect(() => parseMinuteRanges('[1,2)')).toThrow(RangeError);
  });
});
