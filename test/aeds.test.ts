/**
 * The AED registry end to end through the gateway: schedules read in the
 * AED's own time zone while the server runs in UTC, public holidays,
 * readiness (expiry, overdue checks, stand-down after use and return to
 * service), guardian reminders, who may read a cabinet code and contact
 * details, the nearest-dispatchable search, the Municipality fields, and bad
 * input that writes and reveals nothing.
 *
 * Dates are fixed in the first half of 2026 (in the past when these tests
 * run, as check dates must be) and instants are asked for explicitly, so the
 * expectations do not depend on the day the tests run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, servicePrincipal, type Grant } from '../common/auth.ts';
import { createPeerClient, type PeerClient } from '../common/peers.ts';
import { sweepReminders } from '../subgraphs/aeds/readiness/reminder.service.ts';
import { aedSettings } from '../subgraphs/aeds/readiness/settings.ts';
import { addDays, localDateOf } from '../common/zoned-time.ts';
import { CreateMunicipalityDocument, RegisterAedDocument } from './operations/generated.ts';
import { collect, startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

let stack: TestStack;
let admin: string;
let oisterwijk: string;
let tilburg: string;
let peers: PeerClient;

const OFFICE_HOURS = 'Mo-Fr 08:00-18:00; PH off';

/** A spot of its own for each test, so that nearest-AED searches do not see other tests' AEDs. */
let spot = 0;
function nextSpot(): { latitude: number; longitude: number } {
  spot += 1;
  return { latitude: 51.5 + spot * 0.05, longitude: 5.0 };
}

async function register(input: Record<string, unknown>, municipalityId = oisterwijk): Promise<string> {
  const { registerAed } = await stack.data(RegisterAedDocument, { input: { municipalityId, locationDescription: 'Test AED', ...input } }, admin);
  return registerAed.id;
}

/** A call from the incidents subgraph: signed with the gateway secret, straight to the aeds subgraph. */
function asIncidents<T = any>(query: string, variables: Record<string, unknown> = {}, subgraph = 'incidents'): Promise<T> {
  return peers.request<T>('aeds', query, variables, servicePrincipal(subgraph));
}

const DISPATCHABLE = `query ($lat: Float!, $lon: Float!, $at: DateTimeISO!) {
  dispatchableAeds(latitude: $lat, longitude: $lon, radiusMeters: 500, at: $at, limit: 10) { aedId distanceMeters locationDescription cabinetCode }
}`;

async function dispatchableIds(position: { latitude: number; longitude: number }, at: string): Promise<string[]> {
  const { dispatchableAeds } = await asIncidents<{ dispatchableAeds: { aedId: string }[] }>(DISPATCHABLE, { lat: position.latitude, lon: position.longitude, at });
  return dispatchableAeds.map((aed) => aed.aedId);
}

const NEAREST = `query ($location: GeoPointInput!, $at: DateTimeISO) {
  nearestDispatchableAeds(location: $location, at: $at, radiusMeters: 500) { aed { id } distanceMeters availableUntil }
}`;

beforeAll(async () => {
  // The product's processes run in UTC (scripts/register.js); so does this one, which hosts the stack.
  process.env.TZ = 'UTC';
  stack = await startTestStack();
  admin = await stack.adminToken();
  peers = createPeerClient({ aeds: stack.subgraphs.aeds.url }, TEST_SECRETS.gatewaySecret);
  const create = CreateMunicipalityDocument;
  ({
    createMunicipality: { id: oisterwijk },
  } = await stack.data(create, { input: { name: 'Oisterwijk', code: 'GM0824', countryCode: 'NL', timeZone: 'Europe/Amsterdam' } }, admin));
  ({
    createMunicipality: { id: tilburg },
  } = await stack.data(create, { input: { name: 'Tilburg', code: 'GM0855', countryCode: 'NL', timeZone: 'Europe/Amsterdam' } }, admin));
});

afterAll(async () => {
  await stack?.close();
});

