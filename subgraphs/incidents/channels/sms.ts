/**
 * Alerts and stand-downs by SMS (replies: sms-reply.ts).
 *
 * An SMS is queued as a job in the transaction that commits its alert, so the
 * alert is stored before anything is sent and a restart between the two
 * loses nothing. The job sends through the {@link AlertChannel}: SMPP when an
 * SMSC is configured (`SMPP_HOST`), otherwise a channel that only records.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SmppSettings } from '../../../common/config.ts';
import type { Logger } from '../../../common/logger.ts';
import { alertsTotal } from '../../../common/metrics.ts';
import { ChannelError, type AlertChannel, type DeliveryReport } from './channel.ts';
import { RecordingAlertChannel } from './recording.ts';
import { maskPhoneNumber, SmppAlertChannel } from './sms-smpp.ts';
import { recordDeliveryNews } from '../delivery/delivery.ts';
import { addJobs, Job, type JobSpec } from '../jobs.ts';
import { sql, uuidArray } from '../../../common/sql.ts';

/** One SMS to send. */
export interface SmsMessage {
  alertId: string;
  /** E.164 number. */
  to: string;
  text: string;
  /**
   * The alert itself or its stand-down: such a message is tracked (one per
   * alert and purpose, claimed before sending, its delivery recorded). Other
   * messages (answers to a volunteer's reply) are sent as queued.
   */
  purpose?: 'ALERT' | 'STAND_DOWN';
}

/** The SEND_SMS_FALLBACK job: a dispatch's alert SMS, each sent only if the app has not confirmed its push by then. */
export interface SmsFallbackJob {
  messages: SmsMessage[];
  /** When the alert was queued (ISO 8601). */
  queuedAt: string;
}

/**
 * The SEND_SMS job: the SMS of one transaction (a dispatch's alerts, a
 * stand-down), sent together. One job rather than one per message, because a
 * dispatch queues thirty at once and the job queue's own work per job would
 * compete with delivering the same alerts to the apps.
 */
export interface SmsJob {
  messages: SmsMessage[];
  /** When they were queued (ISO 8601). */
  queuedAt: string;
}

/**
 * An alert SMS that could not go out within this time is dropped: by then
 * the ambulance is there, and a volunteer sent running now helps nobody.
 */
export const SMS_USEFUL_FOR_MS = 10 * 60_000;

/** Attempts of a job before its SMS are given up (graphile-worker backs off exponentially: about 2 minutes in all). */
export const SMS_ATTEMPTS = 5;

/** The job that sends these SMS together (see {@link SmsJob}). */
export function smsJobSpec(messages: readonly SmsMessage[], queuedAt = new Date().toISOString()): JobSpec {
  const job: SmsJob = { messages: [...messages], queuedAt };
  return { job: Job.SEND_SMS, payload: job, maxAttempts: SMS_ATTEMPTS };
}

/**
 * The job that sends alerts' SMS at `runAt`, each unless its app confirmed
 * the alert by then: one job per dispatch, since they all fall due at once.
 */
export function smsFallbackJobSpec(messages: readonly SmsMessage[], runAt: Date): JobSpec {
  const job: SmsFallbackJob = { messages: [...messages], queuedAt: new Date().toISOString() };
  return { job: Job.SEND_SMS_FALLBACK, payload: job, runAt, maxAttempts: SMS_ATTEMPTS };
}

/** Queues SMS in `tx`'s transaction (sent only if it commits). */
export async function queueSms(tx: EntityManager, messages: readonly SmsMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await addJobs(tx, [smsJobSpec(messages)]);
}

/** The channel for this process: SMPP when configured, otherwise one that records. */
export function createAlertChannel(settings: SmppSettings | undefined, logger: Logger): AlertChannel {
  if (!settings) return new RecordingAlertChannel(logger);
  const channel = new SmppAlertChannel({ ...settings, logger });
  // Not awaited: an SMSC outage at start-up must not keep the subgraph (and app alerts) from starting; sends wait and retry.
  channel.start().catch((error: unknown) => logger.error({ err: error }, 'the SMSC refused the SMPP bind; alerts go out by app only'));
  return channel;
}

/**
 * Claims messages before sending, one row per alert and purpose: a message
 * already claimed (sent, or being sent by a job that died) is never sent
 * again. An alert SMS is not sent to a volunteer who has answered or been
 * stood down meanwhile.
 */
