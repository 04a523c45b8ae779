/**
 * Incidents end to end through the gateway, with real graphql-ws clients and
 * PostgreSQL: the task split and AED assignment on a hand-made map whose
 * answer is known, closed and expired AEDs never assigned, idempotency under
 * concurrent duplicates, stand-down, decline → next nearest, exclusions,
 * close and cancel, who sees what, and bad input writing nothing.
 *
 * The map (metres north/east of the patient P; the region's policy sends as
 * many as possible via an AED, aedShare 1, so every AED on someone's way
 * would be taken if it could be):
 *
 *   Eva W800 ·· EXPIRED W400 ·· Anna W100 · P · A2 E200 ·· Chantal E400 ·········· Frits E1500 (beyond 1 km)
 *   A1 N150 (code 4711) and Bram N300 to the north;
 *   CLOSED S300, A3 S550 (beyond the 500 m AED circle) and Dirk S600 to the south.
 *
 * Right answer: Anna (nearest) CPR; Bram fetches A1 (150 + 150 = 300 m, no
 * detour); Chantal fetches A2 (200 + 200 = 400 m); Dirk would fetch CLOSED
 * and Eva EXPIRED, but neither may be dispatched, so both do CPR; Frits is
 * not alerted. ETAs are metres × 1.3 ÷ 2.3 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Role } from '../common/auth.ts';
import { offsetMeters } from '../common/earth.ts';
import { PREVIOUS_DEFAULT_OVERRIDES } from '../subgraphs/incidents/dispatch/dispatch-policy.ts';
import { buildWorld, closedNowSchedule, isoDate, pause, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import {
  AlertPositionKindDocument,
  CancelIncidentDocument,
  CloseIncidentTransportedDocument,
  CreateSecurityRegionDocument,
  IncidentAlertsDocument,
  IncidentUpdatesDocument,
  MemberAlertsFromStartDocument,
  MyAlertsDocument,
  ReportIncidentDocument,
  RespondToAlertDocument,
  SetAmbulanceServiceRegionsDocument,
  SetDispatchPolicyDocument,
  SetMyLocationSharingDocument,
  UpdateMyLocationDocument,
} from './operations/generated.ts';
import { startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;
let admin: string;
let world: World;

/**
 * The map and its worked-out answers are for the previous default's rule (an
 * AED at most 5% off a volunteer's way, one carrier per AED, the next nearest
 * after a decline), so every policy this region sets spells that rule out: the
 * default is now the simulator's (docs/dispatch-simulation.md), tested on a
 * region of its own in 'a region without a policy of its own' below.
 */
async function setPolicy(overrides: Record<string, unknown>): Promise<number> {
  const dispatch = { ...PREVIOUS_DEFAULT_OVERRIDES, ...overrides };
  const { setDispatchPolicy } = await stack.data(SetDispatchPolicyDocument, { input: { securityRegionId: world.regionId, dispatch } }, admin);
  return setDispatchPolicy.version;
}

async function report(overrides: Record<string, unknown> = {}) {
  const { reportIncident } = await stack.data(ReportIncidentDocument, { input: reportInput(world, overrides) }, world.dispatcherToken);
  return reportIncident;
}

/** Who got which task, by name: `{ Anna: 'CPR', Bram: 'A1', … }`. */
function tasks(alerts: { task: string | null; volunteer: { id: string }; aed: { id: string } | null }[]) {
  return Object.fromEntries(alerts.map((alert) => [world.nameOf(alert.volunteer.id), alert.task === 'FETCH_AED' ? world.nameOf(alert.aed!.id) : 'CPR']));
}

/** A volunteer's feed from the start (`after: "0"`), so nothing depends on when the subscription registered. */
function feedOf(name: string) {
  const volunteer = world.volunteers[name]!;
  return subscribeFrames(stack.wsClient(volunteer.token), MyAlertsDocument, { v: volunteer.id, after: '0' });
}

const framesFor = (frames: any[], alertIds: Set<string>) => frames.filter((frame) => alertIds.has(frame.myAlerts.alert.id));

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.adminToken();
  world = await buildWorld(stack, {
    patient: { lat: 51.5606, lon: 5.1923 },
    volunteers: [
      { name: 'Anna', north: 0, east: -100 },
      { name: 'Bram', north: 300, east: 0, partnerMember: true },
      { name: 'Chantal', north: 0, east: 400 },
      { name: 'Dirk', north: -600, east: 0 },
      { name: 'Eva', north: 0, east: -800 },
      { name: 'Frits', north: 0, east: 1500 },
    ],
    aeds: [
      { name: 'A1', north: 150, east: 0, cabinetCode: '4711' },
      { name: 'A2', north: 0, east: 200 },
      { name: 'A3', north: -550, east: 0 },
      { name: 'CLOSED', north: -300, east: 0, schedule: closedNowSchedule() },
      { name: 'EXPIRED', north: 0, east: -400, padsExpireOn: isoDate(-2) },
    ],
  });
  await setPolicy({ aedShare: 1 });
});

afterAll(async () => {
  await stack?.close();
});

