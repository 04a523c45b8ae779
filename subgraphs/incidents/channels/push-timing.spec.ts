/** The deadline and the times every push service shares. */
import { describe, expect, it } from 'vitest';
import { retryAfterMs, secondsUntil, withDeadline } from './push-timing.ts';

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-06T03:12:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 03:12:45 GMT', now)).toBe(45_000);
    expect(retryAfterMs('Sun, 06 Dec 2026 03:11:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('secondsUntil', () => {
  it('counts whole seconds left, never below zero', () => {
    const now = Date.parse('2026-12-06T03:12:00Z');
    expect(secondsUntil(new Date('2026-12-06T03:22:00.900Z'), now)).toBe(600);
    expect(secondsUntil(new Date('2026-12-06T03:00:00Z'), now)).toBe(0);
  });
});

describe('withDeadline', () => {
  it('gives the outcome in time, or RETRY and an aborted signal when there is none', async () => {
    await expect(withDeadline(1_000, async () => ({ kind: 'SENT' }))).resolves.toEqual({ kind: 'SENT' });
    let signal: AbortSignal | undefined;
    const outcome = await withDeadline(20, (given) => {
      signal = given;
      return new Promise(() => {});
    });
    expect(outcome).toEqual({ kind: 'RETRY', reason: 'no answer within 20 ms' });
    expect(signal?.aborted).toBe(true);
  });
});
