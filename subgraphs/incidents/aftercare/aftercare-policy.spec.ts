import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTERCARE_POLICY, InvalidAftercarePolicyError, resolveAftercarePolicy, validateAftercarePolicy } from './aftercare-policy.ts';

describe('AftercarePolicy', () => {
  it('checks in after 90 minutes, asks the next day, offers a talk within 72 h and escalates after a day of silence', () => {
    expect(DEFAULT_AFTERCARE_POLICY).toEqual({
      checkInDelaySeconds: 5400,
      questionnaireDelaySeconds: 86_400,
      debriefingOfferDelaySeconds: 259_200,
      escalateUnansweredAfterSeconds: 86_400,
      distressStressLevel: 4,
    });
    expect(validateAftercarePolicy(DEFAULT_AFTERCARE_POLICY)).toEqual([]);
  });

  it('lays a region’s settings over the defaults', () => {
    expect(resolveAftercarePolicy({ checkInDelaySeconds: 2, escalateUnansweredAfterSeconds: undefined })).toMatchObject({
      checkInDelaySeconds: 2,
      escalateUnansweredAfterSeconds: 86_400,
    });
  });

  it('lists every problem, unknown settings included', () => {
    try {
      resolveAftercarePolicy({ checkInDelaySeconds: -1, distressStressLevel: 6, checkInAfter: 5 } as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidAftercarePolicyError);
      expect((error as InvalidAftercarePolicyError).violations.map((violation) => violation.field)).toEqual(['checkInAfter', 'checkInDelaySeconds', 'distressStressLevel']);
      expect((error as InvalidAftercarePolicyError).violations[0]!.message).toBe('checkInAfter is not an aftercare policy setting.');
    }
  });

  it('refuses an escalation time of zero: silence needs some time to mean something', () => {
    expect(validateAftercarePolicy({ ...DEFAULT_AFTERCARE_POLICY, escalateUnansweredAfterSeconds: 0 })[0]!.field).toBe('escalateUnansweredAfterSeconds');
  });
});
