/**
 * `__resolveReference` of ReadinessDay, ReadinessChange and ReadinessHistory for a subgraph
 * that keeps figures in a readiness_day table (common/readiness-days.ts):
 * every representation of one gateway batch is read in one query, and a
 * date without a row resolves to its figures as null (the gap), never to
 * no entity at all.
 */
import type { RequestContext } from './context.ts';
import { datesOf } from './readiness-history.ts';
import { readinessDayKey, readinessDays, readReadinessDays, type ReadinessDayKey, type ReadinessDayRow, type ReadinessDayTable } from './readiness-days.ts';

/** The representations as the gateway sends them. */
export interface ReadinessChangeKey {
  municipalityId: string;
  sinceDate: string;
  untilDate: string;
}

/** A period of a municipality's history, as the gateway sends it. */
export interface ReadinessHistoryKey {
  municipalityId: string;
  from: string;
  to: string;
}

type Row<Figures> = ReadinessDayRow<Figures> | null;

/** The reference resolvers of both entities for `table`, building each subgraph's own types. */
export function readinessReferenceResolvers<Figures, Day, Change, History>(
  table: ReadinessDayTable<Figures>,
  dayOf: (key: ReadinessDayKey, row: Row<Figures>) => Day,
  changeOf: (key: ReadinessChangeKey, since: Row<Figures>, until: Row<Figures>) => Change,
  historyOf: (key: ReadinessHistoryKey, rows: Row<Figures>[]) => History,
) {
  return {
    ReadinessHistory: {
      // One range scan; the period was checked by the organization subgraph, which hands these out.
      __resolveReference: async (key: ReadinessHistoryKey, context: RequestContext): Promise<History> => {
        const keys = datesOf(key).map((date) => ({ municipalityId: key.municipalityId, date }));
        const rows = await readReadinessDays(context.em, table, keys);
        return historyOf(
          key,
          keys.map(({ date }) => rows.get(readinessDayKey(key.municipalityId, date)) ?? null),
        );
      },
    },
    ReadinessDay: {
      __resolveReference: async (key: ReadinessDayKey, context: RequestContext): Promise<Day> => dayOf(key, await readinessDays(context, table).load(key)),
    },
    ReadinessChange: {
      __resolveReference: async (key: ReadinessChangeKey, context: RequestContext): Promise<Change> => {
        const days = readinessDays(context, table);
        const [since, until] = await Promise.all([
          days.load({ municipalityId: key.municipalityId, date: key.sinceDate }),
          days.load({ municipalityId: key.municipalityId, date: key.untilDate }),
        ]);
        return changeOf(key, since, until);
      },
    },
  };
}
