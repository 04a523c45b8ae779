/**
 * Checking a device registration before anything is written: the push token
 * has the shape its platform's push service gives out, a Web Push
 * subscription names an https endpoint and keys of the right lengths. A
 * malformed token would only fail at 03:12, when the alert it was meant to
 * carry is lost, so it is refused when registered.
 */
import { badInput } from '../../../common/errors.ts';
import type { DevicePlatform, WebPushSubscription } from '../channels/push.ts';

/** A registration as the app sends it. */
export interface DeviceRegistration {
  platform: DevicePlatform;
  /** APNs device token (hex) or FCM registration token. */
  token?: string | null;
  webPushSubscription?: WebPushSubscription | null;
  appVersion: string;
  /** The app's language, a BCP 47 tag such as `nl` or `sv-SE`. */
  language: string;
  /** iOS: the app holds Apple's critical-alert entitlement. */
  criticalAlerts?: boolean | null;
}

/** A registration that passed {@link checkDeviceRegistration}; `token` is the Web Push endpoint for WEB. */
export interface CheckedDevice {
  platform: DevicePlatform;
  token: string;
  webPushKeys: { p256dh: string; auth: string } | null;
  appVersion: string;
  language: string;
  criticalAlerts: boolean;
}

/** A volunteer's app on a phone, a tablet and a browser or two; more is a script, not a person. */
export const MAX_DEVICES_PER_VOLUNTEER = 10;

/** APNs device tokens are 32 bytes today, written as 64 hex digits; Apple reserves the right to make them longer. */
const APNS_TOKEN = /^[0-9a-f]{64,200}$/;
/** FCM registration tokens: about 150–180 URL-safe characters with a colon after the instance id. */
const FCM_TOKEN = /^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/;
const FCM_TOKEN_LENGTH = { min: 100, max: 4096 };
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** An uncompressed P-256 public key (RFC 8291): 0x04 then x and y. */
const P256DH_BYTES = 65;
/** The Web Push authentication secret (RFC 8291). */
const AUTH_BYTES = 16;
const MAX_ENDPOINT_LENGTH = 2048;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
const APP_VERSION = /^[0-9A-Za-z.+_-]{1,32}$/;

function base64UrlBytes(value: string): number | undefined {
  if (!BASE64URL.test(value)) return undefined;
  return Buffer.from(value, 'base64url').length;
}

function checkEndpoint(endpoint: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badInput('webPushSubscription.endpoint is not a URL.', { field: 'webPushSubscription.endpoint' });
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(allowLoopbackHttp && loopback && url.protocol === 'http:')) {
    throw badInput('webPushSubscription.endpoint must be an https URL, as the browser’s push service gives it.', { field: 'webPushSubscription.endpoint' });
  }
  if (endpoint.length > MAX_ENDPOINT_LENGTH)
    throw badInput(`webPushSubscription.endpoint must be at most ${MAX_ENDPOINT_LENGTH} characters.`, { field: 'webPushSubscription.endpoint' });
  if (url.username || url.password) throw badInput('webPushSubscription.endpoint must not carry a user name or password.', { field: 'webPushSubscription.endpoint' });
  return url.href;
}

function checkWebPush(subscription: WebPushSubscription | null | undefined, allowLoopbackHttp: boolean): { endpoint: string; keys: { p256dh: string; auth: string } } {
  if (!subscription) throw badInput('A WEB device needs its webPushSubscription (PushSubscription.toJSON() in the browser).', { field: 'webPushSubscription' });
  const endpoint = checkEndpoint(subscription.endpoint, allowLoopbackHttp);
  const p256dh = subscription.keys.p256dh.trim();
  const auth = subscription.keys.auth.trim();
  if (base64UrlBytes(p256dh) !== P256DH_BYTES || Buffer.from(p256dh, 'base64url')[0] !== 0x04) {
    throw badInput(`webPushSubscription.keys.p256dh must be a base64url P-256 public key of ${P256DH_BYTES} bytes.`, { field: 'webPushSubscription.keys.p256dh' });
  }
  if (base64UrlBytes(auth) !== AUTH_BYTES) {
    throw badInput(`webPushSubscription.keys.auth must be a base64url secret of ${AUTH_BYTES} bytes.`, { field: 'webPushSubscription.keys.auth' });
  }
  return { endpoint, keys: { p256dh, auth } };
}

function checkToken(platform: 'IOS' | 'ANDROID', value: string | null | undefined): string {
  const token = value?.trim() ?? '';
  if (token === '') throw badInput(`An ${platform} device needs its push token.`, { field: 'token' });
  if (platform === 'IOS') {
    const hex = token.toLowerCase();
    if (!APNS_TOKEN.test(hex) || hex.length % 2 !== 0) throw badInput('token is not an APNs device token (64 or more hexadecimal digits).', { field: 'token' });
    return hex;
  }
  if (!FCM_TOKEN.test(token) || token.length < FCM_TOKEN_LENGTH.min || token.length > FCM_TOKEN_LENGTH.max) {
    throw badInput('token is not an FCM registration token.', { field: 'token' });
  }
  return token;
}

/**
 * The registration trimmed and checked, or BAD_USER_INPUT naming the field
 * that is wrong. The token is never part of a message: it is personal data.
 *
 * @param allowLoopbackHttp accept `http://127.0.0.1…` Web Push endpoints (a
 *   local push service in development and tests; never in production).
 */
export function checkDeviceRegistration(input: DeviceRegistration, allowLoopbackHttp = false): CheckedDevice {
  const appVersion = input.appVersion.trim();
  if (!APP_VERSION.test(appVersion)) throw badInput('appVersion must be 1 to 32 letters, digits, dots or dashes, e.g. 4.2.0.', { field: 'appVersion' });
  const language = input.language.trim();
  if (!LANGUAGE_TAG.test(language)) throw badInput('language must be a language tag such as nl, sv or de-CH.', { field: 'language' });
  const common = { platform: input.platform, appVersion, language, criticalAlerts: input.platform === 'IOS' && input.criticalAlerts === true };
  if (input.platform === 'WEB') {
    if (input.token) throw badInput('A WEB device is reached through its webPushSubscription, not a token.', { field: 'token' });
    const { endpoint, keys } = checkWebPush(input.webPushSubscription, allowLoopbackHttp);
    return { ...common, token: endpoint, webPushKeys: keys };
  }
  if (input.platform !== 'IOS' && input.platform !== 'ANDROID') throw badInput('platform must be IOS, ANDROID or WEB.', { field: 'platform' });
  if (input.webPushSubscription) throw badInput(`An ${input.platform} device is reached through its token, not a Web Push subscription.`, { field: 'webPushSubscription' });
  return { ...common, token: checkToken(input.platform, input.token), webPushKeys: null };
}
