/**
 * Runs one subgraph: GraphQL over HTTP (Apollo Server) and subscriptions over
 * graphql-ws on the same `/graphql` path, `/healthz` and `/readyz`, its own
 * PostgreSQL schema with migrations applied at start-up. Nothing starts on
 * import: the launcher, the tests and the benchmarks all call {@link startSubgraph}.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ExecutionArgs, GraphQLError, GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SqlQuery } from './sql.ts';
import { PRINCIPAL_HEADER, verifyFromGateway, type Principal } from './auth.ts';
import { operationChecker } from './checked-operations.ts';
import { writeInBursts } from './websocket-bursts.ts';
import { loadConfig, type Config } from './config.ts';
import { migrateJobQueues } from './job-runner.ts';
import type { RequestContext } from './context.ts';
import { openDispatchLane, openSubgraphStorage, warmDispatchLane, type SubgraphStorage } from './database.ts';
import { formatError } from './errors.ts';
import type { FederatedSchema } from './federation.ts';
import { createHttpServing, serveGraphql, serverPlugins } from './http-server.ts';
import { createLogger, type Logger } from './logger.ts';
import { observePool, openSubscriptions } from './metrics.ts';
import { Notifications } from './notifications.ts';
import { PUBLIC_AGGREGATES_VERSION_PATH, watchPublicAggregates } from './public-aggregates.ts';
import { createPeerClient, type PeerClient } from './peers.ts';
import { shutDown } from './shutdown.ts';

/**
 * Bounds of the steps of a subgraph's close. Together they stay under what an orchestrator
 * waits after SIGTERM (deploy/k8s: 30 s, 5 of them in preStop). The workers' bound covers
 * common/job-runner.ts's wait for running jobs and their release, and the incidents channels.
 */
const WORKERS_STOP_MS = 15_000;
/** Apollo's drain: requests in flight finish; every socket is destroyed a second after it began. */
const HTTP_STOP_MS = 3_000;
const CONNECTIONS_STOP_MS = 1_000;
/** A pool waits for its connections in use (a job still running past its stop); not longer than this. */
const POOL_STOP_MS = 2_000;

/** What the process gives a subgraph's background work (job queues, workers). */
export interface SubgraphRuntime {
  orm: MikroORM;
  databaseUrl: string;
  notifications: Notifications;
  peers: PeerClient;
  logger: Logger;
  gatewaySecret: string;
  /** The settings from the environment, with the process's overrides ({@link SubgraphOptions.config}). */
  config: Config;
}

/** Everything the shared server needs to know about one subgraph. */
export interface SubgraphDefinition {
  /** Name in the supergraph, e.g. `aeds`. */
  name: string;
  storage: SubgraphStorage;
  /** Builds the schema; must not touch the database (the `check` script calls it offline). */
  buildSchema(): Promise<FederatedSchema>;
  /**
   * Whether it owns public aggregates the gateway keeps (gateway/public-aggregates.ts): its
   * migrations then install the triggers of common/public-aggregates.ts, and it answers its
   * count of changes at `/aggregates/version`.
   */
  publicAggregates?: boolean;
  /** Optional background work started with the server; returns its stop function. */
  startWorkers?(runtime: SubgraphRuntime): Promise<() => Promise<void>>;
  /** The graphile-worker queues (schemas) its workers run on: migrated before any of them starts (common/job-runner.ts). */
  jobQueues?: readonly string[];
  /**
   * Runs the statements it serves dispatch with once through `query` (a dispatch lane connection,
   * in a transaction rolled back after): a search where nobody is, a report's write. Run on
   * each lane connection before the server listens (common/database.ts `warmDispatchLane`).
   */
  warmDispatchLane?(query: SqlQuery): Promise<void>;
}

