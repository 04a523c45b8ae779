/**
 * Runs a graphile-worker runner for as long as the service runs. A runner
 * may stop by itself: graphile-worker announces a new queue schema on one
 * channel for every schema, so the first start of another subgraph's queue
 * (or a database restart) makes running runners shut down. Here the runner
 * is then started again, so jobs never silently stop being worked on.
 *
 * The runner works on a pool of ours that always has an error listener:
 * graphile-worker's own pool loses its listener while stopping, and a
 * connection the database ends then ("terminating connection due to
 * administrator command", as PostgreSQL shuts down) crashed the process.
 */
import { Logger as WorkerLogger, run, type Runner, type RunnerOptions } from 'graphile-worker';
import pg from 'pg';
import { observeJobs } from './job-metrics.ts';
import type { Logger } from './logger.ts';

/** Delays before starting again after a runner stopped or failed to start. */
const RESTART_DELAYS_MS = [200, 1_000, 5_000, 15_000];

/**
 * How long stopping waits for running jobs. A job stuck on a peer or a lock must not hold a
 * shutdown (or a rollout) forever: after this the pool is closed under it, and the job, still
 * in the queue, is taken up again by a runner (a send is claimed in its own row, so it is not
 * repeated).
 */
const STOP_WAIT_MS = 15_000;

/** PostgreSQL's codes for connections it ends because it is shutting down, crashed or is starting. */
const SHUTDOWN_CODES = new Set(['57P01', '57P02', '57P03']);

/**
 * Whether `error` is a lost database connection (PostgreSQL shutting down or restarting): expected
 * during a restart, reconnected by the runner, and visible on /readyz; not a fault of ours.
 */
export function isLostConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return SHUTDOWN_CODES.has(code ?? '') || /not queryable|Connection terminated|ECONNREFUSED|ECONNRESET/.test(message ?? '');
}

/**
 * A graphile-worker logger that writes to `logger` (errors as errors, warnings as warnings, the rest as debug).
 * Lost database connections, and whatever fails while the runner is `stopping`, are warnings: the
 * runner reconnects, or is going away anyway.
 */
export function workerLogger(logger: Logger, stopping: () => boolean = () => false): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error' && !stopping() && !isLostConnection((meta as { error?: unknown } | undefined)?.error)) logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}

/**
 * Starts a runner on the queue in `options.schema` and keeps it running;
 * returns the stop function, which lets running jobs finish.
 */
export async function startQueueRunner(options: RunnerOptions & { connectionString: string; schema: string }, logger: Logger): Promise<() => Promise<void>> {
  let stopping = false;
  let current: { runner: Runner; stopObserving: () => Promise<void> } | undefined;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  /** A restart under way: stopping waits for it, or its runner would outlive the stop and hold the pool open. */
  let restarting: Promise<void> | undefined;
  const { connectionString, maxPoolSize, ...runnerOptions } = options;
  const pool = new pg.Pool({ connectionString, max: maxPoolSize ?? 10 });
  const lost = (error: Error) => logger.warn({ err: error, queue: options.schema }, 'job queue connection lost');
  // Idle clients' errors reach the pool; a checked-out client's only the client itself.
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));

  const start = async () => {
    const runner = await run({ ...runnerOptions, pgPool: pool, noHandleSignals: true, logger: workerLogger(logger, () => stopping) });
    current = { runner, stopObserving: observeJobs(runner, options.connectionString, options.schema) };
    failures = 0;
    void runner.promise.then(
      () => restartUnlessStopping(runner, undefined),
      (error: unknown) => restartUnlessStopping(runner, error),
    );
  };
  const restartUnlessStopping = async (runner: Runner, error: unknown) => {
    if (stopping || current?.runner !== runner) return;
    await current.stopObserving();
    current = undefined;
    scheduleRestart(error);
  };
  const scheduleRestart = (error: unknown) => {
    const delay = RESTART_DELAYS_MS[Math.min(failures++, RESTART_DELAYS_MS.length - 1)]!;
    logger.warn({ err: error, queue: options.schema, delayMs: delay }, 'job runner stopped; starting it again');
    restartTimer = setTimeout(() => {
      if (stopping) return;
      restarting = start()
        .catch((failure: unknown) => scheduleRestart(failure))
        .finally(() => {
          restarting = undefined;
        });
    }, delay);
  };

  try {
    await start();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return async () => {
    stopping = true;
    clearTimeout(restartTimer);
    await restarting;
    if (current) {
      const { runner, stopObserving } = current;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), STOP_WAIT_MS);
      });
      // A runner that already stopped by itself settles `promise`; stop() may then never answer.
      const stopped = Promise.race([runner.stop(), runner.promise]).then(
        () => 'stopped' as const,
        () => 'stopped' as const,
      );
      if ((await Promise.race([stopped, waited])) === 'late') {
        logger.warn({ queue: options.schema, waitedMs: STOP_WAIT_MS }, 'jobs still running at shutdown; closing their connections');
      }
      clearTimeout(timer);
      await stopObserving();
    }
    await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
  };
}
