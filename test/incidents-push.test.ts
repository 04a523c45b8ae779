/**
 * The delivery layer end to end, through the gateway, against local servers
 * that speak each protocol as the real service does: APNs (HTTP/2, TLS, the
 * provider token and apns-* headers checked), FCM HTTP v1 with its
 * OAuth2 token endpoint, a Web Push endpoint that checks VAPID and decrypts
 * the payload, and an SMSC (SMPP) that sends delivery receipts. Devices are
 * registered by the volunteers themselves; an alert rings every device; a
 * dead token removes its device; a 429 is retried after its Retry-After; an
 * unconfirmed push falls back to SMS after the policy's seconds and a
 * confirmed one does not; a volunteer without a device, or who chose SMS
 * always, gets the SMS at once;
 * the dispatcher sees the delivery live; nothing is sent twice across a
 * restart of the incidents subgraph.
 */
import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeApns } from '../subgraphs/incidents/channels/fake-apns.ts';
import { FakeFcm } from '../subgraphs/incidents/channels/fake-fcm.ts';
import { FakeSmsc, textOf } from '../subgraphs/incidents/channels/fake-smsc.ts';
import { FakeWebPush } from '../subgraphs/incidents/channels/fake-web-push.ts';
import type { WebPushSubscription } from '../subgraphs/incidents/channels/push.ts';
import { buildWorld, pause, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import { AcknowledgeAlertDocument, CancelIncidentDocument, ReportIncidentAlertsDocument, SetDispatchPolicyVersionDocument } from './operations/generated.ts';
import type { Operation } from './operations/source.ts';
import { startTestStack, type TestStack } from './stack.ts';

let smsc: FakeSmsc;
let apns: FakeApns;
let fcm: FakeFcm;
let web: FakeWebPush;
let stack: TestStack;
let world: World;
const vapid = webPush.generateVAPIDKeys();

/** The ladder's wait in this test's policy. */
const FALLBACK_SECONDS = 3;
const PHONES = { Anna: '+31611111111', Bram: '+31622222222', Chantal: '+31633333333', Dirk: '+31644444444', Eva: '+31655555555', Fenna: '+31612666666' };

const REGISTER = `mutation ($input: RegisterDeviceInput!) { registerMyDevice(input: $input) { id platform appVersion language criticalAlerts } }`;
const MY_DEVICES = `query { myDevices { id platform appVersion } }`;
const DELIVERY = `query ($i: ID!) { incident(id: $i) { delivery { queued pushed deliveredToApp smsSent smsDelivered failed text } alerts { id volunteer { id } delivery { state reason devicesPushed devicesFailed acknowledgedAt smsSentAt smsDeliveredAt } } } }`;

/** An FCM registration token of the shape Firebase gives out, unique per name. */
const fcmToken = (name: string) => `${name}${'0'.repeat(11 - name.length)}:APA91b${Buffer.from(name.repeat(40)).toString('base64url').slice(0, 134)}`;

const smsTo = (phone: string) => smsc.submits.filter((pdu) => pdu.destination_addr === phone.slice(1));
const fcmTo = (token: string) => fcm.received.filter((received) => received.message.token === token);
const apnsTo = (token: string) => apns.received.filter((received) => received.token === token);
const webTo = (subscription: WebPushSubscription) => web.received.filter((received) => received.endpoint === subscription.endpoint);

async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out; last value: ${JSON.stringify(value).slice(0, 3000)}`);
    await pause(50);
  }
}

async function codeOf(query: Operation, variables: Record<string, unknown>, token: string): Promise<unknown> {
  const response = await stack.request(query, variables, token);
  return response.errors?.[0]?.extensions?.code;
}

const subscriptions: Record<string, WebPushSubscription> = {};
/** When each push request arrived, by Web Push endpoint or APNs/FCM token. */
const arrivals = new Map<string, number[]>();

/** Stamps the arrival of every request a local push service records. */
function stampArrivals<T>(received: T[], keyOf: (item: T) => string): void {
  const push = received.push.bind(received);
  received.push = (...items) => {
    for (const item of items) arrivals.set(keyOf(item), [...(arrivals.get(keyOf(item)) ?? []), Date.now()]);
    return push(...items);
  };
}

async function registerWeb(name: string): Promise<string> {
  subscriptions[name] = web.subscribe(vapid.publicKey);
  const { registerMyDevice } = await stack.data(
    REGISTER,
    { input: { platform: 'WEB', webPushSubscription: subscriptions[name], appVersion: '4.2.0', language: 'nl' } },
    world.volunteers[name]!.token,
  );
  return registerMyDevice.id;
}

async function registerAndroid(name: string): Promise<string> {
  const { registerMyDevice } = await stack.data(
    REGISTER,
    { input: { platform: 'ANDROID', token: fcmToken(name), appVersion: '4.2.0', language: 'nl' } },
    world.volunteers[name]!.token,
  );
  return registerMyDevice.id;
}

beforeAll(async () => {
  smsc = new FakeSmsc();
  const smscPort = await smsc.listen();
  [apns, fcm, web] = await Promise.all([FakeApns.start(), FakeFcm.start(), FakeWebPush.start()]);
  stampArrivals(web.received, (item) => item.endpoint);
  stampArrivals(apns.received, (item) => item.token);
  stampArrivals(fcm.received, (item) => item.message.token);
  stack = await startTestStack({
    config: {
      smpp: { host: '127.0.0.1', port: smscPort, tls: false, systemId: 'heartsafe', password: smsc.password, systemType: undefined, sender: '+3197010203040', validityMinutes: 15 },
      push: {
        apns: apns.settings,
        fcm: { serviceAccount: fcm.serviceAccount, projectId: fcm.serviceAccount.project_id, baseUrl: fcm.url },
        webPush: { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: 'mailto:operations@heartsafe.test', ca: web.ca },
        // Long next to the time a loaded machine takes to send a dispatch's pushes, so a hang is told apart from slowness.
        timeoutMs: 5_000,
      },
    },
  });
  world = await buildWorld(stack, {
    patient: { lat: 52.0907, lon: 5.1214 },
    volunteers: Object.entries(PHONES).map(([name, phone], index) => ({ name, phone, north: 100 + index * 50, east: 0 })),
    aeds: [],
  });
  await stack.data(
    SetDispatchPolicyVersionDocument,
    { input: { securityRegionId: world.regionId, dispatch: { smsFallbackSeconds: FALLBACK_SECONDS, enoughAcceptances: 6, aedShare: 0, busyPendingSeconds: 0 } } },
    await stack.adminToken(),
  );
});

afterAll(async () => {
  await stack?.close();
  await Promise.all([smsc?.close(), apns?.close(), fcm?.close(), web?.close()]);
});

describe('devices', () => {
  it('are registered, listed and removed by the volunteer themselves; registering the same token again updates it', async () => {
    const fenna = world.volunteers.Fenna!.token;
    const input = { platform: 'ANDROID', token: fcmToken('Fenna'), appVersion: '4.1.0', language: 'nl' };
    const first = (await stack.data(REGISTER, { input }, fenna)).registerMyDevice;
    const again = (await stack.data(REGISTER, { input: { ...input, appVersion: '4.2.0', language: 'sv' } }, fenna)).registerMyDevice;
    expect(again).toMatchObject({ id: first.id, appVersion: '4.2.0', language: 'sv', criticalAlerts: false });
    expect((await stack.data(MY_DEVICES, {}, fenna)).myDevices).toEqual([{ id: first.id, platform: 'ANDROID', appVersion: '4.2.0' }]);

    // Someone else's device: FORBIDDEN, and it stays.
    expect(await codeOf(`mutation ($id: ID!) { removeMyDevice(id: $id) { id } }`, { id: first.id }, world.volunteers.Anna!.token)).toBe('FORBIDDEN');
    expect((await stack.data(MY_DEVICES, {}, fenna)).myDevices).toHaveLength(1);
    expect((await stack.data(`mutation ($id: ID!) { removeMyDevice(id: $id) { id } }`, { id: first.id }, fenna)).removeMyDevice.id).toBe(first.id);
    expect((await stack.data(MY_DEVICES, {}, fenna)).myDevices).toEqual([]);
  });

  it('refuses malformed tokens and subscriptions with BAD_USER_INPUT, writing nothing', async () => {
    const fenna = world.volunteers.Fenna!.token;
    const bad = [
      { platform: 'IOS', token: 'not-a-token', appVersion: '1.0', language: 'nl' },
      { platform: 'IOS', token: 'ab'.repeat(20), appVersion: '1.0', language: 'nl' },
      { platform: 'ANDROID', token: 'short', appVersion: '1.0', language: 'nl' },
      { platform: 'WEB', webPushSubscription: { endpoint: 'http://push.example/x', keys: subscriptionKeys() }, appVersion: '1.0', language: 'nl' },
      { platform: 'WEB', webPushSubscription: { endpoint: 'https://push.example/x', keys: { ...subscriptionKeys(), auth: 'AAAA' } }, appVersion: '1.0', language: 'nl' },
      { platform: 'BLACKBERRY', token: 'ab'.repeat(32), appVersion: '1.0', language: 'nl' },
    ];
    for (const input of bad) expect(await codeOf(REGISTER, { input }, fenna), JSON.stringify(input)).toBe('BAD_USER_INPUT');
    expect((await stack.data(MY_DEVICES, {}, fenna)).myDevices).toEqual([]);
  });

  it('are seen by nobody else, and their tokens by nobody at all', async () => {
    await registerAndroid('Fenna');
    const others = [world.dispatcherToken, world.partnerToken, world.coordinatorToken, await stack.adminToken()];
    for (const token of others) expect(await codeOf(MY_DEVICES, {}, token)).toBe('FORBIDDEN');
    // The schema has no field that returns a token.
    expect(await codeOf(`query { myDevices { id token } }`, {}, world.volunteers.Fenna!.token)).toBe('GRAPHQL_VALIDATION_FAILED');
    const { removeMyDevice } = await stack.data(
      `mutation ($id: ID!) { removeMyDevice(id: $id) { id } }`,
      { id: (await stack.data(MY_DEVICES, {}, world.volunteers.Fenna!.token)).myDevices[0].id },
      world.volunteers.Fenna!.token,
    );
    expect(removeMyDevice.id).toBeTruthy();
  });
});

function subscriptionKeys() {
  return { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url'), auth: Buffer.alloc(16, 2).toString('base64url') };
}

describe('the delivery ladder', () => {
  it('rings every device, acts on the push services’ answers, and sends the SMS only when the app did not confirm in time', async () => {
    // Anna: iPhone (with the critical-alert entitlement), Android and web app, confirms at once. Bram: Android, never confirms. Chantal: no device.
    // Dirk: a web app whose subscription has expired (410). Eva: a web app whose push service first answers 429.
    const annaIphone = 'a7'.repeat(32);
    await stack.data(REGISTER, { input: { platform: 'IOS', token: annaIphone, appVersion: '4.2.0', language: 'nl', criticalAlerts: true } }, world.volunteers.Anna!.token);
    await registerAndroid('Anna');
    await registerWeb('Anna');
    await registerAndroid('Bram');
    const dirkDevice = await registerWeb('Dirk');
    await registerWeb('Eva');
    web.answer(subscriptions.Dirk!.endpoint, { status: 410 });
    web.answer(subscriptions.Eva!.endpoint, { status: 429, retryAfter: '1' });

    const reportedAt = Date.now();
    const { reportIncident: incident } = await stack.data(ReportIncidentAlertsDocument, { input: reportInput(world, { address: 'Oudegracht 1, Utrecht' }) }, world.dispatcherToken);
    const alertOf = (name: string) => incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers[name]!.id)!.id as string;
    const updates = subscribeFrames(
      stack.wsClient(world.dispatcherToken),
      `subscription ($i: ID!) { incidentUpdates(incidentId: $i, after: "0", delivery: true) { kind detail } }`,
      { i: incident.id },
    );

    // Every device of Anna rings, with what the app needs to show the task.
    const [annaApns] = await eventually(
      () => apnsTo(annaIphone),
      (found) => found.length === 1,
    );
    expect(annaApns).toMatchObject({ pushType: 'alert', priority: 10, collapseId: alertOf('Anna') });
    expect(JSON.stringify(annaApns!.payload)).toContain('critical');
    const [annaAndroid] = await eventually(
      () => fcmTo(fcmToken('Anna')),
      (found) => found.length === 1,
    );
    expect(annaAndroid!.message.data).toMatchObject({ alertId: alertOf('Anna'), incidentId: incident.id, task: 'CPR', address: 'Oudegracht 1, Utrecht' });
    expect(annaAndroid!.message.android.priority).toBe('HIGH');
    const [annaWeb] = await eventually(
      () => webTo(subscriptions.Anna!),
      (found) => found.length === 1,
    );
    expect(JSON.parse(annaWeb!.plaintext)).toMatchObject({ alertId: alertOf('Anna'), urgent: true, data: { task: 'CPR' } });
    expect(annaWeb!.urgency).toBe('high');
    // The app confirms; nobody but Anna may confirm her alert.
    expect(await codeOf(AcknowledgeAlertDocument, { a: alertOf('Anna') }, world.volunteers.Bram!.token)).toBe('FORBIDDEN');
    expect(await codeOf(AcknowledgeAlertDocument, { a: alertOf('Bram') }, world.volunteers.Anna!.token)).toBe('FORBIDDEN');
    await stack.data(AcknowledgeAlertDocument, { a: alertOf('Anna') }, world.volunteers.Anna!.token);

    // Chantal has no device: her SMS goes at once. Dirk's only device is dead: his device is removed and his SMS goes at once too.
    await eventually(
      () => smsTo(PHONES.Chantal).length + smsTo(PHONES.Dirk).length,
      (count) => count === 2,
    );
    expect((await stack.data(MY_DEVICES, {}, world.volunteers.Dirk!.token)).myDevices.map((device: any) => device.id)).not.toContain(dirkDevice);

    // Eva's push service said 429, Retry-After 1 s: tried again, not before.
    web.answer(subscriptions.Eva!.endpoint, { status: 201 });
    const eva = await eventually(
      () => webTo(subscriptions.Eva!),
      (found) => found.length === 2,
    );
    expect(eva.map((received) => (received.answer === 'hang' ? 'hang' : received.answer.status))).toEqual([429, 201]);
    const [first, second] = arrivals.get(subscriptions.Eva!.endpoint)!;
    expect(second! - first!).toBeGreaterThanOrEqual(950);
    await stack.data(AcknowledgeAlertDocument, { a: alertOf('Eva') }, world.volunteers.Eva!.token);

    // Bram's push went out but his app never confirmed: the SMS follows after the ladder's seconds, not before.
    expect(smsTo(PHONES.Bram)).toHaveLength(0);
    const [bramSms] = await eventually(
      () => smsTo(PHONES.Bram),
      (found) => found.length === 1,
    );
    expect(Date.now() - reportedAt).toBeGreaterThanOrEqual(FALLBACK_SECONDS * 1000);
    expect(String(textOf(bramSms!))).toContain('Oudegracht 1');
    // Chantal's and Dirk's went first: they did not wait for the ladder.
    const order = (phone: string) => smsc.submits.indexOf(smsTo(phone)[0]!);
    expect(order(PHONES.Chantal)).toBeLessThan(order(PHONES.Bram));
    expect(order(PHONES.Dirk)).toBeLessThan(order(PHONES.Bram));

    // Past the ladder time and the receipts: each phone got what it needed once.
    await pause(1_500);
    expect(smsTo(PHONES.Anna)).toHaveLength(0);
    expect(smsTo(PHONES.Eva)).toHaveLength(0);
    expect(apnsTo(annaIphone)).toHaveLength(1);
    expect(fcmTo(fcmToken('Anna'))).toHaveLength(1);
    expect(webTo(subscriptions.Anna!)).toHaveLength(1);
    expect(fcmTo(fcmToken('Bram'))).toHaveLength(1);
    for (const name of ['Bram', 'Chantal', 'Dirk']) expect(smsTo(PHONES[name as keyof typeof PHONES]), name).toHaveLength(1);

    // Each alert's delivery, and the dispatcher's summary (Fenna, without a device, had her SMS at once too).
    const { incident: seen } = await eventually(
      () => stack.data(DELIVERY, { i: incident.id }, world.dispatcherToken),
      (data) => data.incident.delivery.smsDelivered === 4,
    );
    const stateOf = (name: string) => seen.alerts.find((alert: any) => alert.id === alertOf(name)).delivery;
    expect(stateOf('Anna')).toMatchObject({ state: 'DELIVERED_TO_APP', devicesPushed: 3, devicesFailed: 0 });
    expect(stateOf('Eva')).toMatchObject({ state: 'DELIVERED_TO_APP', devicesPushed: 1 });
    expect(stateOf('Bram')).toMatchObject({ state: 'SMS_DELIVERED', devicesPushed: 1 });
    expect(stateOf('Chantal')).toMatchObject({ state: 'SMS_DELIVERED', devicesPushed: 0 });
    expect(stateOf('Dirk')).toMatchObject({ state: 'SMS_DELIVERED', devicesPushed: 0, devicesFailed: 1 });
    expect(stateOf('Dirk').reason).toBeTruthy();
    expect(seen.delivery).toMatchObject({ deliveredToApp: 2, smsDelivered: 4, failed: 0, text: '2 phones rang, 2 confirmed in the app, 4 SMS sent (4 delivered)' });
    const frames = await updates.until((found) => found.some((frame) => frame.incidentUpdates.kind === 'DELIVERY' && frame.incidentUpdates.detail === seen.delivery.text));
    expect(frames.filter((frame) => frame.incidentUpdates.kind === 'DELIVERY').some((frame) => / rang/.test(frame.incidentUpdates.detail))).toBe(true);
    updates.stop();

    // The stand-down reaches the devices (not urgent), and by SMS only those the alert reached by SMS.
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
    const standDowns = await eventually(
      () => fcm.received.filter((received) => received.message.data.type === 'STAND_DOWN' && received.message.data.incidentId === incident.id),
      (found) => found.length === 2,
    );
    expect(standDowns.map((received) => received.message.android.priority)).toEqual(['NORMAL', 'NORMAL']);
    await eventually(
      () => smsTo(PHONES.Bram),
      (found) => found.length === 2,
    );
    await pause(1_000);
    expect(smsTo(PHONES.Anna)).toHaveLength(0);
    expect(smsTo(PHONES.Eva)).toHaveLength(0);
  });

  it('sends no SMS when the alert feed delivered the alert to the app', async () => {
    const feed = subscribeFrames(stack.wsClient(world.volunteers.Bram!.token), `subscription ($v: ID!) { myAlerts(volunteerId: $v) { kind alert { id } } }`, {
      v: world.volunteers.Bram!.id,
    });
    await pause(300);
    const sentBefore = smsTo(PHONES.Bram).length;
    const { reportIncident: incident } = await stack.data(ReportIncidentAlertsDocument, { input: reportInput(world) }, world.dispatcherToken);
    await feed.until((frames) => frames.some((frame) => frame.myAlerts.kind === 'ALERTED'));
    await pause(FALLBACK_SECONDS * 1000 + 1_500);
    expect(smsTo(PHONES.Bram)).toHaveLength(sentBefore);
    const { incident: seen } = await stack.data(DELIVERY, { i: incident.id }, world.dispatcherToken);
    const bram = seen.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Bram!.id);
    expect(bram.delivery.state).toBe('DELIVERED_TO_APP');
    feed.stop();
  });

  it('sends the SMS at once as well as the push to a volunteer who chose SMS always', async () => {
    const bram = world.volunteers.Bram!;
    const SMS_ALWAYS = `mutation ($s: Boolean!) { setMyAlertDelivery(smsAlways: $s) { smsAlways } }`;
    expect((await stack.data(SMS_ALWAYS, { s: true }, bram.token)).setMyAlertDelivery.smsAlways).toBe(true);
    const smsBefore = smsTo(PHONES.Bram).length;
    const pushesBefore = fcmTo(fcmToken('Bram')).length;
    const reportedAt = Date.now();
    await stack.data(ReportIncidentAlertsDocument, { input: reportInput(world) }, world.dispatcherToken);
    await eventually(
      () => smsTo(PHONES.Bram).length,
      (count) => count === smsBefore + 1,
    );
    // Not the ladder's SMS: it did not wait for the app's confirmation.
    expect(Date.now() - reportedAt).toBeLessThan(FALLBACK_SECONDS * 1000);
    await eventually(
      () => fcmTo(fcmToken('Bram')).length,
      (count) => count === pushesBefore + 1,
    );
    // And no second SMS when the ladder's time has passed.
    await pause(FALLBACK_SECONDS * 1000 + 1_000);
    expect(smsTo(PHONES.Bram)).toHaveLength(smsBefore + 1);
    await stack.data(SMS_ALWAYS, { s: false }, bram.token);
  });

  it('lets a hanging push service hold up neither the volunteer’s other devices, nor other volunteers, nor any SMS', async () => {
    web.answer(subscriptions.Anna!.endpoint, 'hang');
    const webBefore = arrivals.get(subscriptions.Anna!.endpoint)?.length ?? 0;
    const chantalBefore = smsTo(PHONES.Chantal).length;
    const { reportIncident: incident } = await stack.data(ReportIncidentAlertsDocument, { input: reportInput(world) }, world.dispatcherToken);
    const alertOf = (name: string) => incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers[name]!.id)!.id as string;
    const hungAt = (
      await eventually(
        () => arrivals.get(subscriptions.Anna!.endpoint)!,
        (found) => found.length === webBefore + 1,
      )
    ).at(-1)!;
    await eventually(
      () => apnsTo('a7'.repeat(32)).filter((received) => JSON.stringify(received.payload).includes(alertOf('Anna'))),
      (found) => found.length === 1,
    );
    await eventually(
      () => fcmTo(fcmToken('Anna')).filter((received) => received.message.data.alertId === alertOf('Anna')),
      (found) => found.length === 1,
    );
    await eventually(
      () => fcmTo(fcmToken('Bram')).filter((received) => received.message.data.alertId === alertOf('Bram')),
      (found) => found.length === 1,
    );
    await eventually(
      () => smsTo(PHONES.Chantal),
      (found) => found.length === chantalBefore + 1,
    );
    // All of it arrived while the web push still hung: its deadline is 5 s.
    expect(Date.now() - hungAt).toBeLessThan(5_000);
    web.answer(subscriptions.Anna!.endpoint, { status: 201 });
    // Their apps confirm: no SMS follows to disturb the next test's count.
    for (const name of ['Anna', 'Bram', 'Eva']) {
      await stack.data(AcknowledgeAlertDocument, { a: alertOf(name) }, world.volunteers[name]!.token);
    }
  });

  it('sends nothing twice, and loses nothing, across a restart of the incidents subgraph', async () => {
    const smsBefore = smsTo(PHONES.Bram).length;
    const { reportIncident: incident } = await stack.data(ReportIncidentAlertsDocument, { input: reportInput(world) }, world.dispatcherToken);
    const bramAlert = incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Bram!.id)!.id;
    await eventually(
      () => fcmTo(fcmToken('Bram')).filter((received) => received.message.data.alertId === bramAlert),
      (found) => found.length === 1,
    );
    // Restarted while Bram's SMS fallback waits for its time.
    await stack.restartSubgraph('incidents');
    await eventually(
      () => smsTo(PHONES.Bram),
      (found) => found.length === smsBefore + 1,
    );
    await pause(2_000);
    expect(fcmTo(fcmToken('Bram')).filter((received) => received.message.data.alertId === bramAlert)).toHaveLength(1);
    expect(smsTo(PHONES.Bram)).toHaveLength(smsBefore + 1);
  });

  it('forgets a volunteer’s devices with their account', async () => {
    const fenna = world.volunteers.Fenna!.token;
    await registerAndroid('Fenna');
    expect((await stack.data(MY_DEVICES, {}, fenna)).myDevices).toHaveLength(1);
    expect((await stack.data(`mutation { deleteMyAccount }`, {}, fenna)).deleteMyAccount).toBe(true);
    expect((await stack.data(MY_DEVICES, {}, fenna)).myDevices).toEqual([]);
  });
});
