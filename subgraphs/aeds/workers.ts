/**
 * Background work of the aeds subgraph, hourly, once across all instances
 * (common/schedule.ts): the sweep that reminds guardians of batteries, pads
 * and checks falling due, the daily readiness snapshot (taken in the first
 * hourly run of each municipality's date), the refresh of the municipality facts (time
 * zone, country) copied onto AEDs, so a corrected municipality is followed,
 * and the folding of the changes appended to the AEDs' tile digest
 * (common/tile-digest.ts).
 */
import { HOURLY, startSchedule } from '../../common/schedule.ts';
import { sqlQuery } from '../../common/sql.ts';
import type { SubgraphRuntime } from '../../common/subgraph-server.ts';
import { compactTileDigest } from '../../common/tile-digest.ts';
import { DISPATCHABLE_AED_DIGEST } from './availability/weekly-availability.service.ts';
import { refreshAedMunicipalityFacts } from './organization/municipality-sync.ts';
import { allMunicipalityFacts } from './peers.ts';
import { sweepReminders } from './readiness/reminder.service.ts';
import { aedSettings } from './readiness/settings.ts';
import { takeAedReadinessSnapshots } from './readiness-history/readiness-day.ts';

/** The queue of the aeds subgraph's scheduled work. */
export const AEDS_JOBS_SCHEMA = 'aeds_jobs';

/** Starts the hourly tasks; returns its stop function, which lets a running sweep finish (within common/job-runner.ts's bound). */
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
      {
        // Hourly, so a date missed while every instance was down is still taken once one is back the same day.
        name: 'aeds.readiness-snapshot',
        pattern: HOURLY,
        run: async () => {
          await takeAedReadinessSnapshots(runtime, new Date());
        },
      },
      {
        name: 'aeds.refresh-municipality-facts',
        pattern: HOURLY,
        run: async () => {
          const changed = await refreshAedMunicipalityFacts(orm.em.fork(), await allMunicipalityFacts(runtime.peers), new Date());
          if (changed > 0) logger.info({ changed }, 'AEDs follow their municipality’s time zone or country');
        },
      },
      {
        name: 'aeds.fold-tile-digest',
        pattern: HOURLY,
        run: async () => {
          await compactTileDigest(sqlQuery(orm.em.fork()), DISPATCHABLE_AED_DIGEST);
        },
      },
    ],
    logger,
  );
}
