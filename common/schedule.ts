/**
 * Scheduled work (hourly reminders, clean-ups) that runs once per occurrence
 * however many instances of a subgraph run: graphile-worker's cron, on a job
 * queue in the subgraph's own schema (`<subgraph>_jobs`). Every instance runs
 * the schedule; PostgreSQL lets exactly one of them enqueue each occurrence
 * (graphile-worker records the last execution per task, under a row lock), and
 * one worker runs it. An occurrence missed while every instance was down runs
 * at the next start, once.
 */
import { parseCronItems, type Task } from 'graphile-worker';
import { startQueueRunner } from './job-runner.ts';
import type { Logger } from './logger.ts';

/** Every hour, on the hour (UTC). */
export const HOURLY = '0 * * * *';

/** One scheduled task. */
export interface ScheduledTask {
  /** Task identifier in the queue, e.g. `aeds.remind-guardians`; never renamed once released. */
  name: string;
  /** A cron pattern in UTC, e.g. {@link HOURLY}. */
  pattern: string;
  /** Does the work; a thrown error is logged and the occurrence retried a few times. */
  run(): Promise<void>;
}

/** How far back a start-up catches up on missed occurrences (the last one only, for hourly tasks). */
const BACKFILL_MS = 60 * 60_000;

/**
 * Starts the schedule of one subgraph on the queue in `schema`. Returns the
 * stop function, which lets a running task finish (within common/job-runner.ts's bound).
 */
export async function startSchedule(databaseUrl: string, schema: string, tasks: readonly ScheduledTask[], logger: Logger): Promise<() => Promise<void>> {
  const taskList = Object.fromEntries(
    tasks.map(({ name, run: perform }): [string, Task] => [
      name,
      async () => {
        const started = Date.now();
        await perform();
        logger.info({ task: name, ms: Date.now() - started }, 'scheduled task ran');
      },
    ]),
  );
  return startQueueRunner(
    {
      connectionString: databaseUrl,
      schema,
      taskList,
      parsedCronItems: parseCronItems(tasks.map(({ name, pattern }) => ({ task: name, match: pattern, options: { backfillPeriod: BACKFILL_MS, maxAttempts: 3 } }))),
      concurrency: 1,
      maxPoolSize: 2,
      // Scheduled work is announced by the cron, never by NOTIFY from elsewhere: the cron wakes the
      // workers, and polling seldom finds the retries.
      scheduleOnly: true,
      pollInterval: 10_000,
    },
    logger,
  );
}
