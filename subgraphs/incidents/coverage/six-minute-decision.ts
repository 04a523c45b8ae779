/**
 * Whether one dispatch would be "six-minute ready": given the volunteers
 * dispatch would alert and the AEDs it could send for, does the plan of
 * `selectAlerts` (selection.ts) have
 *
 * - (a) at least N alerts whose ETA is within the limit (six minutes), and
 * - (b) an AED whose ETA (fetched via the route volunteer → AED → patient)
 *   is within the limit?
 *
 * The answer is always `selectAlerts`'s. Coverage asks it for tens of
 * thousands of (place, hour) pairs and a plan with a dozen AEDs in reach
 * costs a few hundred microseconds, so most answers are read off the
 * selection's own rules without building the plan, and the plan is built
 * whenever they do not settle it. What the rules guarantee (selection.ts):
 *
 * 1. Everyone alerted does CPR at the ETA of their straight route, unless
 *    sent for an AED, which only happens along a route that passes
 *    `routeViaAedMeters` (the detour test), never to the nearest volunteer,
 *    to at most `aedFetcherQuota` volunteers and `maxFetchersPerAed` per AED.
 *    A fetcher's ETA is that route's. All ETAs are `routeEtaSeconds`.
 * 2. Among plans, as many fetchers as possible (up to the quota), then the
 *    least total route length.
 *
 * From 1: (a) holds if N alerts are within the limit whatever their task
 * (their slowest route is), and fails if fewer than N are within it even
 * on their quickest route. Without any possible fetch, the plan is all CPR.
 * (b) fails without a fetch route within the limit.
 *
 * From 2, (b) holds when some fetch route e = (v, a) within the limit is
 * shorter than every fetch route beyond it, and either every fetch route of
 * v or every fetch route to a is within the limit. Suppose the plan had no
 * fetch within the limit. Then v is not fetching (all v's routes are within
 * it), or a has no fetcher (all routes to a are). In the first case, a
 * either has room (give it v: one fetcher more, or, at the quota, instead of
 * any other fetcher, a shorter total) or a fetcher w beyond the limit (give
 * a to v instead: as many fetchers, a shorter total). In the second case, v
 * either fetches another AED beyond the limit (send v to a instead) or does
 * not fetch (as before). Each contradicts rule 2, so the plan has a fetch
 * within the limit. "Shorter" keeps a centimetre of margin so that no
 * rounding of route lengths can make it a tie.
 *
 * coverage/six-minute-decision.spec.ts checks every answer against
 * `selectAlerts` on thousands of random maps.
 */