describe('dispatch on a hand-made map', () => {
  it('splits tasks as worked out by hand, never assigns a closed or expired AED, and records the policy version', async () => {
    const incident = await report();
    expect(incident).toMatchObject({ status: 'OPEN', policyVersion: 1, exclusions: [] });
    expect(incident.dispatchedAt).toBeTruthy();
    expect(tasks(incident.alerts)).toEqual({ Anna: 'CPR', Bram: 'A1', Chantal: 'A2', Dirk: 'CPR', Eva: 'CPR' });
    expect(incident.alerts.map((alert: any) => [world.nameOf(alert.volunteer.id), alert.rank, alert.etaSeconds, alert.distanceMeters])).toEqual([
      ['Anna', 1, 57, 100],
      ['Bram', 2, 170, 300],
      ['Chantal', 3, 226, 400],
      ['Dirk', 4, 339, 600],
      ['Eva', 5, 452, 800],
    ]);
    // The dispatcher sees tasks and ETAs, never the texts meant for the volunteer.
    expect(incident.alerts.every((alert: any) => alert.patientAddress === null && alert.cabinetCode === null && alert.message === null)).toBe(true);
    // The answer shows the alerts as they were committed, without reading them back: exactly what a read shows.
    expect((await stack.data(IncidentAlertsDocument, { i: incident.id }, world.dispatcherToken)).incident.alerts).toEqual(incident.alerts);
    // So does the Incident itself, answered from the row its insert returned.
    const fields = `id dispatchReference status location { latitude longitude } address callReceivedAt exclusions policyVersion dispatchedAt
      ambulanceArrivedAt outcome closedAt cancelledAt cancelReason reportedAt ambulanceService { id } securityRegion { id } municipality { id }`;
    const answered = await stack.data(
      `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { ${fields} } }`,
      { input: reportInput(world, { dispatchReference: 'ANSWER-AS-READ' }) },
      world.dispatcherToken,
    );
    const read = await stack.data(`query ($i: ID!) { incident(id: $i) { ${fields} } }`, { i: answered.reportIncident.id }, world.dispatcherToken);
    expect(answered.reportIncident).toEqual(read.incident);
    expect(answered.reportIncident).toMatchObject({ dispatchReference: 'ANSWER-AS-READ', status: 'OPEN', cancelledAt: null });
    await stack.data(CancelIncidentDocument, { i: answered.reportIncident.id }, world.dispatcherToken);

    const alertIds = new Set<string>(incident.alerts.map((alert: any) => alert.id));
    const bram = feedOf('Bram');
    const chantal = feedOf('Chantal');
    const anna = feedOf('Anna');
    const [bramFrame] = framesFor(await bram.until((frames) => framesFor(frames, alertIds).length >= 1), alertIds);
    expect(bramFrame.myAlerts).toMatchObject({
      kind: 'ALERTED',
      alert: {
        task: 'FETCH_AED',
        status: 'PENDING',
        cabinetCode: '4711',
        patientAddress: 'Dorpsstraat 12, 5061 HK Oisterwijk',
        message: 'Hartstilstand! Haal de AED bij AED A1, code 4711 en ga dan naar Dorpsstraat 12, 5061 HK Oisterwijk.',
        // Resolved by the AEDs subgraph through the gateway.
        aed: { id: world.aeds.A1, locationDescription: 'AED A1' },
        route: [{ meters: 150 }, { meters: 150 }],
      },
    });
    expect(bramFrame.myAlerts.alert.aed.location.latitude).toBeCloseTo(world.patient.lat + 150 / 111_195, 5);
    const [chantalFrame] = framesFor(await chantal.until((frames) => framesFor(frames, alertIds).length >= 1), alertIds);
    expect(chantalFrame.myAlerts.alert).toMatchObject({ task: 'FETCH_AED', cabinetCode: null, aed: { id: world.aeds.A2 } });
    const [annaFrame] = framesFor(await anna.until((frames) => framesFor(frames, alertIds).length >= 1), alertIds);
    expect(annaFrame.myAlerts.alert).toMatchObject({ task: 'CPR', cabinetCode: null, aed: null, etaSeconds: 57 });
    expect(annaFrame.myAlerts.alert.patientLocation.latitude).toBeCloseTo(world.patient.lat, 6);

    const frits = feedOf('Frits');
    await pause(500);
    expect(frits.frames).toEqual([]);

    const timeline = subscribeFrames(stack.wsClient(world.dispatcherToken), IncidentUpdatesDocument, { i: incident.id, after: '0' });
    const events = await timeline.until((frames) => frames.length >= 6);
    expect(events.map((event) => event.incidentUpdates.kind)).toEqual(['REPORTED', 'ALERTED', 'ALERTED', 'ALERTED', 'ALERTED', 'ALERTED']);
    expect(events.slice(1).map((event) => world.nameOf(event.incidentUpdates.volunteer!.id))).toEqual(['Anna', 'Bram', 'Chantal', 'Dirk', 'Eva']);
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
  });

  it('hands the alert frame to an app already listening as the report commits, exactly as a later read shows it, and counts it as confirmed', async () => {
    const listening = Object.fromEntries(['Anna', 'Bram'].map((name) => [name, feedOf(name)]));
    // Each app has read its feed up to now (the frames of earlier tests) before the report.
    await pause(300);
    const incident = await report();
    const alertIds = new Set<string>(incident.alerts.map((alert: any) => alert.id));
    const live = Object.fromEntries(
      await Promise.all(['Anna', 'Bram'].map(async (name) => [name, framesFor(await listening[name]!.until((frames) => framesFor(frames, alertIds).length >= 1), alertIds)])),
    );
    // The frame reaching the app confirms the alert (no SMS follows), whichever way it came.
    await pause(300);
    const { incident: delivered } = await stack.data(
      `query ($i: ID!) { incident(id: $i) { alerts { volunteer { id } delivery { acknowledgedAt } } } }`,
      { i: incident.id },
      world.dispatcherToken,
    );
    const confirmed = delivered.alerts.filter((alert: any) => alert.delivery.acknowledgedAt !== null).map((alert: any) => world.nameOf(alert.volunteer.id));
    expect(confirmed).toEqual(expect.arrayContaining(['Anna', 'Bram']));
    for (const name of ['Anna', 'Bram']) {
      const read = framesFor(await feedOf(name).until((frames) => framesFor(frames, alertIds).length >= 1), alertIds);
      expect(live[name]).toHaveLength(1);
      expect(live[name]).toEqual(read);
      expect(framesFor(listening[name]!.frames, alertIds)).toHaveLength(1);
    }
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
  });
});

