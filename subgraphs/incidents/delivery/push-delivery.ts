/**
 * Pushes as durable jobs. A dispatch (or a stand-down) queues one SEND_PUSH
 * job for its alerts, in the transaction that commits them; each push has a
 * row per alert and device (`incidents.push_delivery`) that the job claims
 * before sending, so a retried job never sends one that was sent.
 *
 * The devices' sends run side by side, each bounded by its push service's
 * deadline, so one slow device or service holds up no other; SMS have jobs
 * of their own and never wait for pushes. What the services answer is acted
 * on: a dead token removes its device, "retry" queues that push again not
 * before the service's Retry-After (else with growing pauses), a failure is
 * recorded with its reason. When every push of an alert failed, its SMS
 * fallback goes out at once instead of after the ladder's wait.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../../common/logger.ts';
import { alertsTotal } from '../../../common/metrics.ts';
import type { DevicePlatform, PushOutcome, PushService, PushTarget } from '../channels/push.ts';
import { recordDeliveryNews } from './delivery.ts';
import { addJobs, Job, type JobSpec } from '../jobs.ts';
import { pushMessageOf, type DeliveryPurpose } from '../channels/push-message.ts';
import { smsFallbackJobSpec, SMS_USEFUL_FOR_MS } from '../channels/sms.ts';
import { sql, toDate, uuidArray } from '../../../common/sql.ts';

export type { DeliveryPurpose } from '../channels/push-message.ts';

/** The push services of this process, by platform (channels/push-services.ts). */
export type PushServices = Readonly<Record<DevicePlatform, PushService>>;

/** The SEND_PUSH job. */
export interface PushJob {
  purpose: DeliveryPurpose;
  alertIds: string[];
  /** Only these devices (a retry of some pushes); all of the alerts' queued pushes when absent. */
  deviceIds?: string[];
  /** The SMS of each alert, sent at once when all of its pushes failed. */
  fallbacks?: Record<string, { to: string; text: string }>;
}

/** Attempts of one push before it is recorded as failed. */
export const PUSH_ATTEMPTS = 5;
/** A push claimed this long ago by a job that died is claimed again (longer than any service's deadline). */
const STALE_CLAIM = '1 minute';

/** The job queue's own retries of a push job are for a database that is away; each push's retries are our own. */
export const PUSH_JOB_ATTEMPTS = 10;

/** The SEND_PUSH job for these alerts. */
export function pushJobSpec(job: PushJob, runAt?: Date): JobSpec {
  return { job: Job.SEND_PUSH, payload: job, maxAttempts: PUSH_JOB_ATTEMPTS, ...(runAt ? { runAt } : {}) };
}

/** Pause before the next attempt of a push: what the service asked for, else 1, 2, 4, 8 s. */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined): number {
  const backoff = 1000 * 2 ** Math.max(0, attempts - 1);
  return retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : backoff;
}

type ClaimedRow = {
  alert_id: string;
  device_id: string;
  attempts: number;
  platform: DevicePlatform | null;
  token: string | null;
  web_push_p256dh: string | null;
  web_push_auth: string | null;
  critical_alerts: boolean | null;
  incident_id: string | null;
  task: string | null;
  message: string;
  created_at: string | Date;
  aed_id: string | null;
  aed_latitude: number | null;
  aed_longitude: number | null;
  cabinet_code: string | null;
  stand_down_reason: string | null;
  language: string | null;
  address: string | null;
};

