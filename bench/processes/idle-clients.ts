/**
 * Volunteers' apps holding idle subscriptions, in a process of its own so
 * that their memory stays out of the gateway's figures: each opens its own
 * graphql-ws connection to the gateway with its own token and subscribes to
 * its alerts (`myAlerts`), then waits. Connections are opened a few at a
 * time; the process reports when all are up and closes them when told (or
 * when its parent goes away, or {@link CHILD_TIME_LIMIT_MS} passes).
 */
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mintBearerToken, Role } from '../../common/auth.ts';
import { CHILD_TIME_LIMIT_MS, type ClientsCommand, type ClientsReport } from './messages.ts';

const MY_ALERTS = `subscription ($v: ID!) { myAlerts(volunteerId: $v) { cursor kind alert { id task } } }`;

const clients: Client[] = [];

function send(report: ClientsReport): void {
  process.send!(report);
}

async function closeAll(): Promise<void> {
  await Promise.all(clients.map((client) => client.dispose()));
  clients.length = 0;
}

/** Opens one app's connection and subscription; resolves once the gateway accepted the connection. */
async function openOne(wsUrl: string, token: string, volunteerId: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      on: {
        connected: () => resolve(),
        closed: (event) => reject(new Error(`closed before it was accepted: ${(event as { code?: number }).code}`)),
        error: (error) => reject(error instanceof Error ? error : new Error(String(error))),
      },
    });
    clients.push(client);
    client.subscribe({ query: MY_ALERTS, variables: { v: volunteerId } }, { next: () => {}, error: () => {}, complete: () => {} });
  });
}

async function open(command: Extract<ClientsCommand, { type: 'open' }>): Promise<void> {
  const start = performance.now();
  let connected = 0;
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async () => {
    while (next < command.volunteerIds.length) {
      const volunteerId = command.volunteerIds[next++]!;
      const token = await mintBearerToken(command.bearer, `bench-volunteer-app-${volunteerId}`, [{ role: Role.VOLUNTEER, scope: volunteerId }]);
      try {
        await openOne(command.wsUrl, token, volunteerId);
        connected += 1;
      } catch (error) {
        failed += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  send({ type: 'opened', connected, failed, seconds: (performance.now() - start) / 1000, ...(firstError ? { firstError } : {}) });
}

process.on('message', (command: ClientsCommand) => {
  void (async () => {
    if (command.type === 'open') await open(command);
    else {
      await closeAll();
      send({ type: 'closed' });
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(1), CHILD_TIME_LIMIT_MS).unref();
