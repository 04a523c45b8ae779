import { describe, expect, it } from 'vitest';
import { unauthenticated } from '../common/errors.ts';
import { ApiClientLockout } from './api-client-lockout.ts';

const CLIENT = '00000000-0000-4000-8000-0000000000a1';

/** A look-up that counts how often it ran (each run is a scrypt in the organization subgraph) and accepts only `secret`. */
function organization(secret: string) {
  const calls = { count: 0 };
  const check = (credential: string) => async () => {
    calls.count++;
    if (credential !== `${CLIENT}.${secret}`) throw unauthenticated('The API client credential is invalid or has been revoked.');
    return 'principal';
  };
  return { calls, check };
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    return String(await promise);
  } catch (error) {
    return (error as { extensions: { code: string } }).extensions.code;
  }
}

describe('API client lockout', () => {
  it('remembers a refused credential: guessing it again costs no look-up', async () => {
    const lockout = new ApiClientLockout();
    const { calls, check } = organization('right');
    const wrong = `${CLIENT}.wrong`;
    expect(await outcome(lockout.attempt(CLIENT, '10.0.0.1', wrong, check(wrong)))).toBe('UNAUTHENTICATED');
    expect(await outcome(lockout.attempt(CLIENT, '10.0.0.2', wrong, check(wrong)))).toBe('UNAUTHENTICATED');
    expect(calls.count).toBe(1);
  });

  it('locks an address out of a client after perClientPerIp failures, and counts parallel guesses before they run', async () => {
    const lockout = new ApiClientLockout({ perClientPerIp: 3 });
    const { calls, check } = organization('right');
    const guesses = Array.from({ length: 10 }, (_, index) => `${CLIENT}.guess-${index}`);
    const outcomes = await Promise.all(guesses.map((guess) => outcome(lockout.attempt(CLIENT, '10.0.0.1', guess, check(guess)))));
    expect(outcomes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(outcomes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(7);
    expect(calls.count).toBe(3);
    // The right secret from the same address waits too; from another address it is checked and accepted.
    const right = `${CLIENT}.right`;
    expect(await outcome(lockout.attempt(CLIENT, '10.0.0.1', right, check(right)))).toBe('RATE_LIMITED');
    expect(await outcome(lockout.attempt(CLIENT, '10.0.0.9', right, check(right)))).toBe('principal');
  });

  it('locks an address out of every client after perIp failures', async () => {
    const lockout = new ApiClientLockout({ perIp: 4, perClientPerIp: 100 });
    const { check } = organization('right');
    for (let index = 0; index < 4; index++) {
      const client = `00000000-0000-4000-8000-00000000000${index}`;
      expect(await outcome(lockout.attempt(client, '10.0.0.1', `${client}.x`, check(`${client}.x`)))).toBe('UNAUTHENTICATED');
    }
    expect(await outcome(lockout.attempt(CLIENT, '10.0.0.1', `${CLIENT}.right`, check(`${CLIENT}.right`)))).toBe('RATE_LIMITED');
  });

  it('under attack from many addresses, gives each failed address no second try, and clean addresses still get in', async () => {
    const lockout = new ApiClientLockout({ perClient: 5, perClientPerIp: 100 });
    const { calls, check } = organization('right');
    for (let index = 0; index < 5; index++) {
      const guess = `${CLIENT}.guess-${index}`;
      expect(await outcome(lockout.attempt(CLIENT, `10.0.1.${index}`, guess, check(guess)))).toBe('UNAUTHENTICATED');
    }
    const again = `${CLIENT}.guess-again`;
    expect(await outcome(lockout.attempt(CLIENT, '10.0.1.0', again, check(again)))).toBe('RATE_LIMITED');
    expect(calls.count).toBe(5);
    const right = `${CLIENT}.right`;
    expect(await outcome(lockout.attempt(CLIENT, '10.0.2.1', right, check(right)))).toBe('principal');
  });

  it('does not count a look-up the organization subgraph could not answer', async () => {
    const lockout = new ApiClientLockout({ perClientPerIp: 1 });
    const outage = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    await expect(lockout.attempt(CLIENT, '10.0.0.1', `${CLIENT}.right`, outage)).rejects.toThrow('ECONNREFUSED');
    await expect(lockout.attempt(CLIENT, '10.0.0.1', `${CLIENT}.right`, outage)).rejects.toThrow('ECONNREFUSED');
  });

  it('answers 429 with Retry-After in whole seconds', async () => {
    const lockout = new ApiClientLockout({ perClientPerIp: 1, windowSeconds: 60 });
    const { check } = organization('right');
    await outcome(lockout.attempt(CLIENT, '10.0.0.1', `${CLIENT}.x`, check(`${CLIENT}.x`)));
    const limited = await lockout.attempt(CLIENT, '10.0.0.1', `${CLIENT}.y`, check(`${CLIENT}.y`)).catch((error: unknown) => error);
    expect(limited).toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60, http: { status: 429, headers: new Map([['retry-after', '60']]) } },
    });
  });
});
