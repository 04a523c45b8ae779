/**
 * Runs a graphile-worker runner for as long as the service runs. A runner
 * may stop by itself: graphile-worker announces a new queue schema on one
 * channel for every schema, so the first start of another subgraph's queue
 * (or a database restart) makes running runners shut down. Here the runner
 * is then started again, so jobs never silently stop being worked on; and
 * {@link migrateJobQueues} installs the queues before any runner of the
 * process starts, so a fresh database does not stop them at their first start.
 *
 * The runner works on a pool of ours that always has an error listener:
 * graphile-worker's own pool loses its listener while stopping, and a
 * connection the database ends then ("terminating connection due to
 * administrator command", as PostgreSQL shuts down) crashed the process.
 */
import { EventEmitter } from 'node:events';
import { Logger as WorkerLogger, run, runMigrations, type Runner, type RunnerOptions, type Task, type TaskList, type WorkerEvents, type WorkerPool } from 'graphile-worker';
import pg from 'pg';
import { observeJobs } from './job-metrics.ts';
import type { Logger } from './logger.ts';

/** Delays before starting again after a runner stopped or failed to start. */
const RESTART_DELAYS_MS = [200, 1_000, 5_000, 15_000];

/**
 * How long stopping waits for running jobs to finish. A job stuck on a peer or a lock must not
 * hold a shutdown (or a rollout) for long: after this, graphile-worker's forceful shutdown marks
 * the jobs still running as failed (their attempt counted, their next run a few seconds on) and
 * unlocks them, so a runner (this one after a restart, or another instance) takes them up again.
 * Left locked, they would wait for graphile-worker's four-hour lock timeout. Every job here may
 * run more than once (a send is claimed in its own row, so it is not repeated).
 */
const STOP_WAIT_MS = 8_000;
/** How long the forceful release of running jobs, and each later step of stopping, may take. */
const RELEASE_WAIT_MS = 3_000;
/** How long stopping waits for a start under way (a restart) before it leaves that runner to stop itself. */
const START_WAIT_MS = 2_000;

/** `promise`'s outcome, or 'late' after `ms`; never rejects. */
async function within(promise: unknown, ms: number): Promise<'done' | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const done = Promise.resolve(promise).then(
    () => 'done' as const,
    () => 'done' as const,
  );
  const outcome = await Promise.race([done, late]);
  clearTimeout(timer);
  return outcome;
}

/** PostgreSQL's codes for connections it ends because it is shutting down, crashed or is starting. */
const SHUTDOWN_CODES = new Set(['57P01', '57P02', '57P03']);

/**
 * Whether `error` is a lost database connection (PostgreSQL shutting down or restarting): expected
 * during a restart, reconnected by the runner, and visible on /readyz; not a fault of ours.
 */
export function isLostConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return SHUTDOWN_CODES.has(code ?? '') || /not queryable|Connection terminated|terminating connection due to administrator command|ECONNREFUSED|ECONNRESET/.test(message ?? '');
}

/** Advisory lock held while queue schemas are installed or migrated (any 64-bit key of the product's own). */
const QUEUE_MIGRATION_LOCK = 7_315_024_601;

/**
 * Installs or migrates the graphile-worker queues in `schemas`, one process at a time (under an
 * advisory lock), before runners start on them. graphile-worker announces every migration on one
 * channel for all schemas, and a running runner that hears of a breaking one (the first, on a fresh
 * database) shuts down, and sets the process's exit code to 57: so the queues of a process, and of
 * the whole stack in `npm start`, are migrated here before the first runner listens. A runner's own
 * start then finds nothing to migrate and announces nothing.
 */
export async function migrateJobQueues(connectionString: string, schemas: readonly string[], logger: Logger): Promise<void> {
  if (schemas.length === 0) return;
  const pool = new pg.Pool({ connectionString, max: 2 });
  const lost = (error: Error) => logger.warn({ err: error }, 'job queue migration connection lost');
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  try {
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock($1)', [QUEUE_MIGRATION_LOCK]);
      for (const schema of schemas) await runMigrations({ pgPool: pool, schema, logger: workerLogger(logger) });
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [QUEUE_MIGRATION_LOCK]).catch(() => {});
      lock.release();
    }
  } finally {
    await pool.end();
  }
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
 * returns the stop function, which lets running jobs finish for {@link STOP_WAIT_MS}
 * and then releases those still running to be retried (a few seconds more at most).
 */
