/**
 * The one endpoint every user talks to: @apollo/gateway serving the checked-in
 * supergraph for queries and mutations, graphql-ws on the same `/graphql` for
 * subscriptions, an offline GraphiQL, `/healthz` and `/readyz`.
 */
import type express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { BearerOptions } from '../common/auth.ts';
import { formatError } from '../common/errors.ts';
import { createHttpServing, MAX_BODY, serveGraphql, serverPlugins } from '../common/http-server.ts';
import { createLogger, type Logger } from '../common/logger.ts';
import { requestIdMiddleware } from '../common/request-id.ts';
import { shutDown } from '../common/shutdown.ts';
import { serviceSpan } from '../common/telemetry.ts';
import { createAuthenticator, type AccessOptions } from './auth.ts';
import { Budgets, budgetPlugin, DEFAULT_BUDGETS, type BudgetOptions } from './budgets.ts';
import { exportsRouter, type OperationResult } from './exports/index.ts';
import { graphiqlRouter } from './graphiql.ts';
import { createArmor, DEFAULT_LIMITS, limitErrorCode, type QueryLimits } from './limits.ts';
import { namedOutage, outagePlugin } from './outages.ts';
import { PublicAggregateCache } from './public-aggregates.ts';
import { SubgraphDataSource, type SubgraphRequestContext } from './subgraph-source.ts';
import { startSubscriptionGateway } from './subscriptions.ts';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph name (as in `schema/<name>.graphql`) → `http://…/graphql`. */
  subgraphUrls: Record<string, string>;
  gatewaySecret: string;
  bearer: BearerOptions;
  port?: number;
  host?: string;
  development?: boolean;
  limits?: QueryLimits;
  /** Per-caller budgets (gateway/budgets.ts); the defaults suit production. */
  budgets?: BudgetOptions;
  /** Schema introspection (default: in development only; GRAPHQL_INTROSPECTION=true in production). */
  introspection?: boolean;
  /** The GraphiQL page (default: in development only; GRAPHIQL=true in production). */
  graphiql?: boolean;
  /** Express `trust proxy`: which proxies' X-Forwarded-For names the caller's address for budgets (default none). */
  trustProxy?: boolean | number | string;
  logger?: Logger;
  /** Deadline of one subgraph fetch (default DEFAULT_SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs?: number;
  /** Cache settings for what callers' grants cover (see gateway/auth.ts); the defaults suit production. */
  access?: Pick<AccessOptions, 'ttlMs' | 'staleMs' | 'maxEntries' | 'timeoutMs'>;
  /** The short cache of public aggregates (gateway/public-aggregates.ts): its bounds, or false for none. */
  publicAggregates?: { ttlMs?: number; pollMs?: number } | false;
}

export interface GatewayServer {
  /** `http://host:port/graphql` */
  url: string;
  /** `ws://host:port/graphql` */
  wsUrl: string;
  close(): Promise<void>;
}

type GatewayContext = SubgraphRequestContext & { ip: string };

/** Bounds of the steps of the gateway's close (common/shutdown.ts): no client or subgraph can hold it open. */
const CLOSE_STEP_MS = 2_000;
/** Apollo's drain: requests in flight finish; every socket is destroyed a second after it began. */
const HTTP_STOP_MS = 3_000;

