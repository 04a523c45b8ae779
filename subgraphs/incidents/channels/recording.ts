/**
 * The alert channel used when no SMSC is configured (development and tests):
 * it sends nothing and remembers what it would have sent, so a developer can
 * see the texts in the log and a test can read them.
 */
import type { Logger } from '../../../common/logger.ts';
import { ChannelError, isE164, type AlertChannel, type IncomingReply, type OutgoingAlert, type ReplyHandler, type SentAlertMessage } from './channel.ts';
import { maskPhoneNumber } from './sms-smpp.ts';

/** How many messages are kept; older ones are forgotten. */
const KEEP = 1000;

/** An {@link AlertChannel} that records instead of sending. */
export class RecordingAlertChannel implements AlertChannel {
  readonly name = 'recording';
  /** What would have been sent, oldest first (at most the last 1000). */
  readonly sent: OutgoingAlert[] = [];
  private readonly handlers = new Set<ReplyHandler>();
  private count = 0;
  private closed = false;

  constructor(private readonly logger?: Pick<Logger, 'info'>) {}

  async send(alert: OutgoingAlert): Promise<SentAlertMessage> {
    if (this.closed) throw new ChannelError('CLOSED', 'The recording channel is closed.');
    if (!isE164(alert.to)) throw new ChannelError('INVALID_RECIPIENT', `Not a phone number in E.164 form: ${maskPhoneNumber(alert.to)}.`);
    this.sent.push(alert);
    if (this.sent.length > KEEP) this.sent.shift();
    this.count += 1;
    // The text holds the patient's address and the cabinet code: logged only as its length.
    this.logger?.info({ to: maskPhoneNumber(alert.to), alertId: alert.alertId, characters: alert.text.length }, 'SMS recorded, not sent (no SMSC configured)');
    return { channelMessageId: `recorded-${this.count}` };
  }

  onReply(handler: ReplyHandler): () => void {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  /** Hands a reply to the handlers as if a volunteer had sent it. */
  async receive(reply: IncomingReply): Promise<void> {
    for (const handler of [...this.handlers]) await handler(reply);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
  }
}