export interface QueueRunnerOptions extends RunnerOptions {
  connectionString: string;
  schema: string;
  /**
   * The queue holds only its own schedule's occurrences (common/schedule.ts): its workers look
   * for jobs when its cron has enqueued some, and at each poll, but not at every NOTIFY on
   * graphile-worker's `jobs:insert`. That channel is one for every queue of the database, so
   * otherwise each dispatch's push and SMS jobs would have every schedule's worker ask
   * PostgreSQL for a job, as the alert frames leave.
   */
  scheduleOnly?: boolean;
}

/**
 * Makes a schedule-only queue's workers look for jobs when its own cron has enqueued some (after
 * the catch-up at start, and after each occurrence) instead of at every `jobs:insert` NOTIFY.
 */
function wakeOnOwnSchedule(events: WorkerEvents, workerPool: WorkerPool): void {
  const nudge = workerPool.nudge.bind(workerPool);
  workerPool.nudge = () => {};
  events.on('cron:started', () => nudge(1));
  events.on('cron:scheduled', ({ jobsAndIdentifiers }) => nudge(jobsAndIdentifiers.length));
}

export async function startQueueRunner(options: QueueRunnerOptions, logger: Logger): Promise<() => Promise<void>> {
  let stopping = false;
  let current: { runner: Runner; pool: WorkerPool | undefined; stopObserving: () => Promise<void> } | undefined;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  /** A restart under way: stopping waits for it, or its runner would outlive the stop and hold the pool open. */
  let restarting: Promise<void> | undefined;
  const { connectionString, maxPoolSize, taskList, scheduleOnly, ...runnerOptions } = options;
  const pool = new pg.Pool({ connectionString, max: maxPoolSize ?? 10 });
  /** Jobs running now, to know whether one outlived its release at a stop. */
  const running = new Set<Promise<unknown>>();
  const tracked: TaskList = Object.fromEntries(
    Object.entries(taskList ?? {}).map(([name, task]): [string, Task] => [
      name,
      (payload, helpers) => {
        const done = Promise.resolve(task!(payload, helpers));
        running.add(done);
        void done.then(
          () => running.delete(done),
          () => running.delete(done),
        );
        return done;
      },
    ]),
  );
  const lost = (error: Error) => logger.warn({ err: error, queue: options.schema }, 'job queue connection lost');
  // Idle clients' errors reach the pool; a checked-out client's only the client itself.
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));

  const start = async () => {
    // The runner's events, passed in so that its worker pool is known: only the pool can release running jobs.
    const events: WorkerEvents = new EventEmitter();
    let workerPool: WorkerPool | undefined;
    events.on('pool:create', ({ workerPool: created }) => {
      workerPool = created;
      if (scheduleOnly) wakeOnOwnSchedule(events, created);
    });
    const runner = await run({ ...runnerOptions, taskList: tracked, events, pgPool: pool, noHandleSignals: true, logger: workerLogger(logger, () => stopping) });
    if (stopping) {
      // Stopping gave up waiting for this start: the runner stops by itself.
      void runner.stop().catch(() => {});
      return;
    }
    current = { runner, pool: workerPool, stopObserving: observeJobs(runner, options.connectionString, options.schema) };
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
    // A restart that fails while stopping arms no timer: nothing may re-arm after the stop.
    if (stopping) return;
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
    await within(restarting, START_WAIT_MS);
    if (current) {
      const { runner, pool: workerPool, stopObserving } = current;
      // A runner that already stopped by itself settles `promise`; stop() may then never answer.
      const stopped = Promise.race([runner.stop(), runner.promise]);
      if ((await within(stopped, STOP_WAIT_MS)) === 'late') {
        logger.warn({ queue: options.schema, waitedMs: STOP_WAIT_MS }, 'jobs still running at shutdown; releasing them to be retried');
        // runner.kill() does nothing once a graceful shutdown began; the worker pool's forceful one fails the running jobs.
        if ((await within(workerPool?.forcefulShutdown('The process is shutting down; the job is retried.'), RELEASE_WAIT_MS)) === 'late') {
          logger.warn({ queue: options.schema }, 'running jobs not released in time; they are retried after their lock expires');
        }
      }
      await within(stopObserving(), RELEASE_WAIT_MS);
    }
    if (running.size === 0) {
      await within(pool.end(), RELEASE_WAIT_MS);
      return;
    }
    // A job outlived its release (its retry is already scheduled). graphile-worker records how it
    // ended once it does, on this pool: the pool stays open until then (its calls have deadlines),
    // and the stop does not wait for it.
    void Promise.allSettled([...running])
      .then(() => new Promise((resolve) => setTimeout(resolve, RELEASE_WAIT_MS)))
      .then(() => pool.end())
      .catch(() => {});
  };
}