async function claim(em: EntityManager, job: PushJob): Promise<ClaimedRow[]> {
  return sql<ClaimedRow>(
    em,
    `with claimed as (
       update incidents.push_delivery p set state = 'SENDING', claimed_at = now(), attempts = p.attempts + 1, updated_at = now()
       where p.alert_id = any(?::uuid[]) and p.purpose = ?::incidents.delivery_purpose
         and (?::uuid[] is null or p.device_id = any(?::uuid[]))
         and (p.state = 'QUEUED' or (p.state = 'SENDING' and p.claimed_at < now() - interval '${STALE_CLAIM}'))
       returning p.alert_id, p.device_id, p.attempts
     )
     select c.alert_id, c.device_id, c.attempts, d.platform, d.token, d.web_push_p256dh, d.web_push_auth, d.critical_alerts,
            a.incident_id, a.task, a.message, a.created_at, a.aed_id, a.aed_latitude, a.aed_longitude, a.cabinet_code, a.stand_down_reason, a.language, i.address
     from claimed c
     join incidents.alert a on a.id = c.alert_id
     left join incidents.device d on d.id = c.device_id
     left join incidents.incident i on i.id = a.incident_id`,
    [uuidArray(job.alertIds), job.purpose, job.deviceIds ? uuidArray(job.deviceIds) : null, job.deviceIds ? uuidArray(job.deviceIds) : null],
  );
}

function targetOf(row: ClaimedRow): PushTarget {
  if (row.platform === 'WEB') {
    return { platform: 'WEB', subscription: { endpoint: row.token!, keys: { p256dh: row.web_push_p256dh!, auth: row.web_push_auth! } } };
  }
  return { platform: row.platform!, token: row.token!, criticalAlerts: row.critical_alerts === true };
}

/** What to record for one claimed push. */
interface Outcome {
  row: ClaimedRow;
  state: 'QUEUED' | 'SENT' | 'DEAD_TOKEN' | 'FAILED';
  reason: string | null;
  retryAt?: Date;
}

function interpret(row: ClaimedRow, outcome: PushOutcome, now: number, expiresAt: number): Outcome {
  switch (outcome.kind) {
    case 'SENT':
      return { row, state: 'SENT', reason: null };
    case 'DEAD_TOKEN':
      return { row, state: 'DEAD_TOKEN', reason: outcome.reason };
    case 'FAILED':
      return { row, state: 'FAILED', reason: outcome.reason };
    case 'RETRY': {
      const retryAt = now + retryDelayMs(row.attempts, outcome.retryAfterMs);
      if (row.attempts >= PUSH_ATTEMPTS) return { row, state: 'FAILED', reason: `gave up after ${row.attempts} attempts: ${outcome.reason}` };
      if (retryAt >= expiresAt) return { row, state: 'FAILED', reason: `${outcome.reason}; no time left to retry` };
      return { row, state: 'QUEUED', reason: outcome.reason, retryAt: new Date(retryAt) };
    }
  }
}

/**
 * The SEND_PUSH job: claims the job's pushes, sends them side by side, and
 * records what the services answered (see the module comment).
 */
export async function sendPushes(services: PushServices, em: EntityManager, job: PushJob, logger: Logger): Promise<void> {
  const rows = await claim(em.fork(), job);
  if (rows.length === 0) return;
  const now = Date.now();
  const outcomes = await Promise.all(
    rows.map(async (row): Promise<Outcome> => {
      const expiresAt = toDate(row.created_at).getTime() + SMS_USEFUL_FOR_MS;
      if (!row.platform) return { row, state: 'FAILED', reason: 'the device was removed before the push went out' };
      if (job.purpose === 'ALERT' && expiresAt <= now) return { row, state: 'FAILED', reason: 'too late to be of use' };
      const service = services[row.platform];
      if (!service) return { row, state: 'FAILED', reason: `no push service for ${row.platform}` };
      const message = pushMessageOf(job.purpose, {
        alertId: row.alert_id,
        incidentId: row.incident_id,
        task: row.task,
        message: row.message,
        address: row.address,
        aedId: row.aed_id,
        aedLatitude: row.aed_latitude,
        aedLongitude: row.aed_longitude,
        cabinetCode: row.cabinet_code,
        standDownReason: row.stand_down_reason as 'ENOUGH_RESPONDERS' | 'INCIDENT_CLOSED' | 'INCIDENT_CANCELLED' | null,
        language: row.language,
        expiresAt: job.purpose === 'ALERT' ? new Date(expiresAt) : new Date(now + SMS_USEFUL_FOR_MS),
      });
      let outcome: PushOutcome;
      try {
        outcome = await service.send(targetOf(row), message);
      } catch (error) {
        // Services answer with outcomes; a throw is a fault of ours, retried like a network error.
        logger.error({ err: error, alertId: row.alert_id, deviceId: row.device_id, service: service.name }, 'push service threw');
        outcome = { kind: 'RETRY', reason: 'the push service failed unexpectedly' };
      }
      alertsTotal.inc({ channel: `push-${service.name}`, state: outcome.kind.toLowerCase() });
      if (outcome.kind !== 'SENT')
        logger.warn(
          { alertId: row.alert_id, deviceId: row.device_id, service: service.name, outcome: outcome.kind, reason: 'reason' in outcome ? outcome.reason : undefined },
          'push not sent',
        );
      return interpret(row, outcome, Date.now(), expiresAt);
    }),
  );
  await recordOutcomes(em, job, outcomes);
}