describe('idempotency', () => {
  it('turns concurrent duplicates of one report into one incident that alerts everyone once', async () => {
    const input = reportInput(world);
    const answers = await Promise.all(Array.from({ length: 8 }, () => stack.request(ReportIncidentDocument, { input }, world.dispatcherToken)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const ids = new Set(answers.map((answer) => answer.data!.reportIncident.id));
    expect(ids.size).toBe(1);
    const [incidentId] = ids;
    const { incident } = await stack.data(`query ($i: ID!) { incident(id: $i) { alerts { id volunteer { id } } timeline { kind } } }`, { i: incidentId }, world.dispatcherToken);
    expect(incident.alerts).toHaveLength(5);
    expect(incident.timeline.filter((event: any) => event.kind === 'REPORTED')).toHaveLength(1);
    expect(incident.timeline.filter((event: any) => event.kind === 'ALERTED')).toHaveLength(5);

    const alertIds = new Set<string>(incident.alerts.map((alert: any) => alert.id));
    const eva = feedOf('Eva');
    await eva.until((frames) => framesFor(frames, alertIds).length >= 1);
    await pause(300);
    expect(framesFor(eva.frames, alertIds)).toHaveLength(1);

    // A retry later returns the same incident; the same reference for another patient is refused.
    const retry = await stack.data(ReportIncidentDocument, { input }, world.dispatcherToken);
    expect(retry.reportIncident.id).toBe(incidentId);
    const reused = await stack.request(ReportIncidentDocument, { input: { ...input, address: 'Kerkplein 1, Oisterwijk' } }, world.dispatcherToken);
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', incidentId });
    await stack.data(CancelIncidentDocument, { i: incidentId }, world.dispatcherToken);
  });
});

describe('responses', () => {
  it('stands the rest down once enough accepted with an AED on its way, tells the dispatcher who is coming, and closes', async () => {
    await setPolicy({ aedShare: 1, enoughAcceptances: 2 });
    const incident = await report();
    const alertOf = (name: string) => incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers[name]!.id)!;
    const alertIds = new Set<string>(incident.alerts.map((alert: any) => alert.id));
    const dispatcher = subscribeFrames(stack.wsClient(world.dispatcherToken), IncidentUpdatesDocument, { i: incident.id, after: '0' });
    const feeds = Object.fromEntries(['Anna', 'Bram', 'Chantal', 'Dirk', 'Eva'].map((name) => [name, feedOf(name)]));

    await stack.data(RespondToAlertDocument, { a: alertOf('Anna').id, r: 'ACCEPT' }, world.volunteers.Anna!.token);
    // Two CPR volunteers are not "enough" while no AED is coming: nobody is stood down yet.
    await stack.data(RespondToAlertDocument, { a: alertOf('Chantal').id, r: 'ACCEPT' }, world.volunteers.Chantal!.token);
    for (const name of ['Bram', 'Dirk', 'Eva']) {
      const frames = await feeds[name]!.until((all) => framesFor(all, alertIds).some((frame) => frame.myAlerts.kind === 'STOOD_DOWN'));
      expect(framesFor(frames, alertIds).map((frame) => frame.myAlerts.kind)).toEqual(['ALERTED', 'STOOD_DOWN']);
      expect(framesFor(frames, alertIds)[1].myAlerts.alert).toMatchObject({ status: 'STOOD_DOWN', standDownReason: 'ENOUGH_RESPONDERS' });
    }
    const late = await stack.request(RespondToAlertDocument, { a: alertOf('Bram').id, r: 'ACCEPT' }, world.volunteers.Bram!.token);
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const events = await dispatcher.until((frames) => frames.filter((frame) => frame.incidentUpdates.kind === 'STOOD_DOWN').length === 3);
    const latest = events.at(-1)!.incidentUpdates.incident;
    expect(latest.responders.map((responder: any) => [world.nameOf(responder.volunteer.id), responder.task])).toEqual([
      ['Anna', 'CPR'],
      ['Chantal', 'FETCH_AED'],
    ]);
    expect(latest.responders.every((responder: any) => responder.expectedArrivalAt)).toBe(true);
    expect(latest.aedsOnTheirWay).toHaveLength(1);
    expect(latest.aedsOnTheirWay[0]).toMatchObject({ aed: { id: world.aeds.A2 }, volunteer: { id: world.volunteers.Chantal!.id } });
    expect(latest.aedsOnTheirWay[0].aed.location.longitude).toBeGreaterThan(world.patient.lon);

    // Answering the same again changes nothing; on scene is recorded.
    await stack.data(RespondToAlertDocument, { a: alertOf('Anna').id, r: 'ACCEPT' }, world.volunteers.Anna!.token);
    await stack.data(RespondToAlertDocument, { a: alertOf('Chantal').id, r: 'ON_SCENE' }, world.volunteers.Chantal!.token);

    await stack.data(`mutation ($i: ID!) { recordAmbulanceArrival(incidentId: $i) { ambulanceArrivedAt } }`, { i: incident.id }, world.dispatcherToken);
    const { closeIncident } = await stack.data(
      `mutation ($i: ID!) { closeIncident(incidentId: $i, outcome: ROSC) { status outcome closedAt } }`,
      { i: incident.id },
      world.dispatcherToken,
    );
    expect(closeIncident).toMatchObject({ status: 'CLOSED', outcome: 'ROSC' });
    const anna = await feeds.Anna!.until((all) => framesFor(all, alertIds).some((frame) => frame.myAlerts.kind === 'INCIDENT_CLOSED'));
    expect(framesFor(anna, alertIds).map((frame) => frame.myAlerts.kind)).toEqual(['ALERTED', 'RESPONSE_RECORDED', 'INCIDENT_CLOSED']);

    // The AED that was fetched is stood down until a guardian checks it, and its owner and guardians are told.
    const timeline = await dispatcher.until((frames) => frames.some((frame) => frame.incidentUpdates.kind === 'AED_STOOD_DOWN'));
    expect(timeline.find((frame) => frame.incidentUpdates.kind === 'AED_STOOD_DOWN')!.incidentUpdates.aed!.id).toBe(world.aeds.A2);
    const { aed } = await stack.data(`query ($a: ID!) { aed(id: $a) { stoodDownSince readiness { dispatchable reasons } } }`, { a: world.aeds.A2 });
    expect(aed.readiness).toEqual({ dispatchable: false, reasons: ['STOOD_DOWN'] });
    expect(timeline.map((frame) => frame.incidentUpdates.kind)).toEqual([
      'REPORTED',
      'ALERTED',
      'ALERTED',
      'ALERTED',
      'ALERTED',
      'ALERTED',
      'ACCEPTED',
      'ACCEPTED',
      'STOOD_DOWN',
      'STOOD_DOWN',
      'STOOD_DOWN',
      'ON_SCENE',
      'AMBULANCE_ARRIVED',
      'CLOSED',
      'AED_STOOD_DOWN',
    ]);

    // A stood-down AED is not sent for again until it is confirmed ready.
    const next = await report();
    expect(tasks(next.alerts).Chantal).toBe('CPR');
    await stack.data(CancelIncidentDocument, { i: next.id }, world.dispatcherToken);
    await stack.data(`mutation ($a: ID!) { confirmAedReady(aedId: $a) { id } }`, { a: world.aeds.A2 }, admin);
  });

  it('alerts the next nearest volunteer after a decline, via an AED on their way', async () => {
    await setPolicy({ aedShare: 1, maxAlerted: 2, enoughAcceptances: 2, alertNextOnDecline: true });
    const incident = await report();
    expect(tasks(incident.alerts)).toEqual({ Anna: 'CPR', Bram: 'A1' });
    const chantal = feedOf('Chantal');
    const bramAlert = incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Bram!.id)!;
    await stack.data(RespondToAlertDocument, { a: bramAlert.id, r: 'DECLINE' }, world.volunteers.Bram!.token);
    // Every earlier alert of Chantal's has ended (stood down or closed): a PENDING one is the new alert.
    const isNew = (frame: any) => frame.myAlerts.kind === 'ALERTED' && frame.myAlerts.alert.status === 'PENDING';
    const newest = (await chantal.until((all) => all.some(isNew))).find(isNew)!.myAlerts.alert;
    // Chantal (E400) takes A2 on her way (A1 would be a 36% detour for her).
    expect(newest).toMatchObject({ task: 'FETCH_AED', aed: { id: world.aeds.A2 }, rank: 3 });

    const { incident: after } = await stack.data(
      `query ($i: ID!) { incident(id: $i) { alerts { volunteer { id } status task aed { id } } timeline { kind volunteer { id } } } }`,
      { i: incident.id },
      world.dispatcherToken,
    );
    expect(after.alerts.map((alert: any) => [world.nameOf(alert.volunteer.id), alert.status])).toEqual([
      ['Anna', 'PENDING'],
      ['Bram', 'DECLINED'],
      ['Chantal', 'PENDING'],
    ]);
    expect(after.timeline.slice(-2).map((event: any) => [event.kind, world.nameOf(event.volunteer.id)])).toEqual([
      ['DECLINED', 'Bram'],
      ['ALERTED', 'Chantal'],
    ]);

    // Cancelling stands everyone still alerted down.
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
    const cancelled = await chantal.until((all) => all.some((frame) => frame.myAlerts.alert.id === newest.id && frame.myAlerts.kind === 'STOOD_DOWN'));
    expect(cancelled.at(-1)!.myAlerts.alert).toMatchObject({ status: 'STOOD_DOWN', standDownReason: 'INCIDENT_CANCELLED' });
    await setPolicy({ aedShare: 1 });
  });
});