async function claimSms(em: EntityManager, messages: readonly SmsMessage[]): Promise<Set<string>> {
  const rows = await sql<{ alert_id: string; purpose: string }>(
    em,
    `insert into incidents.sms_delivery (alert_id, purpose, state)
     select m.alert_id, m.purpose::incidents.delivery_purpose, 'SENDING'
     from jsonb_to_recordset(?::jsonb) as m(alert_id uuid, purpose text) join incidents.alert a on a.id = m.alert_id
     where m.purpose = 'STAND_DOWN' or a.status = 'PENDING'
     on conflict (alert_id, purpose) do nothing
     returning alert_id, purpose`,
    [JSON.stringify(messages.map((message) => ({ alert_id: message.alertId, purpose: message.purpose })))],
  );
  return new Set(rows.map((row) => `${row.alert_id}:${row.purpose}`));
}

const keyOf = (message: SmsMessage) => `${message.alertId}:${message.purpose}`;

/** The outcome of one message, to record. */
interface SmsOutcome {
  message: SmsMessage;
  state: 'SENT' | 'FAILED' | 'RELEASED';
  channelMessageId?: string;
  reason?: string;
}

/** Records what became of the claimed messages; a released one may be claimed again by its retry. */
async function recordSmsOutcomes(em: EntityManager, all: readonly SmsOutcome[]): Promise<void> {
  const outcomes = all.filter((outcome) => outcome.message.purpose !== undefined);
  if (outcomes.length === 0) return;
  await em.fork().transactional(async (tx) => {
    const rows = outcomes.map((outcome) => ({
      alert_id: outcome.message.alertId,
      purpose: outcome.message.purpose,
      state: outcome.state,
      channel_message_id: outcome.channelMessageId ?? null,
      reason: outcome.reason ?? null,
    }));
    await sql(
      tx,
      `with o as (select * from jsonb_to_recordset(?::jsonb) as o(alert_id uuid, purpose text, state text, channel_message_id text, reason text)),
       released as (
         delete from incidents.sms_delivery s using o
         where o.state = 'RELEASED' and s.alert_id = o.alert_id and s.purpose = o.purpose::incidents.delivery_purpose and s.state = 'SENDING'
       )
       update incidents.sms_delivery s
       set state = o.state::incidents.sms_delivery_state, channel_message_id = o.channel_message_id, reason = o.reason,
           sent_at = case when o.state = 'SENT' then now() end
       from o
       where o.state <> 'RELEASED' and s.alert_id = o.alert_id and s.purpose = o.purpose::incidents.delivery_purpose and s.state = 'SENDING'`,
      [JSON.stringify(rows)],
    );
  });
  const alertSms = outcomes.filter((outcome) => outcome.message.purpose === 'ALERT' && outcome.state !== 'RELEASED');
  if (alertSms.length > 0)
    await recordDeliveryNews(
      em,
      await incidentsOf(
        em,
        alertSms.map((outcome) => outcome.message.alertId),
      ),
    );
}

/** The Incidents of these alerts. */
async function incidentsOf(em: EntityManager, alertIds: readonly string[]): Promise<(string | null)[]> {
  if (alertIds.length === 0) return [];
  const rows = await sql<{ incident_id: string | null }>(em.fork(), 'select distinct incident_id from incidents.alert where id = any(?::uuid[])', [uuidArray(alertIds)]);
  return rows.map((row) => row.incident_id);
}

/**
 * Sends a job's SMS (the SEND_SMS job), all at once (the channel limits how
 * many are in flight), alerts and stand-downs each claimed first so that none is sent twice.
 * Messages that failed with nothing sent (no connection, refused) are
 * released and queued again as a job of their own, which the queue retries
 * with back-off; a message the SMSC may have taken is never sent again,
 * since that could alert the volunteer twice.
 */
