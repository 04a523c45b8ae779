/**
 * Subscriptions through the gateway.
 *
 * @apollo/gateway cannot execute subscriptions, so WebSocket operations on the
 * gateway's `/graphql` are served by a schema stitched from the same
 * supergraph SDL (`@graphql-tools/federation`). The subscription's root field
 * streams from the owning subgraph over one multiplexed graphql-ws connection
 * per subgraph; fields of the payload owned by other subgraphs are fetched
 * from them over HTTP, as the query planner would. Every operation carries the
 * caller's principal, signed for the subgraphs, so their access rules apply.
 */
import type http from 'node:http';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { CloseCode, createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { type ExecutionArgs, GraphQLError, print, type ValidationRule, specifiedRules, subscribe, type GraphQLSchema } from 'graphql';
import WebSocket, { WebSocketServer } from 'ws';
import { ANONYMOUS, PRINCIPAL_HEADER, signForSubgraph, type Principal } from '../common/auth.ts';
import { operationChecker } from '../common/checked-operations.ts';

import { DEFAULT_SUBGRAPH_TIMEOUT_MS, PeerCallError, withDeadline } from '../common/deadline.ts';
import { serviceUnavailable } from '../common/errors.ts';
import { requestIdHeader } from '../common/request-id.ts';
import { postToService } from '../common/service-http.ts';
import type { Logger } from '../common/logger.ts';
import type { Authenticator } from './auth.ts';
import type { Budgets } from './budgets.ts';
import { operationCost, tooCostly } from './cost.ts';
import { limitErrorCode } from './limits.ts';
import { readOwnership, soleSubgraph } from './subscription-passthrough.ts';
import { type PayloadRelay, relayTo, subscriptionRelays } from './subscription-relay.ts';

/**
 * The close code of a connection whose bearer token expired: graphql-ws's
 * `Unauthorized`, which its client does not retry. Reconnect with a new token
 * and resubscribe with the last cursor received.
 */
export const TOKEN_EXPIRED_CLOSE_CODE = CloseCode.Unauthorized;

/** Longest delay a Node.js timer takes; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A WebSocket close reason may be at most 123 bytes. */
function closeReason(message: string): string {
  return Buffer.byteLength(message) <= 123
    ? message
    : `${Buffer.from(message)
        .subarray(0, 120)
        .toString()
        .replace(/\uFFFD$/, '')}…`;
}

export interface SubscriptionGatewayOptions {
  httpServer: http.Server;
  supergraphSdl: string;
  /** Subgraph name → `http://…/graphql`. */
  subgraphUrls: Record<string, string>;
  gatewaySecret: string;
  /** Resolves the caller from the `Authorization` connection parameter; throws UNAUTHENTICATED. */
  authenticate: Authenticator;
  /** Each subscribe message is charged to its caller as an HTTP operation is (gateway/budgets.ts). */
  budgets: Budgets;
  validationRules: ValidationRule[];
  maxTokens: number;
  /** Most an operation may cost, with its variables' values (gateway/cost.ts). */
  maxCost: number;
  logger: Logger;
  /** Deadline of one subgraph fetch for an event's fields (default DEFAULT_SUBGRAPH_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Passes an upstream subscription through, turning a dropped upstream
 * connection (a subgraph restarting) into one clear error for the caller.
 * Written as a plain iterator, not an async generator: a generator cannot run
 * `return()` while its `next()` waits for an event, so a caller who leaves an
 * idle subscription would keep the upstream one (and its feed) open forever.
 */
function upstreamStream(upstream: AsyncIterableIterator<ExecutionResult>, name: string): AsyncIterableIterator<ExecutionResult> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      try {
        return await upstream.next();
      } catch {
        throw serviceUnavailable(`The ${name} service went away; resubscribe with the last cursor you received to get what you missed.`);
      }
    },
    async return(value?: unknown) {
      await upstream.return?.();
      return { value: value as ExecutionResult, done: true };
    },
    async throw(error?: unknown) {
      await upstream.return?.();
      throw error;
    },
  };
}

/**
 * A relayed subscription's events as the subgraph sent them, with their errors
 * made GraphQLErrors again (graphql-ws sends each error's `toJSON()`). The
 * upstream ends when the caller's operation does.
 */
type PlainError = { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> };

function relayedStream(upstream: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const revive = (result: ExecutionResult): ExecutionResult =>
    result.errors?.length
      ? {
          ...result,
          // Over the wire they arrive as plain objects, whatever ExecutionResult's type says.
          errors: result.errors.map((error: GraphQLError | PlainError) =>
            error instanceof GraphQLError ? error : new GraphQLError(error.message, { path: error.path, extensions: error.extensions }),
          ),
        }
      : result;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await upstream.next();
      return step.done ? step : { done: false, value: revive(step.value) };
    },
    return: (value?: unknown) => upstream.return!(value),
    throw: (error?: unknown) => upstream.throw!(error),
  };
}

