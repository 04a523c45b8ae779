/**
 * Waits for the stack's start-up work to finish before anything is measured.
 * Subgraphs run their hourly tasks once at start-up (renewal reminders, AED
 * reminder sweeps, position purges, municipality refreshes); on a national
 * data set these take a while, and measuring during them would measure them.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** How long the stack must be idle to count as quiet. */
export const QUIET_MS = 3_000;

export interface QuiesceOptions {
  /** At least this long first, so that the start-up tasks have been enqueued (the schedules catch up as their runners start). */
  minimumMs: number;
  /** Give up (and say so) after this long. */
  timeoutMs: number;
}

/**
 * Resolves once this process (where the subgraphs run) has used under 15% of
 * a core and the database has run no statement of the stack's for 3 s in a
 * row; returns how long that took (the work ended {@link QUIET_MS} before)
 * and whether it happened before the timeout.
 */
export async function waitForQuiet(databaseUrl: string, options: QuiesceOptions): Promise<{ seconds: number; quiet: boolean }> {
  const start = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await new Promise((resolve) => setTimeout(resolve, options.minimumMs));
    let quietFor = 0;
    let cpu = process.cpuUsage();
    while (performance.now() - start < options.timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const used = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      // Short polls (the job queue's) come and go; a statement running for 200 ms is real work.
      const { rows } = await client.query<{ busy: number }>(
        `select count(*)::int as busy from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and now() - query_start > interval '200 milliseconds'`,
      );
      const idle = (used.user + used.system) / 500_000 < 0.15 && rows[0]!.busy === 0;
      quietFor = idle ? quietFor + 500 : 0;
      if (quietFor >= QUIET_MS) return { seconds: Math.round((performance.now() - start) / 100) / 10, quiet: true };
    }
    return { seconds: Math.round((performance.now() - start) / 100) / 10, quiet: false };
  } finally {
    await client.end();
  }
}