export async function sendSms(channel: AlertChannel, em: EntityManager, job: SmsJob, logger: Logger): Promise<void> {
  const age = Date.now() - new Date(job.queuedAt).getTime();
  if (age > SMS_USEFUL_FOR_MS) {
    logger.warn({ alerts: job.messages.map((message) => message.alertId), ageMs: age }, 'SMS dropped: too late to be of use');
    return;
  }
  const tracked = job.messages.filter((message) => message.purpose !== undefined);
  const claimed = tracked.length > 0 ? await claimSms(em.fork(), tracked) : new Set<string>();
  const messages = job.messages.filter((message) => message.purpose === undefined || claimed.has(keyOf(message)));
  if (messages.length === 0) return;
  const settled = await Promise.allSettled(messages.map((message) => channel.send({ to: message.to, text: message.text, alertId: message.alertId })));
  const retry: SmsMessage[] = [];
  const outcomes: SmsOutcome[] = settled.map((outcome, index) => {
    const message = messages[index]!;
    alertsTotal.inc({ channel: 'sms', state: outcome.status === 'fulfilled' ? 'sent' : 'failed' });
    if (outcome.status === 'fulfilled') return { message, state: 'SENT', channelMessageId: outcome.value.channelMessageId };
    const error = outcome.reason as unknown;
    if (error instanceof ChannelError && (error.code === 'INVALID_RECIPIENT' || error.mayHaveBeenSent)) {
      logger.error({ err: error, alertId: message.alertId, to: maskPhoneNumber(message.to) }, 'SMS not retried');
      return { message, state: 'FAILED', reason: error.mayHaveBeenSent ? 'the SMSC did not answer; not sent again' : 'not a usable phone number' };
    }
    logger.warn({ err: error, alertId: message.alertId, to: maskPhoneNumber(message.to) }, 'SMS not sent; retrying');
    retry.push(message);
    return { message, state: 'RELEASED' };
  });
  await recordSmsOutcomes(em, outcomes);
  if (retry.length === 0) return;
  if (retry.length === job.messages.length) throw new Error(`None of ${retry.length} SMS could be sent; the job is retried.`);
  await addJobs(em.fork(), [smsJobSpec(retry, job.queuedAt)]);
}

/**
 * The SEND_SMS_FALLBACK job: the alerts' SMS, except those whose app
 * confirmed the alert, whose volunteer answered, or who were stood down.
 */
export async function sendFallbackSms(channel: AlertChannel, em: EntityManager, job: SmsFallbackJob, logger: Logger): Promise<void> {
  const due = new Set(
    (
      await sql<{ id: string }>(em.fork(), `select id from incidents.alert where id = any(?::uuid[]) and status = 'PENDING' and acknowledged_at is null`, [
        uuidArray(job.messages.map((message) => message.alertId)),
      ])
    ).map((row) => row.id),
  );
  const messages = job.messages.filter((message) => due.has(message.alertId));
  logger.debug({ due: messages.length, confirmed: job.messages.length - messages.length }, 'SMS fallback');
  if (messages.length > 0) await sendSms(channel, em, { messages, queuedAt: job.queuedAt }, logger);
}

/** How long a delivery receipt may wait for its SMS's sending to be recorded (receipts can overtake the submit's own commit). */
const RECEIPT_WAIT_MS = 3_000;

/**
 * Records an SMSC delivery receipt against its SMS (matched by the SMSC's
 * message id) and tells the dispatchers. A receipt for no SMS of ours is ignored.
 */
export async function recordDeliveryReport(em: EntityManager, report: DeliveryReport, logger: Logger): Promise<void> {
  const until = Date.now() + RECEIPT_WAIT_MS;
  for (;;) {
    const matched = await em.fork().transactional(async (tx) => {
      const rows = await sql<{ alert_id: string; purpose: string }>(
        tx,
        `update incidents.sms_delivery set state = ?::incidents.sms_delivery_state, delivered_at = case when ? then now() end, reason = ?
         where channel_message_id = ? and state = 'SENT'
         returning alert_id, purpose`,
        [report.delivered ? 'DELIVERED' : 'UNDELIVERED', report.delivered, report.delivered ? null : `the SMSC reported ${report.status}`, report.channelMessageId],
      );
      if (rows.length > 0) return rows.filter((row) => row.purpose === 'ALERT').map((row) => row.alert_id);
      // Recorded already (a receipt repeated by the SMSC): nothing to wait for. A row that became SENT
      // since the update looked is not "recorded": the next round records the receipt.
      const [known] = await sql(tx, `select 1 from incidents.sms_delivery where channel_message_id = ? and state <> 'SENT'`, [report.channelMessageId]);
      return known ? [] : undefined;
    });
    if (matched) await recordDeliveryNews(em, await incidentsOf(em, matched));
    if (matched || Date.now() > until) {
      if (!matched) logger.info({ messageId: report.channelMessageId, status: report.status }, 'delivery receipt matches no SMS sent; ignored');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
