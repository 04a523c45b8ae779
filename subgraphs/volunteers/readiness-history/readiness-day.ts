/**
 * The volunteers' figures of the daily readiness snapshot of a municipality
 * (table `volunteers.readiness_day`; common/readiness-days.ts for how it is
 * taken and kept): registered volunteers, the fewest alertable in any day
 * hour and any night hour of the date (the eligibility rule, as
 * `alertableVolunteerCountsByHour`), and how many of today's alertable
 * volunteers lapse within three months unless they renew (as
 * `certificateLapseForecast`). Counts only: no volunteer is named.
 */
import { serviceContext } from '../../../common/context.ts';
import { lowestByDayAndNight } from '../../../common/readiness-history.ts';
import { takeReadinessSnapshots, type ReadinessDayTable, type SnapshotRun } from '../../../common/readiness-days.ts';
import type { SubgraphRuntime } from '../../../common/subgraph-server.ts';
import type { LocalDate } from '../../../common/zoned-time.ts';
import { alertableCountsByHour } from '../candidates/weekly-alertability.service.ts';
import { volunteerCountsOfMunicipality } from '../loaders.ts';
import { allMunicipalitySettings } from '../peers.ts';
import { forecastLapses } from '../renewal/renewal.service.ts';

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

/** Takes today's snapshot of every municipality that has none yet (once per date; see common/readiness-days.ts). */
export async function takeVolunteerReadinessSnapshots(runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers' | 'logger'>, now: Date): Promise<SnapshotRun> {
  const municipalities = await allMunicipalitySettings(runtime.peers);
  return takeReadinessSnapshots({
    em: runtime.orm.em,
    table: VOLUNTEER_READINESS_DAYS,
    municipalities,
    now,
    logger: runtime.logger,
    figuresOf: async (municipality, date: LocalDate) => {
      const context = serviceContext(runtime, 'volunteers');
      const [counts, byHour, [lapses]] = await Promise.all([
        volunteerCountsOfMunicipality(context).load(municipality.id),
        alertableCountsByHour(context.em.fork(), [municipality.id], date),
        forecastLapses(context.em.fork(), [municipality.id], now, [LAPSE_HORIZON_MONTHS]),
      ]);
      const alertable = lowestByDayAndNight(byHour, date);
      return {
        volunteerCount: counts.registered,
        alertableByDay: alertable.day,
        alertableAtNight: alertable.night,
        lapsingWithinThreeMonths: lapses!.count,
      };
    },
  });
}
