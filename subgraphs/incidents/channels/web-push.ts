/**
 * Web Push (RFC 8030) for volunteers who use the web app: the payload is
 * encrypted for the browser's subscription (aes128gcm, RFC 8291) and the
 * request signed with our VAPID key (RFC 8292), both by the `web-push`
 * package. `Urgency: high` lets an urgent alert through the browser's power
 * saving; the TTL ends with the alert; the `Topic` header lets a newer
 * message for the same alert replace one still waiting in the push service.
 */
import { createHash } from 'node:crypto';
import https from 'node:https';
import webpush from 'web-push';
import type { WebPushSettings } from '../../../common/config.ts';
import { retryAfterMs, secondsUntil, withDeadline } from './push-timing.ts';
import type { PushMessage, PushOutcome, PushService, PushTarget, WebPushSubscription } from './push.ts';

/** How to reach the browsers' push services. */
export interface WebPushOptions extends WebPushSettings {
  /** Deadline of one request. */
  timeoutMs: number;
}

/** What the app's service worker receives (JSON, decrypted by the browser). */
export interface WebPushPayload {
  alertId: string;
  title: string;
  body: string;
  urgent: boolean;
  data: Record<string, string>;
}

const URL_SAFE_BASE64 = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Whether `value` is a usable Web Push subscription: an https endpoint, a
 * P-256 public key (65 bytes, uncompressed) and a 16-byte auth secret, as a
 * browser's `PushSubscription.toJSON()` gives them.
 */
export function isWebPushSubscription(value: unknown): value is WebPushSubscription {
  if (typeof value !== 'object' || value === null) return false;
  const { endpoint, keys } = value as Partial<WebPushSubscription>;
  if (typeof endpoint !== 'string' || !URL.canParse(endpoint) || new URL(endpoint).protocol !== 'https:') return false;
  if (typeof keys !== 'object' || keys === null) return false;
  const { p256dh, auth } = keys;
  if (typeof p256dh !== 'string' || typeof auth !== 'string' || !URL_SAFE_BASE64.test(p256dh) || !URL_SAFE_BASE64.test(auth)) return false;
  const publicKey = Buffer.from(p256dh, 'base64url');
  return publicKey.length === 65 && publicKey[0] === 0x04 && Buffer.from(auth, 'base64url').length === 16;
}

/**
 * The `Topic` for an alert: at most 32 characters of URL-safe base64
 * (RFC 8030 §5.4), so a UUID's hex digits, or a digest of any other id.
 */
export function webPushTopic(alertId: string): string {
  const hex = alertId.replaceAll('-', '');
  if (/^[0-9a-f]{32}$/i.test(hex)) return hex.toLowerCase();
  return createHash('sha256').update(alertId).digest('base64url').slice(0, 32);
}

/** The Web Push {@link PushService}. */
export class WebPushService implements PushService {
  readonly platform = 'WEB' as const;
  readonly name = 'web-push';
  private readonly agent: https.Agent;

  constructor(private readonly options: WebPushOptions) {
    // Unusable keys or subject would fail every send: refuse them now (this throws, naming what is wrong).
    webpush.getVapidHeaders('https://push.example', options.subject, options.publicKey, options.privateKey, 'aes128gcm');
    this.agent = new https.Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) });
  }

  send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const { subscription } = target;
    if (!isWebPushSubscription(subscription)) return Promise.resolve({ kind: 'FAILED', reason: 'not a usable Web Push subscription' });
    const payload: WebPushPayload = { alertId: message.alertId, title: message.title, body: message.body, urgent: message.urgent, data: { ...message.data } };
    return withDeadline(this.options.timeoutMs, async () => {
      try {
        const result = await webpush.sendNotification(subscription, JSON.stringify(payload), {
          vapidDetails: { subject: this.options.subject, publicKey: this.options.publicKey, privateKey: this.options.privateKey },
          contentEncoding: 'aes128gcm',
          TTL: secondsUntil(message.expiresAt),
          urgency: message.urgent ? 'high' : 'normal',
          topic: webPushTopic(message.alertId),
          timeout: this.options.timeoutMs,
          agent: this.agent,
        });
        return { kind: 'SENT', messageId: result.headers.location };
      } catch (error) {
        return outcomeOf(error);
      }
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

/** What a failed send means for the device. */
function outcomeOf(error: unknown): PushOutcome {
  if (!(error instanceof webpush.WebPushError)) {
    const { code, message } = error as NodeJS.ErrnoException;
    // A socket error (with its code) or web-push's own socket timeout: the service was not reached. Anything else is a message it cannot send.
    if (typeof code === 'string' || message === 'Socket timeout') return { kind: 'RETRY', reason: `push service not reached: ${message}` };
    return { kind: 'FAILED', reason: `message not sendable: ${message}` };
  }
  const status = error.statusCode;
  // 404 and 410: the browser unsubscribed or the subscription expired (RFC 8030 §7.3).
  if (status === 404 || status === 410) return { kind: 'DEAD_TOKEN', reason: `subscription gone (${status})` };
  if (status === 429 || status >= 500) return { kind: 'RETRY', reason: `push service answered ${status}`, retryAfterMs: retryAfterMs(error.headers['retry-after']) };
  return { kind: 'FAILED', reason: `push service refused the message (${status})` };
}
