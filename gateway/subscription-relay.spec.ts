/**
 * A relayed operation's events go to its relay as the upstream server wrote
 * them, over a real graphql-ws server and client; the connection's other
 * operations, its errors and completions keep graphql-ws's path.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, type FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { subscriptionRelays } from './subscription-relay.ts';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Tick { n: Int! text: String }
  type Subscription { ticks(count: Int!, failAt: Int): Tick! }
`);

async function* ticks({ count, failAt }: { count: number; failAt?: number }) {
  for (let n = 1; n <= count; n++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (n === failAt) throw new Error(`tick ${n} failed`);
    yield { ticks: { n, text: `"tick" ${n} ✓` } };
  }
}

let server: http.Server;
let url: string;
let stopServer: () => Promise<void>;

beforeAll(async () => {
  server = http.createServer();
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const cleanup = useServer({ schema, roots: { subscription: { ticks } } }, wsServer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  stopServer = async () => {
    await cleanup.dispose();
    await new Promise((resolve) => server.close(resolve));
  };
});

afterAll(async () => {
  await stopServer();
});

async function drain<T extends FormattedExecutionResult<Record<string, unknown>, unknown>>(iterator: AsyncIterableIterator<T>): Promise<{ values: T[]; error?: unknown }> {
  const values: T[] = [];
  try {
    for await (const value of iterator) values.push(value);
    return { values };
  } catch (error) {
    return { values, error };
  }
}

/** A graphql-ws client to the upstream server, as the gateway makes one, with its relays. */
function upstream() {
  const relays = subscriptionRelays();
  return { relays, client: createClient({ url, webSocketImpl: relays.webSocketImpl, generateID: relays.generateID, retryAttempts: 0 }) };
}

describe('relaying a subscription’s events as the upstream wrote them', () => {
  it('hands each event’s payload text to the relay, not to graphql-ws, and ends when the upstream completes', async () => {
    const { relays, client } = upstream();
    const relayed: string[] = [];
    const { subscription, stop } = relays.relayed(
      (payload) => relayed.push(payload),
      () => client.iterate({ query: 'subscription { ticks(count: 3) { n text } }' }),
    );
    // Beside it on the same connection, an operation that is not relayed.
    const plain = client.iterate({ query: 'subscription { ticks(count: 2) { n } }' });
    const [relayedEnd, plainEnd] = await Promise.all([drain(subscription), drain(plain)]);
    stop();
    expect(relayed).toEqual([1, 2, 3].map((n) => JSON.stringify({ data: { ticks: { n, text: `"tick" ${n} ✓` } } })));
    expect(relayedEnd).toEqual({ values: [] });
    expect(plainEnd.values.map((value) => value.data)).toEqual([{ ticks: { n: 1 } }, { ticks: { n: 2 } }]);
    await client.dispose();
  });

  it('leaves the error that ends an operation to graphql-ws, after the events relayed before it', async () => {
    const { relays, client } = upstream();
    const order: string[] = [];
    const { subscription, stop } = relays.relayed(
      (payload) => order.push(`event ${JSON.parse(payload).data.ticks.n}`),
      () => client.iterate({ query: 'subscription { ticks(count: 5, failAt: 3) { n } }' }),
    );
    const end = await drain(subscription);
    stop();
    // The server ends the operation with an `error` message, which graphql-ws's client turns into a throw.
    expect(order).toEqual(['event 1', 'event 2']);
    expect(end.values).toEqual([]);
    expect(end.error).toEqual([expect.objectContaining({ message: 'tick 3 failed' })]);
    await client.dispose();
  });

  it('stops relaying once stopped: later events go through graphql-ws', async () => {
    const { relays, client } = upstream();
    const relayed: string[] = [];
    const { subscription, stop } = relays.relayed(
      (payload) => {
        relayed.push(payload);
        stop();
      },
      () => client.iterate({ query: 'subscription { ticks(count: 3) { n } }' }),
    );
    const end = await drain(subscription);
    expect(relayed).toHaveLength(1);
    expect(end.values.map((value) => value.data)).toEqual([{ ticks: { n: 2 } }, { ticks: { n: 3 } }]);
    await client.dispose();
  });
});
