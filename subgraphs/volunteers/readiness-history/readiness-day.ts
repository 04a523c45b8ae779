/**
 * The volunteers' figures of the daily readiness snapshot of a municipality
 * (table `volunteers.readiness_day`; common/readiness-days.ts for how it is
 * taken and kept): registered volunteers, the fewest alertable in any day
 * hour and any night hour of the date (the eligibility rule, as
 * `alertableVolunteerCountsByHour`), and how many of today's alertable
 * volunteers lapse within three months unless they renew (as
 * `certificateLapseForecast`). Counts only: no volunteer is named.
 */
import { lowestByDayAndNight } from '../../../common/readiness-history.ts';
import { takeReadinessSnapshots, type ReadinessDayTable, type SnapshotRun } from '../../../common/readiness-days.ts';
import type { SubgraphRuntime } from '../../../common/subgraph-server.ts';
import { alertableCountsByHourOf } from '../candidates/weekly-alertability.service.ts';
import { allMunicipalitySettings } from '../peers.ts';
import { regionGracePeriods, ruleClassesOfMunicipalities, type RuleRosterEntry } from '../registration/volunteer-roster.ts';
import { ruleWindowsOver, type DateSpan, type RuleWindows } from '../candidates/rule-windows.ts';
import { mondayOf } from '../../../common/week.ts';
import { addDays, addMonths, type LocalDate } from '../../../common/zoned-time.ts';
import { VolunteerStatus } from '../registration/volunteer.entity.ts';
import { forecastLapsesOf } from '../renewal/renewal.service.ts';

/** The horizon of the lapse figure, in months. */
export const LAPSE_HORIZON_MONTHS = 3;

export interface VolunteerReadinessFigures {
  volunteerCount: number;
  alertableByDay: number;
  alertableAtNight: number;
  lapsingWithinThreeMonths: number;
}

export const VOLUNTEER_READINESS_DAYS: ReadinessDayTable<VolunteerReadinessFigures> = {
  name: 'volunteers.readiness_day',
  columns: ['volunteer_count', 'alertable_by_day', 'alertable_at_night', 'lapsing_within_three_months'],
  figuresOf: (row) => ({
    volunteerCount: Number(row.volunteer_count),
    alertableByDay: Number(row.alertable_by_day),
    alertableAtNight: Number(row.alertable_at_night),
    lapsingWithinThreeMonths: Number(row.lapsing_within_three_months),
  }),
  columnsOf: (figures) => ({
    volunteer_count: figures.volunteerCount,
    alertable_by_day: figures.alertableByDay,
    alertable_at_night: figures.alertableAtNight,
    lapsing_within_three_months: figures.lapsingWithinThreeMonths,
  }),
};

/** The span of `dates` widened by `days` at both ends. */
function spanOf(dates: readonly LocalDate[], days: number): DateSpan {
  const sorted = [...dates].sort();
  return { from: addDays(sorted[0]!, -days), to: addDays(sorted[sorted.length - 1]!, days) };
}

/**
 * The clamp windows of a batch (candidates/rule-windows.ts): the hours
 * counted are those of the week of each municipality's date, read on each
 * volunteer's clock (a day of margin either side); the lapse forecast asks
 * about ages today and about certificates from today to the horizon, today
 * on the volunteer's clock (again a day of margin).
 */
export function snapshotWindowsOf(dates: readonly LocalDate[], graceDays: readonly number[]): { alertable: RuleWindows; standing: RuleWindows } {
  const week = spanOf(
    dates.flatMap((date) => [mondayOf(date), addDays(mondayOf(date), 6)]),
    1,
  );
  const today = spanOf(dates, 1);
  return {
    alertable: ruleWindowsOver({ birth: week, certificate: week }, graceDays),
    standing: ruleWindowsOver({ birth: today, certificate: { from: today.from, to: addMonths(today.to, LAPSE_HORIZON_MONTHS) } }, graceDays),
  };
}

/**
 * A municipality's figures of `date` at `now` from its registered volunteers
 * as classes (`ruleClassesOfMunicipalities`, read with
 * {@link snapshotWindowsOf} of the date) or one entry each (both lists the
 * whole roster): the same rule functions as the queries either way.
 */
export async function volunteerFiguresOf(
  roster: { alertable: readonly (RuleRosterEntry & { volunteer: { status: VolunteerStatus }; count?: number })[]; standing: readonly (RuleRosterEntry & { count?: number })[] },
  date: LocalDate,
  now: Date,
): Promise<VolunteerReadinessFigures> {
  // As alertableCountsByHour: active volunteers only; the lapse forecast leaves out the others itself.
  const byHour = await alertableCountsByHourOf(
    roster.alertable.filter((entry) => entry.volunteer.status === VolunteerStatus.ACTIVE),
    date,
  );
  const lowest = lowestByDayAndNight(byHour, date);
  return {
    volunteerCount: roster.alertable.reduce((sum, entry) => sum + (entry.count ?? 1), 0),
    alertableByDay: lowest.day,
    alertableAtNight: lowest.night,
    lapsingWithinThreeMonths: forecastLapsesOf(roster.standing, now, [LAPSE_HORIZON_MONTHS])[0]!.count,
  };
}

/**
 * Takes today's snapshot of every municipality that has none yet (once per
 * date; see common/readiness-days.ts). A batch of municipalities is read in
 * one statement as classes of volunteers the rule cannot tell apart on the
 * dates concerned, with their counts (`ruleClassesOfMunicipalities`), and
 * all three figures come from those classes through the same rule
 * functions as the queries.
 */
export async function takeVolunteerReadinessSnapshots(runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers' | 'logger'>, now: Date): Promise<SnapshotRun> {
  const municipalities = await allMunicipalitySettings(runtime.peers);
  return takeReadinessSnapshots({
    em: runtime.orm.em,
    table: VOLUNTEER_READINESS_DAYS,
    municipalities,
    now,
    logger: runtime.logger,
    // The register is read in one pass whatever the municipalities: once for all of them.
    batchSize: municipalities.length,
    figuresOfBatch: async (missing) => {
      const graces = await regionGracePeriods(runtime.orm.em);
      const classes = await ruleClassesOfMunicipalities(
        runtime.orm.em,
        missing.map(({ municipality }) => municipality.id),
        snapshotWindowsOf(
          missing.map(({ date }) => date),
          [...graces.values()],
        ),
        graces,
      );
      const figures = new Map<string, VolunteerReadinessFigures>();
      for (const { municipality, date } of missing) {
        const id = municipality.id.toLowerCase();
        figures.set(id, await volunteerFiguresOf(classes.get(id) ?? { alertable: [], standing: [] }, date, now));
      }
      return figures;
    },
  });
}
