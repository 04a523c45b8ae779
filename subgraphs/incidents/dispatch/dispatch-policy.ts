/**
 * The dispatch policy: how many volunteers an Incident alerts, how far out,
 * how many are sent via an AED, and when enough of them are on their way.
 *
 * Each security region sets its own policy. Store only the settings a region
 * changed (a `Partial<DispatchPolicy>`) and resolve them against the defaults
 * at dispatch time, so an improved default reaches every region that never
 * chose otherwise.
 */
import { checkNumber, describeValue, unknownSettings, type NumberRule, type PolicyViolation } from './policy-rules.ts';

/** How a security region alerts volunteers to a suspected cardiac arrest. */
export interface DispatchPolicy {
  /**
   * Volunteers are alerted within this straight-line distance of the patient,
   * in metres. Systems in use: 750–2,000 m (HartslagNu, 1,000 m common), 1.3 km
   * (Sweden), 5 km (Denmark).
   */
  readonly radiusMeters: number;
  /** At most this many volunteers are alerted at once, the nearest first (30 in NL and SE). */
  readonly maxAlerted: number;
  /**
   * Share of the alerted volunteers that should be sent via an AED (HartslagNu
   * aims for ⅔). A target, not a promise: fetching only happens where an AED
   * lies within the detour tolerance of a volunteer's way (see
   * {@link DispatchPolicy.aedDetourTolerance}), and the rest go straight to CPR.
   */
  readonly aedShare: number;
  /** Only AEDs within this distance of the patient, in metres, are fetched (500 m in NL). */
  readonly aedSearchRadiusMeters: number;
  /**
   * A volunteer is sent via an AED only if the straight-line route
   * volunteer → AED → patient is at most `(1 + aedDetourTolerance)` times the
   * straight-line distance volunteer → patient (1: at most twice as long;
   * 0.05: at most 5% longer).
   *
   * HartslagNu explains its rule as "with less than 5% difference the
   * volunteer goes via the AED", which can be read as 0.05. Measured
   * (docs/dispatch-simulation.md), that reading fetches an AED in time in 16%
   * of incidents against 27–39% when any AED in the circle that at most
   * doubles a route may be fetched, for half a point of CPR within four
   * minutes, so the default is 1. A region that wants every fetcher nearly
   * as quick as going straight lowers it.
   */
  readonly aedDetourTolerance: number;
  /** Assumed speed of a dispatched volunteer, in m/s (median 2.3; 1.8 urban, 3.1 rural; Resuscitation 2020). */
  readonly speedMetersPerSecond: number;
  /**
   * Real routes are longer than the straight line by this factor (streets,
   * stairs, fences). ETAs are straight-line distance × factor ÷ speed.
   */
  readonly detourFactor: number;
  /**
   * Once this many volunteers have accepted, the rest are stood down
   * (see `stand-down.ts` for the AED exception). Denmark sends 5 (4 with an
   * AED); 6–8 arriving at once was felt to be chaotic.
   */
  readonly enoughAcceptances: number;
  /** Whether a decline alerts the next nearest volunteer not yet alerted (GoodSAM, Mobile Retter). */
  readonly alertNextOnDecline: boolean;
  /**
   * How many volunteers may be sent to the same AED. One AED needs one
   * carrier, but only about a third of the alerted accept, so sending more
   * than one makes it likelier that someone brings it.
   */
  readonly maxFetchersPerAed: number;
  /**
   * The delivery ladder: an alert pushed to a volunteer's app that the app has
   * not confirmed within this many seconds goes out by SMS too. Volunteers
   * without a device, or who chose SMS always, get the SMS at once.
   */
  readonly smsFallbackSeconds: number;
  /**
   * A volunteer with an unanswered alert for another open Incident younger
   * than this many seconds is not alerted again (busy.ts); one who accepted
   * there never is. 0: only an acceptance keeps a volunteer busy.
   */
  readonly busyPendingSeconds: number;
  /**
   * Only volunteers whose estimated arrival straight at the patient (see
   * {@link etaSeconds}) is at most this many seconds are alerted; 0: no
   * limit. Region der Lebensretter alerts "the fastest who would arrive
   * before the ambulance": with an ambulance due after about 9 minutes and
   * the alert out after one, that is 480.
   */
  readonly maxEtaSeconds: number;
}