describe('exclusions', () => {
  it.each(['CHILD_UNDER_8', 'TRAUMA', 'UNSAFE_SCENE', 'CARE_FACILITY'])('alerts nobody for %s and records why', async (exclusion) => {
    const incident = await report({ exclusions: [exclusion] });
    expect(incident).toMatchObject({ status: 'OPEN', exclusions: [exclusion], alerts: [], dispatchedAt: null });
    const { incident: stored } = await stack.data(`query ($i: ID!) { incident(id: $i) { timeline { kind detail } } }`, { i: incident.id }, world.dispatcherToken);
    expect(stored.timeline).toEqual([
      { kind: 'REPORTED', detail: expect.stringMatching(/^policy version \d+$/) },
      { kind: 'EXCLUDED', detail: exclusion },
    ]);
    await stack.data(`mutation ($i: ID!) { closeIncident(incidentId: $i, outcome: UNKNOWN) { status } }`, { i: incident.id }, world.dispatcherToken);
  });
});

describe('who sees what', () => {
  it('gives the address and cabinet code to the alerted volunteer only, and partners only their members’ alerts without them', async () => {
    const incident = await report();
    const bramAlert = incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Bram!.id)!;
    const annaAlert = incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Anna!.id)!;
    const ALERT = `query ($a: ID!) { alert(id: $a) { task patientAddress cabinetCode message route { meters } } }`;

    const own = await stack.data(ALERT, { a: bramAlert.id }, world.volunteers.Bram!.token);
    expect(own.alert).toMatchObject({ task: 'FETCH_AED', patientAddress: 'Dorpsstraat 12, 5061 HK Oisterwijk', cabinetCode: '4711' });
    const other = await stack.request(ALERT, { a: bramAlert.id }, world.volunteers.Anna!.token);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const token of [admin, world.dispatcherToken]) {
      const seen = await stack.data(ALERT, { a: bramAlert.id }, token);
      expect(seen.alert).toEqual({ task: 'FETCH_AED', patientAddress: null, cabinetCode: null, message: null, route: null });
    }
    const otherDispatcher = await stack.token({ role: Role.DISPATCHER, scope: randomUUID() });
    expect((await stack.request(ALERT, { a: annaAlert.id }, otherDispatcher)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.request(`query ($i: ID!) { incident(id: $i) { id } }`, { i: incident.id }, otherDispatcher)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Another volunteer cannot listen to Bram's alerts.
    const eavesdropper = subscribeFrames(stack.wsClient(world.volunteers.Anna!.token), MyAlertsDocument, { v: world.volunteers.Bram!.id, after: '0' });
    await eavesdropper.until(() => eavesdropper.errors.length > 0);
    expect(JSON.stringify(eavesdropper.errors)).toContain('FORBIDDEN');

    // The partner's app gets its member Bram's alert, and nobody else's.
    const partner = subscribeFrames(stack.wsClient(world.partnerToken), MemberAlertsFromStartDocument, { a: world.partnerAssociationId });
    const frames = await partner.until((all) => all.some((frame) => frame.memberAlerts.alert.id === bramAlert.id));
    expect(new Set(frames.map((frame) => frame.memberAlerts.alert.volunteer.id))).toEqual(new Set([world.volunteers.Bram!.id]));
    // The type has no address, phone or position to ask for.
    const prying = subscribeFrames(stack.wsClient(world.partnerToken), `subscription ($a: ID!) { memberAlerts(associationId: $a) { alert { patientAddress } } }`, {
      a: world.partnerAssociationId,
    });
    await prying.until(() => prying.errors.length > 0);
    expect(JSON.stringify(prying.errors)).toContain('GRAPHQL_VALIDATION_FAILED');
    const otherPartner = await stack.token({ role: Role.PARTNER, scope: randomUUID() });
    const refused = subscribeFrames(stack.wsClient(otherPartner), MemberAlertsFromStartDocument, { a: world.partnerAssociationId });
    await refused.until(() => refused.errors.length > 0);
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');

    // After the incident the cabinet code is no longer given out, even to the volunteer.
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
    expect((await stack.data(ALERT, { a: bramAlert.id }, world.volunteers.Bram!.token)).alert.cabinetCode).toBeNull();
  });
});

