/**
 * The stack's start on a fresh database and its close under clients and jobs
 * that never let go.
 *
 * Start: the job queues of every subgraph are installed before any runner
 * starts (common/job-runner.ts), so no runner hears of another queue's first
 * (breaking) migration and shuts down: graphile-worker would also set the
 * process's exit code to 57.
 *
 * Close (common/shutdown.ts): it finishes while WebSocket clients stay
 * connected (one of them never answers a close frame), HTTP keep-alive
 * connections and a request whose headers never end are open, and a job waits
 * on a peer that never answers. The job is not dropped: it is released to be
 * retried, its attempt counted. Afterwards no socket of those clients is open
 * and no connection of the stack is left in the database.
 */
import http from 'node:http';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, signForSubgraph } from '../common/auth.ts';
import { addJob, Job, JOBS_SCHEMA } from '../subgraphs/incidents/jobs.ts';
import { startTestStack, TEST_SECRETS, type TestStack } from './stack.ts';

/** A peer that takes requests and never answers them: the job calling it waits for its (long) deadline. */
class SilentPeer {
  readonly requests: string[] = [];
  private readonly server = http.createServer((req) => this.requests.push(req.url ?? ''));
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/graphql`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Resolves when `socket` (a TCP socket or a WebSocket) has closed. */
function closedOf(socket: net.Socket | WebSocket): Promise<void> {
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** A graphql-ws connection, acknowledged, that then stays open. */
async function acknowledgedWebSocket(url: string, payload: Record<string, unknown>): Promise<WebSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload }));
  await new Promise<void>((resolve, reject) =>
    socket.on('message', (data) => ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack' ? resolve() : reject(new Error(String(data))))),
  );
  return socket;
}

/** An HTTP GET on a keep-alive connection; the connection stays open (idle) after the answer. */
async function keptAlive(url: string, agent: http.Agent): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on('end', resolve);
      })
      .on('error', reject),
  );
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const peer = new SilentPeer();
let stack: TestStack;

beforeAll(async () => {
  process.exitCode = undefined;
  // The incidents subgraph's calls to aeds (standing down a fetched AED) reach a peer that never answers, with a deadline far beyond the close.
  stack = await startTestStack({ peerUrls: { aeds: await peer.listen() }, peerTimeoutMs: 120_000 });
});

afterAll(async () => {
  await stack?.close();
  await peer.close();
});

describe('a fresh database', () => {
  it('starts every job runner once: none hears of another queue’s first migration and shuts down', async () => {
    // A runner hears of a migration a moment after it was committed.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const exitCode = process.exitCode;
    // graphile-worker's exit code must not end this test file's process either.
    process.exitCode = undefined;
    expect(exitCode).toBeUndefined();
  });
});

describe('close', () => {
  it('finishes while clients hold connections open and a job waits on a silent peer, and releases the job to be retried', async () => {
    const incidents = stack.subgraphs.incidents;
    const database = new pg.Client({ connectionString: stack.databaseUrl });
    await database.connect();
    try {
      // A job mid-run: it waits on the silent peer.
      const aedId = randomUUID();
      await incidents.orm.em.fork().transactional((tx) => addJob(tx, Job.STAND_DOWN_AED, { aedId, incidentId: randomUUID() }));
      await eventually(async () => peer.requests.length > 0);

      // WebSocket clients that stay: one through the gateway, one on a subgraph, one that never reads a close frame.
      const admin = await stack.adminToken();
      const viaGateway = await acknowledgedWebSocket(stack.gateway.url, { authorization: `Bearer ${admin}` });
      const onSubgraph = await acknowledgedWebSocket(incidents.url, { gatewayToken: await signForSubgraph(ANONYMOUS, TEST_SECRETS.gatewaySecret, 'incidents') });
      const deaf = await acknowledgedWebSocket(stack.gateway.url, { authorization: `Bearer ${admin}` });
      (deaf as unknown as { _socket: net.Socket })._socket.pause();
      // Idle keep-alive connections to the gateway and a subgraph, and a request whose headers never end.
      const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
      await keptAlive(stack.gateway.url.replace(/\/graphql$/, '/healthz'), agent);
      await keptAlive(incidents.url.replace(/\/graphql$/, '/healthz'), agent);
      const unfinished = net.connect(Number(new URL(stack.gateway.url).port), '127.0.0.1');
      await new Promise((resolve) => unfinished.once('connect', resolve));
      unfinished.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      const clientSockets = [viaGateway, onSubgraph, unfinished, ...Object.values(agent.sockets).flat(), ...Object.values(agent.freeSockets).flat()] as (net.Socket | WebSocket)[];
      const socketsClosed = Promise.all(clientSockets.map(closedOf));

      // A hang check, not a measurement: the bound is far above the shutdown's own bounds.
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        stack.close().then(() => 'closed'),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve('still closing'), 50_000);
        }),
      ]);
      clearTimeout(timer);
      expect(outcome).toBe('closed');
      await socketsClosed;
      agent.destroy();
      deaf.terminate();

      // Released for a retry, not left locked for graphile-worker's four hours, and not dropped.
      const { rows: jobs } = await database.query<{ locked_at: Date | null; attempts: number; last_error: string | null }>(
        `select locked_at, attempts, last_error from ${JOBS_SCHEMA}._private_jobs j join ${JOBS_SCHEMA}._private_tasks t on t.id = j.task_id where t.identifier = $1`,
        [Job.STAND_DOWN_AED],
      );
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ locked_at: null, attempts: 1 });
      expect(jobs[0]!.last_error).toMatch(/shutting down/);

      // Nothing listens any more.
      await expect(fetch(stack.gateway.url.replace(/\/graphql$/, '/healthz'))).rejects.toThrow();
      await expect(fetch(incidents.url.replace(/\/graphql$/, '/healthz'))).rejects.toThrow();
      // The job's queue connections stay until the job itself ends (its peer calls have deadlines; here the peer goes away);
      // then nothing of the stack is left connected to its database (this client aside).
      await peer.close();
      await eventually(async () => {
        const { rows } = await database.query<{ count: string }>('select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
        return rows[0]!.count === '0';
      });
    } finally {
      await database.end();
    }
  }, 90_000);
});
