/**
 * The readiness rule over the 168 hours of a week (common/week.ts): in which
 * hours an AED may be sent to a cardiac arrest. What six-minute coverage in
 * the incidents subgraph, and the per-hour count of dispatchable AEDs, are
 * built on.
 *
 * The rule itself (`assessReadiness`) is applied at each hour's start, as
 * dispatch applies it at the instant of an alert. Evaluating `opening_hours`
 * schedules 168 times for each of thousands of AEDs would take seconds, so:
 *
 * 1. The rule lists each reason on its own, and the AED is dispatchable
 *    exactly when there is none. So it is asked twice per hour: about the
 *    schedule alone (an AED with this schedule and place and nothing else
 *    against it, checks not required) and about everything but the schedule
 *    (this AED as if open around the clock, `24/7`). An hour counts when
 *    both answers are yes.
 * 2. Each answer is kept per class of AEDs the rule cannot tell apart within
 *    the week. For the schedule: the schedule, zone and country, and the
 *    position only when the schedule follows the sun (sunrise, sunset, dawn,
 *    dusk; kept whenever the schedule so much as mentions one: a finer class
 *    is never wrong, only slower). For the rest: a battery or pads expiry
 *    only matters through "before this local day", so one before the week's
 *    first local day is expired all week and one on or after its last is
 *    valid all week, and only one inside the week keeps its own class; the
 *    same for the last guardian check against the check interval; every other
 *    fact is part of the class as it is, so one added to readiness later is too.
 *
 * The first AED of a class is judged by the rule at every hour and the
 * others share the verdicts. weekly-availability.spec.ts checks the result
 * against the rule applied to each AED at each hour.
 */
import { HOURS_PER_WEEK, intersectWeekMasks, mondayOf, weekMaskOf, weekSlotStarts, type WeekMask } from '../../../common/week.ts';
import { assessReadiness, type AedReadinessFacts, type ReadinessPolicy } from '../readiness/readiness.ts';
import { daysBetween, localDateOf, type LocalDate } from '../../../common/zoned-time.ts';

/** Schedules that may depend on where the AED stands (a superset of those that do). */
const MAY_FOLLOW_THE_SUN = /sun|dawn|dusk/i;

/** A schedule that is open at every instant: what "everything but the schedule" is judged with. */
const ALWAYS_OPEN = '24/7';

/** Nothing against the AED but its schedule (checks are not required in the policy it is judged with). */
const NOTHING_ELSE = { batteryExpiresOn: null, padsExpireOn: null, lastCheckedOn: null, stoodDown: false, operational: true, access: null, lockedWithoutCode: false };

interface WeekDates {
  first: LocalDate;
  last: LocalDate;
}

/** Where a date lies against the week: before it, inside it (itself), or on or after its last day. */
function dateClass(date: LocalDate | null, { first, last }: WeekDates): string {
  if (date === null) return 'none';
  return date < first ? 'before' : date >= last ? 'from-last' : date;
}

/**
 * The readiness rule over the hours of one week, with its verdicts kept per
 * class of AEDs (see the module comment). One instance per week and policy.
 */
export class WeeklyAvailability {
  private readonly scheduleMasks = new Map<string, WeekMask>();
  private readonly otherMasks = new Map<string, WeekMask>();
  private readonly datesByZone = new Map<string, WeekDates>();

  /** @param hourStarts the start instants of the week's hours (`weekSlotStarts`). */
  constructor(
    readonly hourStarts: readonly Date[],
    readonly policy: ReadinessPolicy,
  ) {
    if (hourStarts.length !== HOURS_PER_WEEK) throw new RangeError(`A week has ${HOURS_PER_WEEK} hours, not ${hourStarts.length}.`);
  }

  private datesIn(timeZone: string): WeekDates {
    let dates = this.datesByZone.get(timeZone);
    if (!dates) {
      dates = { first: localDateOf(this.hourStarts[0]!, timeZone), last: localDateOf(this.hourStarts[HOURS_PER_WEEK - 1]!, timeZone) };
      this.datesByZone.set(timeZone, dates);
    }
    return dates;
  }

  /** How many classes have been judged so far. */
  get classCount(): number {
    return this.scheduleMasks.size + this.otherMasks.size;
  }

  /** The hours in which the schedule alone lets the AED be sent. */
  private scheduleHours(facts: AedReadinessFacts): WeekMask {
    const { position, ...place } = facts.location;
    const where = facts.schedule !== null && MAY_FOLLOW_THE_SUN.test(facts.schedule) ? (position ?? null) : null;
    const key = JSON.stringify([facts.schedule, place, where]);
    let mask = this.scheduleMasks.get(key);
    if (!mask) {
      const alone: AedReadinessFacts = { ...NOTHING_ELSE, schedule: facts.schedule, location: facts.location };
      mask = weekMaskOf((hour) => assessReadiness(alone, this.hourStarts[hour]!, { maxCheckAgeDays: null }).dispatchable);
      this.scheduleMasks.set(key, mask);
    }
    return mask;
  }

  /** The hours in which everything but the schedule lets the AED be sent. */
  private otherHours(facts: AedReadinessFacts): WeekMask {
    const { batteryExpiresOn, padsExpireOn, lastCheckedOn, location, schedule: _schedule, ...rest } = facts;
    const dates = this.datesIn(location.timeZone);
    const maxAge = this.policy.maxCheckAgeDays;
    let check: string;
    if (maxAge === null) check = 'not required';
    else if (lastCheckedOn === null) check = 'never';
    // Overdue on a day when more than maxAge days have passed since the check.
    else check = daysBetween(lastCheckedOn, dates.last) <= maxAge ? 'valid' : daysBetween(lastCheckedOn, dates.first) > maxAge ? 'overdue' : lastCheckedOn;
    const { position: _position, ...place } = location;
    const key = JSON.stringify([rest, place, dateClass(batteryExpiresOn, dates), dateClass(padsExpireOn, dates), check]);
    let mask = this.otherMasks.get(key);
    if (!mask) {
      const openAlways: AedReadinessFacts = { ...facts, schedule: ALWAYS_OPEN };
      mask = weekMaskOf((hour) => assessReadiness(openAlways, this.hourStarts[hour]!, this.policy).dispatchable);
      this.otherMasks.set(key, mask);
    }
    return mask;
  }

  /** The hours of the week in which the rule finds an AED with these facts dispatchable. */
  dispatchableHours(facts: AedReadinessFacts): WeekMask {
    return intersectWeekMasks(this.scheduleHours(facts), this.otherHours(facts));
  }
}

const weeks = new Map<string, WeeklyAvailability>();

/**
 * The rule over the week of `weekOf` on the clock of `timeZone`, shared by
 * every request of the process: a class judged for one municipality's
 * coverage is not judged again for its neighbour's, nor for the next check
 * whether a kept coverage is current.
 */
export function weeklyAvailability(weekOf: string, timeZone: string, policy: ReadinessPolicy): WeeklyAvailability {
  const key = JSON.stringify([mondayOf(weekOf), timeZone, policy]);
  let weekly = weeks.get(key);
  // A week's classes are few (schedules, and the dates that fall inside it); start afresh should data ever make them many.
  if (weekly && weekly.classCount > 20_000) weekly = undefined;
  if (!weekly) {
    weekly = new WeeklyAvailability(weekSlotStarts(weekOf, timeZone), policy);
    weeks.set(key, weekly);
    if (weeks.size > 32) weeks.delete(weeks.keys().next().value!);
  }
  return weekly;
}
