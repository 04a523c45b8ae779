/**
 * The counts the daily readiness snapshot takes of a municipality's AEDs
 * (readiness-history/readiness-day.ts), against their definitions: per hour
 * of the week, each AED judged by the week's rule on its own clock; "24/7",
 * each AED ready now and open around the clock.
 */
import { describe, expect, it } from 'vitest';
import { HOURS_PER_WEEK, hasHour } from '../../../common/week.ts';
import { addDays } from '../../../common/zoned-time.ts';
import { readinessFactsOf, type AedRuleInputs } from '../registry/aed.facts.ts';
import { assessReadiness } from '../readiness/readiness.ts';
import { readinessPolicy } from '../readiness/settings.ts';
import { twentyFourSevenCountOf } from '../readiness/twenty-four-seven.ts';
import { dispatchableCountsByHour } from './weekly-availability.service.ts';
import { weeklyAvailability } from './weekly-availability.ts';

// The week New York's clocks go forward (Sunday 8 March 2026) and Europe's do not.
const DAY = '2026-03-04';
const NOW = new Date('2026-03-04T12:00:00Z');

/** AEDs on three clocks, with office, night and round-the-clock schedules, some expired or unchecked. */
function aeds(): AedRuleInputs[] {
  const list: AedRuleInputs[] = [];
  const zones: [string, string, number, number][] = [
    ['Europe/Amsterdam', 'NL', 51.56, 5.19],
    ['Europe/London', 'GB', 51.5, -0.12],
    ['America/New_York', 'US', 40.7, -74],
  ];
  for (const [timeZone, countryCode, latitude, longitude] of zones) {
    for (const availabilitySchedule of ['24/7', 'Mo-Fr 08:00-18:00', 'Mo-Su 22:00-06:00', null]) {
      for (const padsExpireOn of [addDays(DAY, 400), addDays(DAY, 2), addDays(DAY, -3)]) {
        list.push({
          latitude,
          longitude,
          timeZone,
          countryCode,
          availabilitySchedule,
          batteryExpiresOn: null,
          padsExpireOn,
          lastCheckedOn: addDays(DAY, -1),
          operational: true,
          stoodDownAt: null,
          access: 'PUBLIC',
          cabinetLocked: false,
          cabinetCodeKnown: false,
        } as AedRuleInputs);
      }
    }
  }
  return list;
}

describe('the daily snapshot’s AED counts', () => {
  it('counts each hour of the week the AEDs the week’s rule finds dispatchable on their own clocks', async () => {
    const list = aeds();
    const counts = await dispatchableCountsByHour(list, DAY, readinessPolicy());
    const expected = new Array<number>(HOURS_PER_WEEK).fill(0);
    for (const aed of list) {
      const hours = weeklyAvailability(DAY, aed.timeZone, readinessPolicy()).dispatchableHours(readinessFactsOf(aed));
      for (let hour = 0; hour < HOURS_PER_WEEK; hour++) if (hasHour(hours, hour)) expected[hour]! += 1;
    }
    expect(counts).toEqual(expected);
    // The test can tell the clocks apart: every AED's week read on Amsterdam's clock counts differently.
    const onOneClock = new Array<number>(HOURS_PER_WEEK).fill(0);
    for (const aed of list) {
      const hours = weeklyAvailability(DAY, 'Europe/Amsterdam', readinessPolicy()).dispatchableHours(readinessFactsOf(aed));
      for (let hour = 0; hour < HOURS_PER_WEEK; hour++) if (hasHour(hours, hour)) onOneClock[hour]! += 1;
    }
    expect(onOneClock).not.toEqual(expected);
  });

  it('counts as 24/7 the AEDs ready now whose schedule never closes', () => {
    const list = aeds();
    const policy = readinessPolicy();
    const expected = list.filter((aed) => aed.availabilitySchedule === '24/7' && assessReadiness(readinessFactsOf(aed), NOW, policy).dispatchable).length;
    expect(expected).toBe(6);
    expect(twentyFourSevenCountOf(list, NOW)).toBe(expected);
  });
});
