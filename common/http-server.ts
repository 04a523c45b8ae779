/**
 * The HTTP server set-up the gateway and every subgraph share: an Express app
 * on a Node HTTP server whose idle sockets outlive callers' pools, `/metrics`
 * and `/healthz`, GraphQL on `/graphql` behind a body limit, the request id
 * and the service's trace span, the Apollo plugins every server wants, and a
 * listen and a close that leave no socket behind. What differs (the gateway's
 * authentication and limits, a subgraph's principal from the gateway,
 * `/readyz`) stays with the caller.
 */
import http from 'node:http';
import type net from 'node:net';
import express from 'express';
import type { ApolloServer, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { graphqlErrorMetrics, metricsHandler } from './metrics.ts';
import { requestIdMiddleware } from './request-id.ts';
import { serviceSpan } from './telemetry.ts';

/** Upper bound on a request body: large enough for an import batch, small enough to refuse abuse. */
export const MAX_BODY = '2mb';

/** How long after stopping began the sockets still open are destroyed. */
const SOCKET_GRACE_MS = 1000;

export interface HttpServing {
  app: express.Express;
  httpServer: http.Server;
  /** Starts listening (port 0: any free port) and resolves to `http://host:port`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Destroys, a second from now, every socket still open: idle keep-alive sockets would hold the server open. */
  destroySocketsSoon(): void;
  /**
   * Stops listening and destroys every socket still open now (keep-alive, WebSocket, a request
   * whose headers never finish): the last step of a shutdown, so that nothing a client holds
   * open keeps the server, or the process, alive.
   */
  closeNow(): Promise<void>;
}

/** An Express app on an HTTP server, with `/metrics` and `/healthz` for `service`. */
export function createHttpServing(service: string, options: { trustProxy?: boolean | number | string } = {}): HttpServing {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POSTed and never revalidated: hashing each body for an ETag is CPU on every call, the dispatch path's too.
  app.disable('etag');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const httpServer = http.createServer(app);
  // Keep idle connections open longer than callers keep them in their pools, so the server
  // never closes a socket at the moment a caller reuses it ("socket hang up").
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const sockets = new Set<net.Socket>();
  httpServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  app.get('/metrics', metricsHandler);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service });
  });

  return {
    app,
    httpServer,
    async listen(port = 0, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as net.AddressInfo;
      return `http://${host}:${address.port}`;
    },
    destroySocketsSoon() {
      setTimeout(() => sockets.forEach((socket) => socket.destroy()), SOCKET_GRACE_MS).unref();
    },
    async closeNow() {
      const closed = httpServer.listening ? new Promise<void>((resolve) => httpServer.close(() => resolve())) : Promise.resolve();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * The Apollo plugins every server here wants: drain the HTTP server on stop,
 * no landing page, no cache hints (answers hold personal data and live state,
 * so nothing may be cached on the way, and working hints out wrapped every
 * field's resolver), and error counts per code for `service`.
 */
export function serverPlugins<TContext extends BaseContext>(httpServer: http.Server, service: string): ApolloServerPlugin<TContext>[] {
  return [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), graphqlErrorMetrics(service)];
}

/** Serves `apollo` on `/graphql`, each request's context made by `context`. */
export function serveGraphql<TContext extends BaseContext>(
  app: express.Express,
  service: string,
  apollo: ApolloServer<TContext>,
  context: (req: express.Request) => Promise<TContext>,
): void {
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    // After the body is read: the stream's events would otherwise lose the request's context.
    requestIdMiddleware,
    serviceSpan(service),
    expressMiddleware(apollo, { context: ({ req }) => context(req) }),
  );
}
