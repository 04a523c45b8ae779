/**
 * Alerts and stand-downs by SMS (replies: sms-reply.ts).
 *
 * An SMS is queued as a job in the transaction that commits its alert, so the
 * alert is stored before anything is sent and a restart between the two
 * loses nothing. The job sends through the {@link AlertChannel}: SMPP when an
 * SMSC is configured (`SMPP_HOST`), otherwise a channel that only records.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SmppSettings } from '../../common/config.ts';
import type { Logger } from '../../common/logger.ts';
import { alertsTotal } from '../../common/metrics.ts';
import { ChannelError, type AlertChannel } from './channels/channel.ts';
import { RecordingAlertChannel } from './channels/recording.ts';
import { maskPhoneNumber, SmppAlertChannel } from './channels/sms-smpp.ts';
import { addJobs, Job } from './jobs.ts';

/** One SMS to send. */
export interface SmsMessage {
  alertId: string;
  /** E.164 number. */
  to: string;
  text: string;
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
const SMS_USEFUL_FOR_MS = 10 * 60_000;

/** Attempts of a job before its SMS are given up (graphile-worker backs off exponentially: about 2 minutes in all). */
const SMS_ATTEMPTS = 5;

/** Queues SMS in `tx`'s transaction (sent only if it commits). */
export async function queueSms(tx: EntityManager, messages: readonly SmsMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const job: SmsJob = { messages: [...messages], queuedAt: new Date().toISOString() };
  await addJobs(tx, [{ job: Job.SEND_SMS, payload: job, maxAttempts: SMS_ATTEMPTS }]);
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
 * Sends a job's SMS (the SEND_SMS job), all at once (the channel limits how
 * many are in flight). Messages that failed with nothing sent (no
 * connection, refused) are queued again as a job of their own, which the
 * queue retries with back-off; a message the SMSC may have taken is never
 * sent again, since that could alert the volunteer twice.
 */
export async function sendSms(channel: AlertChannel, em: EntityManager, job: SmsJob, logger: Logger): Promise<void> {
  const age = Date.now() - new Date(job.queuedAt).getTime();
  if (age > SMS_USEFUL_FOR_MS) {
    logger.warn({ alerts: job.messages.map((message) => message.alertId), ageMs: age }, 'SMS dropped: too late to be of use');
    return;
  }
  const outcomes = await Promise.allSettled(job.messages.map((message) => channel.send({ to: message.to, text: message.text, alertId: message.alertId })));
  const retry: SmsMessage[] = [];
  outcomes.forEach((outcome, index) => {
    alertsTotal.inc({ channel: 'sms', state: outcome.status === 'fulfilled' ? 'sent' : 'failed' });
    if (outcome.status === 'fulfilled') return;
    const message = job.messages[index]!;
    const error = outcome.reason as unknown;
    if (error instanceof ChannelError && (error.code === 'INVALID_RECIPIENT' || error.mayHaveBeenSent)) {
      logger.error({ err: error, alertId: message.alertId, to: maskPhoneNumber(message.to) }, 'SMS not retried');
    } else {
      logger.warn({ err: error, alertId: message.alertId, to: maskPhoneNumber(message.to) }, 'SMS not sent; retrying');
      retry.push(message);
    }
  });
  if (retry.length === 0) return;
  if (retry.length === job.messages.length) throw new Error(`None of ${retry.length} SMS could be sent; the job is retried.`);
  await addJobs(em.fork(), [{ job: Job.SEND_SMS, payload: { messages: retry, queuedAt: job.queuedAt }, maxAttempts: SMS_ATTEMPTS }]);
}
