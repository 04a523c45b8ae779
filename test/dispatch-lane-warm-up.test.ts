/**
 * The dispatch lane is warm before the first report: every connection has
 * run each statement a report runs (planned once, with the foreign keys'
 * checks, triggers and `add_jobs` met; the AEDs' availability rule run
 * once), the warm-up leaves nothing written, and the connections stay open
 * however long no report comes.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DISPATCH_LANE_CONNECTIONS, MAIN_POOL_KEPT_CONNECTIONS, openDispatchLane, openSubgraphStorage, warmDispatchLane } from '../common/database.ts';
import { migrateJobQueues } from '../common/job-runner.ts';
import { createLogger, type Logger } from '../common/logger.ts';
import { sql } from '../common/sql.ts';
import { incidentsSubgraph } from '../subgraphs/incidents/index.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { aedsSubgraph } from '../subgraphs/aeds/index.ts';
import { testDatabase } from './subgraph-storage.ts';

describe('the dispatch lane warm-up', () => {
  const db = testDatabase(async (url) => {
    const storage = await openSubgraphStorage(url, incidentsSubgraph.storage);
    await migrateJobQueues(url, incidentsSubgraph.jobQueues ?? [], createLogger('test'));
    return {
      storage,
      volunteers: await openSubgraphStorage(url, volunteersSubgraph.storage),
      lane: await openDispatchLane(url, incidentsSubgraph.storage),
      volunteersLane: await openDispatchLane(url, volunteersSubgraph.storage),
      aeds: await openSubgraphStorage(url, aedsSubgraph.storage),
      aedsLane: await openDispatchLane(url, aedsSubgraph.storage),
    };
  });

  /** Every connection of `lane`'s pool at once, each asked which statements its session has prepared. */
  const preparedOnEachConnection = async (pool: pg.Pool): Promise<Map<string, number>[]> => {
    const clients = await Promise.all(Array.from({ length: DISPATCH_LANE_CONNECTIONS }, () => pool.connect()));
    try {
      return await Promise.all(
        clients.map(async (client) => {
          const { rows } = await client.query<{ name: string; generic_plans: number }>('select name, generic_plans::int from pg_prepared_statements');
          return new Map(rows.map((row) => [row.name, row.generic_plans]));
        }),
      );
    } finally {
      for (const client of clients) client.release();
    }
  };

  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args), debug: () => {} } as unknown as Logger;

  it('runs a report’s write on every connection of the incidents lane, writing nothing', async () => {
    await warmDispatchLane(db.lane, incidentsSubgraph.warmDispatchLane!, logger);
    expect(warnings).toEqual([]);
    const pool = (await db.lane.em.getConnection().getNativeClient()) as unknown as pg.Pool;
    const prepared = await preparedOnEachConnection(pool);
    expect(pool.totalCount).toBe(DISPATCH_LANE_CONNECTIONS);
    for (const statements of prepared) {
      for (const name of ['incidents.claimed-elsewhere', 'incidents.policy-versions', 'incidents.earlier-reports', 'incidents.report-dispatched']) {
        expect(statements.get(name), name).toBeGreaterThanOrEqual(1);
      }
    }
    const [left] = await sql<{ incidents: number; alerts: number; events: number; jobs: number }>(
      db.storage.em.fork(),
      `select (select count(*)::int from incidents.incident) as incidents, (select count(*)::int from incidents.alert) as alerts,
              (select count(*)::int from incidents.incident_event) as events, (select count(*)::int from incidents_jobs._private_jobs) as jobs`,
    );
    expect(left).toEqual({ incidents: 0, alerts: 0, events: 0, jobs: 0 });
  });

  it('runs the candidate search on every connection of the volunteers lane', async () => {
    await warmDispatchLane(db.volunteersLane, volunteersSubgraph.warmDispatchLane!, logger);
    expect(warnings).toEqual([]);
    const pool = (await db.volunteersLane.em.getConnection().getNativeClient()) as unknown as pg.Pool;
    for (const statements of await preparedOnEachConnection(pool)) expect(statements.get('volunteers.alert-candidates')).toBeGreaterThanOrEqual(1);
  });

  it('runs dispatch’s AED search, and the availability rule, on every connection of the AEDs lane', async () => {
    // The rule's run is checked by the warm-up not failing: a failure would be logged as a warning.
    await warmDispatchLane(db.aedsLane, aedsSubgraph.warmDispatchLane!, logger);
    expect(warnings).toEqual([]);
    const pool = (await db.aedsLane.em.getConnection().getNativeClient()) as unknown as pg.Pool;
    for (const statements of await preparedOnEachConnection(pool)) {
      expect([...statements.keys()].some((name) => name.startsWith('aeds.dispatchable-page'))).toBe(true);
    }
  });

  it('keeps its connections, and the main pool its first ones, open while no report comes', async () => {
    const pool = (await db.lane.em.getConnection().getNativeClient()) as unknown as pg.Pool & { options: { min: number } };
    // pg's pool closes idle connections beyond `min` after 10 s: none of the lane's, and
    // not the main pool's first ones, on which the volunteers' feeds are read after a commit.
    expect(pool.options.min).toBe(DISPATCH_LANE_CONNECTIONS);
    const main = (await db.storage.em.getConnection().getNativeClient()) as unknown as pg.Pool & { options: { min: number } };
    expect(main.options.min).toBe(MAIN_POOL_KEPT_CONNECTIONS);
    expect(MAIN_POOL_KEPT_CONNECTIONS).toBeGreaterThan(0);
  });
});