/**
 * The policy of a region that changed nothing: HartslagNu's numbers, with the
 * movement figures from Sweden, and the three settings the dispatch simulator
 * chose (docs/dispatch-simulation.md, "The recommended default"): on the
 * national data set this gets an AED to the patient within six minutes in
 * 38.8% of incidents, more than every rule in service and more than twice the
 * previous default (detour 0.05, one carrier per AED, next on decline: 16.4%),
 * at HartslagNu's alert burden. Every region without its own setting gets
 * these values as soon as this is deployed (policies store only overrides).
 */
export const DEFAULT_DISPATCH_POLICY: Readonly<DispatchPolicy> = Object.freeze({
  radiusMeters: 1000,
  maxAlerted: 30,
  aedShare: 2 / 3,
  aedSearchRadiusMeters: 500,
  // Any AED in the circle whose route at most doubles a volunteer's: the 5% reading left most AEDs unfetched.
  aedDetourTolerance: 1,
  speedMetersPerSecond: 2.3,
  detourFactor: 1.3,
  enoughAcceptances: 4,
  // Most alerted volunteers never answer, so a replacement comes late: measured, the alert after a decline
  // added 3.3 alerts per incident for half a point of CPR within 4 minutes. Off keeps HartslagNu's burden.
  alertNextOnDecline: false,
  // About a third accept: one carrier brings the AED 35% of the time, three 73%.
  maxFetchersPerAed: 3,
  // Long enough for a push to wake a sleeping phone and its app to confirm; short next to the minutes that count.
  smsFallbackSeconds: 20,
  // Two minutes: most who answer at all do so by then; someone silent longer has most likely missed the first alert.
  busyPendingSeconds: 120,
  // Nobody within the radius is too slow to help: CPR by anyone before the ambulance arrives counts.
  maxEtaSeconds: 0,
});

/**
 * The default before the simulator's evidence, as the settings a region sets
 * to keep it: the detour rule read as "via the AED at most 5% longer", one
 * carrier per AED, the next nearest alerted after a decline. The comparison
 * table's "Previous default" row (docs/dispatch-simulation.md) was measured
 * with exactly these settings; specs and tests of that rule choose it here.
 */
export const PREVIOUS_DEFAULT_OVERRIDES: Readonly<Partial<DispatchPolicy>> = Object.freeze({
  aedDetourTolerance: 0.05,
  maxFetchersPerAed: 1,
  alertNextOnDecline: true,
});

/** One thing wrong with a dispatch policy, named by its setting so a form can show it next to the field. */
export type DispatchPolicyViolation = PolicyViolation;

/** Thrown by {@link resolveDispatchPolicy}; `violations` lists every problem, not just the first. */
export class InvalidDispatchPolicyError extends Error {
  constructor(readonly violations: readonly DispatchPolicyViolation[]) {
    super(`Invalid dispatch policy: ${violations.map((violation) => violation.message).join(' ')}`);
    this.name = 'InvalidDispatchPolicyError';
  }
}

// Bounds are wide enough for every system in DOMAIN.md and narrow enough to catch
// unit mistakes (kilometres for metres, km/h for m/s, 5 for 5%).
const NUMBER_RULES: Record<Exclude<keyof DispatchPolicy, 'alertNextOnDecline' | 'enoughAcceptances'>, NumberRule> = {
  radiusMeters: { min: 100, max: 10_000, explain: 'metres around the patient in which volunteers are alerted; 1000 is common' },
  maxAlerted: { min: 1, max: 100, integer: true, explain: 'volunteers alerted at once; 30 in NL and SE' },
  aedShare: { min: 0, max: 1, explain: 'share of alerted volunteers sent via an AED, a fraction such as 0.67, not a percentage' },
  aedSearchRadiusMeters: { min: 1, max: 5_000, explain: 'metres around the patient in which AEDs are fetched; 500 in NL' },
  aedDetourTolerance: {
    min: 0,
    max: 1,
    explain: 'how much longer the route via an AED may be than going straight, a fraction such as 0.05 for 5% or 1 for twice as long',
  },
  speedMetersPerSecond: { min: 0.5, max: 10, explain: 'assumed speed in metres per second, not km/h; 2.3 is the measured median' },
  detourFactor: { min: 1, max: 3, explain: 'real route length ÷ straight-line distance; 1.3 is typical in towns' },
  maxFetchersPerAed: { min: 1, max: 10, integer: true, explain: 'volunteers sent to the same AED; 3 is the default, since only about a third accept' },
  smsFallbackSeconds: { min: 1, max: 300, integer: true, explain: 'seconds an unconfirmed push waits before the SMS goes out; 20 is the default' },
  busyPendingSeconds: {
    min: 0,
    max: 3_600,
    integer: true,
    explain: 'seconds an unanswered alert elsewhere keeps a volunteer from being alerted again, in seconds, not minutes; 120 is the default',
  },
  maxEtaSeconds: {
    min: 0,
    max: 3_600,
    integer: true,
    explain: 'the slowest estimated arrival still alerted, in seconds, not minutes; 0 for no limit',
  },
};