describe('bad input', () => {
  const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

  it('refuses bad reports with a clear code and writes nothing', async () => {
    const count = async () => (await stack.data(`{ incidents(first: 200) { id } }`, {}, admin)).incidents.length;
    const before = await count();
    const anna = feedOf('Anna');
    // Let the replay of Anna's earlier alerts finish before counting.
    await pause(1000);
    const annaFrames = anna.frames.length;

    const { createSecurityRegion: elsewhere } = await stack.data(`mutation { createSecurityRegion(input: { name: "Elsewhere", code: "VR99" }) { id } }`, {}, admin);
    const { createAmbulanceService: otherService } = await stack.data(
      `mutation ($r: ID!) { createAmbulanceService(input: { name: "RAV Elsewhere", code: "RAV-ELSE", dispatchCentre: "Elders", regionIds: [$r] }) { id } }`,
      { r: elsewhere.id },
      admin,
    );
    const otherRegionDispatcher = await stack.token({ role: Role.DISPATCHER, scope: otherService.id });
    const unknownServiceDispatcher = await stack.token({ role: Role.DISPATCHER, scope: randomUUID() });
    const volunteer = world.volunteers.Anna!.token;
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['a dispatcher of another region', {}, otherRegionDispatcher, 'FORBIDDEN'],
      ['an unknown ambulance service', {}, unknownServiceDispatcher, 'FORBIDDEN'],
      ['a service the dispatcher does not work for', { ambulanceServiceId: otherService.id }, world.dispatcherToken, 'FORBIDDEN'],
      ['a volunteer', {}, volunteer, 'FORBIDDEN'],
      ['latitude out of range', { location: { latitude: 91, longitude: 5.19 } }, world.dispatcherToken, 'BAD_USER_INPUT'],
      ['longitude out of range', { location: { latitude: 51.56, longitude: -181 } }, world.dispatcherToken, 'BAD_USER_INPUT'],
      ['a position in no municipality', { location: { latitude: 0, longitude: 0 } }, world.dispatcherToken, 'BAD_USER_INPUT'],
      ['an empty reference', { dispatchReference: '  ' }, world.dispatcherToken, 'BAD_USER_INPUT'],
      ['an empty address', { address: '' }, world.dispatcherToken, 'BAD_USER_INPUT'],
      ['a call two hours ago', { callReceivedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }, world.dispatcherToken, 'BAD_USER_INPUT'],
      ['a call tomorrow', { callReceivedAt: new Date(Date.now() + 86_400_000).toISOString() }, world.dispatcherToken, 'BAD_USER_INPUT'],
    ];
    for (const [what, overrides, token, code] of cases) {
      const response = await stack.request(ReportIncidentDocument, { input: reportInput(world, overrides) }, token);
      expect(codeOf(response), what).toBe(code);
    }
    expect(codeOf(await stack.request(ReportIncidentDocument, { input: reportInput(world) }))).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(before);
    await pause(300);
    expect(anna.frames).toHaveLength(annaFrames);
  });

  it('refuses answers to someone else’s alert, answers and closing after the end, and closing twice', async () => {
    const incident = await report();
    const annaAlert = incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Anna!.id)!;
    expect(codeOf(await stack.request(RespondToAlertDocument, { a: annaAlert.id, r: 'ACCEPT' }, world.volunteers.Bram!.token))).toBe('FORBIDDEN');
    expect(codeOf(await stack.request(RespondToAlertDocument, { a: annaAlert.id, r: 'ACCEPT' }, admin))).toBe('FORBIDDEN');
    expect(codeOf(await stack.request(RespondToAlertDocument, { a: randomUUID(), r: 'ACCEPT' }, world.volunteers.Anna!.token))).toBe('NOT_FOUND');
    const otherDispatcher = await stack.token({ role: Role.DISPATCHER, scope: randomUUID() });
    expect(codeOf(await stack.request(CloseIncidentTransportedDocument, { i: incident.id }, otherDispatcher))).toBe('FORBIDDEN');
    expect(codeOf(await stack.request(`mutation ($i: ID!) { cancelIncident(incidentId: $i, reason: " ") { status } }`, { i: incident.id }, world.dispatcherToken))).toBe(
      'BAD_USER_INPUT',
    );

    await stack.data(CloseIncidentTransportedDocument, { i: incident.id }, world.dispatcherToken);
    expect(codeOf(await stack.request(CloseIncidentTransportedDocument, { i: incident.id }, world.dispatcherToken))).toBe('CONFLICT');
    expect(codeOf(await stack.request(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken))).toBe('CONFLICT');
    expect(codeOf(await stack.request(RespondToAlertDocument, { a: annaAlert.id, r: 'ACCEPT' }, world.volunteers.Anna!.token))).toBe('CONFLICT');
    const { incident: stored } = await stack.data(
      `query ($i: ID!) { incident(id: $i) { status outcome alerts { status } timeline { kind } } }`,
      { i: incident.id },
      world.dispatcherToken,
    );
    expect(stored).toMatchObject({ status: 'CLOSED', outcome: 'TRANSPORTED' });
    expect(stored.timeline.filter((event: any) => event.kind === 'CLOSED')).toHaveLength(1);
    expect(stored.alerts.every((alert: any) => alert.status === 'STOOD_DOWN')).toBe(true);
  });

  it('refuses an invalid policy listing every problem, and policy changes by anyone but ADMIN', async () => {
    const invalid = await stack.request(
      SetDispatchPolicyDocument,
      { input: { securityRegionId: world.regionId, dispatch: { radiusMeters: 5, aedShare: 66 }, aftercare: { checkInDelaySeconds: -1 } } },
      admin,
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.extensions?.violations.map((violation: any) => violation.field)).toEqual(['radiusMeters', 'aedShare', 'checkInDelaySeconds']);
    expect(codeOf(await stack.request(SetDispatchPolicyDocument, { input: { securityRegionId: world.regionId, dispatch: { radiusMeters: 1500 } } }, world.dispatcherToken))).toBe(
      'FORBIDDEN',
    );
    const { securityRegion } = await stack.data(
      `query ($r: ID!) { securityRegion(id: $r) { name dispatchPolicy { version dispatch { aedShare radiusMeters } } } }`,
      { r: world.regionId },
      admin,
    );
    expect(securityRegion.dispatchPolicy.dispatch.radiusMeters).toBe(1000);
    const { dispatchPolicyHistory } = await stack.data(`query ($r: ID!) { dispatchPolicyHistory(securityRegionId: $r) { version changedSettings } }`, { r: world.regionId });
    expect(dispatchPolicyHistory.at(-1)).toEqual({ version: 0, changedSettings: [] });
    expect(dispatchPolicyHistory[0].version).toBe(securityRegion.dispatchPolicy.version);
  });

  it('dispatches under the latest version still valid when a newer stored one no longer is', async () => {
    const valid = await setPolicy({});
    // A version stored under looser rules of an earlier release: what the rules refuse today is passed over.
    await stack.subgraphs.incidents.orm.em
      .fork()
      .execute(
        `insert into incidents.dispatch_policy (security_region_id, version, dispatch, aftercare, set_by) values (?, ?, '{"radiusMeters": 5}', '{}', 'an earlier release')`,
        [world.regionId, valid + 1],
      );
    const incident = await report();
    expect(incident.policyVersion).toBe(valid);
    expect(incident.alerts.length).toBeGreaterThan(0);
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
    await stack.subgraphs.incidents.orm.em.fork().execute('delete from incidents.dispatch_policy where security_region_id = ? and version = ?', [world.regionId, valid + 1]);
  });
});