describe('availability schedules', () => {
  it('opens an Amsterdam office-hours AED at 08:00 local time in winter and summer while the server runs in UTC', async () => {
    expect(new Date('2026-01-14T07:00:00Z').getHours()).toBe(7);
    const position = nextSpot();
    const id = await register({ location: position, availabilitySchedule: OFFICE_HOURS, lastCheckedOn: '2026-07-01' });
    const { aed } = await stack.data(
      `query ($id: ID!) {
        aed(id: $id) {
          timeZone
          winterBefore: availability(at: "2026-01-14T06:59:59Z") { state available }
          winterOpen: availability(at: "2026-01-14T07:00:00Z") { state available nextChange }
          summerBefore: availability(at: "2026-07-15T05:59:59Z") { state nextChange }
          summerOpen: availability(at: "2026-07-15T06:00:00Z") { state nextChange }
        }
      }`,
      { id },
    );
    expect(aed).toEqual({
      timeZone: 'Europe/Amsterdam',
      winterBefore: { state: 'CLOSED', available: false },
      winterOpen: { state: 'OPEN', available: true, nextChange: '2026-01-14T17:00:00.000Z' },
      summerBefore: { state: 'CLOSED', nextChange: '2026-07-15T06:00:00.000Z' },
      summerOpen: { state: 'OPEN', nextChange: '2026-07-15T16:00:00.000Z' },
    });

    // The same rule decides dispatch: found from 08:00 local, with the time it closes.
    const before = await stack.data(NEAREST, { location: position, at: '2026-07-15T05:59:59Z' });
    expect(before.nearestDispatchableAeds).toEqual([]);
    const open = await stack.data(NEAREST, { location: position, at: '2026-07-15T06:00:00Z' });
    expect(open.nearestDispatchableAeds).toEqual([{ aed: { id }, distanceMeters: 0, availableUntil: '2026-07-15T16:00:00.000Z' }]);
    expect(await dispatchableIds(position, '2026-01-14T06:59:59Z')).toEqual([]);
    expect(await dispatchableIds(position, '2026-01-14T07:00:00Z')).toEqual([id]);
  });

  it('closes an office-hours AED on a Dutch public holiday', async () => {
    const position = nextSpot();
    const office = await register({ location: position, availabilitySchedule: OFFICE_HOURS, lastCheckedOn: '2026-04-01', locationDescription: 'Town hall reception' });
    const outdoor = await register({
      location: { latitude: position.latitude + 0.001, longitude: position.longitude },
      availabilitySchedule: '24/7',
      lastCheckedOn: '2026-04-01',
      locationDescription: 'Outdoor cabinet',
    });
    const { aed } = await stack.data(
      `query ($id: ID!) {
        aed(id: $id) {
          kingsDay: availability(at: "2026-04-27T10:00:00Z") { state comment }
          dayAfter: availability(at: "2026-04-28T10:00:00Z") { state }
        }
      }`,
      { id: office },
    );
    expect(aed).toEqual({ kingsDay: { state: 'CLOSED', comment: 'Koningsdag' }, dayAfter: { state: 'OPEN' } });
    expect(await dispatchableIds(position, '2026-04-27T10:00:00Z')).toEqual([outdoor]);
    expect(await dispatchableIds(position, '2026-04-28T10:00:00Z')).toEqual([office, outdoor]);
  });

  it('lists open intervals and weekly open hours across the spring clock change', async () => {
    const id = await register({ location: nextSpot(), availabilitySchedule: 'Mon-Fri 8-18; PH off' });
    const { aed } = await stack.data(
      `query ($id: ID!) {
        aed(id: $id) {
          availabilitySchedule
          openIntervals(from: "2026-03-27T00:00:00Z", to: "2026-03-31T00:00:00Z") { from to unknown }
          weeklyOpenHours(weekOf: "2026-03-25T12:00:00Z") { openHours unknownHours twentyFourSeven }
        }
      }`,
      { id },
    );
    expect(aed).toEqual({
      // Stored as the parser writes it back.
      availabilitySchedule: 'Mo-Fr 08:00-18:00; PH off',
      openIntervals: [
        { from: '2026-03-27T07:00:00.000Z', to: '2026-03-27T17:00:00.000Z', unknown: false },
        { from: '2026-03-30T06:00:00.000Z', to: '2026-03-30T16:00:00.000Z', unknown: false },
      ],
      weeklyOpenHours: { openHours: 50, unknownHours: 0, twentyFourSeven: false },
    });
  });
});

