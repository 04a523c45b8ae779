/**
 * The push service used for a platform whose push service is not configured
 * (development and tests): it sends nothing and remembers what it would have
 * sent, so a developer sees the pushes in the log and a test can read them.
 */
import type { Logger } from '../../../common/logger.ts';
import type { DevicePlatform, PushMessage, PushOutcome, PushService, PushTarget } from './push.ts';

/** How many pushes are kept; older ones are forgotten. */
const KEEP = 1000;

/** One push that was recorded instead of sent. */
export interface RecordedPush {
  readonly target: PushTarget;
  readonly message: PushMessage;
}

/** A {@link PushService} that records instead of sending; every push is answered `SENT`. */
export class RecordingPushService implements PushService {
  readonly name: string;
  /** What would have been sent, oldest first (at most the last 1000). */
  readonly sent: RecordedPush[] = [];
  private count = 0;

  constructor(
    readonly platform: DevicePlatform,
    private readonly logger?: Pick<Logger, 'info'>,
  ) {
    this.name = `recording-${platform.toLowerCase()}`;
  }

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    this.sent.push({ target, message });
    if (this.sent.length > KEEP) this.sent.shift();
    this.count += 1;
    // The token is personal data and the text names the patient's address: neither is logged.
    this.logger?.info(
      { platform: this.platform, alertId: message.alertId, urgent: message.urgent, characters: message.body.length },
      'push recorded, not sent (no push service configured)',
    );
    return { kind: 'SENT', messageId: `recorded-${this.count}` };
  }

  async close(): Promise<void> {}
}
