/**
 * The AEDs' figures of the daily readiness snapshot of a municipality
 * (table `aeds.readiness_day`; common/readiness-days.ts for how it is taken
 * and kept): registered AEDs (decommissioned ones not counted), the fewest
 * dispatchable in any day hour and any night hour of the date (the
 * readiness rule with the schedule, as `dispatchableAedCountsByHour`), and
 * those dispatchable around the clock (as `twentyFourSevenAedCount`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../../common/sql.ts';
import { lowestByDayAndNight } from '../../../common/readiness-history.ts';
import { takeReadinessSnapshots, type ReadinessDayTable, type SnapshotRun } from '../../../common/readiness-days.ts';
import type { SubgraphRuntime } from '../../../common/subgraph-server.ts';
import { dispatchableCountsByHour } from '../availability/weekly-availability.service.ts';
import { AED_RULE_COLUMNS_SQL, ruleInputsOfRow, type AedRuleInputs, type AedRuleRow } from '../registry/aed.facts.ts';
import { allMunicipalityFacts } from '../peers.ts';
import { readinessPolicy } from '../readiness/settings.ts';
import { twentyFourSevenCountOf } from '../readiness/twenty-four-seven.ts';

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
 * The AEDs of the municipalities that belong to them (decommissioned ones
 * are kept for their history only, as `aedsByMunicipality`), by
 * municipality id in lower case, with the rules' columns alone: a whole
 * country's 50,000 AEDs loaded as entities took seconds of the start-up.
 */
async function ruleInputsByMunicipality(em: EntityManager, municipalityIds: readonly string[]): Promise<Map<string, AedRuleInputs[]>> {
  const byMunicipality = new Map<string, AedRuleInputs[]>(municipalityIds.map((id) => [id.toLowerCase(), []]));
  const rows = await sql<AedRuleRow & { municipality_id: string }>(
    em,
    `select municipality_id::text as municipality_id, ${AED_RULE_COLUMNS_SQL}
     from aeds.aed where municipality_id in (select unnest($1::uuid[])) and decommissioned_at is null`,
    [[...byMunicipality.keys()]],
  );
  for (const row of rows) byMunicipality.get(row.municipality_id)?.push(ruleInputsOfRow(row));
  return byMunicipality;
}

/**
 * Takes today's snapshot of every municipality that has none yet (once per
 * date; see common/readiness-days.ts). The country's AEDs are read in one
 * statement with the rules' columns alone, and a schedule shared by many
 * AEDs ("24/7") is judged once for all of them.
 */
export async function takeAedReadinessSnapshots(runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers' | 'logger'>, now: Date): Promise<SnapshotRun> {
  const municipalities = await allMunicipalityFacts(runtime.peers);
  return takeReadinessSnapshots({
    em: runtime.orm.em,
    table: AED_READINESS_DAYS,
    municipalities,
    now,
    logger: runtime.logger,
    batchSize: municipalities.length,
    figuresOfBatch: async (missing) => {
      const aedsOf = await ruleInputsByMunicipality(
        runtime.orm.em.fork(),
        missing.map(({ municipality }) => municipality.id),
      );
      const openAroundTheClock = new Map<string, boolean>();
      const figures = new Map<string, AedReadinessFigures>();
      for (const { municipality, date } of missing) {
        const id = municipality.id.toLowerCase();
        const aeds = aedsOf.get(id) ?? [];
        const dispatchable = lowestByDayAndNight(await dispatchableCountsByHour(aeds, date, readinessPolicy()), date);
        figures.set(id, {
          aedCount: aeds.length,
          dispatchableByDay: dispatchable.day,
          dispatchableAtNight: dispatchable.night,
          twentyFourSevenCount: twentyFourSevenCountOf(aeds, now, openAroundTheClock),
        });
      }
      return figures;
    },
  });
}