import { aedFetcherQuota, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import type { LatLon } from '../../../common/earth.ts';
import { routeEtaSeconds, selectAlerts, type AlertCandidate, type DispatchableAed } from '../dispatch/selection.ts';

/** One dispatch, as coverage poses it. */
export interface SixMinuteProblem {
  readonly patient: LatLon;
  readonly policy: DispatchPolicy;
  /**
   * The volunteers dispatch would alert: ranked as `rankCandidates` ranks
   * them (nearest first, ties by id), within the radius, at most `maxAlerted`.
   */
  readonly alerted: readonly AlertCandidate[];
  /** The AEDs dispatchable at that hour near the patient; the selection applies its AED circle itself. */
  readonly aeds: readonly DispatchableAed[];
  /** Straight-line distance of each AED from the patient, metres. */
  readonly aedDistances: ArrayLike<number>;
  /**
   * `routeViaAedMeters(patient, alerted[i], aeds[k], policy)` at
   * `[i * aeds.length + k]`, NaN where the route fails the detour test.
   */
  readonly viaMeters: ArrayLike<number>;
  /** Six minutes, in seconds. */
  readonly limitSeconds: number;
  /** N of (a). */
  readonly minimumVolunteers: number;
}

/** The answer for one dispatch. */
export interface SixMinuteOutcome {
  /** (a): at least N alerted volunteers with an ETA within the limit. */
  readonly volunteers: boolean;
  /** (b): an AED with an ETA within the limit. */
  readonly aed: boolean;
  /** Whether `selectAlerts` had to build the plan (for statistics). */
  readonly planned: boolean;
}

/** Route lengths this much shorter than the next can never tie, whatever the rounding. */
const MARGIN_METERS = 0.01;

/** AEDs this close to the edge of the AED circle are left to the selection to place inside or out. */
const CIRCLE_EDGE_METERS = 0.001;

/** What `selectAlerts` plans, as the two answers. */
export function outcomeOfPlan(problem: SixMinuteProblem): SixMinuteOutcome {
  const plan = selectAlerts({ patient: problem.patient, candidates: problem.alerted, aeds: problem.aeds, policy: problem.policy });
  const inTime = plan.alerts.filter((alert) => alert.etaSeconds <= problem.limitSeconds).length;
  return {
    volunteers: inTime >= problem.minimumVolunteers,
    aed: plan.firstAedEtaSeconds !== null && plan.firstAedEtaSeconds <= problem.limitSeconds,
    planned: true,
  };
}

/** The answers of {@link outcomeOfPlan}, read off the selection's rules where they settle them (see the module comment). */
export function decideSixMinutes(problem: SixMinuteProblem): SixMinuteOutcome {
  const { policy, alerted, aeds, viaMeters, limitSeconds, minimumVolunteers } = problem;
  const count = alerted.length;
  const aedCount = aeds.length;
  if (count === 0) return { volunteers: minimumVolunteers <= 0, aed: false, planned: false };

  const inCircle: boolean[] = [];
  for (let k = 0; k < aedCount; k++) {
    const distance = problem.aedDistances[k]!;
    if (Math.abs(distance - policy.aedSearchRadiusMeters) <= CIRCLE_EDGE_METERS) return outcomeOfPlan(problem);
    inCircle.push(distance <= policy.aedSearchRadiusMeters);
  }

  const quota = aedFetcherQuota(policy, count);
  let directInTime = 0;
  let quickestInTime = 0;
  let slowestInTime = 0;
  let anyFetch = false;
  let anyFetchInTime = false;
  let shortestBeyond = Infinity;
  for (let i = 0; i < count; i++) {
    const direct = routeEtaSeconds(policy, alerted[i]!.distanceMeters);
    let quickest = direct;
    let slowest = direct;
    // The nearest volunteer never fetches.
    if (i > 0 && quota > 0) {
      for (let k = 0; k < aedCount; k++) {
        const via = viaMeters[i * aedCount + k]!;
        if (!inCircle[k] || Number.isNaN(via)) continue;
        const eta = routeEtaSeconds(policy, via);
        anyFetch = true;
        if (eta <= limitSeconds) anyFetchInTime = true;
        else shortestBeyond = Math.min(shortestBeyond, via);
        quickest = Math.min(quickest, eta);
        slowest = Math.max(slowest, eta);
      }
    }
    if (direct <= limitSeconds) directInTime++;
    if (quickest <= limitSeconds) quickestInTime++;
    if (slowest <= limitSeconds) slowestInTime++;
  }

  // No fetch possible: everyone does CPR, and there is no AED.
  if (!anyFetch) return { volunteers: directInTime >= minimumVolunteers, aed: false, planned: false };

  let volunteers: boolean | undefined;
  if (slowestInTime >= minimumVolunteers) volunteers = true;
  else if (quickestInTime < minimumVolunteers) volunteers = false;

  let aed: boolean | undefined = anyFetchInTime ? undefined : false;
  if (aed === undefined) {
    // Which volunteers and AEDs have a fetch route beyond the limit.
    const volunteerBeyond = new Uint8Array(count);
    const aedBeyond = new Uint8Array(aedCount);
    for (let i = 1; i < count; i++) {
      for (let k = 0; k < aedCount; k++) {
        const via = viaMeters[i * aedCount + k]!;
        if (inCircle[k] && !Number.isNaN(via) && routeEtaSeconds(policy, via) > limitSeconds) {
          volunteerBeyond[i] = 1;
          aedBeyond[k] = 1;
        }
      }
    }
    search: for (let i = 1; i < count; i++) {
      for (let k = 0; k < aedCount; k++) {
        const via = viaMeters[i * aedCount + k]!;
        if (!inCircle[k] || Number.isNaN(via) || routeEtaSeconds(policy, via) > limitSeconds) continue;
        if (via + MARGIN_METERS < shortestBeyond && (!volunteerBeyond[i] || !aedBeyond[k])) {
          aed = true;
          break search;
        }
      }
    }
  }

  if (volunteers === undefined || aed === undefined) return outcomeOfPlan(problem);
  return { volunteers, aed, planned: false };
}
