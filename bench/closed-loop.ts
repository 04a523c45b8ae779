/**
 * A closed-loop load: `concurrency` workers each send a request, wait for
 * the answer, and send the next, until `requests` were sent or the time is
 * up. Throughput is answers per second of wall-clock time; latency is each
 * request's own time.
 */
import { performance } from 'node:perf_hooks';

export interface ClosedLoopOptions {
  /** Requests in all (the bound on work). */
  requests: number;
  concurrency: number;
  /** Stop sending after this long, even if fewer requests were sent (the bound on time). */
  timeLimitMs: number;
}

export interface ClosedLoopResult {
  /** Milliseconds per successful request. */
  latencies: number[];
  /** Requests that failed, and the first failure's message. */
  errors: number;
  firstError?: string;
  /** Wall-clock seconds from the first request to the last answer. */
  seconds: number;
  /** Successful requests per second. */
  perSecond: number;
}

/** Runs `request(index)` as a closed loop; a thrown error counts as a failed request. */
export async function runClosedLoop(options: ClosedLoopOptions, request: (index: number) => Promise<void>): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = performance.now();
  const deadline = start + options.timeLimitMs;
  const worker = async () => {
    while (next < options.requests && performance.now() < deadline) {
      const index = next++;
      const sent = performance.now();
      try {
        await request(index);
        latencies.push(performance.now() - sent);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { latencies, errors, firstError, seconds, perSecond: latencies.length / seconds };
}