interface GatewayContext {
  principal: Principal;
  /**
   * Upstream subscriptions opened for this operation. The stitching layer does
   * not pass a caller's "complete" on to them while they wait for an event, so
   * they are ended explicitly when the operation completes (see onComplete).
   */
  upstreams: Set<AsyncIterableIterator<ExecutionResult>>;
  /** Set when the caller's operation completed: an upstream opened after that is ended at once. */
  completed?: boolean;
  /** The subgraph that serves every field of this operation alone: its events are relayed as sent (gateway/subscription-passthrough.ts). */
  soleSubgraph?: string;
  /** The caller's socket and operation id, where relayed events are written (gateway/subscription-relay.ts). */
  socket: WebSocket;
  id: string;
  /** Ends the relay of this operation's events. */
  stopRelay?: () => void;
}

function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** Starts graphql-ws on the gateway's HTTP server; returns its stop function. */
export function startSubscriptionGateway(options: SubscriptionGatewayOptions): { close(): Promise<void> } {
  const clients = new Map<string, Client>();
  const relays = subscriptionRelays();
  const clientFor = (name: string, url: string): Client => {
    let client = clients.get(name);
    if (!client) {
      client = createClient({
        url: wsUrl(url),
        webSocketImpl: relays.webSocketImpl,
        generateID: relays.generateID,
        lazy: true,
        // The gateway's own identity for the connection; each operation adds the caller's.
        connectionParams: async () => ({ gatewayToken: await signForSubgraph(ANONYMOUS, options.gatewaySecret, name) }),
        // No silent re-subscription upstream: it would replay from the original cursor
        // (duplicates) or from "now" (losses). A broken upstream ends the caller's
        // subscription with an error instead, and the app resubscribes with its last cursor.
        retryAttempts: 0,
        keepAlive: 10_000,
      });
      clients.set(name, client);
    }
    return client;
  };

  /** Subscribes upstream for `context`'s operation; the stream ends with the caller's operation. */
  const openUpstream = (
    name: string,
    url: string,
    operation: { query: string; variables?: Record<string, unknown>; operationName?: string | null },
    signedPrincipal: string,
    context: GatewayContext | undefined,
    relay?: PayloadRelay,
  ): AsyncIterableIterator<ExecutionResult> => {
    const subscribe = () =>
      clientFor(name, url).iterate({
        query: operation.query,
        variables: operation.variables,
        operationName: operation.operationName ?? undefined,
        extensions: { principal: signedPrincipal },
      });
    let iterator: ReturnType<typeof subscribe>;
    if (relay && context) {
      const relayed = relays.relayed(relay, subscribe);
      iterator = relayed.subscription;
      context.stopRelay = relayed.stop;
    } else {
      iterator = subscribe();
    }
    const stream = upstreamStream(iterator as AsyncIterableIterator<ExecutionResult>, name);
    context?.upstreams.add(stream);
    if (context?.completed) void stream.return?.();
    return stream;
  };

  const executorFor = (graph: string) => {
    // The stitched schema names subgraphs as the supergraph's enum does (INCIDENTS).
    const name = options.subgraphUrls[graph.toLowerCase()] ? graph.toLowerCase() : graph;
    const url = options.subgraphUrls[name];
    if (!url) throw new Error(`No URL for subgraph ${graph}`);
    return async (request: ExecutionRequest): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> => {
      const principal = (request.context as GatewayContext | undefined)?.principal ?? ANONYMOUS;
      const signed = await signForSubgraph(principal, options.gatewaySecret, name);
      const query = print(request.document);
      if (request.operationType === 'subscription') {
        return openUpstream(name, url, { query, variables: request.variables, operationName: request.operationName }, signed, request.context as GatewayContext | undefined);
      }
      try {
        return await withDeadline(
          name.toLowerCase(),
          url,
          options.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
          async (signal) => {
            const response = await postToService(
              url,
              { 'content-type': 'application/json', [PRINCIPAL_HEADER]: signed, ...requestIdHeader() },
              JSON.stringify({ query, variables: request.variables, operationName: request.operationName }),
              signal,
            );
            return JSON.parse(response.body.toString()) as ExecutionResult;
          },
          request.signal,
        );
      } catch (error) {
        if (error instanceof PeerCallError) throw serviceUnavailable(`The ${name.toLowerCase()} service did not answer; please retry.`);
        throw error;
      }
    };
  };

  const schema: GraphQLSchema = getStitchedSchemaFromSupergraphSdl({
    supergraphSdl: options.supergraphSdl,
    onSubschemaConfig: (config) => {
      config.executor = executorFor(config.name) as typeof config.executor;
    },
  });

  const ownership = readOwnership(options.supergraphSdl);
  const check = operationChecker(schema, { rules: [...specifiedRules, ...options.validationRules], parseOptions: { maxTokens: options.maxTokens } });

  const wsServer = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const cleanup = useServer<Record<string, unknown>, { principal?: Principal; operations?: Map<string, GatewayContext>; expiry?: NodeJS.Timeout }>(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const authorization = typeof raw === 'string' ? raw : undefined;
        const { socket } = ctx.extra;
        try {
          ctx.extra.principal = await options.authenticate(authorization, ctx.extra.request.socket.remoteAddress);
        } catch (error) {
          // 4403 Forbidden, with the reason: the client knows its credential was refused, and why.
          socket.close(CloseCode.Forbidden, closeReason(error instanceof GraphQLError ? error.message : 'Forbidden'));
          return false;
        }
        // The connection lives no longer than its token: closed the moment it expires, operations and all.
        const expiresAt = options.authenticate.expiresAt(authorization);
        if (expiresAt !== undefined) {
          const closeWhenExpired = () => {
            const left = expiresAt - Date.now();
            if (left > 0) {
              ctx.extra.expiry = setTimeout(closeWhenExpired, Math.min(left, MAX_TIMER_MS));
              ctx.extra.expiry.unref();
            } else {
              socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'Token expired: reconnect with a new token, and resubscribe with your last cursor.');
            }
          };
          closeWhenExpired();
        }
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | GraphQLError[] => {
        const checked = check(payload.query);
        if ('syntaxError' in checked) {
          const { message } = checked.syntaxError;
          return [new GraphQLError(message, { extensions: { code: limitErrorCode(message) ?? 'GRAPHQL_PARSE_FAILED' } })];
        }
        if ('validationErrors' in checked) {
          return checked.validationErrors.map(
            (error) =>
              new GraphQLError(error.message, {
                extensions: { code: limitErrorCode(error.message) ?? 'GRAPHQL_VALIDATION_FAILED' },
              }),
          );
        }
        const { document } = checked;
        try {
          const ip = ctx.extra.request.socket.remoteAddress ?? 'unknown';
          const cost = operationCost(schema, document, payload.operationName, payload.variables ?? {});
          if (cost > options.maxCost) throw tooCostly(cost, options.maxCost);
          options.budgets.charge(ctx.extra.principal ?? ANONYMOUS, ip, cost);
        } catch (error) {
          // No HTTP status on a WebSocket: a wait travels in extensions.retryAfterSeconds.
          const { http: _http, ...extensions } = (error as GraphQLError).extensions;
          return [new GraphQLError((error as GraphQLError).message, { extensions })];
        }
        // Checked here: graphql-ws would otherwise parse and validate the text a second time.
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx, id): GatewayContext => {
        const context: GatewayContext = { principal: ctx.extra.principal ?? ANONYMOUS, upstreams: new Set(), socket: ctx.extra.socket, id };
        (ctx.extra.operations ??= new Map()).set(id, context);
        return context;
      },
      // An operation one subgraph serves alone is relayed: its events need nothing from the gateway.
      subscribe: async (args) => {
        const context = args.contextValue as GatewayContext;
        const graph = soleSubgraph(schema, ownership, args.document, args.operationName);
        const url = graph && options.subgraphUrls[graph];
        if (!graph || !url) return subscribe(args);
        context.soleSubgraph = graph;
        const signed = await signForSubgraph(context.principal, options.gatewaySecret, graph);
        return relayedStream(
          openUpstream(
            graph,
            url,
            { query: print(args.document), variables: args.variableValues as Record<string, unknown> | undefined, operationName: args.operationName },
            signed,
            context,
            relayTo(context.socket, context.id, () => !context.completed),
          ),
        );
      },
      // Also called when the caller's socket closes abruptly.
      onComplete: async (ctx, id) => {
        const context = ctx.extra.operations?.get(id);
        ctx.extra.operations?.delete(id);
        if (context) context.completed = true;
        context?.stopRelay?.();
        await Promise.all([...(context?.upstreams ?? [])].map((upstream) => upstream.return?.()));
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.warn({ errors }, 'subscription error');
      },
    },
    wsServer,
  );

  return {
    async close() {
      for (const socket of wsServer.clients) socket.terminate();
      // Upstream connections end at once: dispose() alone would wait for a connection still being
      // acknowledged by its subgraph, and the callers they served are gone already.
      for (const client of clients.values()) client.terminate();
      await Promise.all([...clients.values()].map((client) => client.dispose()));
      await cleanup.dispose();
    },
  };
}