describe('readiness', () => {
  it('takes an AED out of dispatch from the first day after its pads expire, in its own time zone', async () => {
    const position = nextSpot();
    const id = await register({ location: position, availabilitySchedule: '24/7', padsExpireOn: '2026-03-31', lastCheckedOn: '2026-03-01' });
    const { aed } = await stack.data(
      `query ($id: ID!) {
        aed(id: $id) {
          lastEvening: readiness(at: "2026-03-31T21:30:00Z") { dispatchable reasons }
          afterMidnight: readiness(at: "2026-03-31T22:30:00Z") { dispatchable reasons }
        }
      }`,
      { id },
    );
    expect(aed).toEqual({
      lastEvening: { dispatchable: true, reasons: [] },
      afterMidnight: { dispatchable: false, reasons: ['PADS_EXPIRED'] },
    });
    expect(await dispatchableIds(position, '2026-03-31T21:30:00Z')).toEqual([id]);
    expect(await dispatchableIds(position, '2026-03-31T22:30:00Z')).toEqual([]);
  });

  it('takes an AED out of dispatch when its battery expired or its guardian check is overdue', async () => {
    const position = nextSpot();
    // Checks stay valid 90 days (AED_CHECK_INTERVAL_DAYS): 1 March + 90 days is 30 May.
    const id = await register({ location: position, availabilitySchedule: '24/7', batteryExpiresOn: '2026-05-15', lastCheckedOn: '2026-03-01' });
    const { aed } = await stack.data(
      `query ($id: ID!) {
        aed(id: $id) {
          ready: readiness(at: "2026-05-14T12:00:00Z") { dispatchable reasons }
          battery: readiness(at: "2026-05-30T12:00:00Z") { reasons }
          both: readiness(at: "2026-05-31T12:00:00Z") { reasons }
        }
      }`,
      { id },
    );
    expect(aed).toEqual({
      ready: { dispatchable: true, reasons: [] },
      battery: { reasons: ['BATTERY_EXPIRED'] },
      both: { reasons: ['BATTERY_EXPIRED', 'CHECK_OVERDUE'] },
    });
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: id });
    await stack.data(`mutation ($id: ID!) { updateAed(id: $id, input: { batteryExpiresOn: "2029-05-15" }) { id } }`, { id }, guardian);
    expect(await dispatchableIds(position, '2026-05-30T12:00:00Z')).toEqual([id]);
    expect(await dispatchableIds(position, '2026-05-31T12:00:00Z')).toEqual([]);
  });

  it('stands an AED down after use, tells its guardians once, and returns it to service when a guardian confirms it ready', async () => {
    const position = nextSpot();
    const today = localDateOf(new Date(), 'Europe/Amsterdam');
    const id = await register({
      location: position,
      availabilitySchedule: '24/7',
      lastCheckedOn: localDateOf(new Date(), 'UTC'),
      owner: { name: 'Sportvereniging De Leije', email: 'bestuur@deleije.example' },
      guardians: [{ name: 'Gijs Hoeder', phone: '06 12345678' }],
    });
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: id });
    const client = stack.wsClient(guardian);
    const notifications = collect(
      client,
      `subscription ($id: ID!) { aedNotifications(aedId: $id, after: "0") { cursor kind incidentId message recipients { kind name phone } aed { id } } }`,
      { id },
      1,
    );
    const incident = '6f1c1f7e-8f3a-4d55-9a43-1f1e2d3c4b5a';
    const standDown = `mutation ($aed: ID!, $incident: ID!) { standDownAedAfterUse(aedId: $aed, incidentId: $incident) }`;
    expect(await asIncidents(standDown, { aed: id, incident })).toEqual({ standDownAedAfterUse: true });
    // A retry after a network hiccup changes nothing and tells nobody again.
    expect(await asIncidents(standDown, { aed: id, incident })).toEqual({ standDownAedAfterUse: true });

    const [event] = await notifications.done;
    expect(event.aedNotifications).toMatchObject({
      kind: 'USED_AT_INCIDENT',
      incidentId: incident,
      aed: { id },
      recipients: [
        { kind: 'OWNER', name: 'Sportvereniging De Leije', phone: null },
        { kind: 'GUARDIAN', name: 'Gijs Hoeder', phone: '+31612345678' },
      ],
    });
    const [{ count }] = await stack.subgraphs.aeds.orm.em.fork().execute('select count(*)::int as count from aeds.aed_notification where aed_id = ?', [id]);
    expect(count).toBe(1);

    const readiness = `query ($id: ID!) { aed(id: $id) { stoodDownSince lastCheckedOn readiness { dispatchable reasons } } }`;
    const stoodDown = await stack.data(readiness, { id });
    expect(stoodDown.aed.readiness).toEqual({ dispatchable: false, reasons: ['STOOD_DOWN'] });
    expect(stoodDown.aed.stoodDownSince).not.toBeNull();
    expect(await dispatchableIds(position, new Date().toISOString())).toEqual([]);

    const confirm = `mutation ($id: ID!) { confirmAedReady(aedId: $id) { stoodDownSince lastCheckedOn readiness { dispatchable reasons } } }`;
    const stranger = await stack.token({ role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-000000000001' });
    const refused = await stack.request(confirm, { id }, stranger);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const confirmed = await stack.data(confirm, { id }, guardian);
    expect(confirmed.confirmAedReady).toEqual({ stoodDownSince: null, lastCheckedOn: today, readiness: { dispatchable: true, reasons: [] } });
    expect(await dispatchableIds(position, new Date().toISOString())).toEqual([id]);

    // The same incident again (a late retry) does not stand it down a second time; a new one does.
    await asIncidents(standDown, { aed: id, incident });
    expect((await stack.data(readiness, { id })).aed.readiness.dispatchable).toBe(true);
    await asIncidents(standDown, { aed: id, incident: '0b7e8a52-4c1d-4f0e-8a8b-2c3d4e5f6a7b' });
    expect((await stack.data(readiness, { id })).aed.readiness.reasons).toEqual(['STOOD_DOWN']);
  });

  it('reminds guardians ahead of a pads expiry: in a query and as a durable notification, once', async () => {
    const today = localDateOf(new Date(), 'Europe/Amsterdam');
    const padsExpireOn = addDays(today, 10);
    const id = await register({
      location: nextSpot(),
      availabilitySchedule: '24/7',
      lastCheckedOn: localDateOf(new Date(), 'UTC'),
      padsExpireOn,
      guardians: [{ name: 'Hanna Hoeder', email: 'hanna@example.org' }],
    });
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: id });
    const { aedReminders } = await stack.data(`{ aedReminders { aed { id } kind dueOn daysLeft overdue } }`, {}, guardian);
    expect(aedReminders).toEqual([{ aed: { id }, kind: 'PADS_EXPIRY', dueOn: padsExpireOn, daysLeft: 10, overdue: false }]);

    const client = stack.wsClient(guardian);
    const subscription = collect(client, `subscription ($id: ID!) { aedNotifications(aedId: $id, after: "0") { kind dueOn overdue message } }`, { id }, 1);
    const [event] = await subscription.done;
    expect(event.aedNotifications).toEqual({
      kind: 'PADS_EXPIRY',
      dueOn: padsExpireOn,
      overdue: false,
      message: `The pads of the AED at Test AED expire on ${padsExpireOn} (in 10 days): replace them before then to keep it in dispatch.`,
    });
    // The worker's sweep finds nothing new to send for it.
    await sweepReminders(stack.subgraphs.aeds.orm.em.fork(), new Date(), aedSettings());
    const [{ count }] = await stack.subgraphs.aeds.orm.em.fork().execute('select count(*)::int as count from aeds.aed_notification where aed_id = ?', [id]);
    expect(count).toBe(1);
    // Eleven days on the pads have expired: a sweep sends that, and the next one nothing more.
    const later = new Date(Date.now() + 11 * 86_400_000);
    expect(await sweepReminders(stack.subgraphs.aeds.orm.em.fork(), later, aedSettings())).toBeGreaterThan(0);
    const overdue = await stack.subgraphs.aeds.orm.em
      .fork()
      .execute(`select due_on::text as due_on from aeds.aed_notification where aed_id = ? and kind = 'PADS_EXPIRY' and overdue`, [id]);
    expect(overdue).toEqual([{ due_on: padsExpireOn }]);
    expect(await sweepReminders(stack.subgraphs.aeds.orm.em.fork(), later, aedSettings())).toBe(0);

    const volunteer = await stack.token({ role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-0000000000bb' });
    expect((await stack.data(`{ aedReminders { kind } }`, {}, volunteer)).aedReminders).toEqual([]);
    const otherOfficer = await stack.token({ role: Role.POLICY_OFFICER, scope: tilburg });
    const refused = await stack.request(`query ($m: ID!) { aedReminders(municipalityId: $m) { kind } }`, { m: oisterwijk }, otherOfficer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: oisterwijk });
    const own = await stack.data(`query ($m: ID!) { aedReminders(municipalityId: $m) { aed { id } kind } }`, { m: oisterwijk }, officer);
    expect(own.aedReminders).toContainEqual({ aed: { id }, kind: 'PADS_EXPIRY' });
  });

  it('sweeps only what fell due and was not sent: a check never logged once, a check coming due ahead and again once overdue', async () => {
    const settings = aedSettings();
    const today = localDateOf(new Date(), 'Europe/Amsterdam');
    const guardians = [{ name: 'Gert Wachter', email: 'gert@example.org' }];
    // Spots of their own, away from nextSpot()'s line: another test's distances depend on the latitude it is handed.
    const neverChecked = await register({ location: { latitude: 51.5, longitude: 5.6 }, availabilitySchedule: '24/7', guardians });
    const lastCheckedOn = addDays(today, 5 - settings.checkIntervalDays);
    const checked = await register({ location: { latitude: 51.55, longitude: 5.6 }, availabilitySchedule: '24/7', lastCheckedOn, guardians });
    const checkDueOn = addDays(lastCheckedOn, settings.checkIntervalDays);
    const em = () => stack.subgraphs.aeds.orm.em.fork();
    const sentTo = async (id: string) =>
      em().execute(`select kind, due_on::text as due_on, overdue from aeds.aed_notification where aed_id = ? and incident_id is null order by sequence`, [id]);

    await sweepReminders(em(), new Date(), settings);
    expect(await sentTo(neverChecked)).toEqual([{ kind: 'GUARDIAN_CHECK', due_on: null, overdue: true }]);
    expect(await sentTo(checked)).toEqual([{ kind: 'GUARDIAN_CHECK', due_on: checkDueOn, overdue: false }]);
    // Nothing new: the sweep passes over both (and every other AED of these tests) without a write.
    expect(await sweepReminders(em(), new Date(), settings)).toBe(0);

    // Six days on the check is overdue: that is new, and sent once; the never-checked AED was told already.
    const later = new Date(Date.now() + 6 * 86_400_000);
    expect(await sweepReminders(em(), later, settings)).toBeGreaterThanOrEqual(1);
    expect(await sentTo(checked)).toEqual([
      { kind: 'GUARDIAN_CHECK', due_on: checkDueOn, overdue: false },
      { kind: 'GUARDIAN_CHECK', due_on: checkDueOn, overdue: true },
    ]);
    expect(await sentTo(neverChecked)).toHaveLength(1);
    expect(await sweepReminders(em(), later, settings)).toBe(0);
  });

  it('sends the reminders that fell due for many AEDs in one sweep, each once, to their owner and guardians, and wakes each AED’s subscribers', async () => {
    const today = localDateOf(new Date(), 'Europe/Amsterdam');
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      ids.push(
        await register({
          // Away from the spots the other tests search around (and without taking one: their distances depend on them).
          location: { latitude: 51.5 + index * 0.05, longitude: 6.0 },
          availabilitySchedule: '24/7',
          lastCheckedOn: localDateOf(new Date(), 'UTC'),
          batteryExpiresOn: addDays(today, 40),
          owner: { name: `Owner ${index}`, email: `owner${index}@example.org` },
          guardians: [{ name: `Guardian ${index}`, email: `guardian${index}@example.org` }],
        }),
      );
    }
    const read = async () =>
      stack.subgraphs.aeds.orm.em
        .fork()
        .execute<{ aed_id: string; kind: string; overdue: boolean; recipients: { kind: string; name: string }[] }[]>(
          `select aed_id::text as aed_id, kind, overdue, recipients from aeds.aed_notification where aed_id in (?, ?, ?) order by sequence`,
          ids,
        );
    expect(await read()).toEqual([]);
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: ids[2]! });
    const subscription = collect(stack.wsClient(guardian), `subscription ($id: ID!) { aedNotifications(aedId: $id) { kind overdue } }`, { id: ids[2]! }, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Ten days past the battery expiry of all three: each gets its overdue reminder, in one sweep.
    const later = new Date(Date.now() + 50 * 86_400_000);
    expect(await sweepReminders(stack.subgraphs.aeds.orm.em.fork(), later, aedSettings())).toBeGreaterThanOrEqual(3);
    const sent = (await read()).filter((row) => row.kind === 'BATTERY_EXPIRY');
    expect(sent.map((row) => [row.aed_id, row.overdue]).sort()).toEqual(ids.map((id) => [id, true]).sort());
    expect(sent.find((row) => row.aed_id === ids[1])!.recipients.map((recipient) => [recipient.kind, recipient.name])).toEqual([
      ['OWNER', 'Owner 1'],
      ['GUARDIAN', 'Guardian 1'],
    ]);
    const [event] = await subscription.done;
    const first = (await read()).find((row) => row.aed_id === ids[2]);
    expect(event.aedNotifications).toEqual({ kind: first!.kind, overdue: first!.overdue });
    // The next sweep finds nothing new.
    const before = (await read()).length;
    expect(await sweepReminders(stack.subgraphs.aeds.orm.em.fork(), later, aedSettings())).toBe(0);
    expect(await read()).toHaveLength(before);
  });
});