describe('a service serving several regions', () => {
  // Who is in reach is asked while the organisation subgraph locates the patient, with the search
  // of the regions the service serves; that answer may only be used when the patient's region
  // makes the same search. Here the other region would search 450 m, the patient's 1,000 m.
  it('alerts whom the policy of the patient’s own region reaches', async () => {
    // Regions come in id order; the other region must come first, or wrongly searching
    // with the first region's policy would go unnoticed.
    let other: { id: string };
    do {
      ({ createSecurityRegion: other } = await stack.data(
        CreateSecurityRegionDocument,
        { input: { name: `Other region ${randomUUID().slice(0, 6)}`, code: `VR-${randomUUID().slice(0, 6)}` } },
        admin,
      ));
    } while (other.id > world.regionId);
    const serve = (regionIds: string[]) => stack.data(SetAmbulanceServiceRegionsDocument, { id: world.ambulanceServiceId, r: regionIds }, admin);
    await serve([other.id, world.regionId]);
    await stack.data(SetDispatchPolicyDocument, { input: { securityRegionId: other.id, dispatch: { radiusMeters: 450 } } }, admin);
    try {
      // A new token: the gateway keeps what a credential covers for up to 30 s.
      const dispatcher = await stack.token({ role: Role.DISPATCHER, scope: world.ambulanceServiceId }, `dispatcher-${randomUUID()}`);
      const { reportIncident: incident } = await stack.data(ReportIncidentDocument, { input: reportInput(world) }, dispatcher);
      expect(Object.keys(tasks(incident.alerts)).sort()).toEqual(['Anna', 'Bram', 'Chantal', 'Dirk', 'Eva']);
      await stack.data(CancelIncidentDocument, { i: incident.id }, dispatcher);
    } finally {
      await serve([world.regionId]);
    }
  });
});

