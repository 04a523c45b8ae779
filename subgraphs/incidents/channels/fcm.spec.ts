/**
 * The FCM service against a local FCM (fake-fcm.ts): Google's token
 * endpoint checking the service account's signed grant, and the HTTP v1
 * send endpoint checking the access token and the message.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeFcm } from './fake-fcm.ts';
import { FcmService, type FcmOptions } from './fcm.ts';
import type { PushMessage } from './push.ts';

const ALERT_ID = '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';
const TOKEN = 'fcm-registration-token-of-annas-phone';

let fcm: FakeFcm;
let service: FcmService;

function options(overrides: Partial<FcmOptions> = {}): FcmOptions {
  return { ...fcm.settings, timeoutMs: 3_000, ...overrides };
}

function message(overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    alertId: ALERT_ID,
    title: 'Herzstillstand in der Nähe',
    body: 'Holen Sie den Defibrillator an der Sporthalle, Hauptstraße 3',
    data: { task: 'FETCH_AED', incidentId: '0193a5b2-0000-7000-8000-000000000001' },
    expiresAt: new Date(Date.now() + 600_000),
    urgent: true,
    ...overrides,
  };
}

beforeEach(async () => {
  fcm = await FakeFcm.start();
  service = new FcmService(options());
});

afterEach(async () => {
  await service.close();
  await fcm.close();
});

describe('FcmService', () => {
  it('sends a high-priority data message with a TTL and the alert as collapse key, after a grant with the service account', async () => {
    const outcome = await service.send({ platform: 'ANDROID', token: TOKEN }, message());

    expect(outcome).toMatchObject({ kind: 'SENT', messageId: expect.stringMatching(/^projects\/heartsafe-test\/messages\//) });
    expect(fcm.refused).toEqual([]);
    expect(fcm.issuedTokens).toHaveLength(1);
    expect(fcm.received).toHaveLength(1);
    const sent = fcm.received[0]!.message;
    expect(sent).toEqual({
      token: TOKEN,
      data: {
        alertId: ALERT_ID,
        title: 'Herzstillstand in der Nähe',
        body: 'Holen Sie den Defibrillator an der Sporthalle, Hauptstraße 3',
        urgent: 'true',
        task: 'FETCH_AED',
        incidentId: '0193a5b2-0000-7000-8000-000000000001',
      },
      android: { priority: 'HIGH', ttl: expect.stringMatching(/^\d+s$/), collapse_key: ALERT_ID },
    });
    const ttl = Number.parseInt(sent.android.ttl, 10);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('sends other news with normal priority', async () => {
    await service.send({ platform: 'ANDROID', token: TOKEN }, message({ urgent: false }));
    expect(fcm.received[0]!.message.android.priority).toBe('NORMAL');
    expect(fcm.received[0]!.message.data.urgent).toBe('false');
  });

  it('asks for one access token and reuses it, also for sends at the same moment', async () => {
    const outcomes = await Promise.all(['a', 'b', 'c'].map((token) => service.send({ platform: 'ANDROID', token }, message())));
    await service.send({ platform: 'ANDROID', token: 'd' }, message());
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['SENT', 'SENT', 'SENT']);
    expect(fcm.received).toHaveLength(4);
    expect(fcm.issuedTokens).toHaveLength(1);
  });

  it.each(['UNREGISTERED', 'INVALID_TOKEN'] as const)('answers DEAD_TOKEN for %s', async (error) => {
    fcm.answer(TOKEN, { error });
    await expect(service.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'DEAD_TOKEN' });
  });

  it('answers RETRY with the wait a 429 asks for in Retry-After', async () => {
    fcm.answer(TOKEN, { error: 'QUOTA_EXCEEDED', retryAfter: '12' });
    await expect(service.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY', retryAfterMs: 12_000 });
  });

  it.each(['UNAVAILABLE', 'INTERNAL'] as const)('answers RETRY for %s', async (error) => {
    fcm.answer(TOKEN, { error });
    await expect(service.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY' });
  });

  it('answers FAILED for a refusal a retry would not change, and keeps the token', async () => {
    fcm.answer(TOKEN, { error: 'SENDER_ID_MISMATCH' });
    await expect(service.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'FAILED' });
  });

  it('answers RETRY when FCM does not answer within the deadline', async () => {
    fcm.answer(TOKEN, 'hang');
    const impatient = new FcmService(options({ timeoutMs: 300 }));
    await expect(impatient.send({ platform: 'ANDROID', token: 'warm-up' }, message())).resolves.toMatchObject({ kind: 'SENT' });
    await expect(impatient.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY', reason: 'no answer within 300 ms' });
    expect(fcm.received).toHaveLength(2);
    await impatient.close();
  });

  it('answers RETRY when FCM cannot be reached', async () => {
    await fcm.close();
    await expect(service.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'RETRY' });
  });

  it('refuses a service account whose key is unusable when it is made, not at the first alert', () => {
    expect(() => new FcmService(options({ serviceAccount: { ...fcm.serviceAccount, private_key: 'not a key' } }))).toThrow();
  });

  it('answers FAILED when the token endpoint refuses the service account, and sends nothing', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const impostor = new FcmService(options({ serviceAccount: { ...fcm.serviceAccount, private_key: stranger } }));
    await expect(impostor.send({ platform: 'ANDROID', token: TOKEN }, message())).resolves.toMatchObject({ kind: 'FAILED' });
    expect(fcm.refused).toEqual([expect.stringContaining('Invalid JWT Signature')]);
    expect(fcm.received).toEqual([]);
    await impostor.close();
  });
});
