/**
 * The aftercare policy: when the volunteers who went to an Incident hear from
 * us afterwards, and when a person from the aftercare team steps in.
 *
 * Set per security region together with the dispatch policy (one version
 * covers both). As there, a region stores only what it changed and the rest
 * comes from the defaults.
 */
import { checkNumber, unknownSettings, type NumberRule, type PolicyViolation } from '../dispatch/policy-rules.ts';

/** When follow-ups go out and when an unanswered or worrying one is escalated. */
export interface AftercarePolicy {
  /**
   * Seconds after the Incident is closed (or cancelled) until the check-in
   * ("how are you? do you want to talk to someone?"). Denmark surveys 90
   * minutes after the alert.
   */
  readonly checkInDelaySeconds: number;
  /** Seconds after closing until the short questionnaire about what happened (the next day by default). */
  readonly questionnaireDelaySeconds: number;
  /** Seconds after closing until the offer of a debriefing talk (psychological debriefing is offered within 72 h). */
  readonly debriefingOfferDelaySeconds: number;
  /**
   * Seconds a follow-up may stay unanswered before the working group's
   * aftercare contacts are asked to reach out. Silence after a resuscitation
   * is itself a signal.
   */
  readonly escalateUnansweredAfterSeconds: number;
  /** A questionnaire stress level (1 calm … 5 overwhelmed) at or above this escalates at once. */
  readonly distressStressLevel: number;
}

const HOUR = 3600;

/** Denmark's 90-minute check-in, a questionnaire the next day, a debriefing offer within 72 h, escalation after a day of silence. */
export const DEFAULT_AFTERCARE_POLICY: Readonly<AftercarePolicy> = Object.freeze({
  checkInDelaySeconds: 90 * 60,
  questionnaireDelaySeconds: 24 * HOUR,
  debriefingOfferDelaySeconds: 72 * HOUR,
  escalateUnansweredAfterSeconds: 24 * HOUR,
  distressStressLevel: 4,
});

const WEEK = 7 * 24 * HOUR;

// Zero delays are allowed (a region may want the check-in at once); more than a week is no longer aftercare.
const RULES: Record<keyof AftercarePolicy, NumberRule> = {
  checkInDelaySeconds: { min: 0, max: WEEK, integer: true, explain: 'seconds after closing until the check-in; 5400 is 90 minutes' },
  questionnaireDelaySeconds: { min: 0, max: WEEK, integer: true, explain: 'seconds after closing until the questionnaire; 86400 is a day' },
  debriefingOfferDelaySeconds: {
    min: 0,
    max: WEEK,
    integer: true,
    explain: 'seconds after closing until the debriefing offer; 259200 is 72 hours',
  },
  escalateUnansweredAfterSeconds: {
    min: 1,
    max: WEEK,
    integer: true,
    explain: 'seconds a follow-up may stay unanswered before aftercare contacts are asked to step in; 86400 is a day',
  },
  distressStressLevel: { min: 1, max: 5, integer: true, explain: 'stress level from 1 to 5 at which an answer escalates at once; 4 is usual' },
};

/** Thrown by {@link resolveAftercarePolicy}; `violations` lists every problem. */
export class InvalidAftercarePolicyError extends Error {
  constructor(readonly violations: readonly PolicyViolation[]) {
    super(`Invalid aftercare policy: ${violations.map((violation) => violation.message).join(' ')}`);
    this.name = 'InvalidAftercarePolicyError';
  }
}

/** Every reason `policy` cannot be used, or an empty list. */
export function validateAftercarePolicy(policy: AftercarePolicy): PolicyViolation[] {
  return Object.entries(RULES).flatMap(([field, rule]) => checkNumber(field, (policy as unknown as Record<string, unknown>)[field], rule) ?? []);
}

/**
 * A region's complete aftercare policy: its own settings over the defaults.
 *
 * @throws InvalidAftercarePolicyError listing every problem, unknown settings included.
 */
export function resolveAftercarePolicy(overrides: Partial<AftercarePolicy> = {}): AftercarePolicy {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const policy: AftercarePolicy = { ...DEFAULT_AFTERCARE_POLICY, ...defined };
  const violations = [...unknownSettings(overrides, DEFAULT_AFTERCARE_POLICY, 'aftercare policy'), ...validateAftercarePolicy(policy)];
  if (violations.length > 0) throw new InvalidAftercarePolicyError(violations);
  return policy;
}
