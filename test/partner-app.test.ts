/**
 * The example partner app (examples/partner-app) against the real stack: it
 * authenticates with its association's API client credential, receives its
 * members' alerts and only theirs, and after its connection drops it resumes
 * with the last cursor it forwarded: everything that happened while it was
 * away arrives, once, in order. Restarted, it resumes from its cursor file.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../examples/partner-app/main.ts';
import { MemberAlertsDocument } from '../examples/partner-app/operations/generated.ts';
import type { MemberAlertUpdate } from '../examples/partner-app/relay.ts';
import { buildWorld, pause, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import { CancelIncidentDocument, ReportIncidentAlertedVolunteersDocument, RespondToAlertDocument } from './operations/generated.ts';
import { createApiClient } from './organization-fixture.ts';
import { startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;
let world: World;
let credential: string;
let cursorDir: string;

beforeAll(async () => {
  stack = await startTestStack();
  world = await buildWorld(stack, {
    patient: { lat: 51.5855, lon: 5.0913 },
    volunteers: [
      { name: 'Anna', north: 0, east: -100, partnerMember: true },
      { name: 'Bram', north: 300, east: 0, partnerMember: true },
      { name: 'Cees', north: 0, east: 200 },
    ],
    aeds: [],
  });
  ({ credential } = await createApiClient(stack, await stack.adminToken(), world.partnerAssociationId, ['ALERTS']));
  cursorDir = await fs.mkdtemp(path.join(os.tmpdir(), 'heartsafe-partner-app-'));
});

afterAll(async () => {
  await stack?.close();
  if (cursorDir) await fs.rm(cursorDir, { recursive: true, force: true });
});

/**
 * A network between the app and the gateway that can fail: `drop()` cuts
 * every open connection, and while `down` new ones are cut at once.
 */
async function startNetwork(target: URL) {
  const sockets = new Set<net.Socket>();
  const network = { down: false, url: '', drop: () => sockets.forEach((socket) => socket.destroy()), close: async () => {} };
  const server = net.createServer((client) => {
    if (network.down) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  network.url = `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}${target.pathname}`;
  network.close = () =>
    new Promise<void>((resolve) => {
      network.drop();
      server.close(() => resolve());
    });
  return network;
}

/** Polls `condition` every 50 ms for up to 15 s. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(50);
  }
}

describe('the example partner app', () => {
  it("relays its members' alerts and, after a dropped connection or a restart, everything missed once and in order", async () => {
    // What the association's feed holds, seen by a subscriber that never disconnects.
    const reference = subscribeFrames(stack.wsClient(world.partnerToken), MemberAlertsDocument, { associationId: world.partnerAssociationId, after: '0' });
    const network = await startNetwork(new URL(stack.gateway.wsUrl));
    const forwarded: MemberAlertUpdate[] = [];
    const log: string[] = [];
    const cursorFile = path.join(cursorDir, 'cursor');
    const run = (signal: AbortSignal) =>
      main({
        url: network.url,
        credential,
        associationId: world.partnerAssociationId,
        cursorFile,
        from: '0',
        forward: (update) => void forwarded.push(update),
        log: (line) => log.push(line),
        // Reconnect attempts while the network is down stay frequent, so the test waits for the answers, not the back-off.
        retryDelayMs: { first: 100, longest: 500 },
        signal,
      });
    const connections = () => log.filter((line) => line.startsWith('connected')).length;
    try {
      let app = new AbortController();
      let running = run(app.signal);

      const { reportIncident: incident } = await stack.data(ReportIncidentAlertedVolunteersDocument, { input: reportInput(world) }, world.dispatcherToken);
      const alertOf = (name: string) => incident.alerts.find((alert) => alert.volunteer.id === world.volunteers[name]!.id)!;
      await waitFor(() => forwarded.length >= 2, "the members' two alerts");
      expect(forwarded.map((update) => [update.kind, update.alert.id])).toEqual(
        expect.arrayContaining([
          ['ALERTED', alertOf('Anna').id],
          ['ALERTED', alertOf('Bram').id],
        ]),
      );
      expect(connections()).toBe(1);

      // The connection drops and stays down while Anna accepts and Bram declines.
      network.down = true;
      network.drop();
      await waitFor(() => log.some((line) => line.startsWith('connection lost')), 'the app to notice');
      const beforeGap = forwarded.length;
      await stack.data(RespondToAlertDocument, { a: alertOf('Anna').id, r: 'ACCEPT' }, world.volunteers.Anna!.token);
      await stack.data(RespondToAlertDocument, { a: alertOf('Bram').id, r: 'DECLINE' }, world.volunteers.Bram!.token);
      await reference.until((frames) => frames.filter((frame) => frame.memberAlerts.kind === 'RESPONSE_RECORDED').length >= 2);
      expect(forwarded).toHaveLength(beforeGap);
      network.down = false;

      // Back: what was missed arrives, and nothing twice.
      await waitFor(() => forwarded.length >= reference.frames.length, 'the app to catch up');
      await pause(500);
      expect(connections()).toBeGreaterThanOrEqual(2);
      expect(forwarded).toEqual(reference.frames.map((frame) => frame.memberAlerts));
      expect(forwarded.slice(beforeGap).map((update) => [update.kind, update.alert.status])).toEqual(
        expect.arrayContaining([
          ['RESPONSE_RECORDED', 'ACCEPTED'],
          ['RESPONSE_RECORDED', 'DECLINED'],
        ]),
      );

      // Stopped and started again, the app resumes from its cursor file.
      app.abort();
      await running;
      await stack.data(CancelIncidentDocument, { i: incident.id }, world.dispatcherToken);
      await reference.until((frames) => frames.some((frame) => frame.memberAlerts.kind === 'STOOD_DOWN'));
      await pause(500);
      app = new AbortController();
      running = run(app.signal);
      await waitFor(() => forwarded.length >= reference.frames.length, 'the restarted app to catch up');
      await pause(500);
      expect(forwarded).toEqual(reference.frames.map((frame) => frame.memberAlerts));
      expect(new Set(forwarded.map((update) => update.cursor)).size).toBe(forwarded.length);
      app.abort();
      await running;

      // Only members' alerts: Cees is no member.
      expect(forwarded.map((update) => update.alert.volunteer.id)).not.toContain(world.volunteers.Cees!.id);
      expect(new Set(forwarded.map((update) => update.alert.volunteer.id))).toEqual(new Set([world.volunteers.Anna!.id, world.volunteers.Bram!.id]));
    } finally {
      reference.stop();
      await network.close();
    }
  });

  it('gives up with the reason when the gateway refuses its credential', async () => {
    const refused = main({
      url: stack.gateway.wsUrl,
      credential: `${credential.split('.')[0]}.${'A'.repeat(43)}`,
      associationId: world.partnerAssociationId,
      cursorFile: path.join(cursorDir, 'refused'),
      log: () => {},
      retryDelayMs: { first: 100 },
    });
    await expect(refused).rejects.toThrow(/4403/);
  });
});
