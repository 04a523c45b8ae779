/**
 * The hostile clients of the "dispatch under attack" benchmark, in a worker
 * thread of their own (off the product's event loop, as they would be on the
 * street): anonymous clients each looping the most expensive query the
 * limits allow, and guessers trying API client secrets. Each client claims
 * an address of its own in X-Forwarded-For (the benchmark's gateway trusts
 * the loopback proxy), so each has its own budget, as a small botnet would.
 * Runs until told to stop, then reports what the gateway answered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

export interface AttackersData {
  gatewayUrl: string;
  /** Loops of the expensive query; each its own address. */
  flooders: number;
  /** Loops of guessed API client secrets; each its own address. */
  guessers: number;
  /** The expensive query; `$weekOf` is varied so that no answer comes from a cache. */
  query: string;
}

/** How many answers of each HTTP status the attackers got. */
export type AttackReport = Record<string, number>;

export type AttackersMessage = { report: AttackReport } | { error: string };

const { gatewayUrl, flooders, guessers, query } = workerData as AttackersData;
const report: AttackReport = {};
let running = true;

/** A Monday between 2020 and 2040: a different week, so a different computation, each time. */
function anyWeek(): string {
  const monday = Date.UTC(2020, 0, 6) + Math.floor(Math.random() * 1000) * 7 * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

async function loop(address: string, body: () => { query: string; variables?: Record<string, unknown> }, authorization?: () => string): Promise<void> {
  while (running) {
    const answer = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(authorization ? { authorization: authorization() } : {}) },
      body: JSON.stringify(body()),
    }).then(
      async (response) => {
        await response.arrayBuffer();
        return { status: String(response.status), wait: Number(response.headers.get('retry-after') ?? 0) };
      },
      () => ({ status: 'network error', wait: 0 }),
    );
    report[answer.status] = (report[answer.status] ?? 0) + 1;
    // A hostile client does not wait as asked; it only avoids spinning on refusals.
    if (answer.status === '429') await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const loops = [
  ...Array.from({ length: flooders }, (_, index) => loop(`198.51.100.${index + 1}`, () => ({ query, variables: { weekOf: anyWeek() } }))),
  ...Array.from({ length: guessers }, (_, index) =>
    loop(
      `203.0.113.${index + 1}`,
      () => ({ query: '{ __typename }' }),
      () => `Bearer ${randomUUID()}.${randomBytes(32).toString('base64url')}`,
    ),
  ),
];

parentPort!.on('message', () => {
  running = false;
  Promise.all(loops).then(
    () => parentPort!.postMessage({ report } satisfies AttackersMessage),
    (error: unknown) => parentPort!.postMessage({ error: String(error) } satisfies AttackersMessage),
  );
});
