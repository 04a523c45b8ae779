/**
 * Apple Push Notification service for the iOS app, over HTTP/2 with token
 * authentication (a .p8 key signs an ES256 JWT), by `@parse/node-apn`.
 *
 * An urgent alert goes with priority 10 and, for an app holding Apple's
 * critical-alert entitlement, `interruption-level: critical` and a critical
 * sound, which rings through silent mode and Do Not Disturb; otherwise it is
 * `time-sensitive`. The expiration is the alert's own, and the collapse id
 * is the alert's id, so a repeated push replaces the earlier one on the phone.
 */
import { createHash, randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { ClientHttp2Stream, IncomingHttpHeaders } from 'node:http2';
import { setTimeout as delay } from 'node:timers/promises';
import apn from '@parse/node-apn';
import type { ApnsSettings } from '../../../common/config.ts';
import { retryAfterMs, withDeadline } from './push-timing.ts';
import type { PushMessage, PushOutcome, PushService, PushTarget } from './push.ts';

/** How to reach APNs. */
export interface ApnsOptions extends ApnsSettings {
  /** Deadline of one request. */
  timeoutMs: number;
}

/** The JSON payload the app receives: Apple's `aps` dictionary next to our fields. */
export interface ApnsPayload {
  aps: {
    alert: { title: string; body: string };
    sound: string | { critical: 1; name: string; volume: number };
    'interruption-level': 'critical' | 'time-sensitive';
  };
  alertId: string;
  [field: string]: unknown;
}

/** Answers that say the token will never reach this app again. */
const DEAD_TOKEN_REASONS = new Set(['BadDeviceToken', 'DeviceTokenNotForTopic', 'Unregistered']);

/** APNs refuses a collapse id over 64 bytes. */
const MAX_COLLAPSE_ID_BYTES = 64;

/** The collapse id of an alert: its id, or a digest of an id too long for APNs. */
export function apnsCollapseId(alertId: string): string {
  if (Buffer.byteLength(alertId) <= MAX_COLLAPSE_ID_BYTES) return alertId;
  return createHash('sha256').update(alertId).digest('hex');
}

/** The payload for `message` on a device that may (`critical`) or may not ring through silent mode. */
export function apnsPayload(message: PushMessage, critical: boolean): ApnsPayload {
  return {
    ...message.data,
    alertId: message.alertId,
    aps: {
      alert: { title: message.title, body: message.body },
      sound: critical ? { critical: 1, name: 'default', volume: 1 } : 'default',
      'interruption-level': critical ? 'critical' : 'time-sensitive',
    },
  };
}

/** Emitted by node:http2 with every response a client stream receives. */
const RESPONSE_CHANNEL = 'http2.client.stream.finish';

/** The APNs {@link PushService}. */
export class ApnsService implements PushService {
  readonly platform = 'IOS' as const;
  readonly name = 'apns';
  private readonly provider: apn.Provider;
  /** Retry-After of the answers to our requests in flight, by apns-id. */
  private readonly retryAfter = new Map<string, string | undefined>();
  private readonly onResponse = (message: unknown) => {
    const { stream, headers } = message as { stream: ClientHttp2Stream; headers: IncomingHttpHeaders };
    const id = stream.sentHeaders?.['apns-id'];
    if (typeof id === 'string' && this.retryAfter.has(id)) this.retryAfter.set(id, headers['retry-after']);
  };

  constructor(private readonly options: ApnsOptions) {
    this.provider = new apn.Provider({
      token: { key: options.key, keyId: options.keyId, teamId: options.teamId },
      production: options.production,
      ...(options.host ? { address: options.host } : {}),
      port: options.port,
      ...(options.ca ? { ca: [options.ca] } : {}),
      requestTimeout: options.timeoutMs,
      // No retries inside the library: a failed push goes back to its durable job, which retries with back-off.
      connectionRetryLimit: 0,
    });
    // node-apn drops the Retry-After header of an answer; node:http2 reports every response on this channel.
    diagnostics.subscribe(RESPONSE_CHANNEL, this.onResponse);
  }

  send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const { token } = target;
    if (!token || !/^[0-9a-f]+$/i.test(token)) return Promise.resolve({ kind: 'FAILED', reason: 'not an APNs device token' });
    const notification = new apn.Notification();
    notification.id = randomUUID();
    notification.topic = this.options.topic;
    notification.pushType = 'alert';
    notification.priority = message.urgent ? 10 : 5;
    notification.expiry = Math.floor(message.expiresAt.getTime() / 1000);
    notification.collapseId = apnsCollapseId(message.alertId);
    notification.rawPayload = apnsPayload(message, message.urgent && target.criticalAlerts === true);
    this.retryAfter.set(notification.id, undefined);
    return withDeadline(this.options.timeoutMs, async () => {
      try {
        const { sent, failed } = await this.provider.send(notification, token);
        if (sent.length > 0) return { kind: 'SENT', messageId: notification.id };
        return outcomeOf(failed[0], this.retryAfter.get(notification.id));
      } catch (error) {
        return { kind: 'RETRY', reason: `APNs not reached: ${(error as Error).message}` };
      }
    }).finally(() => this.retryAfter.delete(notification.id));
  }

  async close(): Promise<void> {
    diagnostics.unsubscribe(RESPONSE_CHANNEL, this.onResponse);
    // Provider.shutdown's callback says when the session is closed, but never comes for a session a
    // failed connection already destroyed: wait no longer than a request may take.
    const closed = new Promise<void>((resolve) => this.provider.shutdown(resolve));
    await Promise.race([closed, delay(this.options.timeoutMs, undefined, { ref: false })]);
  }
}

/** What an APNs failure means for the device. */
function outcomeOf(failure: apn.ResponseFailure | undefined, retryAfter: string | undefined): PushOutcome {
  const status = failure?.status;
  // An expired provider token comes back as the error's message, not as a response body.
  const reason = failure?.response?.reason ?? (status === 403 ? failure?.error?.message : undefined);
  if (status === undefined) return { kind: 'RETRY', reason: `APNs not reached: ${failure?.error?.message ?? 'no answer'}` };
  const said = `APNs answered ${status} ${reason ?? ''}`.trim();
  if (status === 410 || (reason !== undefined && DEAD_TOKEN_REASONS.has(reason))) return { kind: 'DEAD_TOKEN', reason: said };
  // The library made a fresh provider token after this answer; the next attempt carries it.
  if (status === 403 && reason === 'ExpiredProviderToken') return { kind: 'RETRY', reason: said };
  if (status === 429 || status >= 500) return { kind: 'RETRY', reason: said, retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: 'FAILED', reason: said };
}
