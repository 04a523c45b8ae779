/**
 * Firebase Cloud Messaging HTTP v1 for the Android app: one
 * `POST {baseUrl}/v1/projects/{projectId}/messages:send` per device,
 * authorised by an OAuth2 access token that google-auth-library obtains
 * with the service account's key (JWT-bearer grant) and caches until it
 * nears expiry.
 *
 * The message is a data message with Android priority HIGH: the app, not
 * the system tray, turns it into an alert that rings like an alarm (a
 * notification message would be drawn by the system with no say of the app
 * while it sleeps).
 */
import { createPrivateKey } from 'node:crypto';
import { JWT } from 'google-auth-library';
import type { FcmSettings } from '../../../common/config.ts';
import { retryAfterMs, secondsUntil, withDeadline } from './push-timing.ts';
import type { PushMessage, PushOutcome, PushService, PushTarget } from './push.ts';

/** How to reach FCM. */
export interface FcmOptions extends FcmSettings {
  /** Deadline of one send, the access token included. */
  timeoutMs: number;
}

/** The scope an access token needs to send with FCM. */
export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/** Google's token endpoint, which google-auth-library uses whatever the key file says. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The FCM v1 message for one alert to one device (the `message` of a send request). */
export interface FcmMessage {
  token: string;
  data: Record<string, string>;
  android: { priority: 'HIGH' | 'NORMAL'; ttl: string; collapse_key: string };
}

/**
 * The message FCM gets: everything the app shows is in `data` (string
 * values only), next to the alert id it acknowledges; `urgent` is "true"
 * or "false".
 */
export function fcmMessage(token: string, message: PushMessage, now = Date.now()): FcmMessage {
  return {
    token,
    data: { ...message.data, alertId: message.alertId, title: message.title, body: message.body, urgent: String(message.urgent) },
    android: { priority: message.urgent ? 'HIGH' : 'NORMAL', ttl: `${secondsUntil(message.expiresAt, now)}s`, collapse_key: message.alertId },
  };
}

/** The FCM {@link PushService}. */
export class FcmService implements PushService {
  readonly platform = 'ANDROID' as const;
  readonly name = 'fcm';
  private readonly auth: JWT;
  private readonly sendUrl: string;

  constructor(private readonly options: FcmOptions) {
    const { serviceAccount } = options;
    // An unusable key would fail every send: refuse it now.
    createPrivateKey(serviceAccount.private_key);
    this.auth = new JWT({ email: serviceAccount.client_email, key: serviceAccount.private_key, scopes: [FCM_SCOPE], transporterOptions: { timeout: options.timeoutMs } });
    const tokenUrl = serviceAccount.token_uri;
    if (tokenUrl && tokenUrl !== GOOGLE_TOKEN_URL) {
      // google-auth-library 10 posts the grant to Google's endpoint whatever the key file's token_uri says; honour the key file.
      this.auth.transporter.interceptors.request.add({
        resolved: async (request) => (request.url.href === GOOGLE_TOKEN_URL ? { ...request, url: new URL(tokenUrl) } : request),
      });
    }
    this.sendUrl = `${options.baseUrl.replace(/\/+$/, '')}/v1/projects/${encodeURIComponent(options.projectId)}/messages:send`;
  }

  send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    const { token } = target;
    if (!token) return Promise.resolve({ kind: 'FAILED', reason: 'no FCM registration token' });
    return withDeadline(this.options.timeoutMs, async (signal) => {
      let accessToken: string;
      try {
        accessToken = (await this.auth.getAccessToken()).token!;
      } catch (error) {
        return tokenOutcome(error);
      }
      let response: Response;
      try {
        response = await fetch(this.sendUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ message: fcmMessage(token, message) }),
          signal,
        });
      } catch (error) {
        return { kind: 'RETRY', reason: `FCM not reached: ${(error as Error).message}` };
      }
      const body = (await response.json().catch(() => ({}))) as FcmAnswer;
      if (response.ok) return { kind: 'SENT', messageId: body.name };
      return outcomeOf(response.status, response.headers.get('retry-after'), body);
    });
  }

  async close(): Promise<void> {}
}

/** What FCM answers (a message name, or a google.rpc.Status error). */
interface FcmAnswer {
  name?: string;
  error?: { code?: number; message?: string; status?: string; details?: { '@type'?: string; errorCode?: string; fieldViolations?: { field?: string }[] }[] };
}

/** What an FCM error answer means for the device. */
function outcomeOf(status: number, retryAfter: string | null, body: FcmAnswer): PushOutcome {
  const details = body.error?.details ?? [];
  const errorCode = details.find((detail) => detail['@type']?.endsWith('google.firebase.fcm.v1.FcmError'))?.errorCode ?? body.error?.status;
  const reason = `FCM answered ${status} ${errorCode ?? ''}`.trim();
  if (status === 404 || errorCode === 'UNREGISTERED') return { kind: 'DEAD_TOKEN', reason };
  // INVALID_ARGUMENT also covers a malformed message; only a complaint about the token says the token is dead.
  const aboutToken =
    details.some((detail) => detail.fieldViolations?.some((violation) => violation.field === 'message.token')) || /registration token/i.test(body.error?.message ?? '');
  if (errorCode === 'INVALID_ARGUMENT' && aboutToken) return { kind: 'DEAD_TOKEN', reason };
  if (status === 429 || status >= 500) return { kind: 'RETRY', reason, retryAfterMs: retryAfterMs(retryAfter) };
  return { kind: 'FAILED', reason };
}

/** What a failure to obtain an access token means: refused credentials do not heal by retrying, an outage does. */
function tokenOutcome(error: unknown): PushOutcome {
  const status = (error as { response?: { status?: number } }).response?.status;
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) return { kind: 'FAILED', reason: `the token endpoint refused the service account (${status})` };
  return { kind: 'RETRY', reason: `no access token: ${(error as Error).message}` };
}
