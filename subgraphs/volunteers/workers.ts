/**
 * Background work of the volunteers subgraph, hourly, once across all
 * instances (common/schedule.ts): purge current positions not renewed for
 * 72 h, send the renewal reminders that have fallen due, refresh the
 * municipality settings copied onto volunteers, and fold the changes appended
 * to the positions' tile digest (common/tile-digest.ts); and, as a task of its own,
 * the daily readiness snapshot (taken in the first hourly run of each
 * municipality's date). Every task is idempotent as well, so a retried round
 * does no harm.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { HOURLY, startSchedule, type ScheduledTask } from '../../common/schedule.ts';
import { sqlQuery } from '../../common/sql.ts';
import type { SubgraphRuntime } from '../../common/subgraph-server.ts';
import { compactTileDigest } from '../../common/tile-digest.ts';
import { ALERTABLE_POSITION_DIGEST } from './candidates/weekly-alertability.service.ts';
import { purgeStaleCurrentPositionsAt } from './registration/current-position.service.ts';
import { refreshMunicipalitySettings } from './organization/municipality-sync.ts';
import { allMunicipalitySettings } from './peers.ts';
import { sendDueRenewalReminders } from './renewal/renewal.service.ts';
import { takeVolunteerReadinessSnapshots } from './readiness-history/readiness-day.ts';

/** One round of the hourly tasks at `at`; each task runs even when another fails. */
export async function runVolunteerTasks(runtime: Pick<SubgraphRuntime, 'peers' | 'logger'> & { em: EntityManager }, at: Date): Promise<void> {
  const tasks: [string, () => Promise<number>][] = [
    ['purged stale current positions', () => purgeStaleCurrentPositionsAt(runtime.em.fork(), at)],
    ['sent renewal reminders', () => sendDueRenewalReminders(runtime.em.fork(), at)],
    ['refreshed municipality settings of volunteers', async () => refreshMunicipalitySettings(runtime.em.fork(), await allMunicipalitySettings(runtime.peers), at)],
    ['folded the tile digest of positions', () => compactTileDigest(sqlQuery(runtime.em.fork()), ALERTABLE_POSITION_DIGEST)],
  ];
  for (const [done, task] of tasks) {
    try {
      const started = Date.now();
      const count = await task();
      // Each task's time, as the schedule logs the round's: the round is four tasks of very different weight.
      runtime.logger.info({ count, ms: Date.now() - started }, done);
    } catch (error) {
      runtime.logger.error({ err: error }, `volunteers task failed: ${done}`);
    }
  }
}

/** The queue of the volunteers subgraph's scheduled work. */
export const VOLUNTEERS_JOBS_SCHEMA = 'volunteers_jobs';

/** Starts the hourly tasks (once per hour across all instances); returns their stop function, which waits for a running round (within common/job-runner.ts's bound). */
export async function startVolunteerWorkers(runtime: SubgraphRuntime): Promise<() => Promise<void>> {
  const hourly: ScheduledTask = {
    name: 'volunteers.hourly',
    pattern: HOURLY,
    run: () => runVolunteerTasks({ em: runtime.orm.em, peers: runtime.peers, logger: runtime.logger }, new Date()),
  };
  // Hourly, so a date missed while every instance was down is still taken once one is back the same day.
  const readinessSnapshot: ScheduledTask = {
    name: 'volunteers.readiness-snapshot',
    pattern: HOURLY,
    run: async () => {
      await takeVolunteerReadinessSnapshots(runtime, new Date());
    },
  };
  return startSchedule(runtime.databaseUrl, VOLUNTEERS_JOBS_SCHEMA, [hourly, readinessSnapshot], runtime.logger);
}
