/**
 * Background work of the aeds subgraph: the hourly sweep that reminds
 * guardians of batteries, pads and checks falling due, once per hour across
 * all instances (common/schedule.ts).
 */
import { HOURLY, startSchedule } from '../../common/schedule.ts';
import type { SubgraphRuntime } from '../../common/subgraph-server.ts';
import { sweepReminders } from './reminder.service.ts';
import { aedSettings } from './settings.ts';

/** The queue of the aeds subgraph's scheduled work. */
export const AEDS_JOBS_SCHEMA = 'aeds_jobs';

/** Starts the hourly reminder sweep; returns its stop function, which lets a running sweep finish. */
export async function startAedWorkers(runtime: SubgraphRuntime): Promise<() => Promise<void>> {
  const { orm, logger } = runtime;
  return startSchedule(
    runtime.databaseUrl,
    AEDS_JOBS_SCHEMA,
    [
      {
        name: 'aeds.remind-guardians',
        pattern: HOURLY,
        run: async () => {
          const sent = await sweepReminders(orm.em.fork(), new Date(), aedSettings());
          if (sent > 0) logger.info({ sent }, 'AED reminders sent');
        },
      },
    ],
    logger,
  );
}
