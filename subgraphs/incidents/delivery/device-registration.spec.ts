import { describe, expect, it } from 'vitest';
import { checkDeviceRegistration, type DeviceRegistration } from './device-registration.ts';

const APNS = 'a1'.repeat(32);
const FCM = `dQw4w9WgXcQ:APA91b${'x'.repeat(134)}`;
const P256DH = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
const AUTH = Buffer.alloc(16, 9).toString('base64url');
const base = { appVersion: '4.2.0', language: 'nl' };

function codeOf(input: DeviceRegistration, loopback = false): { code: unknown; field: unknown } | undefined {
  try {
    checkDeviceRegistration(input, loopback);
    return undefined;
  } catch (error) {
    const extensions = (error as { extensions: Record<string, unknown> }).extensions;
    return { code: extensions.code, field: extensions.field };
  }
}

describe('checkDeviceRegistration', () => {
  it('accepts the tokens and subscriptions the push services give out', () => {
    expect(checkDeviceRegistration({ ...base, platform: 'IOS', token: APNS.toUpperCase(), criticalAlerts: true })).toMatchObject({ token: APNS, criticalAlerts: true });
    expect(checkDeviceRegistration({ ...base, platform: 'ANDROID', token: FCM, criticalAlerts: true })).toMatchObject({ token: FCM, criticalAlerts: false });
    const web = checkDeviceRegistration({
      ...base,
      platform: 'WEB',
      webPushSubscription: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: P256DH, auth: AUTH } },
    });
    expect(web).toMatchObject({ token: 'https://fcm.googleapis.com/fcm/send/abc', webPushKeys: { p256dh: P256DH, auth: AUTH } });
  });

  it.each([
    ['a short APNs token', { platform: 'IOS', token: 'abc123' }, 'token'],
    ['an APNs token that is not hex', { platform: 'IOS', token: 'z'.repeat(64) }, 'token'],
    ['a missing token', { platform: 'ANDROID' }, 'token'],
    ['an FCM token with spaces', { platform: 'ANDROID', token: `${FCM.slice(0, 50)} ${FCM.slice(51)}` }, 'token'],
    [
      'a subscription on a phone',
      { platform: 'IOS', token: APNS, webPushSubscription: { endpoint: 'https://push.example/x', keys: { p256dh: P256DH, auth: AUTH } } },
      'webPushSubscription',
    ],
    ['a WEB device without subscription', { platform: 'WEB' }, 'webPushSubscription'],
    [
      'a plain-http endpoint',
      { platform: 'WEB', webPushSubscription: { endpoint: 'http://push.example/x', keys: { p256dh: P256DH, auth: AUTH } } },
      'webPushSubscription.endpoint',
    ],
    ['a short p256dh key', { platform: 'WEB', webPushSubscription: { endpoint: 'https://push.example/x', keys: { p256dh: AUTH, auth: AUTH } } }, 'webPushSubscription.keys.p256dh'],
    [
      'an auth secret that is not base64url',
      { platform: 'WEB', webPushSubscription: { endpoint: 'https://push.example/x', keys: { p256dh: P256DH, auth: 'not base64!' } } },
      'webPushSubscription.keys.auth',
    ],
    ['an unknown platform', { platform: 'BLACKBERRY', token: APNS }, 'platform'],
    ['a language that is no tag', { platform: 'IOS', token: APNS, language: 'Nederlands' }, 'language'],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_name, input, field) => {
    expect(codeOf({ ...base, ...input } as DeviceRegistration)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts a plain-http endpoint on this machine only when told to (a local push service in tests)', () => {
    const input = { ...base, platform: 'WEB' as const, webPushSubscription: { endpoint: 'http://127.0.0.1:8443/push/1', keys: { p256dh: P256DH, auth: AUTH } } };
    expect(codeOf(input)?.code).toBe('BAD_USER_INPUT');
    expect(codeOf(input, true)).toBeUndefined();
  });
});
