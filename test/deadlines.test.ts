/**
 * Every call between services has a deadline. A service that accepts the
 * connection and never answers (a held HTTP server on port 0) costs its
 * caller at most the deadline: reportIncident stores the incident at once and
 * a job dispatches it when the volunteers subgraph answers again; the gateway
 * answers SERVICE_UNAVAILABLE naming the late subgraph; a peer call fails
 * with an error naming the peer and its URL.
 */
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicePrincipal } from '../common/auth.ts';
import { freePort } from '../common/database.ts';
import { PeerCallError } from '../common/deadline.ts';
import { createPeerClient } from '../common/peers.ts';
import { startGateway, type GatewayServer } from '../gateway/gateway.ts';
import { readSupergraph } from '../scripts/stack.ts';
import { buildWorld, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import { ReportIncidentDispatchedDocument } from './operations/generated.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

const DEADLINE_MS = 500;
const MY_ALERTS = `subscription ($v: ID!) { myAlerts(volunteerId: $v) { alert { id } } }`;
const INCIDENT = `query ($id: ID!) { incident(id: $id) { id dispatchedAt alerts { id volunteer { id } } } }`;

/**
 * A service stand-in that accepts every connection and, while holding, never
 * answers; released, it passes requests on to `target`.
 */
async function startHeldPeer() {
  const held = new Set<http.ServerResponse>();
  const sockets = new Set<net.Socket>();
  const peer = {
    holding: true,
    target: '',
    received: 0,
    url: '',
    release() {
      peer.holding = false;
    },
    close: () => {
      held.forEach((response) => response.destroy());
      sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer(async (request, response) => {
    peer.received++;
    if (peer.holding) {
      held.add(response);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name === 'content-type' || name.startsWith('x-'))) as Record<string, string>;
    const answer = await fetch(peer.target, { method: request.method, headers, body: Buffer.concat(chunks) });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
  return peer;
}

let volunteers: Awaited<ReturnType<typeof startHeldPeer>>;
let stack: TestStack;
let world: World;

beforeAll(async () => {
  volunteers = await startHeldPeer();
  stack = await startTestStack({ peerTimeoutMs: DEADLINE_MS, peerUrls: { volunteers: volunteers.url } });
  volunteers.target = stack.subgraphs.volunteers.url;
  world = await buildWorld(stack, {
    patient: { lat: 51.58, lon: 5.19 },
    volunteers: [{ name: 'Anna', north: 100, east: 0 }],
    aeds: [],
  });
});

afterAll(async () => {
  await stack?.close();
  await volunteers?.close();
});

describe('a volunteers subgraph that accepts the connection and never answers', () => {
  it('leaves reportIncident stored within the deadline, and the incident is dispatched once it answers', async () => {
    const anna = world.volunteers.Anna!;
    const alerts = subscribeFrames(stack.wsClient(anna.token), MY_ALERTS, { v: anna.id });
    const { reportIncident } = await stack.data(ReportIncidentDispatchedDocument, { input: reportInput(world) }, world.dispatcherToken);
    expect(volunteers.received).toBeGreaterThan(0);
    expect(reportIncident.dispatchedAt).toBeNull();
    expect(reportIncident.alerts).toEqual([]);

    volunteers.release();
    const [frame] = await alerts.until((frames) => frames.length >= 1, 20_000);
    const { incident } = await stack.data(INCIDENT, { id: reportIncident.id }, world.dispatcherToken);
    expect(incident.dispatchedAt).not.toBeNull();
    expect(incident.alerts.map((alert: { id: string; volunteer: { id: string } }) => [alert.id, alert.volunteer.id])).toEqual([[frame.myAlerts.alert.id, anna.id]]);
    alerts.stop();
  });
});

describe('a subgraph that never answers the gateway', () => {
  let aeds: Awaited<ReturnType<typeof startHeldPeer>>;
  let gateway: GatewayServer;

  beforeAll(async () => {
    aeds = await startHeldPeer();
    gateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: { ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])), aeds: aeds.url },
      gatewaySecret: TEST_SECRETS.gatewaySecret,
      bearer: { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience },
      subgraphTimeoutMs: DEADLINE_MS,
      // Its questions about public aggregates (gateway/public-aggregates.ts) would reach the held peer too.
      publicAggregates: false,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await aeds?.close();
  });

  it('is answered SERVICE_UNAVAILABLE naming it', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ nearestDispatchableAeds(location: { latitude: 51.58, longitude: 5.19 }) { distanceMeters } }` }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
    expect(aeds.received).toBe(1);
    expect(body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toContain('aeds');
  });

  it('fails a call to a peer nobody listens for with an error naming the peer and its URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const call = createPeerClient({ organization: url }, TEST_SECRETS.gatewaySecret, DEADLINE_MS).request('organization', '{ __typename }', {}, servicePrincipal('aeds'));
    await expect(call).rejects.toThrow(`organization (${url}) could not be reached`);
  });

  it('fails a peer call with an error naming the peer and its URL', async () => {
    const peers = createPeerClient({ aeds: aeds.url }, TEST_SECRETS.gatewaySecret, DEADLINE_MS);
    const call = peers.request('aeds', '{ __typename }', {}, servicePrincipal('incidents'));
    await expect(call).rejects.toBeInstanceOf(PeerCallError);
    await expect(call).rejects.toThrow(`aeds (${aeds.url}) did not answer within ${DEADLINE_MS} ms`);
  });
});
