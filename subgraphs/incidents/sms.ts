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
import { ChannelError, type AlertChannel } from './channels/channel.ts';
import { RecordingAlertChannel } from './channels/recording.ts';
import { maskPhoneNumber, SmppAlertChannel } from './channels/sms-smpp.ts';
import { addJobs, Job } from './jobs.ts';

/** One SMS to send. */
export interface SmsJob {
  alertId: string;
  /** E.164 number. */
  to: string;
  text: string;
  /** When it was queued (ISO 8601). */
  queuedAt: string;
}

/**
 * An alert SMS that could not go out within this time is dropped: by then
 * the ambulance is there, and a volunteer sent running now helps nobody.
 */
const SMS_USEFUL_FOR_MS = 10 * 60_000;

/** Queues SMS in `tx`'s transaction (sent only if it commits). */
export async function queueSms(tx: EntityManager, messages: readonly Omit<SmsJob, 'queuedAt'>[]): Promise<void> {
  if (messages.length === 0) return;
  const queuedAt = new Date().toISOString();
  await addJobs(
    tx,
    messages.map((message) => ({ job: Job.SEND_SMS, payload: { ...message, queuedAt }, maxAttempts: 5 })),
  );
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
 * Sends one queued SMS (the SEND_SMS job). Throws, so that the job is retried,
 * only when nothing was sent (no connection, refused); never when the SMSC
 * may have taken it, since a retry could then alert the volunteer twice.
 */
export async function sendSms(channel: AlertChannel, job: SmsJob, logger: Logger): Promise<void> {
  const age = Date.now() - new Date(job.queuedAt).getTime();
  if (age > SMS_USEFUL_FOR_MS) {
    logger.warn({ alertId: job.alertId, ageMs: age }, 'SMS dropped: too late to be of use');
    return;
  }
  try {
    await channel.send({ to: job.to, text: job.text, alertId: job.alertId });
  } catch (error) {
    if (error instanceof ChannelError && (error.code === 'INVALID_RECIPIENT' || error.mayHaveBeenSent)) {
      logger.error({ err: error, alertId: job.alertId, to: maskPhoneNumber(job.to) }, 'SMS not retried');
      return;
    }
    throw error;
  }
}
