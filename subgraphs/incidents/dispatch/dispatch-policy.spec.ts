import { describe, expect, it } from 'vitest';
import {
  aedFetcherQuota,
  DEFAULT_DISPATCH_POLICY,
  etaSeconds,
  InvalidDispatchPolicyError,
  PREVIOUS_DEFAULT_OVERRIDES,
  resolveDispatchPolicy,
  validateDispatchPolicy,
  type DispatchPolicy,
} from './dispatch-policy.ts';

function violationsOf(overrides: Record<string, unknown>) {
  try {
    resolveDispatchPolicy(overrides as Partial<DispatchPolicy>);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDispatchPolicyError);
    return (error as InvalidDispatchPolicyError).violations;
  }
  throw new Error('expected the policy to be rejected');
}

describe('DispatchPolicy', () => {
  it('has HartslagNu’s numbers with the simulator’s three settings (docs/dispatch-simulation.md), and they are valid', () => {
    expect(DEFAULT_DISPATCH_POLICY).toEqual({
      radiusMeters: 1000,
      maxAlerted: 30,
      aedShare: 2 / 3,
      aedSearchRadiusMeters: 500,
      aedDetourTolerance: 1,
      speedMetersPerSecond: 2.3,
      detourFactor: 1.3,
      enoughAcceptances: 4,
      alertNextOnDecline: false,
      maxFetchersPerAed: 3,
      smsFallbackSeconds: 20,
      busyPendingSeconds: 120,
      maxEtaSeconds: 0,
    });
    expect(validateDispatchPolicy(DEFAULT_DISPATCH_POLICY)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_DISPATCH_POLICY)).toBe(true);
  });

  it("lays a region's settings over the defaults, ignoring settings left undefined", () => {
    const policy = resolveDispatchPolicy({ radiusMeters: 1300, maxAlerted: 20, alertNextOnDecline: true, detourFactor: undefined });
    expect(policy).toMatchObject({ radiusMeters: 1300, maxAlerted: 20, alertNextOnDecline: true, detourFactor: 1.3, aedShare: 2 / 3 });
  });

  it('keeps the previous default choosable: the 5% detour, one carrier per AED, next on decline, over the same numbers', () => {
    expect(PREVIOUS_DEFAULT_OVERRIDES).toEqual({ aedDetourTolerance: 0.05, maxFetchersPerAed: 1, alertNextOnDecline: true });
    expect(resolveDispatchPolicy(PREVIOUS_DEFAULT_OVERRIDES)).toEqual({ ...DEFAULT_DISPATCH_POLICY, ...PREVIOUS_DEFAULT_OVERRIDES });
  });

  it('explains nonsense values, naming the field, the allowed range and what was given', () => {
    expect(violationsOf({ radiusMeters: -5 })).toEqual([
      {
        field: 'radiusMeters',
        message: 'radiusMeters must be a number from 100 to 10000 (metres around the patient in which volunteers are alerted; 1000 is common); got -5.',
      },
    ]);
    expect(violationsOf({ aedShare: 66 })[0]!.message).toMatch(/aedShare must be a number from 0 to 1 .*not a percentage.*got 66/);
    expect(violationsOf({ aedDetourTolerance: 5 })[0]!.message).toMatch(/0\.05 for 5%/);
    expect(violationsOf({ maxAlerted: 2.5 })[0]!.message).toMatch(/maxAlerted must be a whole number from 1 to 100/);
    expect(violationsOf({ speedMetersPerSecond: 0 })[0]!.field).toBe('speedMetersPerSecond');
    expect(violationsOf({ detourFactor: 0.8 })[0]!.message).toMatch(/detourFactor must be a number from 1 to 3/);
    expect(violationsOf({ maxFetchersPerAed: 0 })[0]!.field).toBe('maxFetchersPerAed');
    expect(violationsOf({ busyPendingSeconds: -1 })[0]!.message).toMatch(/busyPendingSeconds must be a whole number from 0 to 3600 .*not minutes/);
    expect(violationsOf({ busyPendingSeconds: 1.5 })[0]!.field).toBe('busyPendingSeconds');
    expect(violationsOf({ aedSearchRadiusMeters: Number.NaN })[0]!.message).toMatch(/got NaN\.$/);
  });

  it('rejects wrong types from stored JSON', () => {
    expect(violationsOf({ radiusMeters: '1000' })[0]!.message).toMatch(/got "1000"\./);
    expect(violationsOf({ alertNextOnDecline: 'yes' })).toEqual([{ field: 'alertNextOnDecline', message: 'alertNextOnDecline must be true or false; got "yes".' }]);
  });

  it('does not accept more acceptances than alerts', () => {
    expect(violationsOf({ maxAlerted: 3, enoughAcceptances: 4 })).toEqual([
      {
        field: 'enoughAcceptances',
        message: 'enoughAcceptances must be a whole number from 1 to 3 (acceptances after which the rest are stood down; at most maxAlerted); got 4.',
      },
    ]);
  });

  it('rejects unknown settings instead of silently ignoring a typo', () => {
    expect(violationsOf({ radius: 1000 })).toEqual([{ field: 'radius', message: 'radius is not a dispatch policy setting.' }]);
  });

  it('reports every problem at once', () => {
    const violations = violationsOf({ radiusMeters: 0, maxAlerted: 0, speedMetersPerSecond: 50 });
    expect(violations.map((violation) => violation.field)).toEqual(['radiusMeters', 'maxAlerted', 'speedMetersPerSecond']);
    expect(() => resolveDispatchPolicy({ radiusMeters: 0 })).toThrow(/^Invalid dispatch policy: radiusMeters must be/);
  });

  it('rounds the AED quota down so CPR keeps its share', () => {
    expect([1, 2, 3, 5, 30].map((alerted) => aedFetcherQuota(DEFAULT_DISPATCH_POLICY, alerted))).toEqual([0, 1, 2, 3, 20]);
    expect(aedFetcherQuota({ ...DEFAULT_DISPATCH_POLICY, aedShare: 0 }, 30)).toBe(0);
  });

  it('estimates time on foot as metres × detour factor ÷ speed', () => {
    expect(etaSeconds(DEFAULT_DISPATCH_POLICY, 956)).toBeCloseTo(540.35, 2); // the median 956 m of the Swedish study
    expect(etaSeconds({ ...DEFAULT_DISPATCH_POLICY, detourFactor: 1, speedMetersPerSecond: 2 }, 100)).toBe(50);
  });
});

describe('maxEtaSeconds', () => {
  it('is whole seconds from 0 (no limit) to an hour', () => {
    expect(resolveDispatchPolicy({ maxEtaSeconds: 480 }).maxEtaSeconds).toBe(480);
    for (const wrong of [-1, 4.5, 3601]) {
      expect(() => resolveDispatchPolicy({ maxEtaSeconds: wrong })).toThrow(/maxEtaSeconds must be a whole number from 0 to 3600/);
    }
  });
});
