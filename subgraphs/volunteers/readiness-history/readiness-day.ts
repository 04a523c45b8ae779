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
import { ruleRosterOfMunicipalities } from '../registration/volunteer-roster.ts';
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

/**
 * Takes today's snapshot of every municipality that has none yet (once per
 * date; see common/readiness-days.ts). A batch of municipalities is read in
 * one go (their volunteers with the rule's columns alone, no entities), and
 * all three figures come from that one read.
 */
export async function takeVolunteerReadinessSnapshots(runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers' | 'logger'>, now: Date): Promise<SnapshotRun> {
  const municipalities = await allMunicipalitySettings(runtime.peers);
  return takeReadinessSnapshots({
    em: runtime.orm.em,
    table: VOLUNTEER_READINESS_DAYS,
    municipalities,
    now,
    logger: runtime.logger,
    figuresOfBatch: async (missing) => {
      const rosters = await ruleRosterOfMunicipalities(
        runtime.orm.em,
        missing.map(({ municipality }) => municipality.id),
      );
      const figures = new Map<string, VolunteerReadinessFigures>();
      for (const { municipality, date } of missing) {
        const id = municipality.id.toLowerCase();
        const registered = rosters.get(id) ?? [];
        // As alertableCountsByHour: active volunteers only; the lapse forecast leaves out the others itself.
        const byHour = await alertableCountsByHourOf(
          registered.filter((entry) => entry.volunteer.status === VolunteerStatus.ACTIVE),
          date,
        );
        const alertable = lowestByDayAndNight(byHour, date);
        figures.set(id, {
          volunteerCount: registered.length,
          alertableByDay: alertable.day,
          alertableAtNight: alertable.night,
          lapsingWithinThreeMonths: forecastLapsesOf(registered, now, [LAPSE_HORIZON_MONTHS])[0]!.count,
        });
      }
      return figures;
    },
  });
}
