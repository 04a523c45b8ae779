/**
 * The APNs service against a local APNs (fake-apns.ts): HTTP/2 over TLS,
 * checking the provider token, the headers and the payload as APNs does.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApnsService, apnsCollapseId, type ApnsOptions } from './apns.ts';
import { FakeApns } from './fake-apns.ts';
import type { PushMessage } from './push.ts';

const ALERT_ID = '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

let apns: FakeApns;
let service: ApnsService;

function options(overrides: Partial<ApnsOptions> = {}): ApnsOptions {
  return {
    ...apns.settings,
    timeoutMs: 3_000,
    ...overrides,
  };
}

function message(overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    alertId: ALERT_ID,
    title: 'Hartstilstand in de buurt',
    body: 'Haal de AED bij sporthal De Kemp, Dorpsstraat 12',
    data: { task: 'FETCH_AED', incidentId: '0193a5b2-0000-7000-8000-000000000001' },
    expiresAt: new Date(Date.now() + 600_000),
    urgent: true,
    ...overrides,
  };
}

beforeEach(async () => {
  apns = await FakeApns.start();
  service = new ApnsService(options());
});

afterEach(async () => {
  await service.close();
  await apns.close();
});

describe('ApnsService', () => {
  it('sends an urgent alert as a critical alert to an app with the entitlement: priority 10, its expiration, the alert as collapse id', async () => {
    const alert = message();
    const outcome = await service.send({ platform: 'IOS', token: TOKEN, criticalAlerts: true }, alert);

    expect(apns.refused).toEqual([]);
    expect(apns.received).toHaveLength(1);
    const [received] = apns.received;
    expect(outcome).toEqual({ kind: 'SENT', messageId: received!.apnsId });
    expect(received).toMatchObject({
      token: TOKEN,
      topic: 'org.heartsafe.responder',
      pushType: 'alert',
      priority: 10,
      expiration: Math.floor(alert.expiresAt.getTime() / 1000),
      collapseId: ALERT_ID,
    });
    expect(received!.payload).toEqual({
      aps: {
        alert: { title: 'Hartstilstand in de buurt', body: 'Haal de AED bij sporthal De Kemp, Dorpsstraat 12' },
        sound: { critical: 1, name: 'default', volume: 1 },
        'interruption-level': 'critical',
      },
      alertId: ALERT_ID,
      task: 'FETCH_AED',
      incidentId: '0193a5b2-0000-7000-8000-000000000001',
    });
  });

  it('sends an urgent alert as time-sensitive to an app without the critical-alert entitlement', async () => {
    await service.send({ platform: 'IOS', token: TOKEN }, message());
    expect(apns.received[0]!.payload.aps).toMatchObject({ sound: 'default', 'interruption-level': 'time-sensitive' });
    expect(apns.received[0]!.priority).toBe(10);
  });

  it('sends other news with priority 5, never as critical', async () => {
    await service.send({ platform: 'IOS', token: TOKEN, criticalAlerts: true }, message({ urgent: false }));
    expect(apns.received[0]!.priority).toBe(5);
    expect(apns.received[0]!.payload.aps).toMatchObject({ sound: 'default', 'interruption-level': 'time-sensitive' });
  });

  it.each([
    [410, 'Unregistered'],
    [400, 'BadDeviceToken'],
    [400, 'DeviceTokenNotForTopic'],
  ])('answers DEAD_TOKEN for %i %s', async (status, reason) => {
    apns.answer(TOKEN, { status, reason });
    await expect(service.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'DEAD_TOKEN', reason: `APNs answered ${status} ${reason}` });
  });

  it('answers RETRY with the wait a 429 asks for in Retry-After', async () => {
    apns.answer(TOKEN, { status: 429, reason: 'TooManyRequests', retryAfter: '9' });
    await expect(service.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toEqual({ kind: 'RETRY', reason: 'APNs answered 429 TooManyRequests', retryAfterMs: 9_000 });
  });

  it.each([
    [500, 'InternalServerError'],
    [503, 'ServiceUnavailable'],
  ])('answers RETRY for %i %s, once, leaving the retry to the caller', async (status, reason) => {
    apns.answer(TOKEN, { status, reason });
    await expect(service.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY' });
    expect(apns.received).toHaveLength(1);
  });

  it('answers FAILED when APNs refuses the request for a reason a retry would not change', async () => {
    const otherApp = new ApnsService(options({ topic: 'org.example.other' }));
    await expect(otherApp.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'FAILED', reason: 'APNs answered 400 TopicDisallowed' });
    await otherApp.close();
  });

  it('is refused (FAILED) when the provider token is signed by another key', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const impostor = new ApnsService(options({ key: stranger }));
    await expect(impostor.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'FAILED', reason: 'APNs answered 403 InvalidProviderToken' });
    expect(apns.received).toEqual([]);
    await impostor.close();
  });

  it('answers RETRY when APNs does not answer within the deadline', async () => {
    apns.answer(TOKEN, 'hang');
    const impatient = new ApnsService(options({ timeoutMs: 300 }));
    await expect(impatient.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY' });
    expect(apns.received).toHaveLength(1);
    await impatient.close();
  });

  it('answers RETRY when APNs cannot be reached', async () => {
    await apns.close();
    const lonely = new ApnsService(options({ timeoutMs: 500 }));
    await expect(lonely.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY', reason: expect.stringContaining('ECONNREFUSED') });
    await lonely.close();
  });

  it('does not talk to a server whose certificate it cannot verify', async () => {
    const { ca: _ca, ...untrusting } = options({ timeoutMs: 500 });
    const careful = new ApnsService(untrusting);
    await expect(careful.send({ platform: 'IOS', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY', reason: expect.stringContaining('self-signed certificate') });
    expect(apns.received).toEqual([]);
    await careful.close();
  });

  it('sends nothing for a target without a device token', async () => {
    await expect(service.send({ platform: 'IOS' }, message())).resolves.toMatchObject({ kind: 'FAILED' });
    await expect(service.send({ platform: 'IOS', token: 'not hex' }, message())).resolves.toMatchObject({ kind: 'FAILED' });
    expect(apns.received).toEqual([]);
  });
});

describe('apnsCollapseId', () => {
  it('is the alert id, or a 64-character digest of an id longer than APNs takes', () => {
    expect(apnsCollapseId(ALERT_ID)).toBe(ALERT_ID);
    const long = 'x'.repeat(65);
    expect(apnsCollapseId(long)).toMatch(/^[0-9a-f]{64}$/);
  });
});
