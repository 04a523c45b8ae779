/**
 * Background work of the volunteers subgraph, hourly (and once at start-up):
 * purge current positions not renewed for 72 h, send the renewal reminders
 * that have fallen due, and refresh the municipality settings copied onto
 * volunteers. Every task is idempotent, so several instances may all run them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphRuntime } from '../../common/subgraph-server.ts';
import { purgeStaleCurrentPositionsAt } from './current-position.service.ts';
import { refreshMunicipalitySettings } from './municipality-sync.ts';
import { allMunicipalitySettings } from './organization.peer.ts';
import { sendDueRenewalReminders } from './renewal.service.ts';

/** How often the tasks run. */
export const WORKER_INTERVAL_MS = 60 * 60 * 1000;

/** One round of the hourly tasks at `at`; each task runs even when another fails. */
export async function runVolunteerTasks(runtime: Pick<SubgraphRuntime, 'peers' | 'logger'> & { em: EntityManager }, at: Date): Promise<void> {
  const tasks: [string, () => Promise<number>][] = [
    ['purged stale current positions', () => purgeStaleCurrentPositionsAt(runtime.em.fork(), at)],
    ['sent renewal reminders', () => sendDueRenewalReminders(runtime.em.fork(), at)],
    ['refreshed municipality settings of volunteers', async () => refreshMunicipalitySettings(runtime.em.fork(), await allMunicipalitySettings(runtime.peers), at)],
  ];
  for (const [done, task] of tasks) {
    try {
      const count = await task();
      if (count > 0) runtime.logger.info({ count }, done);
    } catch (error) {
      runtime.logger.error({ err: error }, `volunteers task failed: ${done}`);
    }
  }
}

/** Starts the hourly tasks; returns their stop function, which waits for a running round. */
export async function startVolunteerWorkers(runtime: SubgraphRuntime): Promise<() => Promise<void>> {
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = running.then(() => runVolunteerTasks({ em: runtime.orm.em, peers: runtime.peers, logger: runtime.logger }, new Date()));
  };
  // The first round waits a little: at start-up the organization subgraph may not be listening yet.
  const first = setTimeout(round, 5_000);
  const timer = setInterval(round, WORKER_INTERVAL_MS);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
