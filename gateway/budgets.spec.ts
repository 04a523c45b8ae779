import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, Role, type Principal } from '../common/auth.ts';
import { Budgets, DEFAULT_BUDGETS } from './budgets.ts';

const budgets = () => new Budgets({ ...DEFAULT_BUDGETS, anonymous: { capacity: 100, perSecond: 10 }, signedIn: { capacity: 100, perSecond: 10 } });
const dispatcher: Principal = { subject: 'cad-1', grants: [{ role: Role.DISPATCHER, scope: 'service-1' }] };
const volunteer: Principal = { subject: 'v-1', grants: [{ role: Role.VOLUNTEER, scope: 'v-1' }] };

function refusal(work: () => unknown): GraphQLError | undefined {
  try {
    work();
  } catch (error) {
    return error as GraphQLError;
  }
  return undefined;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('budgets', () => {
  it('refuses an anonymous address over its budget with the seconds until the bucket can pay', () => {
    vi.useFakeTimers({ now: 0 });
    const guard = budgets();
    expect(refusal(() => guard.charge(ANONYMOUS, '192.0.2.1', 80))).toBeUndefined();
    const refused = refusal(() => guard.charge(ANONYMOUS, '192.0.2.1', 50));
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3 });
    // Another address has its own bucket; after the wait this one pays again.
    expect(refusal(() => guard.charge(ANONYMOUS, '192.0.2.2', 50))).toBeUndefined();
    vi.advanceTimersByTime(3000);
    expect(refusal(() => guard.charge(ANONYMOUS, '192.0.2.1', 50))).toBeUndefined();
  });

  it('never charges a dispatcher or a signed-in person to the address they share with a flood', () => {
    vi.useFakeTimers({ now: 0 });
    const guard = budgets();
    guard.charge(ANONYMOUS, '192.0.2.1', 100);
    expect(refusal(() => guard.charge(ANONYMOUS, '192.0.2.1', 1))?.extensions?.code).toBe('RATE_LIMITED');
    expect(refusal(() => guard.charge(dispatcher, '192.0.2.1', 10_000))).toBeUndefined();
    expect(refusal(() => guard.charge(volunteer, '192.0.2.1', 100))).toBeUndefined();
    expect(refusal(() => guard.charge(volunteer, '192.0.2.1', 1))?.message).toMatch(/this account/);
  });
});
