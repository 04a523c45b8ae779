/**
 * The error codes the API uses, one meaning each. Every error a caller sees
 * carries one of them in `extensions.code`.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export enum ErrorCode {
  /** The input is malformed or breaks a rule (explained in the message). */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** No token, an invalid token, or a request that bypassed the gateway. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller is known but their roles do not allow this. */
  FORBIDDEN = 'FORBIDDEN',
  /** The id does not exist (or is not visible to the caller). */
  NOT_FOUND = 'NOT_FOUND',
  /** The request contradicts the current state (duplicate, already closed…). */
  CONFLICT = 'CONFLICT',
  /** The query is too deep, too wide or too large. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** Too many requests (or failed sign-ins) from this caller: wait `extensions.retryAfter` seconds (HTTP 429, `Retry-After`). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** A service behind the gateway is unreachable or restarting: retry (resubscribe with your last cursor). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Something failed inside; details are logged, never shown in production. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, extensions?: Record<string, unknown>) =>
  error(ErrorCode.BAD_USER_INPUT, message, extensions);
export const unauthenticated = (message = 'You must be signed in to do this.') =>
  error(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
export const forbidden = (message = 'You are not allowed to do this.') => error(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) => error(ErrorCode.NOT_FOUND, `${what} ${id} was not found.`, { id });
export const serviceUnavailable = (message: string) => error(ErrorCode.SERVICE_UNAVAILABLE, message);
export const conflict = (message: string, extensions?: Record<string, unknown>) =>
  error(ErrorCode.CONFLICT, message, extensions);

/** Codes that are safe to show as they are; anything else is masked outside development. */
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo Server `formatError`: keeps known errors as they are and replaces
 * anything unexpected by a generic message, so SQL, stack traces and file
 * paths never reach a caller. Stack traces are never sent, even in development.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  options: { development: boolean; onInternalError?: (error: GraphQLFormattedError) => void },
): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
  if (code && PUBLIC_CODES.has(code)) return { ...formatted, extensions };
  options.onInternalError?.(formatted);
  if (options.development) return { ...formatted, extensions: { ...extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  return {
    message: 'Something went wrong on our side. It has been logged; please try again.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
