/**
 * Push settings from the environment, and the services the factory picks
 * from them: unset means recorded, half set means refusing to start.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../common/config.ts';
import { createLogger } from '../../../common/logger.ts';
import { FakeApns } from './fake-apns.ts';
import { FakeFcm } from './fake-fcm.ts';
import { FakeWebPush } from './fake-web-push.ts';
import { createPushServices } from './push-services.ts';
import { RecordingPushService } from './recording-push.ts';

const logger = createLogger('push-services.spec', 'silent');
const p8 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const vapid = webpush.generateVAPIDKeys();

const APNS = { APNS_KEY: p8, APNS_KEY_ID: 'ABC123DEFG', APNS_TEAM_ID: 'DEF123GHIJ', APNS_TOPIC: 'org.heartsafe.app', APNS_PRODUCTION: 'true' };
const ACCOUNT = { type: 'service_account', project_id: 'heartsafe-test', client_email: 'push@heartsafe-test.iam.gserviceaccount.com', private_key: rsa };
const WEB = { WEB_PUSH_VAPID_PUBLIC_KEY: vapid.publicKey, WEB_PUSH_VAPID_PRIVATE_KEY: vapid.privateKey, WEB_PUSH_SUBJECT: 'mailto:ops@heartsafe.example' };

describe('push settings', () => {
  it('leaves every service unset when no variable is set, with a 5 s deadline', () => {
    expect(loadConfig({}).push).toEqual({ apns: undefined, fcm: undefined, webPush: undefined, timeoutMs: 5_000 });
  });

  it('reads APNs, FCM and Web Push when fully set', () => {
    const push = loadConfig({ ...APNS, FCM_SERVICE_ACCOUNT: JSON.stringify(ACCOUNT), ...WEB, PUSH_TIMEOUT_MS: '2000' }).push;
    expect(push.apns).toEqual({ key: p8, keyId: 'ABC123DEFG', teamId: 'DEF123GHIJ', topic: 'org.heartsafe.app', production: true, host: undefined, port: 443 });
    expect(push.fcm).toMatchObject({ projectId: 'heartsafe-test', baseUrl: 'https://fcm.googleapis.com', serviceAccount: { client_email: ACCOUNT.client_email } });
    expect(push.webPush).toEqual({ publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:ops@heartsafe.example' });
    expect(push.timeoutMs).toBe(2_000);
  });

  it('reads the APNs key and the service account from files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'push-settings-'));
    writeFileSync(path.join(dir, 'AuthKey.p8'), p8);
    writeFileSync(path.join(dir, 'account.json'), JSON.stringify(ACCOUNT));
    const { APNS_KEY: _key, ...withoutKey } = APNS;
    const push = loadConfig({ ...withoutKey, APNS_KEY_FILE: path.join(dir, 'AuthKey.p8'), FCM_SERVICE_ACCOUNT_FILE: path.join(dir, 'account.json'), FCM_PROJECT_ID: 'other' }).push;
    expect(push.apns?.key).toBe(p8);
    expect(push.fcm?.projectId).toBe('other');
  });

  it('refuses to start when a service is half configured, naming what is missing', () => {
    expect(() => loadConfig({ APNS_KEY_ID: 'ABC123DEFG', APNS_TOPIC: 'org.heartsafe.app' })).toThrow(
      'APNs push is partly configured: APNS_KEY or APNS_KEY_FILE, APNS_TEAM_ID, APNS_PRODUCTION must be set too',
    );
    expect(() => loadConfig({ ...APNS, APNS_PRODUCTION: 'yes' })).toThrow('APNS_PRODUCTION must be true or false');
    expect(() => loadConfig({ FCM_PROJECT_ID: 'heartsafe-test' })).toThrow('FCM push is partly configured: FCM_SERVICE_ACCOUNT or FCM_SERVICE_ACCOUNT_FILE must be set too');
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT: '{"client_email":' })).toThrow('FCM_SERVICE_ACCOUNT is not a service account key in JSON');
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT: JSON.stringify({ ...ACCOUNT, project_id: undefined }) })).toThrow('FCM_PROJECT_ID must be set');
    expect(() => loadConfig({ FCM_SERVICE_ACCOUNT_FILE: '/nonexistent/account.json' })).toThrow('FCM_SERVICE_ACCOUNT_FILE names a file that cannot be read');
    expect(() => loadConfig({ WEB_PUSH_SUBJECT: 'mailto:ops@heartsafe.example' })).toThrow(
      'Web push is partly configured: WEB_PUSH_VAPID_PUBLIC_KEY, WEB_PUSH_VAPID_PRIVATE_KEY must be set too',
    );
    expect(() => loadConfig({ ...WEB, WEB_PUSH_SUBJECT: 'ops@heartsafe.example' })).toThrow('WEB_PUSH_SUBJECT must be a mailto: or https: URL');
  });
});

describe('createPushServices', () => {
  it('records every platform when nothing is configured, and answers SENT', async () => {
    const services = createPushServices(loadConfig({}).push, logger);
    expect(Object.values(services).map((service) => service.name)).toEqual(['recording-ios', 'recording-android', 'recording-web']);
    const message = {
      alertId: 'alert-1',
      title: 'Cardiac arrest nearby',
      body: 'Fetch the AED',
      data: { task: 'FETCH_AED' },
      expiresAt: new Date(Date.now() + 60_000),
      urgent: true,
    };
    await expect(services.ANDROID.send({ platform: 'ANDROID', token: 'token-1' }, message)).resolves.toEqual({ kind: 'SENT', messageId: 'recorded-1' });
    expect((services.ANDROID as RecordingPushService).sent).toEqual([{ target: { platform: 'ANDROID', token: 'token-1' }, message }]);
  });

  it('uses the real service for each configured platform, which reaches it', async () => {
    const [apns, fcm, endpoint] = await Promise.all([FakeApns.start(), FakeFcm.start(), FakeWebPush.start()]);
    const services = createPushServices({ apns: apns.settings, fcm: fcm.settings, webPush: endpoint.settings(vapid), timeoutMs: 3_000 }, logger);
    expect(Object.values(services).map((service) => [service.platform, service.name])).toEqual([
      ['IOS', 'apns'],
      ['ANDROID', 'fcm'],
      ['WEB', 'web-push'],
    ]);
    const message = {
      alertId: 'alert-1',
      title: 'Cardiac arrest nearby',
      body: 'Fetch the AED',
      data: { task: 'FETCH_AED' },
      expiresAt: new Date(Date.now() + 60_000),
      urgent: true,
    };
    const outcomes = await Promise.all([
      services.IOS.send({ platform: 'IOS', token: 'ab12cd34' }, message),
      services.ANDROID.send({ platform: 'ANDROID', token: 'fcm-token' }, message),
      services.WEB.send({ platform: 'WEB', subscription: endpoint.subscribe(vapid.publicKey) }, message),
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['SENT', 'SENT', 'SENT']);
    expect([apns.received.length, fcm.received.length, endpoint.received.length]).toEqual([1, 1, 1]);
    await Promise.all(Object.values(services).map((service) => service.close()));
    await Promise.all([apns.close(), fcm.close(), endpoint.close()]);
  });
});
