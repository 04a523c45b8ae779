/**
 * The council's "dispatchable 24/7": AEDs ready now whose schedule never
 * closes in the coming year. Counted for `twentyFourSevenAedCount` and its
 * share, and for the daily readiness snapshot.
 */
import { loader, type RequestContext } from '../../../common/context.ts';
import { AvailabilityScheduleError, weeklyOpenHours } from '../availability/availability.ts';
import { aedsByMunicipality } from '../loaders.ts';
import { availabilityContextOf, readinessFactsOf, type AedRuleInputs } from '../registry/aed.facts.ts';
import { assessReadiness } from './readiness.ts';
import { readinessPolicy } from './settings.ts';

/**
 * Whether an AED can be reached around the clock for the coming year. Many
 * AEDs share a schedule ("24/7"), so the answer is kept in `answers` per
 * schedule, zone and country (for a request, or a whole snapshot).
 */
function openAroundTheClock(answers: Map<string, boolean>, aed: AedRuleInputs, now: Date): boolean {
  if (aed.availabilitySchedule === null) return false;
  const key = [aed.availabilitySchedule, aed.timeZone, aed.countryCode].join('\u0000');
  let answer = answers.get(key);
  if (answer === undefined) {
    try {
      answer = weeklyOpenHours(aed.availabilitySchedule, availabilityContextOf(aed), now).twentyFourSeven;
    } catch (error) {
      // A schedule that cannot be evaluated here is not open around the clock (readiness says SCHEDULE_INVALID).
      if (!(error instanceof AvailabilityScheduleError)) throw error;
      answer = false;
    }
    answers.set(key, answer);
  }
  return answer;
}

/** How many of `aeds` are ready now and open around the clock; `answers` keeps each schedule's answer across calls. */
export function twentyFourSevenCountOf(aeds: readonly AedRuleInputs[], now: Date, answers: Map<string, boolean> = new Map()): number {
  const policy = readinessPolicy();
  // The schedule's answer first: it is kept per schedule, where the readiness of each AED open around the clock is judged on its own.
  return aeds.filter((aed) => openAroundTheClock(answers, aed, now) && assessReadiness(readinessFactsOf(aed), now, policy).dispatchable).length;
}

/** AEDs ready now (batteries, pads, checks, not stood down) whose schedule never closes: the council's "dispatchable 24/7". */
export async function twentyFourSevenAeds(context: RequestContext, municipalityId: string, now: Date = new Date()): Promise<{ count: number; total: number }> {
  const aeds = await aedsByMunicipality(context).load(municipalityId);
  const answers = loader(context, 'openAroundTheClock', () => new Map<string, boolean>());
  return { count: twentyFourSevenCountOf(aeds, now, answers), total: aeds.length };
}
