/**
 * One gateway in a process of its own, for the gateway benchmark
 * (bench/gateway.bench.ts): ours (@apollo/gateway with what gateway/ adds),
 * or Hive Gateway's runtime as it ships, in front of the same subgraphs with
 * the same supergraph. Each runs alone on its event loop, like the other, so
 * neither shares a core's time with the subgraphs or the load it is measured under.
 *
 * Hive gets only what it needs to talk to these subgraphs: the caller's
 * principal, resolved and signed per subgraph exactly as our gateway does
 * (gateway/auth.ts, common/auth.ts), set on each upstream request through its
 * own header propagation. Everything else is its defaults (deduplication of
 * identical upstream requests included).
 *
 * The runtime loads its HTTP transport from `@graphql-mesh/transport-http`,
 * which is not installed here; until it is, the same transport is given in
 * its place: the runtime's fetch into `buildHTTPExecutor` of
 * `@graphql-tools/executor-http` (which that package wraps) with its defaults.
 */
import http from 'node:http';
import type net from 'node:net';
import { PRINCIPAL_HEADER, signForSubgraph, type BearerOptions } from '../../common/auth.ts';
import { createLogger } from '../../common/logger.ts';
import { createAuthenticator } from '../../gateway/auth.ts';
import { startGateway } from '../../gateway/gateway.ts';
import { readSupergraph } from '../../scripts/stack.ts';
import { CHILD_TIME_LIMIT_MS } from './messages.ts';

export type GatewayKind = 'ours' | 'hive';

/** To the gateway process. */
export interface GatewayUnderTestCommand {
  type: 'start';
  kind: GatewayKind;
  subgraphUrls: Record<string, string>;
  gatewaySecret: string;
  bearer: BearerOptions;
}

/** From the gateway process. */
export interface GatewayUnderTestReport {
  type: 'started';
  url: string;
}

/**
 * Budgets far above what the benchmark's single caller asks for: they are a
 * policy against abuse (gateway/budgets.ts), which Hive does not have, not
 * work the comparison should count.
 */
const UNLIMITED = { capacity: 1e12, perSecond: 1e12 };

let close: (() => Promise<void>) | undefined;

async function stop(code: number): Promise<never> {
  await close?.().catch(() => {});
  process.exit(code);
}

/** The supergraph with each subgraph's URL where the benchmark started it. */
function supergraphAt(sdl: string, subgraphUrls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    subgraphUrls[name] ? `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")` : whole,
  );
}

/**
 * Hive's runtime, loaded by name at run time: its type declarations widen
 * graphql's own (error extensions) for the whole project, which the
 * product's code must not be checked against.
 */
const HIVE_RUNTIME = '@graphql-hive/gateway-runtime';
const HIVE_HTTP_TRANSPORT = '@graphql-mesh/transport-http';
const HTTP_EXECUTOR = '@graphql-tools/executor-http';

/** Hive's HTTP transport: its own package when installed, else the executor it wraps, as it uses it. */
async function httpTransport(): Promise<unknown> {
  try {
    return await import(HIVE_HTTP_TRANSPORT);
  } catch {
    const { buildHTTPExecutor } = (await import(HTTP_EXECUTOR)) as { buildHTTPExecutor(options: Record<string, unknown>): unknown };
    return {
      getSubgraphExecutor: (payload: { transportEntry: { location: string; options?: Record<string, unknown> }; fetch: unknown; getDisposeReason?: unknown }) =>
        buildHTTPExecutor({
          endpoint: payload.transportEntry.location,
          ...payload.transportEntry.options,
          getDisposeReason: payload.getDisposeReason,
          fetch: payload.fetch,
        }),
    };
  }
}

interface HiveRuntime {
  (request: http.IncomingMessage, response: http.ServerResponse): void;
  dispose(): Promise<void>;
}

async function startHive(command: GatewayUnderTestCommand): Promise<{ url: string; close(): Promise<void> }> {
  const { createGatewayRuntime } = (await import(HIVE_RUNTIME)) as { createGatewayRuntime(config: unknown): HiveRuntime };
  const authenticate = createAuthenticator(command.bearer, {
    organizationUrl: command.subgraphUrls.organization!,
    gatewaySecret: command.gatewaySecret,
  });
  const hive = createGatewayRuntime({
    supergraph: supergraphAt(await readSupergraph(), command.subgraphUrls),
    logging: 'error',
    transports: { http: await httpTransport() },
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request, subgraphName }: { request: Request; subgraphName: string }) => {
        const principal = await authenticate(request.headers.get('authorization') ?? undefined);
        return { [PRINCIPAL_HEADER]: await signForSubgraph(principal, command.gatewaySecret, subgraphName) };
      },
    },
  });
  const server = http.createServer(hive);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hive.dispose();
    },
  };
}

process.on('message', (command: GatewayUnderTestCommand) => {
  void (async () => {
    if (command.type !== 'start') return;
    if (command.kind === 'hive') {
      const hive = await startHive(command);
      close = hive.close;
      process.send!({ type: 'started', url: hive.url } satisfies GatewayUnderTestReport);
      return;
    }
    const gateway = await startGateway({
      supergraphSdl: await readSupergraph(),
      subgraphUrls: command.subgraphUrls,
      gatewaySecret: command.gatewaySecret,
      bearer: command.bearer,
      host: '127.0.0.1',
      port: 0,
      development: false,
      logger: createLogger('gateway', 'warn'),
      budgets: { anonymous: UNLIMITED, signedIn: UNLIMITED, apiClient: UNLIMITED, dispatcher: UNLIMITED, maxBuckets: 100_000 },
    });
    close = gateway.close;
    process.send!({ type: 'started', url: gateway.url } satisfies GatewayUnderTestReport);
  })().catch((error: unknown) => {
    console.error(error);
    void stop(1);
  });
});
process.on('disconnect', () => void stop(0));
setTimeout(() => void stop(1), CHILD_TIME_LIMIT_MS).unref();