describe('which position put a volunteer near', () => {
  it('tells the alerted volunteer, as a PositionKind the schema lists: HOME, or CURRENT for the position their phone shared', async () => {
    // Frits lives 1,500 m away, beyond the radius; his phone puts him 50 m from the patient.
    const frits = world.volunteers.Frits!;
    await stack.data(SetMyLocationSharingDocument, { enabled: true }, frits.token);
    const near = offsetMeters(world.patient, 0, 50);
    await stack.data(UpdateMyLocationDocument, { p: { latitude: near.lat, longitude: near.lon } }, frits.token);
    try {
      const incident = await report();
      const alertOf = (name: string) => incident.alerts.find((alert) => alert.volunteer.id === world.volunteers[name]!.id);
      const fritsAlert = alertOf('Frits');
      const annaAlert = alertOf('Anna');
      expect(fritsAlert).toBeDefined();
      expect(annaAlert).toBeDefined();
      expect((await stack.data(AlertPositionKindDocument, { id: fritsAlert!.id }, frits.token)).alert.positionKind).toBe('CURRENT');
      expect((await stack.data(AlertPositionKindDocument, { id: annaAlert!.id }, world.volunteers.Anna!.token)).alert.positionKind).toBe('HOME');
      // Someone else's position is not the dispatcher's business.
      expect((await stack.data(AlertPositionKindDocument, { id: fritsAlert!.id }, world.dispatcherToken)).alert.positionKind).toBeNull();
      const { __type } = await stack.data(`{ __type(name: "PositionKind") { enumValues { name } } }`, {}, admin);
      expect(__type.enumValues.map((value: { name: string }) => value.name)).toEqual(['HOME', 'WORK', 'CURRENT']);
      await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
    } finally {
      await stack.data(SetMyLocationSharingDocument, { enabled: false }, frits.token);
    }
  });
});

