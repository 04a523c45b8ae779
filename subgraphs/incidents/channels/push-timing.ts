/**
 * Time in push: the per-request deadline every push service keeps (a push
 * service that hangs must answer `RETRY` in time, so the delivery ladder
 * moves on to the SMS rather than wait with it), the wait a service asks
 * for, and the time an alert has left.
 */
import type { PushOutcome } from './push.ts';

/**
 * `send`'s outcome, or `RETRY` once `ms` have passed without one. The signal
 * aborts the request that is still running, so nothing lingers.
 */
export async function withDeadline(ms: number, send: (signal: AbortSignal) => Promise<PushOutcome>): Promise<PushOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PushOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ kind: 'RETRY', reason: `no answer within ${ms} ms` });
    }, ms);
  });
  try {
    return await Promise.race([send(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds from now until `expiresAt`, never negative (0: deliver now or never). */
export function secondsUntil(expiresAt: Date, now = Date.now()): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000));
}

/**
 * A Retry-After header (seconds, or an HTTP date) in milliseconds from now;
 * undefined when absent or unreadable.
 */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
