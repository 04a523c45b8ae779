/**
 * The weekly verdicts must be exactly the rule's at every hour, whatever the
 * classes they are kept by: checked against `assessReadiness` applied hour by
 * hour, on AEDs built to sit on every edge the classes cut along (expiries
 * and checks running out inside the week, office, night and holiday
 * schedules, a sunset schedule at two places, a daylight-saving week).
 */
import { describe, expect, it } from 'vitest';
import { hasHour, weekMaskOf, weekMaskToHex, weekSlotStarts } from '../../../common/week.ts';
import { assessReadiness, type AedReadinessFacts } from '../readiness/readiness.ts';
import { WeeklyAvailability } from './weekly-availability.ts';
import { addDays } from '../../../common/zoned-time.ts';

const SCHEDULES = ['24/7', 'Mo-Fr 08:00-18:00', 'Mo-Fr 08:00-18:00; PH off', 'Mo-Su 22:00-06:00', 'sunset-sunrise', null];
const PLACES = [
  { latitude: 51.56, longitude: 5.19 },
  { latitude: 53.2, longitude: 6.56 },
];

/** A ready public AED, open around the clock, with `overrides`. */
function aed(day: string, overrides: Partial<AedReadinessFacts> = {}): AedReadinessFacts {
  return {
    batteryExpiresOn: null,
    padsExpireOn: addDays(day, 500),
    lastCheckedOn: addDays(day, -1),
    stoodDown: false,
    operational: true,
    access: 'PUBLIC',
    lockedWithoutCode: false,
    schedule: '24/7',
    location: { timeZone: 'Europe/Amsterdam', countryCode: 'NL', position: PLACES[0] },
    ...overrides,
  };
}

function* aeds(day: string): Generator<AedReadinessFacts> {
  for (const schedule of SCHEDULES) {
    for (const expiry of [null, -1, 2, 7, 300]) {
      for (const checked of [null, -120, -91, -84, -1]) {
        yield aed(day, {
          batteryExpiresOn: expiry === null ? null : addDays(day, expiry),
          lastCheckedOn: checked === null ? null : addDays(day, checked),
          schedule,
        });
      }
    }
  }
  // The sun sets later in the north-east: same schedule, another place.
  yield aed(day, { schedule: 'sunset-sunrise', location: { timeZone: 'Europe/Amsterdam', countryCode: 'NL', position: PLACES[1] } });
  yield aed(day, { stoodDown: true });
  yield aed(day, { access: 'PRIVATE', padsExpireOn: addDays(day, 3) });
  yield aed(day, { lockedWithoutCode: true });
  yield aed(day, { operational: false });
}

describe('weekly availability', () => {
  // Whit Monday 2026 (a public holiday) falls on 25 May; clocks go forward on 29 March.
  for (const weekOf of ['2026-05-27', '2026-03-25']) {
    it(`gives the rule's verdict at every hour of the week of ${weekOf}`, () => {
      const starts = weekSlotStarts(weekOf, 'Europe/Amsterdam');
      for (const policy of [{ maxCheckAgeDays: 90 }, { maxCheckAgeDays: null }]) {
        const weekly = new WeeklyAvailability(starts, policy);
        for (const facts of aeds(weekOf)) {
          const byTheRule = weekMaskToHex(weekMaskOf((hour) => assessReadiness(facts, starts[hour]!, policy).dispatchable));
          expect(weekMaskToHex(weekly.dispatchableHours(facts)), JSON.stringify(facts)).toBe(byTheRule);
        }
      }
    });
  }

  it('closes an office AED at night and on the public holiday it is off', () => {
    const starts = weekSlotStarts('2026-05-27', 'Europe/Amsterdam');
    const weekly = new WeeklyAvailability(starts, { maxCheckAgeDays: 90 });
    const office = weekly.dispatchableHours(aed('2026-05-27', { schedule: 'Mo-Fr 08:00-18:00; PH off' }));
    expect(hasHour(office, 24 + 10)).toBe(true);
    expect(hasHour(office, 24 + 18)).toBe(false);
    expect(hasHour(office, 24 + 3)).toBe(false);
    // Monday 25 May is Whit Monday.
    expect(hasHour(office, 10)).toBe(false);
  });
});
