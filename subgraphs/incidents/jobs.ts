/**
 * Durable background work on graphile-worker, a PostgreSQL job queue in the
 * schema `incidents_jobs` of the product's database.
 *
 * Jobs are added with {@link addJob} inside the same transaction as the
 * change that needs them (closing an Incident schedules its aftercare), so
 * either both are committed or neither: a crash or restart can delay work
 * but never lose it. Every job is written to be run more than once (a worker
 * that dies mid-job has it retried), using job keys and unique constraints.
 *
 * A job added while a request is traced keeps that trace's context in its
 * payload (`traceparent`, `tracestate`; nothing when tracing is off) and runs
 * in a span of that trace: a report's trace ends with its pushes and SMS.
 */
import type { Task, TaskList } from 'graphile-worker';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startQueueRunner } from '../../common/job-runner.ts';
import type { Logger } from '../../common/logger.ts';
import { inTraceOf, SERVICE_ATTRIBUTE, traceCarrier, type TraceCarrier } from '../../common/telemetry.ts';
import { sql, statement } from '../../common/sql.ts';

/** The schema graphile-worker keeps its queue in; created and migrated by the runner at start-up. */
export const JOBS_SCHEMA = 'incidents_jobs';

/** The incidents subgraph's jobs. */
export enum Job {
  /** Alert an Incident whose volunteers could not be selected when it was reported (a peer was down). */
  DISPATCH = 'incidents.dispatch',
  /** Alert the next nearest volunteer after a decline. */
  ALERT_NEXT = 'incidents.alert-next',
  /** Send the SMS of one transaction (a dispatch's alerts, a stand-down). */
  SEND_SMS = 'incidents.send-sms',
  /** Push a dispatch's alerts (or stand-downs) to the volunteers' devices. */
  SEND_PUSH = 'incidents.send-push',
  /** Send an alert's SMS when the app has not confirmed the push in time (the delivery ladder). */
  SEND_SMS_FALLBACK = 'incidents.send-sms-fallback',
  /** Deliver one aftercare follow-up when it is due. */
  DELIVER_FOLLOW_UP = 'incidents.deliver-follow-up',
  /** Escalate a follow-up that is still unanswered. */
  ESCALATE_UNANSWERED = 'incidents.escalate-unanswered',
  /** Tell the aeds subgraph an AED was fetched, so it is stood down until checked and its owner and guardians hear of it. */
  STAND_DOWN_AED = 'incidents.stand-down-aed',
}

export interface AddJobOptions {
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** At most one pending job per key; adding again replaces it. */
  jobKey?: string;
  /** Attempts before the job is given up (default 25, with exponential back-off). */
  maxAttempts?: number;
}

/** One job to add. */
export interface JobSpec extends AddJobOptions {
  job: Job;
  payload: object;
}

/**
 * SQL that adds the jobs named by the rows of the query `specs` (columns
 * `identifier`, `payload` json, `run_at`, `max_attempts`, `job_key`) and
 * returns how many it added: for a statement that writes what the jobs are
 * about, so that both commit together without a round trip of their own.
 */
export function addJobsSql(specs: string): string {
  return `select count(*) as jobs from ${JOBS_SCHEMA}.add_jobs(array(
     select row(j.identifier, j.payload, null, j.run_at, j.max_attempts, j.job_key, null, null)::${JOBS_SCHEMA}.job_spec
     from (${specs}) as j))`;
}

const ADD_JOBS = statement(
  'incidents.add-jobs',
  addJobsSql('select * from jsonb_to_recordset(?::jsonb) as j(identifier text, payload json, run_at timestamptz, max_attempts int, job_key text)'),
);

/**
 * Adds jobs in `tx`'s transaction, in one statement: they become visible to
 * workers only if the transaction commits.
 */
export async function addJobs(tx: EntityManager, specs: readonly JobSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const carrier = traceCarrier();
  const rows = specs.map((spec) => ({
    identifier: spec.job,
    payload: { ...spec.payload, ...carrier },
    run_at: spec.runAt?.toISOString() ?? null,
    max_attempts: spec.maxAttempts ?? null,
    job_key: spec.jobKey ?? null,
  }));
  await sql(tx, ADD_JOBS, [JSON.stringify(rows)]);
}

/** Adds one job in `tx`'s transaction (see {@link addJobs}). */
export async function addJob(tx: EntityManager, job: Job, payload: object, options: AddJobOptions = {}): Promise<void> {
  await addJobs(tx, [{ job, payload, ...options }]);
}

/** Handlers of the jobs, by job. */
export type JobHandlers = Record<Job, (payload: any) => Promise<void>>;

/**
 * Starts a worker pool on the product's database (several instances may
 * each run one; PostgreSQL hands every job to one of them). Returns its stop
 * function, which lets running jobs finish (within common/job-runner.ts's bound).
 */
export async function startJobRunner(databaseUrl: string, handlers: JobHandlers, logger: Logger): Promise<() => Promise<void>> {
  const taskList: TaskList = Object.fromEntries(
    Object.entries(handlers).map(([name, handle]): [string, Task] => [
      name,
      (payload, helpers) => {
        const { traceparent, tracestate, ...job } = payload as TraceCarrier & Record<string, unknown>;
        const attributes = { [SERVICE_ATTRIBUTE]: 'incidents', 'heartsafe.job': name, 'heartsafe.job.attempt': helpers.job.attempts };
        return inTraceOf({ traceparent, tracestate }, `job ${name}`, attributes, () => handle(job));
      },
    ]),
  );
  return startQueueRunner(
    {
      connectionString: databaseUrl,
      schema: JOBS_SCHEMA,
      taskList,
      concurrency: 5,
      // New jobs are announced by NOTIFY; polling only finds jobs whose time has come (SMS fallbacks, aftercare) and retries.
      // Half a second keeps an SMS fallback within a second of its ladder time.
      pollInterval: 500,
      maxPoolSize: 6,
    },
    logger,
  );
}
