/**
 * The real product for a test file: a database of its own on the run's
 * PostgreSQL, the four subgraphs and the gateway on free ports, plus a client
 * that talks to the gateway the way users' apps do.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mintBearerToken, type Grant, Role } from '../common/auth.ts';
import { dropDatabase, ensureDatabase } from '../common/database.ts';
import { startStack, type Stack, type StackOptions } from '../scripts/stack.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';
import { sourceOf, type Operation } from './operations/source.ts';

export const TEST_SECRETS = {
  jwtSecret: 'test-jwt-secret',
  gatewaySecret: 'test-gateway-secret',
  jwtIssuer: 'heartsafe',
  jwtAudience: 'heartsafe-api',
};

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestStack extends Stack {
  databaseUrl: string;
  /** Mints a bearer token for `grants` (subject defaults to a fresh id). */
  token(grants: Grant[] | Grant, subject?: string): Promise<string>;
  adminToken(): Promise<string>;
  /** POSTs an operation to the gateway. */
  request<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables, token?: string): Promise<GraphQLResponse<TResult>>;
  request<T = any>(query: Operation, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Like `request`, but fails the test on any GraphQL error. */
  data<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables?: TVariables, token?: string): Promise<TResult>;
  data<T = any>(query: Operation, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** A graphql-ws client connected to the gateway. */
  wsClient(token?: string, options?: { retryAttempts?: number }): Client;
}

/** Starts a stack on a database of its own; call `close()` in `afterAll`. */
export async function startTestStack(overrides: Partial<StackOptions> = {}): Promise<TestStack> {
  const serverUrl = inject('postgresServerUrl');
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  const databaseUrl = await ensureDatabase(serverUrl, name);
  const stack = await startStack({
    databaseUrl,
    development: true,
    ...TEST_SECRETS,
    ...overrides,
  });
  const clients: Client[] = [];

  const request = async <T>(query: Operation, variables: object = {}, token?: string): Promise<GraphQLResponse<T>> => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: sourceOf(query), variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  };

  return {
    ...stack,
    databaseUrl,
    token: (grants, subject = `user-${randomBytes(4).toString('hex')}`) =>
      mintBearerToken(
        { jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience },
        subject,
        Array.isArray(grants) ? grants : [grants],
      ),
    adminToken: () => mintBearerToken({ jwtSecret: TEST_SECRETS.jwtSecret, issuer: TEST_SECRETS.jwtIssuer, audience: TEST_SECRETS.jwtAudience }, 'admin', [{ role: Role.ADMIN }]),
    request,
    async data<T>(query: Operation, variables?: object, token?: string) {
      const response = await request<T>(query, variables, token);
      if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    },
    wsClient(token, options = {}) {
      const client = createClient({
        url: stack.gateway.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: options.retryAttempts ?? 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    async close() {
      // terminate(): dispose() alone waits for a connection still being acknowledged; a client that fails here must not keep the stack open.
      for (const client of clients) client.terminate();
      await Promise.all(clients.map((client) => Promise.resolve(client.dispose()).catch(() => {})));
      await stack.close();
      // Never end sessions a test file's process may still hold (a pool's idle client would
      // report the kill as an unhandled error); what is still in use is dropped at the end of the run.
      await dropDatabase(serverUrl, name, { force: false });
    },
  };
}

/** Collects `count` events of a subscription (or fails after `timeoutMs`). */
export function collect<T = any, TVariables = Record<string, unknown>>(
  client: Client,
  query: Operation<T, TVariables>,
  variables: TVariables,
  count: number,
  timeoutMs = 10_000,
): { events: T[]; done: Promise<T[]>; errors: unknown[]; stop(): void } {
  const events: T[] = [];
  const errors: unknown[] = [];
  let stop = () => {};
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Timed out after ${timeoutMs} ms with ${events.length}/${count} events; errors: ${JSON.stringify(errors)}`));
    }, timeoutMs);
    stop = client.subscribe<T>(
      { query: sourceOf(query), variables: variables as Record<string, unknown> },
      {
        next: (value) => {
          if (value.errors) errors.push(...value.errors);
          if (value.data) events.push(value.data as T);
          if (events.length >= count) {
            clearTimeout(timer);
            stop();
            resolve(events);
          }
        },
        error: (error) => {
          errors.push(error);
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(timer);
          if (events.length >= count) resolve(events);
          else reject(new Error(`Subscription completed after ${events.length}/${count} events; errors: ${JSON.stringify(errors)}`));
        },
      },
    );
  });
  // A subscription may fail before the test gets to await it; that is still a handled outcome.
  done.catch(() => {});
  return { events, done, errors, stop: () => stop() };
}