describe('the cabinet code', () => {
  let aedId: string;
  let position: { latitude: number; longitude: number };
  const CODE = `query ($id: ID!) { aed(id: $id) { id cabinetLocked cabinetCode } }`;

  beforeAll(async () => {
    position = nextSpot();
    aedId = await register({ location: position, availabilitySchedule: '24/7', lastCheckedOn: '2026-06-01', cabinetLocked: true, cabinetCode: '4711' });
  });

  it('is given to the AED’s own guardian', async () => {
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: aedId });
    expect((await stack.data(CODE, { id: aedId }, guardian)).aed).toEqual({ id: aedId, cabinetLocked: true, cabinetCode: '4711' });
  });

  it('is given to the incidents service, with the AEDs it may dispatch', async () => {
    expect((await asIncidents(CODE, { id: aedId })).aed.cabinetCode).toBe('4711');
    const { dispatchableAeds } = await asIncidents(DISPATCHABLE, { lat: position.latitude, lon: position.longitude, at: '2026-06-02T03:12:00Z' });
    expect(dispatchableAeds).toEqual([{ aedId, distanceMeters: 0, locationDescription: 'Test AED', cabinetCode: '4711' }]);
  });

  it.each<[string, () => Grant]>([
    ['a guardian of another AED', () => ({ role: Role.GUARDIAN, scope: '00000000-0000-4000-8000-0000000000aa' })],
    ['a volunteer', () => ({ role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-0000000000bb' })],
    ['a partner association', () => ({ role: Role.PARTNER, scope: '00000000-0000-4000-8000-0000000000cc' })],
    ['the municipality’s policy officer', () => ({ role: Role.POLICY_OFFICER, scope: oisterwijk })],
    ['ADMIN', () => ({ role: Role.ADMIN })],
  ])('is FORBIDDEN to %s, who learns nothing else', async (_who, grant) => {
    const token = await stack.token(grant());
    const response = await stack.request(CODE, { id: aedId }, token);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(response.data?.aed).toEqual({ id: aedId, cabinetLocked: true, cabinetCode: null });
    expect(JSON.stringify(response)).not.toContain('4711');
  });

  it('is FORBIDDEN to anonymous callers and to other subgraphs, and never in the public search', async () => {
    const anonymous = await stack.request(CODE, { id: aedId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await expect(asIncidents(CODE, { id: aedId }, 'volunteers')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(asIncidents(DISPATCHABLE, { lat: position.latitude, lon: position.longitude, at: '2026-06-02T03:12:00Z' }, 'volunteers')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const search = await stack.request(
      `query ($location: GeoPointInput!) { nearestDispatchableAeds(location: $location, at: "2026-06-02T03:12:00Z") { aed { id cabinetCode } } }`,
      {
        location: position,
      },
    );
    expect(search.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(search)).not.toContain('4711');
  });

  it('keeps a locked cabinet out of dispatch only while its code is not known', async () => {
    const coded = await stack.data(`query ($id: ID!) { aed(id: $id) { readiness(at: "2026-06-02T03:12:00Z") { reasons } } }`, { id: aedId });
    expect(coded.aed.readiness.reasons).toEqual([]);
    const where = nextSpot();
    const id = await register({ location: where, availabilitySchedule: '24/7', lastCheckedOn: '2026-06-01', cabinetLocked: true });
    const { aed } = await stack.data(`query ($id: ID!) { aed(id: $id) { readiness(at: "2026-06-02T03:12:00Z") { reasons } } }`, { id });
    expect(aed.readiness.reasons).toEqual(['CABINET_CODE_UNKNOWN']);
    expect(await dispatchableIds(where, '2026-06-02T03:12:00Z')).toEqual([]);
  });
});

describe('owner and guardian contact details', () => {
  let aedId: string;
  const CONTACTS = `query ($id: ID!) { aed(id: $id) { owner { name email phone } guardians { name email phone } } }`;

  beforeAll(async () => {
    aedId = await register({
      location: nextSpot(),
      owner: { name: 'Basisschool De Regenboog', phone: '013 123 4567' },
      guardians: [{ name: 'Ilse Janssen', email: 'ilse@example.org' }],
    });
  });

  it('are shown to the AED’s guardians, the municipality’s coordinators and ADMIN', async () => {
    const expected = {
      owner: { name: 'Basisschool De Regenboog', email: null, phone: '+31131234567' },
      guardians: [{ name: 'Ilse Janssen', email: 'ilse@example.org', phone: null }],
    };
    for (const grant of [{ role: Role.GUARDIAN, scope: aedId }, { role: Role.POLICY_OFFICER, scope: oisterwijk }, { role: Role.ADMIN }]) {
      expect((await stack.data(CONTACTS, { id: aedId }, await stack.token(grant))).aed).toEqual(expected);
    }
  });

  it('are refused to everyone else', async () => {
    for (const grant of [
      { role: Role.POLICY_OFFICER, scope: tilburg },
      { role: Role.PARTNER, scope: '00000000-0000-4000-8000-0000000000cc' },
      { role: Role.VOLUNTEER, scope: '00000000-0000-4000-8000-0000000000bb' },
    ]) {
      const response = await stack.request(CONTACTS, { id: aedId }, await stack.token(grant));
      expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(JSON.stringify(response)).not.toContain('Ilse');
    }
    const anonymous = await stack.request(CONTACTS, { id: aedId });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('may be changed by a guardian but not by another municipality’s policy officer', async () => {
    const guardian = await stack.token({ role: Role.GUARDIAN, scope: aedId });
    const added = await stack.data(
      `mutation ($id: ID!) { addAedGuardian(aedId: $id, guardian: { name: "Joris Janssen", phone: "+31 6 87654321" }) { id name phone } }`,
      { id: aedId },
      guardian,
    );
    expect(added.addAedGuardian).toMatchObject({ name: 'Joris Janssen', phone: '+31687654321' });
    const removed = await stack.data(`mutation ($id: ID!, $g: ID!) { removeAedGuardian(aedId: $id, guardianId: $g) }`, { id: aedId, g: added.addAedGuardian.id }, guardian);
    expect(removed.removeAedGuardian).toBe(true);
    expect((await stack.data(CONTACTS, { id: aedId }, guardian)).aed.guardians.map((g: { name: string }) => g.name)).toEqual(['Ilse Janssen']);
    const other = await stack.token({ role: Role.POLICY_OFFICER, scope: tilburg });
    const refused = await stack.request(`mutation ($id: ID!) { updateAed(id: $id, input: { floor: "2" }) { id } }`, { id: aedId }, other);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('nearest dispatchable AEDs', () => {
  it('lists the AEDs usable at an instant, nearest first, within the radius, for anyone', async () => {
    const centre = nextSpot();
    const near = await register({ location: { latitude: centre.latitude + 0.001, longitude: centre.longitude }, availabilitySchedule: '24/7', lastCheckedOn: '2026-06-01' });
    const nearer = await register({ location: { latitude: centre.latitude, longitude: centre.longitude + 0.001 }, availabilitySchedule: '24/7', lastCheckedOn: '2026-06-01' });
    await register({
      location: { latitude: centre.latitude + 0.0005, longitude: centre.longitude },
      availabilitySchedule: '24/7',
      lastCheckedOn: '2026-06-01',
      operational: false,
    });
    await register({ location: { latitude: centre.latitude + 0.0006, longitude: centre.longitude }, availabilitySchedule: '24/7', lastCheckedOn: '2026-06-01', access: 'PRIVATE' });
    await register({ location: { latitude: centre.latitude + 0.01, longitude: centre.longitude }, availabilitySchedule: '24/7', lastCheckedOn: '2026-06-01' });
    const { nearestDispatchableAeds } = await stack.data(NEAREST, { location: centre, at: '2026-06-02T03:12:00Z' });
    expect(nearestDispatchableAeds.map((found: { aed: { id: string } }) => found.aed.id)).toEqual([nearer, near]);
    // 0.001° of longitude at 51.8° N is about 69 m; of latitude about 111 m.
    expect(nearestDispatchableAeds[0].distanceMeters).toBeCloseTo(68.8, 0);
    expect(nearestDispatchableAeds[1].distanceMeters).toBeCloseTo(111.2, 0);
    expect(nearestDispatchableAeds[0].availableUntil).toBeNull();
  });
});

describe('Municipality AED fields', () => {
  it('counts AEDs, those dispatchable around the clock and their share, and lists them', async () => {
    const { createMunicipality } = await stack.data(
      `mutation { createMunicipality(input: { name: "Hilvarenbeek", code: "GM0798", countryCode: "NL", timeZone: "Europe/Amsterdam" }) { id } }`,
      {},
      admin,
    );
    const today = localDateOf(new Date(), 'UTC');
    const allDay = await register({ location: nextSpot(), availabilitySchedule: '24/7', lastCheckedOn: today, locationDescription: 'A: station' }, createMunicipality.id);
    const office = await register({ location: nextSpot(), availabilitySchedule: OFFICE_HOURS, lastCheckedOn: today, locationDescription: 'B: office' }, createMunicipality.id);
    const { municipality } = await stack.data(`query ($id: ID!) { municipality(id: $id) { name aedCount twentyFourSevenAedCount twentyFourSevenAedShare aeds { id } } }`, {
      id: createMunicipality.id,
    });
    expect(municipality).toEqual({
      name: 'Hilvarenbeek',
      aedCount: 2,
      twentyFourSevenAedCount: 1,
      twentyFourSevenAedShare: 0.5,
      aeds: [{ id: allDay }, { id: office }],
    });
  });
});

describe('bad input', () => {
  const count = async () => (await stack.data(`query ($id: ID!) { municipality(id: $id) { aedCount } }`, { id: oisterwijk })).municipality.aedCount;

  it.each([
    ['an unparsable schedule, with the parser’s explanation', { availabilitySchedule: 'Mo-Fr 08:00-18:00; Sa 25:00-26:00' }, /Invalid opening_hours schedule .*Sa 25:00-26:00/],
    ['a battery expiry in the distant past', { batteryExpiresOn: '2010-01-01' }, /more than 10 years in the past/],
    ['a pads expiry in the distant future', { padsExpireOn: '2099-01-01' }, /more than 10 years in the future/],
    ['a check date in the future', { lastCheckedOn: '2099-01-01' }, /in the future/],
    ['a latitude out of range', { location: { latitude: 95, longitude: 5 } }, /latitude must be a number between -90 and 90/],
    ['a longitude out of range', { location: { latitude: 51.5, longitude: 190 } }, /longitude must be a number between -180 and 180/],
    ['an unknown municipality', { municipalityId: '00000000-0000-4000-8000-00000000dead' }, /Municipality .* is not registered/],
    ['a municipality id that is not an id', { municipalityId: 'oisterwijk' }, /not a valid id/],
    ['a cabinet code on an unlocked cabinet', { cabinetLocked: false, cabinetCode: '1234' }, /needs cabinetLocked: true/],
    ['an empty location description', { locationDescription: '  ' }, /must not be empty/],
    ['a phone number that is not one', { guardians: [{ name: 'X', phone: '12' }] }, /not a valid phone number/],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_what, change, message) => {
    const before = await count();
    const response = await stack.request(
      RegisterAedDocument,
      { input: { municipalityId: oisterwijk, locationDescription: 'Bad', location: nextSpot(), availabilitySchedule: '24/7', ...change } },
      admin,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('rejects a date that is not a string', async () => {
    const response = await stack.request(
      `mutation ($m: ID!) { registerAed(input: { municipalityId: $m, locationDescription: "Bad", location: { latitude: 51.5, longitude: 5 }, padsExpireOn: 20270228 }) { id } }`,
      { m: oisterwijk },
      admin,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toBe('padsExpireOn must be a date written YYYY-MM-DD.');
  });

  it('rejects a date that does not exist before it reaches the AED', async () => {
    const response = await stack.request(
      RegisterAedDocument,
      { input: { municipalityId: oisterwijk, locationDescription: 'Bad', location: nextSpot(), padsExpireOn: '2027-02-30' } },
      admin,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toBe('padsExpireOn "2027-02-30" is not a calendar date written YYYY-MM-DD.');
  });

  it('leaves an AED as it was when a change is refused', async () => {
    const id = await register({ location: nextSpot(), availabilitySchedule: OFFICE_HOURS });
    const response = await stack.request(`mutation ($id: ID!) { updateAed(id: $id, input: { floor: "1", availabilitySchedule: "on request" }) { id } }`, { id }, admin);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.data(`query ($id: ID!) { aed(id: $id) { floor availabilitySchedule } }`, { id })).aed).toEqual({ floor: null, availabilitySchedule: OFFICE_HOURS });
  });

  it('refuses registering to someone who does not coordinate the municipality', async () => {
    const before = await count();
    const officer = await stack.token({ role: Role.POLICY_OFFICER, scope: tilburg });
    const response = await stack.request(RegisterAedDocument, { input: { municipalityId: oisterwijk, locationDescription: 'X', location: nextSpot() } }, officer);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    const own = await stack.token({ role: Role.POLICY_OFFICER, scope: oisterwijk });
    expect((await stack.request(RegisterAedDocument, { input: { municipalityId: oisterwijk, locationDescription: 'X', location: nextSpot() } }, own)).errors).toBeUndefined();
  });

  it('rejects searches that are out of bounds, and unknown AEDs', async () => {
    const tooFar = await stack.request(`{ nearestDispatchableAeds(location: { latitude: 51.5, longitude: 5 }, radiusMeters: 1000000) { distanceMeters } }`);
    expect(tooFar.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await stack.request(`{ nearestDispatchableAeds(location: { latitude: 51.5, longitude: 5 }, limit: 5000) { distanceMeters } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const offEarth = await stack.request(`{ nearestDispatchableAeds(location: { latitude: -91, longitude: 5 }) { distanceMeters } }`);
    expect(offEarth.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notAnInstant = await stack.request(NEAREST, { location: { latitude: 51.5, longitude: 5 }, at: 'tonight' });
    expect(notAnInstant.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await stack.request(`{ aed(id: "00000000-0000-4000-8000-00000000dead") { id } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await expect(
      asIncidents(`mutation { standDownAedAfterUse(aedId: "00000000-0000-4000-8000-00000000dead", incidentId: "00000000-0000-4000-8000-00000000beef") }`),
    ).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    const byPerson = await stack.request(
      `mutation { standDownAedAfterUse(aedId: "00000000-0000-4000-8000-00000000dead", incidentId: "00000000-0000-4000-8000-00000000beef") }`,
      {},
      admin,
    );
    expect(byPerson.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