async function recordOutcomes(em: EntityManager, job: PushJob, outcomes: readonly Outcome[]): Promise<void> {
  await em.fork().transactional(async (tx) => {
    await sql(
      tx,
      `update incidents.push_delivery p set state = o.state::incidents.push_delivery_state, reason = o.reason, updated_at = now(),
         sent_at = case when o.state = 'SENT' then now() else p.sent_at end
       from jsonb_to_recordset(?::jsonb) as o(alert_id uuid, device_id uuid, state text, reason text)
       where p.alert_id = o.alert_id and p.device_id = o.device_id and p.purpose = ?::incidents.delivery_purpose`,
      [
        JSON.stringify(outcomes.map((outcome) => ({ alert_id: outcome.row.alert_id, device_id: outcome.row.device_id, state: outcome.state, reason: outcome.reason }))),
        job.purpose,
      ],
    );
    const dead = outcomes.filter((outcome) => outcome.state === 'DEAD_TOKEN').map((outcome) => outcome.row.device_id);
    if (dead.length > 0) await sql(tx, 'delete from incidents.device where id = any(?::uuid[])', [uuidArray(dead)]);

    const jobs: JobSpec[] = outcomes
      .filter((outcome) => outcome.retryAt)
      .map((outcome) =>
        pushJobSpec({ purpose: job.purpose, alertIds: [outcome.row.alert_id], deviceIds: [outcome.row.device_id], ...fallbackOf(job, outcome.row.alert_id) }, outcome.retryAt),
      );
    if (job.purpose === 'ALERT' && job.fallbacks) {
      // Alerts with no push left that may still reach the phone: their SMS need not wait for the ladder.
      const unreachable = await sql<{ alert_id: string }>(
        tx,
        `select p.alert_id from incidents.push_delivery p
         where p.alert_id = any(?::uuid[]) and p.purpose = 'ALERT'
         group by p.alert_id having bool_and(p.state in ('DEAD_TOKEN', 'FAILED'))`,
        [uuidArray([...new Set(outcomes.map((outcome) => outcome.row.alert_id))])],
      );
      for (const { alert_id: alertId } of unreachable) {
        const sms = job.fallbacks[alertId];
        if (sms) jobs.push({ ...smsFallbackJobSpec([{ alertId, ...sms, purpose: 'ALERT' }], new Date()), jobKey: `sms-fallback-now:${alertId}` });
      }
    }
    await addJobs(tx, jobs);
  });
  if (job.purpose === 'ALERT')
    await recordDeliveryNews(
      em,
      outcomes.map((outcome) => outcome.row.incident_id),
    );
}

function fallbackOf(job: PushJob, alertId: string): Pick<PushJob, 'fallbacks'> {
  const sms = job.fallbacks?.[alertId];
  return sms ? { fallbacks: { [alertId]: sms } } : {};
}
