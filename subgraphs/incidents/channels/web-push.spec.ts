/**
 * The Web Push service against a local push endpoint (fake-web-push.ts)
 * that checks VAPID and decrypts the payload as a browser's push service
 * and the browser would.
 */
import webpush from 'web-push';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWebPush } from './fake-web-push.ts';
import type { PushMessage, WebPushSubscription } from './push.ts';
import { isWebPushSubscription, WebPushService, webPushTopic, type WebPushPayload } from './web-push.ts';

const vapid = webpush.generateVAPIDKeys();
const ALERT_ID = '0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';

let endpoint: FakeWebPush;
let service: WebPushService;
let subscription: WebPushSubscription;

function message(overrides: Partial<PushMessage> = {}): PushMessage {
  return {
    alertId: ALERT_ID,
    title: 'Hjärtstopp i närheten',
    body: 'Hämta hjärtstartaren vid Idrottshallen, Storgatan 3',
    data: { task: 'FETCH_AED', incidentId: '0193a5b2-0000-7000-8000-000000000001' },
    expiresAt: new Date(Date.now() + 600_000),
    urgent: true,
    ...overrides,
  };
}

beforeEach(async () => {
  endpoint = await FakeWebPush.start();
  service = new WebPushService({ ...endpoint.settings(vapid), timeoutMs: 3_000 });
  subscription = endpoint.subscribe(vapid.publicKey);
});

afterEach(async () => {
  await service.close();
  await endpoint.close();
});

describe('WebPushService', () => {
  it('delivers an urgent alert signed with VAPID and encrypted for the subscription, with Urgency high, the TTL and a topic', async () => {
    const outcome = await service.send({ platform: 'WEB', subscription }, message());

    expect(outcome).toMatchObject({ kind: 'SENT', messageId: expect.stringContaining(`${endpoint.url}/message/`) });
    expect(endpoint.refused).toEqual([]);
    expect(endpoint.received).toHaveLength(1);
    const [received] = endpoint.received;
    expect(received!.urgency).toBe('high');
    // Ten minutes of validity, less the moments the request took.
    expect(received!.ttl).toBeGreaterThan(590);
    expect(received!.ttl).toBeLessThanOrEqual(600);
    expect(received!.topic).toBe('0193a5b27c4d7e8f9a0b1c2d3e4f5a6b');
    expect(received!.vapid).toMatchObject({ aud: endpoint.url, sub: 'mailto:ops@heartsafe.example' });
    const payload = JSON.parse(received!.plaintext) as WebPushPayload;
    expect(payload).toEqual({
      alertId: ALERT_ID,
      title: 'Hjärtstopp i närheten',
      body: 'Hämta hjärtstartaren vid Idrottshallen, Storgatan 3',
      urgent: true,
      data: { task: 'FETCH_AED', incidentId: '0193a5b2-0000-7000-8000-000000000001' },
    });
  });

  it('sends other news with normal urgency', async () => {
    await service.send({ platform: 'WEB', subscription }, message({ urgent: false }));
    expect(endpoint.received[0]!.urgency).toBe('normal');
  });

  it.each([404, 410])('answers DEAD_TOKEN when the subscription is gone (%i)', async (status) => {
    endpoint.answer(subscription.endpoint, { status });
    await expect(service.send({ platform: 'WEB', subscription }, message())).resolves.toMatchObject({ kind: 'DEAD_TOKEN' });
  });

  it('answers RETRY with the wait a 429 asks for in Retry-After', async () => {
    endpoint.answer(subscription.endpoint, { status: 429, retryAfter: '7' });
    await expect(service.send({ platform: 'WEB', subscription }, message())).resolves.toMatchObject({ kind: 'RETRY', retryAfterMs: 7_000 });
  });

  it('answers RETRY on a server error, FAILED on a refusal a retry would not change', async () => {
    endpoint.answer(subscription.endpoint, { status: 503 });
    await expect(service.send({ platform: 'WEB', subscription }, message())).resolves.toMatchObject({ kind: 'RETRY', retryAfterMs: undefined });
    endpoint.answer(subscription.endpoint, { status: 413 });
    await expect(service.send({ platform: 'WEB', subscription }, message())).resolves.toMatchObject({ kind: 'FAILED' });
  });

  it('answers RETRY when the push service does not answer within the deadline', async () => {
    endpoint.answer(subscription.endpoint, 'hang');
    const impatient = new WebPushService({ ...endpoint.settings(vapid), timeoutMs: 300 });
    await expect(impatient.send({ platform: 'WEB', subscription }, message())).resolves.toMatchObject({ kind: 'RETRY' });
    await impatient.close();
    expect(endpoint.received).toHaveLength(1);
  });

  it('answers RETRY when the push service cannot be reached', async () => {
    await endpoint.close();
    await expect(service.send({ platform: 'WEB', subscription }, message())).resolves.toMatchObject({ kind: 'RETRY' });
  });

  it('is refused (FAILED) when signed with a key other than the one the subscription was made for', async () => {
    const other = endpoint.subscribe(webpush.generateVAPIDKeys().publicKey);
    await expect(service.send({ platform: 'WEB', subscription: other }, message())).resolves.toMatchObject({ kind: 'FAILED' });
    expect(endpoint.refused).toEqual(['key differs from the one the subscription was made for']);
  });

  it('refuses unusable VAPID keys when it is made, not at the first alert', () => {
    expect(() => new WebPushService({ ...endpoint.settings({ publicKey: vapid.publicKey, privateKey: 'c2hvcnQ' }), timeoutMs: 300 })).toThrow();
  });

  it('sends nothing for a target without a usable subscription', async () => {
    const broken = { ...subscription, keys: { ...subscription.keys, auth: 'c2hvcnQ' } };
    await expect(service.send({ platform: 'WEB', subscription: broken }, message())).resolves.toMatchObject({ kind: 'FAILED' });
    await expect(service.send({ platform: 'WEB' }, message())).resolves.toMatchObject({ kind: 'FAILED' });
    expect(endpoint.received).toEqual([]);
  });
});

describe('isWebPushSubscription', () => {
  it('accepts what a browser gives and rejects the rest', () => {
    expect(isWebPushSubscription(subscription)).toBe(true);
    expect(isWebPushSubscription({ ...subscription, endpoint: 'http://push.example/x' })).toBe(false);
    expect(isWebPushSubscription({ ...subscription, keys: { p256dh: 'AAAA', auth: subscription.keys.auth } })).toBe(false);
    expect(isWebPushSubscription({ endpoint: subscription.endpoint })).toBe(false);
    expect(isWebPushSubscription('https://push.example/x')).toBe(false);
  });
});

describe('webPushTopic', () => {
  it('is at most 32 URL-safe base64 characters, the same for the same alert', () => {
    expect(webPushTopic(ALERT_ID)).toBe('0193a5b27c4d7e8f9a0b1c2d3e4f5a6b');
    const topic = webPushTopic('not a uuid, and rather long for a topic');
    expect(topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(webPushTopic('not a uuid, and rather long for a topic')).toBe(topic);
  });
});