describe('a region without a policy of its own', () => {
  /*
   * The default is the simulator's recommendation (docs/dispatch-simulation.md): any AED in the 500 m
   * circle whose route at most doubles a volunteer's, up to three volunteers per AED, no next on a
   * decline. A region that never set a policy dispatches by it (version 0). The map, metres from P:
   *
   *   Anna W100 · P · Bram E400        A1 N200, Dirk N500 to the north; Chantal S300 to the south;
   *   Frits lives E1500 (beyond 1 km) and later shares a position E250.
   *
   * Four are alerted, so ⌊⅔ × 4⌋ = 2 may fetch. Anna, the nearest, does CPR. Dirk via A1: 300 + 200 =
   * 500 m, no detour. Bram via A1: √(400² + 200²) 447 + 200 = 647 m against 400 straight, 62% longer:
   * fetched under the default (at most 100%), not under the previous 5%. Chantal via A1: 500 + 200 =
   * 700 m against 300, 133% longer: CPR. Both Bram and Dirk take A1, which one carrier per AED would not allow.
   */
  let region: World;
  const tasksIn = (alerts: Parameters<typeof tasks>[0]) =>
    Object.fromEntries(alerts.map((alert) => [region.nameOf(alert.volunteer.id), alert.task === 'FETCH_AED' ? region.nameOf(alert.aed!.id) : 'CPR']));
  const reportHere = async () => (await stack.data(ReportIncidentDocument, { input: reportInput(region) }, region.dispatcherToken)).reportIncident;
  const alertsOf = async (incidentId: string) =>
    (await stack.data(`query ($i: ID!) { incident(id: $i) { alerts { volunteer { id } status } } }`, { i: incidentId }, region.dispatcherToken)).incident.alerts.map(
      (alert: any) => [region.nameOf(alert.volunteer.id), alert.status],
    );
  const frits = () => region.volunteers.Frits!;
  const shareNearPosition = async () => {
    await stack.data(SetMyLocationSharingDocument, { enabled: true }, frits().token);
    const near = offsetMeters(region.patient, 0, 250);
    await stack.data(UpdateMyLocationDocument, { p: { latitude: near.lat, longitude: near.lon } }, frits().token);
  };

  beforeAll(async () => {
    region = await buildWorld(stack, {
      patient: { lat: 52.0907, lon: 5.1214 },
      volunteers: [
        { name: 'Anna', north: 0, east: -100 },
        { name: 'Bram', north: 0, east: 400 },
        { name: 'Chantal', north: -300, east: 0 },
        { name: 'Dirk', north: 500, east: 0 },
        { name: 'Frits', north: 0, east: 1500 },
      ],
      aeds: [{ name: 'A1', north: 200, east: 0 }],
    });
  });

  it('gets the new default on deploy: an AED 62% off the way is fetched, by two volunteers, and a decline alerts nobody new', async () => {
    const incident = await reportHere();
    expect(incident.policyVersion).toBe(0);
    expect(tasksIn(incident.alerts)).toEqual({ Anna: 'CPR', Bram: 'A1', Chantal: 'CPR', Dirk: 'A1' });

    // Frits comes within 250 m after the alerts went out: the next nearest not yet alerted, were there a next.
    await shareNearPosition();
    try {
      const bramAlert = incident.alerts.find((alert) => alert.volunteer.id === region.volunteers.Bram!.id)!;
      await stack.data(RespondToAlertDocument, { a: bramAlert.id, r: 'DECLINE' }, region.volunteers.Bram!.token);
      await pause(2000);
      expect(await alertsOf(incident.id)).toEqual([
        ['Anna', 'PENDING'],
        ['Chantal', 'PENDING'],
        ['Bram', 'DECLINED'],
        ['Dirk', 'PENDING'],
      ]);
      await stack.data(CancelIncidentDocument, { i: incident.id }, region.dispatcherToken);
    } finally {
      await stack.data(SetMyLocationSharingDocument, { enabled: false }, frits().token);
    }
  });

  it('keeps the previous rule for a region that sets it: the same map, Bram straight to CPR, and Frits alerted after his decline', async () => {
    // The control for the test above: the same decline, with the previous default chosen explicitly, does alert Frits.
    await stack.data(SetDispatchPolicyDocument, { input: { securityRegionId: region.regionId, dispatch: { ...PREVIOUS_DEFAULT_OVERRIDES } } }, admin);
    const incident = await reportHere();
    expect(incident.policyVersion).toBe(1);
    expect(tasksIn(incident.alerts)).toEqual({ Anna: 'CPR', Bram: 'CPR', Chantal: 'CPR', Dirk: 'A1' });
    await shareNearPosition();
    try {
      const bramAlert = incident.alerts.find((alert) => alert.volunteer.id === region.volunteers.Bram!.id)!;
      await stack.data(RespondToAlertDocument, { a: bramAlert.id, r: 'DECLINE' }, region.volunteers.Bram!.token);
      let alerts: [string, string][] = [];
      for (let waited = 0; waited < 15_000 && !alerts.some(([name]) => name === 'Frits'); waited += 250) {
        await pause(250);
        alerts = await alertsOf(incident.id);
      }
      expect(alerts.find(([name]) => name === 'Frits')).toEqual(['Frits', 'PENDING']);
      await stack.data(CancelIncidentDocument, { i: incident.id }, region.dispatcherToken);
    } finally {
      await stack.data(SetMyLocationSharingDocument, { enabled: false }, frits().token);
    }
  });
});
