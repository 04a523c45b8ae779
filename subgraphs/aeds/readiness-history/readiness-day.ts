/**
 * The AEDs' figures of the daily readiness snapshot of a municipality
 * (table `aeds.readiness_day`; common/readiness-days.ts for how it is taken
 * and kept): registered AEDs (decommissioned ones not counted), the fewest
 * dispatchable in any day hour and any night hour of the date (the
 * readiness rule with the schedule, as `dispatchableAedCountsByHour`), and
 * those dispatchable around the clock (as `twentyFourSevenAedCount`).
 */
import { serviceContext } from '../../../common/context.ts';
import { lowestByDayAndNight } from '../../../common/readiness-history.ts';
import { takeReadinessSnapshots, type ReadinessDayTable, type SnapshotRun } from '../../../common/readiness-days.ts';
import type { SubgraphRuntime } from '../../../common/subgraph-server.ts';
import { dispatchableCountsByHour } from '../availability/weekly-availability.service.ts';
import { aedsByMunicipality } from '../loaders.ts';
import { allMunicipalityFacts } from '../peers.ts';
import { readinessPolicy } from '../readiness/settings.ts';
import { twentyFourSevenAeds } from '../readiness/twenty-four-seven.ts';

export interface AedReadinessFigures {
  aedCount: number;
  dispatchableByDay: number;
  dispatchableAtNight: number;
  twentyFourSevenCount: number;
}

export const AED_READINESS_DAYS: ReadinessDayTable<AedReadinessFigures> = {
  name: 'aeds.readiness_day',
  columns: ['aed_count', 'dispatchable_by_day', 'dispatchable_at_night', 'twenty_four_seven_count'],
  figuresOf: (row) => ({
    aedCount: Number(row.aed_count),
    dispatchableByDay: Number(row.dispatchable_by_day),
    dispatchableAtNight: Number(row.dispatchable_at_night),
    twentyFourSevenCount: Number(row.twenty_four_seven_count),
  }),
  columnsOf: (figures) => ({
    aed_count: figures.aedCount,
    dispatchable_by_day: figures.dispatchableByDay,
    dispatchable_at_night: figures.dispatchableAtNight,
    twenty_four_seven_count: figures.twentyFourSevenCount,
  }),
};

/** The 24/7 share as `twentyFourSevenAedShare` gives it: 0 when there are no AEDs. */
export function twentyFourSevenShare(figures: Pick<AedReadinessFigures, 'aedCount' | 'twentyFourSevenCount'>): number {
  return figures.aedCount === 0 ? 0 : figures.twentyFourSevenCount / figures.aedCount;
}

/**
 * Takes today's snapshot of every municipality that has none yet (once per
 * date; see common/readiness-days.ts). A batch of municipalities shares one
 * request context: their AEDs are read in one query, and a schedule shared
 * by many AEDs ("24/7") is judged once for all of them.
 */
export async function takeAedReadinessSnapshots(runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers' | 'logger'>, now: Date): Promise<SnapshotRun> {
  const municipalities = await allMunicipalityFacts(runtime.peers);
  return takeReadinessSnapshots({
    em: runtime.orm.em,
    table: AED_READINESS_DAYS,
    municipalities,
    now,
    logger: runtime.logger,
    figuresOfBatch: async (missing) => {
      const context = serviceContext(runtime, 'aeds');
      const byMunicipality = aedsByMunicipality(context);
      await byMunicipality.loadMany(missing.map(({ municipality }) => municipality.id));
      const figures = new Map<string, AedReadinessFigures>();
      for (const { municipality, date } of missing) {
        const aeds = await byMunicipality.load(municipality.id);
        const [byHour, twentyFourSeven] = await Promise.all([dispatchableCountsByHour(aeds, date, readinessPolicy()), twentyFourSevenAeds(context, municipality.id, now)]);
        const dispatchable = lowestByDayAndNight(byHour, date);
        figures.set(municipality.id.toLowerCase(), {
          aedCount: aeds.length,
          dispatchableByDay: dispatchable.day,
          dispatchableAtNight: dispatchable.night,
          twentyFourSevenCount: twentyFourSeven.count,
        });
      }
      return figures;
    },
  });
}