export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const logger = options.logger ?? createLogger('gateway');
  const development = options.development ?? true;
  // The organization subgraph resolves what each caller's grants cover (working groups' municipalities, …).
  const organizationUrl = options.subgraphUrls.organization;
  const authenticate = createAuthenticator(options.bearer, organizationUrl ? { ...options.access, organizationUrl, gatewaySecret: options.gatewaySecret, logger } : undefined);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const armor = createArmor(limits, development);
  const budgets = new Budgets(options.budgets ?? DEFAULT_BUDGETS);

  const aggregates = options.publicAggregates === false ? undefined : new PublicAggregateCache({ ...options.publicAggregates, subgraphUrls: options.subgraphUrls, logger });
  aggregates?.start();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, options.subgraphUrls[name] ?? url!, options.gatewaySecret, options.subgraphTimeoutMs, aggregates),
  });

  const serving = createHttpServing('gateway', { trustProxy: options.trustProxy });
  const { app, httpServer } = serving;

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: options.introspection ?? development,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // close() stops the server; Apollo's own signal handler stopping it too makes stop() hang.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => {
      const code = limitErrorCode(formatted.message);
      const withCode = code ? { ...formatted, extensions: { ...formatted.extensions, code } } : formatted;
      return formatError(withCode, { development, onInternalError: (error) => logger.error({ error }, 'internal error') }, error);
    },
    // graphql-armor's plugin types come from Apollo's CJS build; the objects are the same.
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      budgetPlugin(budgets, limits.maxCost),
      outagePlugin(),
      ...serverPlugins<GatewayContext>(httpServer, 'gateway'),
    ],
  });
  await apollo.start();

  const subscriptions = startSubscriptionGateway({
    httpServer,
    supergraphSdl: options.supergraphSdl,
    subgraphUrls: options.subgraphUrls,
    gatewaySecret: options.gatewaySecret,
    authenticate,
    budgets,
    validationRules: armor.validationRules,
    maxTokens: limits.maxTokens,
    maxCost: limits.maxCost,
    logger,
    timeoutMs: options.subgraphTimeoutMs,
  });

  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(options.subgraphUrls).map(async ([name, url]) => {
        const ready = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(2000) })
          .then((response) => response.ok)
          .catch(() => false);
        return [name, ready ? 'ready' : 'unavailable'] as const;
      }),
    );
    const subgraphs = Object.fromEntries(checks);
    const ready = checks.every(([, status]) => status === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', service: 'gateway', subgraphs });
  });
  if (options.graphiql ?? development) app.use(graphiqlRouter());
  serveGraphql(app, 'gateway', apollo, async (req) => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    return { principal: await authenticate(req.headers.authorization, ip).catch(namedOutage), ip };
  });
  // CSV for spreadsheets: each export an operation run here as its caller sent it (gateway/exports/).
  app.use(
    '/exports',
    requestIdMiddleware,
    serviceSpan('gateway'),
    exportsRouter(async (req, query, variables): Promise<OperationResult> => {
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      let principal;
      try {
        principal = await authenticate(req.headers.authorization, ip).catch(namedOutage);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Map<string, string> } };
        return { status: http?.status ?? 401, headers: http?.headers, errors: [{ message: error.message, extensions }] };
      }
      const response = await apollo.executeOperation({ query, variables }, { contextValue: { principal, ip } });
      if (response.body.kind !== 'single') throw new Error('an export answered incrementally');
      const headers = new Map<string, string>();
      for (const [name, value] of response.http.headers) if (name === 'retry-after') headers.set(name, value);
      const { data, errors } = response.body.singleResult;
      return { status: response.http.status, headers, data, errors };
    }),
  );
  // Oversized or unparsable bodies: a GraphQL-shaped error, not an HTML stack trace.
  app.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status ?? 500;
    const message = error.type === 'entity.too.large' ? `The request body is larger than ${MAX_BODY}.` : 'The request body is not valid JSON.';
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  });

  const base = await serving.listen(options.port, options.host);
  logger.info({ url: `${base}/graphql` }, 'gateway ready');

  let closing: Promise<void> | undefined;
  return {
    url: `${base}/graphql`,
    wsUrl: `${base.replace(/^http:/, 'ws:')}/graphql`,
    close: () =>
      (closing ??= shutDown('gateway', logger, [
        { name: 'subscriptions', boundMs: CLOSE_STEP_MS, run: () => subscriptions.close() },
        { name: 'aggregates', boundMs: CLOSE_STEP_MS, run: () => aggregates?.close() },
        {
          name: 'http',
          boundMs: HTTP_STOP_MS,
          run: async () => {
            const stopped = apollo.stop();
            serving.destroySocketsSoon();
            await stopped;
          },
        },
        // Whatever connected while Apollo drained (or a drain that overran): closed now.
        { name: 'sockets', boundMs: CLOSE_STEP_MS, run: () => serving.closeNow() },
      ])),
  };
}
