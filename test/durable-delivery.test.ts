/**
 * No alert lost: a volunteer's app that was away (dropped connection, a
 * restart of the incidents subgraph) resubscribes with the last cursor it saw
 * and receives exactly what it missed, in order, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { openFeedCount } from '../common/feed.ts';
import { MyAlertMessagesDocument, SendTestAlertDocument } from './operations/generated.ts';
import { collect, startTestStack, type TestStack } from './stack.ts';
import { registerVolunteer, registration } from './volunteers-fixture.ts';

let stack: TestStack;
let admin: string;
let volunteerId: string;
let volunteerToken: string;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.adminToken();
  const { createMunicipality } = await stack.data(`mutation { createMunicipality(input: { name: "Tilburg", code: "GM0855" }) { id } }`, {}, admin);
  volunteerId = await registerVolunteer(stack, admin, registration(createMunicipality.id, { name: 'Eva' }));
  volunteerToken = await stack.token({ role: Role.VOLUNTEER, scope: volunteerId });
});

afterAll(async () => {
  await stack?.close();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('durable alert delivery', () => {
  it('replays what was missed after a restart of the incidents subgraph, in order, without duplicates', async () => {
    const first = stack.wsClient(volunteerToken);
    // Cursor 0: everything this volunteer ever got (nothing yet), so no race with the first alert.
    const live = collect(first, MyAlertMessagesDocument, { v: volunteerId, after: '0' }, 1);
    const { sendTestAlert: sent1 } = await stack.data(SendTestAlertDocument, { v: volunteerId }, admin);
    const [event1] = await live.done;
    expect(event1.myAlerts.alert.id).toBe(sent1.alert.id);
    await first.dispose();

    await stack.restartSubgraph('incidents');
    const { sendTestAlert: sent2 } = await stack.data(SendTestAlertDocument, { v: volunteerId }, admin);
    const { sendTestAlert: sent3 } = await stack.data(SendTestAlertDocument, { v: volunteerId }, admin);

    const second = stack.wsClient(volunteerToken);
    const resumed = collect(second, MyAlertMessagesDocument, { v: volunteerId, after: event1.myAlerts.cursor }, 3);
    await settle();
    const { sendTestAlert: sent4 } = await stack.data(SendTestAlertDocument, { v: volunteerId }, admin);
    const events = await resumed.done;
    expect(events.map((event) => event.myAlerts.alert.id)).toEqual([sent2.alert.id, sent3.alert.id, sent4.alert.id]);
    // Nothing more arrives: no duplicates of what was replayed.
    await settle();
    expect(resumed.events).toHaveLength(3);
  });

  it('ends a subscription with an error when its subgraph goes away, so the app resubscribes with its cursor', async () => {
    const client = stack.wsClient(volunteerToken);
    const waiting = collect(client, MyAlertMessagesDocument, { v: volunteerId }, 1, 10_000);
    await settle();
    await stack.restartSubgraph('incidents');
    await expect(waiting.done).rejects.toBeTruthy();
    await client.dispose();
  });

  it('keeps alerts committed concurrently in cursor order', async () => {
    const client = stack.wsClient(volunteerToken);
    const { sendTestAlert: before } = await stack.data(SendTestAlertDocument, { v: volunteerId }, admin);
    const all = collect(client, MyAlertMessagesDocument, { v: volunteerId, after: before.cursor }, 20);
    await settle();
    const sent = await Promise.all(Array.from({ length: 20 }, () => stack.data(SendTestAlertDocument, { v: volunteerId }, admin)));
    const events = await all.done;
    const cursors = events.map((event) => BigInt(event.myAlerts.cursor));
    expect([...cursors].sort((a, b) => (a < b ? -1 : 1))).toEqual(cursors);
    expect(new Set(events.map((event) => event.myAlerts.alert.id))).toEqual(new Set(sent.map((item) => item.sendTestAlert.alert.id)));
  });

  it('frees the subgraph side of subscriptions whose callers left while idle', async () => {
    // Earlier tests' callers have all left: their feeds close too.
    await waitFor(() => openFeedCount() === 0);
    const before = openFeedCount();
    const clients = Array.from({ length: 10 }, () => stack.wsClient(volunteerToken));
    const idle = clients.map((client) => collect(client, MyAlertMessagesDocument, { v: volunteerId }, 1, 20_000));
    await waitFor(() => openFeedCount() === before + 10);
    for (const subscription of idle) subscription.stop();
    await Promise.all(clients.map((client) => client.dispose()));
    await waitFor(() => openFeedCount() === before);
  });
});

/** Polls `condition` every 50 ms for up to 10 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met in time (open feeds: ${openFeedCount()})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
