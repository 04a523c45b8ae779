/**
 * Deadlines on calls between services. A service that accepts the connection
 * and never answers must cost its caller at most the deadline, never a hung
 * request: dispatch falls back to "stored, dispatched when they answer", the
 * gateway answers SERVICE_UNAVAILABLE. The error names the service and its URL,
 * so an operator sees at once which one is late or down.
 */

import { ServiceUnreachableError } from './service-http.ts';

/** Default deadline of a call from one service to another (`PEER_TIMEOUT_MS`). */
export const DEFAULT_PEER_TIMEOUT_MS = 2_000;

/** Default deadline of one subgraph fetch of the gateway (`SUBGRAPH_TIMEOUT_MS`): imports and long lists take longer than peer lookups. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * Deadline of background calls that move a municipality's worth of data
 * (readiness): nobody waits on them, and at national scale they take seconds.
 */
export const BULK_PEER_TIMEOUT_MS = 60_000;

/** A call to another service that failed: it did not answer in time, or could not be reached. */
export class PeerCallError extends Error {
  constructor(
    /** The service called, e.g. `volunteers`. */
    readonly peer: string,
    readonly url: string,
    /** `timeout` when the deadline passed, `unreachable` when the connection failed. */
    readonly reason: 'timeout' | 'unreachable',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PeerCallError';
  }
}

/**
 * Runs `call` (a fetch and the reading of its body) with a deadline of
 * `timeoutMs`, and a `parent` signal when the caller may give up sooner.
 * Turns the timeout and connection failures into a {@link PeerCallError}
 * naming `peer` and `url`; other errors pass unchanged.
 */
export async function withDeadline<T>(peer: string, url: string, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>, parent?: AbortSignal | null): Promise<T> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = parent ? AbortSignal.any([deadline, parent]) : deadline;
  try {
    return await call(signal);
  } catch (error) {
    if (deadline.aborted) {
      throw new PeerCallError(peer, url, 'timeout', `${peer} (${url}) did not answer within ${timeoutMs} ms`, { cause: error });
    }
    if (error instanceof ServiceUnreachableError) {
      throw new PeerCallError(peer, url, 'unreachable', `${peer} (${url}) could not be reached: ${error.message}`, { cause: error });
    }
    if (error instanceof TypeError && error.message === 'fetch failed') {
      const cause = (error.cause as Error | undefined)?.message ?? 'connection failed';
      throw new PeerCallError(peer, url, 'unreachable', `${peer} (${url}) could not be reached: ${cause}`, { cause: error });
    }
    throw error;
  }
}
