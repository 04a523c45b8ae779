/**
 * Metrics of a graphile-worker queue: failed attempts as they happen, and
 * the jobs waiting to run, counted in PostgreSQL when /metrics is scraped
 * (on one connection opened at the first scrape).
 */
import type { Runner } from 'graphile-worker';
import pg from 'pg';
import { jobFailuresTotal, observeQueue } from './metrics.ts';
import { markPhase } from './phases.ts';

/** Counts `runner`'s failures and reports the depth of its queue in `schema`; returns the function that stops it. */
export function observeJobs(runner: Runner, databaseUrl: string, schema: string): () => Promise<void> {
  // Jobs share the process with requests and deliveries: their marks show when one ran beside a slow dispatch.
  runner.events.on('job:start', ({ job }) => markPhase(schema, 'job.started', job.task_identifier));
  runner.events.on('job:complete', ({ job }) => markPhase(schema, 'job.done', job.task_identifier));
  runner.events.on('job:error', ({ job }) => {
    jobFailuresTotal.inc({ queue: schema, task: job.task_identifier, final: String(job.attempts >= job.max_attempts) });
  });
  let pool: pg.Pool | undefined;
  const stopObserving = observeQueue(schema, async () => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: databaseUrl, max: 1, idleTimeoutMillis: 60_000 });
      // A dropped connection only costs one scrape its value; the next one reconnects.
      pool.on('error', () => {});
    }
    // The schema name is the product's own constant, never input.
    const { rows } = await pool.query<{ count: string }>(`select count(*) from ${schema}._private_jobs where is_available and run_at <= now()`);
    return Number(rows[0]!.count);
  });
  return async () => {
    stopObserving();
    await pool?.end();
  };
}
