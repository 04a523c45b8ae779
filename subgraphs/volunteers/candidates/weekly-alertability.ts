/**
 * The eligibility rule over the 168 hours of a week (common/week.ts): in
 * which hours a volunteer is alertable, and in which hours a WORK position
 * is where they are. What readiness (alertable volunteers per hour, and
 * six-minute coverage in the incidents subgraph) is built on.
 *
 * The rule itself (`alertabilityOfCandidate`, i.e. `evaluateAlertability`)
 * is applied at each hour's start, exactly as the candidate search's
 * re-check applies it to an alert. Evaluating it 168 times for each of tens
 * of thousands of volunteers would take seconds, so the verdicts are kept
 * per class of volunteers the rule cannot tell apart within the week:
 *
 * - the date of birth only matters through "18 on this local day"; someone
 *   who is 18 on the week's first local day is 18 on all of them, someone
 *   who is not 18 on its last is 18 on none, so only a birthday inside the
 *   week keeps its own class;
 * - likewise the certificate's last alertable day (valid-until plus grace)
 *   only matters when it falls inside the week;
 * - every other input (zone, status, duty, quiet hours) is part of the class
 *   as it is, so an input added to the eligibility copy later is too.
 *
 * The first volunteer of a class is judged by the rule at every hour and
 * the others share the verdicts. weekly-alertability.spec.ts checks the
 * result against the rule applied to each volunteer at each hour.
 */
import { HOURS_PER_WEEK, mondayOf, weekMaskOf, weekSlotStarts, type WeekMask } from '../../../common/week.ts';
import { alertabilityOfCandidate, type CandidateEligibility } from './candidate-positions.ts';
import { isAdultOn } from './eligibility.ts';
import { addDays, localDateTime, MINUTES_PER_DAY, type LocalDate } from '../../../common/zoned-time.ts';

/** The first and last local dates of the week's hours in one time zone. */
interface WeekDates {
  first: LocalDate;
  last: LocalDate;
}

/**
 * The rule over the hours of one week, with its verdicts kept per class of
 * volunteers (see the module comment). One instance per week; it grows with
 * the number of classes, which stays small whatever the number of volunteers.
 */
export class WeeklyAlertability {
  private readonly masksByClass = new Map<string, WeekMask>();
  private readonly datesByZone = new Map<string, WeekDates>();
  private readonly minutesByZone = new Map<string, Int32Array>();
  private readonly workMasks = new Map<string, WeekMask>();

  /** @param hourStarts the start instants of the week's hours (`weekSlotStarts`). */
  constructor(readonly hourStarts: readonly Date[]) {
    if (hourStarts.length !== HOURS_PER_WEEK) throw new RangeError(`A week has ${HOURS_PER_WEEK} hours, not ${hourStarts.length}.`);
  }

  private datesIn(timeZone: string): WeekDates {
    let dates = this.datesByZone.get(timeZone);
    if (!dates) {
      dates = {
        first: localDateTime(this.hourStarts[0]!, timeZone).date,
        last: localDateTime(this.hourStarts[HOURS_PER_WEEK - 1]!, timeZone).date,
      };
      this.datesByZone.set(timeZone, dates);
    }
    return dates;
  }

  /** The class of an eligibility copy: what the rule can tell apart within this week. */
  private classOf(eligibility: CandidateEligibility): string {
    const { dateOfBirth, certificateValidUntil, certificateGraceDays, ...rest } = eligibility;
    const { first, last } = this.datesIn(eligibility.timeZone);
    const age = isAdultOn(dateOfBirth, first) ? 'adult' : isAdultOn(dateOfBirth, last) ? `birthday ${dateOfBirth}` : 'minor';
    let certificate: string;
    if (certificateValidUntil === null) certificate = 'none';
    else {
      const through = addDays(certificateValidUntil, certificateGraceDays);
      certificate = through >= last ? 'valid' : through < first ? 'lapsed' : `through ${through}`;
    }
    return JSON.stringify([rest, age, certificate]);
  }

  /** How many classes have been judged so far. */
  get classCount(): number {
    return this.masksByClass.size;
  }

  /** The hours of the week in which the rule finds a volunteer with this eligibility copy alertable. */
  alertableHours(eligibility: CandidateEligibility): WeekMask {
    const key = this.classOf(eligibility);
    let mask = this.masksByClass.get(key);
    if (!mask) {
      mask = weekMaskOf((hour) => alertabilityOfCandidate(eligibility, this.hourStarts[hour]!).alertable);
      this.masksByClass.set(key, mask);
    }
    return mask;
  }

  /** Minutes since local Monday 00:00 at each hour's start, as the candidate search reads work hours. */
  private minutesOfWeekIn(timeZone: string): Int32Array {
    let minutes = this.minutesByZone.get(timeZone);
    if (!minutes) {
      minutes = Int32Array.from(this.hourStarts, (start) => {
        const local = localDateTime(start, timeZone);
        return (local.isoWeekday - 1) * MINUTES_PER_DAY + local.minuteOfDay;
      });
      this.minutesByZone.set(timeZone, minutes);
    }
    return minutes;
  }

  /**
   * The hours in which a WORK position counts: its weekly hours as stored in
   * the search table (`int4multirange` text of minutes since Monday 00:00,
   * e.g. `{[510,1020),[1950,2460)}`), read on the clock of `timeZone` as the
   * candidate search does.
   */
  workHours(weeklyHours: string, timeZone: string): WeekMask {
    const key = `${timeZone}\u0000${weeklyHours}`;
    let mask = this.workMasks.get(key);
    if (!mask) {
      const ranges = parseMinuteRanges(weeklyHours);
      const minutes = this.minutesOfWeekIn(timeZone);
      mask = weekMaskOf((hour) => ranges.some(([from, to]) => minutes[hour]! >= from && minutes[hour]! < to));
      this.workMasks.set(key, mask);
    }
    return mask;
  }
}

const weeks = new Map<string, WeeklyAlertability>();

/**
 * The rule over the week of `weekOf` on the clock of `timeZone`, shared by
 * every request of the process, so a class judged once is not judged again.
 */
export function weeklyAlertability(weekOf: string, timeZone: string): WeeklyAlertability {
  const key = `${mondayOf(weekOf)} ${timeZone}`;
  let weekly = weeks.get(key);
  // Classes are few (birthdays and expiries inside the week); start afresh should data ever make them many.
  if (weekly && weekly.classCount > 20_000) weekly = undefined;
  if (!weekly) {
    weekly = new WeeklyAlertability(weekSlotStarts(weekOf, timeZone));
    weeks.set(key, weekly);
    if (weeks.size > 32) weeks.delete(weeks.keys().next().value!);
  }
  return weekly;
}

/** `{[510,1020),[1950,2460)}` (PostgreSQL's canonical int4multirange text) as half-open ranges. */
export function parseMinuteRanges(multirange: string): [number, number][] {
  const text = multirange.trim();
  if (!/^\{.*\}$/.test(text)) throw new RangeError(`Not a multirange: ${multirange}`);
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(/([[(])(-?\d*),(-?\d*)([\])])/g)) {
    const [, open, low, high, close] = match;
    // int4 ranges are canonical [low,high); anything else is converted to it.
    const from = low === '' ? -Infinity : Number(low) + (open === '(' ? 1 : 0);
    const to = high === '' ? Infinity : Number(high) + (close === ']' ? 1 : 0);
    ranges.push([from, to]);
  }
  return ranges;
}