export interface SubgraphOptions {
  databaseUrl: string;
  gatewaySecret: string;
  port?: number;
  host?: string;
  /** Whether unexpected errors may show their message (never a stack trace). */
  development?: boolean;
  /** Schema introspection (default: in development only). */
  introspection?: boolean;
  /** URLs of the other subgraphs, for peer calls. */
  peers?: Record<string, string>;
  /** Deadline of each peer call (default DEFAULT_PEER_TIMEOUT_MS). */
  peerTimeoutMs?: number;
  logger?: Logger;
  /** Start background workers (default true); several instances may all run them. */
  workers?: boolean;
  /** Settings that replace those from the environment (tests: push services on this machine, with a test CA). */
  config?: Partial<Config>;
}

export interface SubgraphServer {
  name: string;
  /** `http://host:port/graphql` */
  url: string;
  orm: MikroORM;
  schema: GraphQLSchema;
  close(): Promise<void>;
}

export async function startSubgraph(definition: SubgraphDefinition, options: SubgraphOptions): Promise<SubgraphServer> {
  const logger = options.logger ?? createLogger(definition.name);
  const development = options.development ?? true;
  const orm = await openSubgraphStorage(options.databaseUrl, definition.storage, logger);
  const dispatchLane = await openDispatchLane(options.databaseUrl, definition.storage, logger);
  if (definition.warmDispatchLane) await warmDispatchLane(dispatchLane, definition.warmDispatchLane, logger);
  const notifications = new Notifications(options.databaseUrl, logger);
  const peers = createPeerClient(options.peers ?? {}, options.gatewaySecret, options.peerTimeoutMs);
  const { schema } = await definition.buildSchema();
  const stopObservingPool = observePool(definition.name, await orm.em.getConnection().getNativeClient());
  const aggregateVersion = definition.publicAggregates ? await watchPublicAggregates(definition.name, definition.storage.schema, orm, notifications, logger) : undefined;

  const contextFor = (principal: Principal): RequestContext => {
    let dispatchEm: RequestContext['dispatchEm'] | undefined;
    return {
      em: orm.em.fork(),
      // Forked only by the resolvers that use it.
      get dispatchEm() {
        return (dispatchEm ??= dispatchLane.em.fork());
      },
      principal,
      loaders: new Map(),
      notifications,
      peers,
    };
  };

  const serving = createHttpServing(definition.name);
  const { app, httpServer } = serving;

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  // The gateway's one connection carries every app's frames: a dispatch's burst leaves in one write.
  writeInBursts(wsServer);
  const check = operationChecker(schema);
  // Open subscriptions per connection (graphql-ws passes the same context object for all of a connection's operations).
  const subscriptionsOf = new WeakMap<object, Set<string>>();
  const wsCleanup = useServer<{ gatewayToken?: string }, { principal?: Principal }>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          ctx.extra.principal = await verifyFromGateway(ctx.connectionParams?.gatewayToken as string | undefined, options.gatewaySecret, definition.name);
          return true;
        } catch {
          return false;
        }
      },
      // Each text parsed and validated once (common/checked-operations.ts), not on every subscribe.
      onSubscribe: (_ctx, _id, payload): ExecutionArgs | GraphQLError[] => {
        const checked = check(payload.query);
        if ('syntaxError' in checked) return [checked.syntaxError];
        if ('validationErrors' in checked) return [...checked.validationErrors];
        return { schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: async (ctx, _id, payload) => {
        // The gateway multiplexes many callers over one connection: each operation carries its own signed principal.
        const forwarded = (payload.extensions as Record<string, unknown> | undefined)?.principal as string | undefined;
        const principal = forwarded ? await verifyFromGateway(forwarded, options.gatewaySecret, definition.name) : ctx.extra.principal!;
        return contextFor(principal);
      },
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors }, 'subscription error');
      },
      onOperation: (ctx, id, _payload, _args, result) => {
        if (!(Symbol.asyncIterator in result)) return;
        const ids = subscriptionsOf.get(ctx) ?? new Set<string>();
        subscriptionsOf.set(ctx, ids.add(id));
        openSubscriptions.inc({ service: definition.name });
      },
      onComplete: (ctx, id) => {
        if (subscriptionsOf.get(ctx)?.delete(id)) openSubscriptions.dec({ service: definition.name });
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // The launcher (scripts/serve.ts, scripts/start.ts) stops the server on SIGTERM/SIGINT through close().
    // Apollo's own handlers would stop it concurrently, and a second stop() waits forever for the first
    // (@apollo/server 5.5 never resolves its stop barrier on success): the process would never exit.
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? development,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, { development, onInternalError: (error) => logger.error({ error }, 'internal error') }, error),
    plugins: [
      ...serverPlugins<RequestContext>(httpServer, definition.name),
      // Traces are for Apollo's cloud, which this product never reports to.
      ApolloServerPluginInlineTraceDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', service: definition.name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: definition.name, reason: 'database unreachable' });
    }
  });
  app.get(PUBLIC_AGGREGATES_VERSION_PATH, async (_req, res) => {
    if (!aggregateVersion) {
      res.status(404).json({ service: definition.name, reason: 'no public aggregates' });
      return;
    }
    try {
      res.json({ service: definition.name, version: await aggregateVersion.current() });
    } catch {
      res.status(503).json({ service: definition.name, reason: 'database unreachable' });
    }
  });
  serveGraphql(app, definition.name, apollo, async (req) => {
    const header = req.headers[PRINCIPAL_HEADER];
    // Signed for this subgraph by name: a principal captured on its way to another one is refused here.
    const principal = await verifyFromGateway(Array.isArray(header) ? header[0] : header, options.gatewaySecret, definition.name);
    return contextFor(principal);
  });

  const url = `${await serving.listen(options.port, options.host)}/graphql`;

  const workers = options.workers !== false && definition.startWorkers;
  // Before the first runner listens: installing a second queue would stop the first (common/job-runner.ts).
  if (workers) await migrateJobQueues(options.databaseUrl, definition.jobQueues ?? [], logger);
  const stopWorkers = !workers
    ? async () => {}
    : await workers({
        orm,
        databaseUrl: options.databaseUrl,
        notifications,
        peers,
        logger,
        gatewaySecret: options.gatewaySecret,
        config: { ...loadConfig(), ...options.config },
      });
  logger.info({ url }, `${definition.name} subgraph ready`);

  let closing: Promise<void> | undefined;
  return {
    name: definition.name,
    url,
    orm,
    schema,
    // Bounded step by step (common/shutdown.ts): workers first, while requests are still served and
    // the pools their jobs use are open; then HTTP and WebSocket; the database connections last.
    close: () =>
      (closing ??= shutDown(definition.name, logger, [
        { name: 'workers', boundMs: WORKERS_STOP_MS, run: stopWorkers },
        {
          name: 'http',
          boundMs: HTTP_STOP_MS,
          run: async () => {
            for (const client of wsServer.clients) client.terminate();
            const stopped = apollo.stop();
            serving.destroySocketsSoon();
            await stopped;
          },
        },
        // Whatever connected while Apollo drained (or a drain that overran): closed now.
        { name: 'sockets', boundMs: CONNECTIONS_STOP_MS, run: () => Promise.all([serving.closeNow(), closeWebSockets(wsServer)]) },
        { name: 'aggregate-version', boundMs: CONNECTIONS_STOP_MS, run: () => aggregateVersion?.stop() },
        { name: 'notifications', boundMs: CONNECTIONS_STOP_MS, run: () => notifications.close() },
        { name: 'dispatch-lane', boundMs: POOL_STOP_MS, run: () => dispatchLane.close(true) },
        {
          name: 'orm',
          boundMs: POOL_STOP_MS,
          run: () => {
            stopObservingPool();
            return orm.close(true);
          },
        },
      ])),
  };
}

/** Terminates every WebSocket still open and stops the WebSocket server (it would otherwise wait for its clients). */
function closeWebSockets(wsServer: WebSocketServer): Promise<void> {
  for (const client of wsServer.clients) client.terminate();
  return new Promise((resolve) => wsServer.close(() => resolve()));
}
