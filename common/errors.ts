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
  /** The query is too deep, too wide or too large, or would cost more than one request may. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The caller used up their budget: retry after `extensions.retryAfterSeconds` (HTTP 429 with Retry-After). */
  RATE_LIMITED = 'RATE_LIMITED',
  /**
   * A service or database behind the gateway is unreachable or restarting: retry after
   * `extensions.retryAfterSeconds` (HTTP 503 with Retry-After) with the same input, e.g. the same
   * dispatchReference; resubscribe with your last cursor.
   */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Something failed inside; details are logged, never shown in production. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

function error(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, extensions?: Record<string, unknown>) => error(ErrorCode.BAD_USER_INPUT, message, extensions);
export const unauthenticated = (message = 'You must be signed in to do this.') => error(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
export const forbidden = (message = 'You are not allowed to do this.') => error(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) => error(ErrorCode.NOT_FOUND, `${what} ${id} was not found.`, { id });
/** Seconds a caller is asked to wait before retrying after an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;
export const serviceUnavailable = (message: string, retryAfterSeconds = OUTAGE_RETRY_AFTER_SECONDS) => error(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds });
/** Over budget: HTTP 429 with Retry-After, and the same wait in `extensions.retryAfterSeconds` (WebSocket callers have no headers). */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  error(ErrorCode.RATE_LIMITED, message, {
    retryAfterSeconds,
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
export const conflict = (message: string, extensions?: Record<string, unknown>) => error(ErrorCode.CONFLICT, message, extensions);

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

/** Node's codes for a peer that cannot be reached, and PostgreSQL's connection-exception (08…) and shutdown (57P0…) states. */
const UNREACHABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN|08\w{3}|57P0[1-3])$/;

/**
 * Whether `error` (or what caused it) says a database or service could not be
 * reached, rather than that something is wrong with the request or the code.
 */
export function isOutage(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 8; depth++) {
    const { code, message, name } = cause as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && UNREACHABLE.test(code)) return true;
    // A call's deadline passed (AbortSignal.timeout): the service did not answer in time.
    if (name === 'TimeoutError') return true;
    // pg says so only in words when a connection drops or the pool cannot get one in time.
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection refused/i.test(message)) return true;
    cause = (cause as { originalError?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Apollo Server `formatError`: keeps known errors as they are, names an
 * unreachable database or service SERVICE_UNAVAILABLE, and replaces anything
 * else unexpected by a generic message, so SQL, stack traces and file paths
 * never reach a caller. Stack traces are never sent, even in development.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  options: { development: boolean; onInternalError?: (error: GraphQLFormattedError) => void },
  error?: unknown,
): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
  if (code && PUBLIC_CODES.has(code)) return { ...formatted, extensions };
  options.onInternalError?.(formatted);
  if (isOutage(error)) {
    return {
      message: 'A database or service behind this one cannot be reached just now; retry with the same input (the same dispatchReference).',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS },
    };
  }
  if (options.development) return { ...formatted, extensions: { ...extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  return {
    message: 'Something went wrong on our side. It has been logged; please try again.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