/**
 * Every reason `policy` cannot be used, or an empty list when it is sound.
 * Checks runtime types too, since a policy usually arrives as stored JSON.
 */
export function validateDispatchPolicy(policy: DispatchPolicy): DispatchPolicyViolation[] {
  const violations: DispatchPolicyViolation[] = [];
  for (const [field, rule] of Object.entries(NUMBER_RULES)) {
    const violation = checkNumber(field, (policy as unknown as Record<string, unknown>)[field], rule);
    if (violation) violations.push(violation);
  }
  // The upper bound depends on maxAlerted: demanding more acceptances than alerts would never stand anyone down.
  const maxAlerted = Number.isInteger(policy.maxAlerted) && policy.maxAlerted >= 1 ? policy.maxAlerted : NUMBER_RULES.maxAlerted.max;
  const enough = checkNumber('enoughAcceptances', policy.enoughAcceptances, {
    min: 1,
    max: maxAlerted,
    integer: true,
    explain: 'acceptances after which the rest are stood down; at most maxAlerted',
  });
  if (enough) violations.push(enough);
  if (typeof policy.alertNextOnDecline !== 'boolean') {
    violations.push({
      field: 'alertNextOnDecline',
      message: `alertNextOnDecline must be true or false; got ${describeValue(policy.alertNextOnDecline)}.`,
    });
  }
  return violations;
}

/**
 * A region's complete policy: its own settings over the defaults.
 *
 * @param overrides the settings the region changed; unknown names are rejected
 *   rather than ignored, because a misspelt setting silently doing nothing is
 *   worse than an error.
 * @throws InvalidDispatchPolicyError listing every problem.
 */
export function resolveDispatchPolicy(overrides: Partial<DispatchPolicy> = {}): DispatchPolicy {
  const unknown = unknownSettings(overrides, DEFAULT_DISPATCH_POLICY, 'dispatch policy');
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const policy: DispatchPolicy = { ...DEFAULT_DISPATCH_POLICY, ...defined };
  const violations = [...unknown, ...validateDispatchPolicy(policy)];
  if (violations.length > 0) throw new InvalidDispatchPolicyError(violations);
  return policy;
}

/**
 * How many of `alertedCount` volunteers may be sent via an AED: the
 * {@link DispatchPolicy.aedShare} rounded down, so that CPR, which must start
 * first, never loses its share to rounding (one alerted volunteer always does CPR).
 */
export function aedFetcherQuota(policy: DispatchPolicy, alertedCount: number): number {
  // The epsilon keeps 2/3 × 3 from rounding down to 1 through floating point.
  return Math.max(0, Math.floor(policy.aedShare * alertedCount + 1e-9));
}

/**
 * The SMS fallback delay of a policy as stored with an Incident: policies
 * stored before the delivery ladder existed do not name it and get the default.
 */
export function smsFallbackSecondsOf(policy: Partial<Pick<DispatchPolicy, 'smsFallbackSeconds'>>): number {
  return policy.smsFallbackSeconds ?? DEFAULT_DISPATCH_POLICY.smsFallbackSeconds;
}

/** Estimated seconds to cover `straightLineMeters` on foot under `policy` (straight line × detour factor ÷ speed). */
export function etaSeconds(policy: DispatchPolicy, straightLineMeters: number): number {
  return (straightLineMeters * policy.detourFactor) / policy.speedMetersPerSecond;
}
