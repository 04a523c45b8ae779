/**
 * No alert lost, nobody alerted twice, through restarts: a volunteer's app
 * that was away while the incidents subgraph restarted resumes with its last
 * cursor and receives exactly what it missed, in order, once; the dispatcher
 * does the same; an alert committed by one instance of the incidents
 * subgraph reaches a volunteer connected through another instance and
 * another gateway; and an incident reported while the volunteers subgraph
 * is down is stored at once and dispatched as soon as it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { startSubgraph } from '../common/subgraph-server.ts';
import { startGateway } from '../gateway/gateway.ts';
import { readSupergraph } from '../scripts/stack.ts';
import { incidentsSubgraph } from '../subgraphs/incidents/index.ts';
import { buildWorld, pause, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import {
  CancelIncidentDocument,
  IncidentTimelineKindsDocument,
  IncidentUpdateKindsDocument,
  MyAlertStatusesDocument,
  ReportIncidentAlertedVolunteersDocument,
} from './operations/generated.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

let stack: TestStack;
let world: World;

beforeAll(async () => {
  stack = await startTestStack();
  world = await buildWorld(stack, {
    patient: { lat: 51.5855, lon: 5.0913 },
    volunteers: [
      { name: 'Anna', north: 0, east: -100 },
      { name: 'Bram', north: 300, east: 0 },
    ],
    aeds: [{ name: 'A1', north: 150, east: 0, cabinetCode: '1234' }],
  });
});

afterAll(async () => {
  await stack?.close();
});

async function report() {
  return (await stack.data(ReportIncidentAlertedVolunteersDocument, { input: reportInput(world) }, world.dispatcherToken)).reportIncident;
}

describe('resuming after a restart of the incidents subgraph', () => {
  it('gives a reconnecting volunteer exactly what was missed, in order, once, and the dispatcher likewise', async () => {
    const bram = world.volunteers.Bram!;
    const first = stack.wsClient(bram.token);
    // From the start of Bram's feed (empty so far), so the frame is not missed however late the subscription registers.
    const live = subscribeFrames(first, MyAlertStatusesDocument, { v: bram.id, after: '0' });
    const incident1 = await report();
    const dispatcherLive = subscribeFrames(stack.wsClient(world.dispatcherToken), IncidentUpdateKindsDocument, { i: incident1.id, after: '0' });
    const [alerted] = await live.until((frames) => frames.length >= 1);
    expect(alerted.myAlerts).toMatchObject({ kind: 'ALERTED', alert: { task: 'FETCH_AED' } });
    const seenByDispatcher = await dispatcherLive.until((frames) => frames.length >= 3);
    const dispatcherCursor = seenByDispatcher.at(-1)!.incidentUpdates.cursor;
    await first.dispose();

    await stack.restartSubgraph('incidents');
    // While the app is away: the first incident is cancelled and a second one reported.
    await stack.data(CancelIncidentDocument, { i: incident1.id }, world.dispatcherToken);
    const incident2 = await report();
    const bramAlert1 = incident1.alerts.find((alert: any) => alert.volunteer.id === bram.id)!.id;
    const bramAlert2 = incident2.alerts.find((alert: any) => alert.volunteer.id === bram.id)!.id;

    const resumed = subscribeFrames(stack.wsClient(bram.token), MyAlertStatusesDocument, { v: bram.id, after: alerted.myAlerts.cursor });
    const missed = await resumed.until((frames) => frames.length >= 2);
    expect(missed.map((frame) => [frame.myAlerts.kind, frame.myAlerts.alert.id])).toEqual([
      ['STOOD_DOWN', bramAlert1],
      ['ALERTED', bramAlert2],
    ]);
    // And live from there on.
    await stack.data(CancelIncidentDocument, { i: incident2.id }, world.dispatcherToken);
    const all = await resumed.until((frames) => frames.length >= 3);
    expect(all[2].myAlerts).toMatchObject({ kind: 'STOOD_DOWN', alert: { id: bramAlert2, status: 'STOOD_DOWN' } });
    await pause(500);
    expect(resumed.frames).toHaveLength(3);
    const cursors = resumed.frames.map((frame) => BigInt(frame.myAlerts.cursor));
    expect(cursors.every((cursor, index) => index === 0 || cursor > cursors[index - 1]!)).toBe(true);

    const dispatcherResumed = subscribeFrames(stack.wsClient(world.dispatcherToken), IncidentUpdateKindsDocument, { i: incident1.id, after: dispatcherCursor });
    const rest = await dispatcherResumed.until(
      (frames) => frames.some((frame) => frame.incidentUpdates.kind === 'CANCELLED') && frames.filter((frame) => frame.incidentUpdates.kind === 'STOOD_DOWN').length === 2,
    );
    expect(rest.map((frame) => frame.incidentUpdates.kind)).toEqual(['CANCELLED', 'STOOD_DOWN', 'STOOD_DOWN']);
  });
});

describe('a frame committed for a volunteer while a report waits for the feed lock', () => {
  it('reaches the volunteer before the alert, and is not skipped when the alert is handed straight to the feed', async () => {
    const bram = world.volunteers.Bram!;
    const earlier = await report();
    await stack.data(CancelIncidentDocument, { i: earlier.id }, world.dispatcherToken);
    const earlierAlert = earlier.alerts.find((alert: any) => alert.volunteer.id === bram.id)!.id;
    const client = stack.wsClient(bram.token);
    // From now on: what the app would see live.
    const live = subscribeFrames(client, MyAlertStatusesDocument, { v: bram.id });
    await pause(300);
    // Another writer of Bram's feed (his answer to the earlier alert) holds the feed lock while the report is written.
    const writer = new pg.Client({ connectionString: stack.databaseUrl });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query(`select pg_advisory_xact_lock(hashtext('incidents.feeds'))`);
      await writer.query(`insert into incidents.alert_update (alert_id, volunteer_id, kind) values ($1, $2, 'RESPONSE_RECORDED')`, [earlierAlert, bram.id]);
      await writer.query(`select pg_notify('incidents_alerts', $1)`, [bram.id]);
      const reporting = report();
      // The report's statement has begun (its snapshot taken) and waits for the lock.
      for (let waited = 0; ; waited += 20) {
        const { rows } = await writer.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity where wait_event = 'advisory' and datname = current_database()`,
        );
        if (rows[0]!.waiting === 1) break;
        if (waited > 5000) throw new Error('the report never waited for the feed lock');
        await pause(20);
      }
      await writer.query('commit');
      const incident = await reporting;
      const alerted = incident.alerts.find((alert: any) => alert.volunteer.id === bram.id)!.id;
      const frames = await live.until((seen) => seen.some((frame) => frame.myAlerts.alert.id === alerted));
      await pause(300);
      expect(frames.map((frame) => [frame.myAlerts.kind, frame.myAlerts.alert.id])).toEqual([
        ['RESPONSE_RECORDED', earlierAlert],
        ['ALERTED', alerted],
      ]);
      await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
    } finally {
      await writer.end();
      await client.dispose();
    }
  });
});

describe('the alerts’ partner-association index', () => {
  it('takes each alert at once, so no report merges a pending list into it', async () => {
    const reader = new pg.Client({ connectionString: stack.databaseUrl });
    await reader.connect();
    try {
      const { rows } = await reader.query<{ options: string[] | null }>(`select reloptions as options from pg_class where oid = 'incidents.alert_association_idx'::regclass`);
      expect(rows[0]!.options).toContain('fastupdate=off');
    } finally {
      await reader.end();
    }
  });
});

describe('a peer down at the moment of the report', () => {
  it('stores the incident at once and alerts as soon as the volunteers service is back', async () => {
    const anna = world.volunteers.Anna!;
    await stack.subgraphs.volunteers.close();
    const incident = await report();
    expect(incident).toMatchObject({ dispatchedAt: null, alerts: [] });
    const { incident: stored } = await stack.data(IncidentTimelineKindsDocument, { i: incident.id }, world.dispatcherToken);
    expect(stored.timeline.map((event: any) => event.kind)).toEqual(['REPORTED', 'DISPATCH_DELAYED']);

    const feed = subscribeFrames(stack.wsClient(anna.token), MyAlertStatusesDocument, { v: anna.id, after: '0' });
    await stack.restartSubgraph('volunteers');
    // The dispatch job retries with back-off (about 3 s after its first failure). Earlier alerts have all ended: a PENDING one is new.
    const isNew = (frame: any) => frame.myAlerts.kind === 'ALERTED' && frame.myAlerts.alert.status === 'PENDING';
    const alerted = (await feed.until((frames) => frames.some(isNew), 25_000)).find(isNew)!;
    expect(alerted.myAlerts).toMatchObject({ kind: 'ALERTED', alert: { status: 'PENDING', task: 'CPR' } });
    const { incident: dispatched } = await stack.data(
      `query ($i: ID!) { incident(id: $i) { dispatchedAt alerts { id } timeline { kind } } }`,
      { i: incident.id },
      world.dispatcherToken,
    );
    expect(dispatched.dispatchedAt).toBeTruthy();
    expect(dispatched.alerts).toHaveLength(2);
    expect(dispatched.timeline.map((event: any) => event.kind)).toEqual(['REPORTED', 'DISPATCH_DELAYED', 'ALERTED', 'ALERTED']);
    await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
  }, 60_000);
});

describe('several instances', () => {
  it('delivers an alert committed by one incidents instance to a volunteer connected through another instance and gateway', async () => {
    const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url]));
    const secondIncidents = await startSubgraph(incidentsSubgraph, { databaseUrl: stack.databaseUrl, gatewaySecret: TEST_SECRETS.gatewaySecret, peers: urls });
    const secondGateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: { ...urls, incidents: secondIncidents.url },
      gatewaySecret: TEST_SECRETS.gatewaySecret,
      bearer: { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience },
    });
    const anna = world.volunteers.Anna!;
    const client = createClient({ url: secondGateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${anna.token}` }, retryAttempts: 0 });
    try {
      const incident = await report();
      const alertId = incident.alerts.find((alert: any) => alert.volunteer.id === anna.id)!.id;
      const ofThisAlert = (frames: any[]) => frames.filter((frame) => frame.myAlerts.alert.id === alertId);
      // From the start of Anna's feed, so nothing depends on when the subscription registered.
      const feed = subscribeFrames(client, MyAlertStatusesDocument, { v: anna.id, after: '0' });
      await feed.until((frames) => ofThisAlert(frames).length >= 1);
      await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
      await feed.until((frames) => ofThisAlert(frames).length >= 2);
      await pause(300);
      expect(ofThisAlert(feed.frames).map((frame) => frame.myAlerts.kind)).toEqual(['ALERTED', 'STOOD_DOWN']);
    } finally {
      await client.dispose();
      await secondGateway.close();
      await secondIncidents.close();
    }
  });
});
