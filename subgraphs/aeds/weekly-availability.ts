/**
 * The readiness rule over the 168 hours of a week (common/week.ts): in which
 * hours an AED may be sent to a cardiac arrest. What six-minute coverage in
 * the incidents subgraph, and the per-hour count of dispatchable AEDs, are
 * built on.
 *
 * The rule itself (`assessReadiness`, schedule included) is applied at each
 * hour's start, as dispatch applies it at the instant of an alert. Parsing
 * and evaluating an `opening_hours` schedule 168 times for each of thousands
 * of AEDs would take seconds, so the verdicts are kept per class of AEDs the
 * rule cannot tell apart within the week:
 *
 * - a battery or pads expiry date only matters through "before this local
 *   day": one before the week's first local day is expired all week, one on
 *   or after its last is valid all week, only one inside the week keeps its
 *   own class; the same for the last guardian check and the check interval;
 * - the position only matters to schedules that follow the sun (sunrise,
 *   sunset, dawn, dusk); the class keeps it whenever the schedule so much as
 *   mentions one (a finer class is never wrong, only slower);
 * - every other fact (schedule, zone, country, access, cabinet, state) is
 *   part of the class as it is, so a fact added to readiness later is too.
 *
 * The first AED of a class is judged by the rule at every hour and the
 * others share the verdicts. weekly-availability.spec.ts checks the result
 * against the rule applied to each AED at each hour.
 */
import { HOURS_PER_WEEK, mondayOf, weekMaskOf, weekSlotStarts, type WeekMask } from '../../common/week.ts';
import { assessReadiness, type AedReadinessFacts, type ReadinessPolicy } from './readiness.ts';
import { daysBetween, localDateOf, type IsoDate } from './zoned-time.ts';

/** Schedules that may depend on where the AED stands (a superset of those that do). */
const MAY_FOLLOW_THE_SUN = /sun|dawn|dusk/i;

interface WeekDates {
  first: IsoDate;
  last: IsoDate;
}

/** Where a date lies against the week: before it, inside it (itself), or on or after its last day. */
function dateClass(date: IsoDate | null, { first, last }: WeekDates): string {
  if (date === null) return 'none';
  return date < first ? 'before' : date >= last ? 'from-last' : date;
}

/**
 * The readiness rule over the hours of one week, with its verdicts kept per
 * class of AEDs (see the module comment). One instance per week and policy.
 */
export class WeeklyAvailability {
  private readonly masksByClass = new Map<string, WeekMask>();
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

  /** The class of an AED's facts: what the rule can tell apart within this week. */
  private classOf(facts: AedReadinessFacts): string {
    const { batteryExpiresOn, padsExpireOn, lastCheckedOn, location, ...rest } = facts;
    const dates = this.datesIn(location.timeZone);
    let check: string;
    const maxAge = this.policy.maxCheckAgeDays;
    if (maxAge === null) check = 'not required';
    else if (lastCheckedOn === null) check = 'never';
    // Overdue on a day when more than maxAge days have passed since the check.
    else check = daysBetween(lastCheckedOn, dates.last) <= maxAge ? 'valid' : daysBetween(lastCheckedOn, dates.first) > maxAge ? 'overdue' : lastCheckedOn;
    const { position, ...place } = location;
    const where = rest.schedule !== null && MAY_FOLLOW_THE_SUN.test(rest.schedule) ? position ?? null : null;
    return JSON.stringify([rest, place, where, dateClass(batteryExpiresOn, dates), dateClass(padsExpireOn, dates), check]);
  }

  /** How many classes have been judged so far. */
  get classCount(): number {
    return this.masksByClass.size;
  }

  /** The hours of the week in which the rule finds an AED with these facts dispatchable. */
  dispatchableHours(facts: AedReadinessFacts): WeekMask {
    const key = this.classOf(facts);
    let mask = this.masksByClass.get(key);
    if (!mask) {
      mask = weekMaskOf((hour) => assessReadiness(facts, this.hourStarts[hour]!, this.policy).dispatchable);
      this.masksByClass.set(key, mask);
    }
    return mask;
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
  // A week's classes are few (schedules × the dates that fall inside it); start afresh should data ever make them many.
  if (weekly && weekly.classCount > 20_000) weekly = undefined;
  if (!weekly) {
    weekly = new WeeklyAvailability(weekSlotStarts(weekOf, timeZone), policy);
    weeks.set(key, weekly);
    if (weeks.size > 32) weeks.delete(weeks.keys().next().value!);
  }
  return weekly;
}
