/**
 * One id per request, in every log line written while it is served and on
 * every call it makes to another service: the gateway takes the caller's
 * `x-request-id` (or makes one) and echoes it in the response; subgraphs take
 * the gateway's and pass it on to their peers. An operator follows one report
 * through all services' logs by that id.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The HTTP header that carries the request id. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may send as a request id: short, and nothing that could forge a log line. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<string>();

/** The id of the request being served here, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}

/** Runs `work` as part of the request `id` (graphql-ws operations, which bypass the HTTP middleware). */
export function withRequestId<T>(id: string, work: () => T): T {
  return storage.run(id, work);
}

/** The header that passes the current request id on to another service (none outside a request). */
export function requestIdHeader(): Record<string, string> {
  const id = storage.getStore();
  return id ? { [REQUEST_ID_HEADER]: id } : {};
}

/** The caller's id when it is acceptable, otherwise a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && ACCEPTABLE.test(given) ? given : randomUUID();
}

/** Express middleware: takes or makes the request id, echoes it, and keeps it for the rest of the request. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
  response.setHeader(REQUEST_ID_HEADER, id);
  storage.run(id, next);
}
