/**
 * Who is alerted to an Incident, and with which task: the pure heart of
 * dispatch. No clock, no database, no randomness: the same input always gives
 * the same plan, so a retried dispatch (or a replay in a test) alerts the same
 * people with the same tasks.
 *
 * What the plan optimises, in order:
 * 1. CPR starts as soon as possible. Volunteers are alerted nearest first, and
 *    the nearest one always goes straight to the patient: they decide when
 *    compressions start, and fetching costs more than the walk (finding the
 *    cabinet, entering the code) which no distance test can see.
 * 2. As many AEDs as possible are on their way. About a third of alerted
 *    volunteers accept (Kragh, DK), so each extra fetcher is another chance
 *    that an AED arrives at all: two fetchers give 58%, one gives 35%.
 * 3. Among plans with that many AEDs, the least total route length via the
 *    AEDs, so they arrive as early as possible.
 *
 * Fetching is only offered where the route via the AED passes the detour test
 * (see {@link DispatchPolicy.aedDetourTolerance}). That test keeps each of a
 * volunteer's possible routes within the tolerance of their direct distance,
 * so maximising the number of AEDs (2) can delay any single AED by at most
 * that tolerance compared with choosing greedily.
 */
import { aedFetcherQuota, etaSeconds, type DispatchPolicy } from './dispatch-policy.ts';
import { distanceMeters, isValidLatLon, type LatLon } from '../../../common/earth.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import { assignMaximumAtMinimumCost, type AssignmentOption } from './assignment.ts';

/** What an alerted volunteer is asked to do. */
export type Task = 'CPR' | 'FETCH_AED';

/** A volunteer who may be alerted: on duty, certified, and the nearest ones found for this patient. */
export interface AlertCandidate extends LatLon {
  readonly volunteerId: string;
  /** Straight-line distance to the patient in metres, as the candidate search measured it. */
  readonly distanceMeters: number;
  readonly positionKind: PositionKind;
}

/** An AED that can be fetched right now: active, accessible at this hour, not already in use. */
export interface DispatchableAed extends LatLon {
  readonly aedId: string;
}

/** Everything a dispatch decision depends on. */
export interface SelectionInput {
  readonly patient: LatLon;
  readonly candidates: readonly AlertCandidate[];
  readonly aeds: readonly DispatchableAed[];
  readonly policy: DispatchPolicy;
}

/** One straight stretch of a route. */
export interface RouteLeg {
  readonly from: LatLon;
  readonly to: LatLon;
  /** Straight-line length, rounded to whole metres. */
  readonly meters: number;
}

interface PlannedAlertBase {
  readonly volunteerId: string;
  readonly positionKind: PositionKind;
  /** 1 for the candidate nearest to the patient, 2 for the next, and so on. */
  readonly rank: number;
  /** Straight-line distance volunteer → patient in metres, rounded. */
  readonly directDistanceMeters: number;
  /** The legs to walk: one for CPR, two (to the AED, then to the patient) for FETCH_AED. */
  readonly route: readonly RouteLeg[];
  /** Straight-line length of the whole route in metres, rounded. */
  readonly distanceMeters: number;
  /** Estimated seconds to reach the patient: route length × detour factor ÷ speed, rounded. */
  readonly etaSeconds: number;
}

/** An alert asking the volunteer to go straight to the patient and start CPR. */
export interface CprAlert extends PlannedAlertBase {
  readonly task: 'CPR';
}

/** An alert asking the volunteer to fetch an AED first, then go to the patient. */
export interface FetchAedAlert extends PlannedAlertBase {
  readonly task: 'FETCH_AED';
  readonly aedId: string;
}

/** One alert to send. */
export type PlannedAlert = CprAlert | FetchAedAlert;

/** The outcome of a selection. */
export interface DispatchPlan {
  /** The alerts to send, nearest volunteer first. */
  readonly alerts: readonly PlannedAlert[];
  /** Earliest estimated arrival of anyone (everyone can start CPR), or null when nobody is alerted. */
  readonly firstArrivalEtaSeconds: number | null;
  /** Earliest estimated arrival of an AED, or null when no AED is fetched. */
  readonly firstAedEtaSeconds: number | null;
}

/** Where an alert already sent stands; input to {@link nextToAlert}. */
export interface SentAlert {
  readonly volunteerId: string;
  readonly task: Task;
  readonly aedId?: string | null;
  /** PENDING: no answer yet. STOOD_DOWN: told not to come. */
  readonly response: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'STOOD_DOWN';
}

/** Floating-point slack for the detour test, so a route exactly on the limit passes. */
const EPSILON_METERS = 1e-6;

/** Plain string comparison, so the order never depends on the server's locale. */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The candidates that may be alerted, nearest first (ties by volunteer id),
 * within the radius and, when the policy sets {@link DispatchPolicy.maxEtaSeconds},
 * no slower than that to the patient, one entry per volunteer (their nearest position).
 * Entries with unusable data are skipped rather than failing the whole
 * dispatch: one bad record must not keep help from the patient.
 */
export function rankCandidates(candidates: readonly AlertCandidate[], policy: DispatchPolicy): AlertCandidate[] {
  const nearest = new Map<string, AlertCandidate>();
  for (const candidate of candidates) {
    const usable =
      typeof candidate.volunteerId === 'string' &&
      candidate.volunteerId !== '' &&
      Number.isFinite(candidate.distanceMeters) &&
      candidate.distanceMeters >= 0 &&
      candidate.distanceMeters <= policy.radiusMeters &&
      // Older stored policies have no maxEtaSeconds: no limit, as before.
      !(policy.maxEtaSeconds > 0 && routeEtaSeconds(policy, candidate.distanceMeters) > policy.maxEtaSeconds) &&
      isValidLatLon(candidate);
    if (!usable) continue;
    const known = nearest.get(candidate.volunteerId);
    if (!known || candidate.distanceMeters < known.distanceMeters) nearest.set(candidate.volunteerId, candidate);
  }
  return [...nearest.values()].sort((a, b) => a.distanceMeters - b.distanceMeters || byString(a.volunteerId, b.volunteerId));
}

/** The AEDs inside the AED search circle around the patient, by id, each once. */
export function aedsInReach(patient: LatLon, aeds: readonly DispatchableAed[], policy: DispatchPolicy): DispatchableAed[] {
  const byId = new Map<string, DispatchableAed>();
  for (const aed of aeds) {
    if (typeof aed.aedId !== 'string' || aed.aedId === '' || !isValidLatLon(aed)) continue;
    if (distanceMeters(aed, patient) <= policy.aedSearchRadiusMeters + EPSILON_METERS) byId.set(aed.aedId, aed);
  }
  return [...byId.values()].sort((a, b) => byString(a.aedId, b.aedId));
}

/**
 * Straight-line length of the route volunteer → AED → patient, or undefined
 * when it fails the detour test: longer than `(1 + aedDetourTolerance)` × the
 * volunteer's direct distance.
 */
export function routeViaAedMeters(patient: LatLon, candidate: AlertCandidate, aed: LatLon, policy: DispatchPolicy): number | undefined {
  const meters = distanceMeters(candidate, aed) + distanceMeters(aed, patient);
  const limit = (1 + policy.aedDetourTolerance) * candidate.distanceMeters;
  return meters <= limit + EPSILON_METERS ? meters : undefined;
}

/**
 * The estimated arrival of a route in whole seconds (straight line × detour
 * factor ÷ speed, rounded): the `etaSeconds` of every planned alert, and what
 * six-minute coverage compares with six minutes.
 */
export function routeEtaSeconds(policy: DispatchPolicy, straightLineMeters: number): number {
  return Math.round(etaSeconds(policy, straightLineMeters));
}

function plan(patient: LatLon, candidate: AlertCandidate, rank: number, policy: DispatchPolicy, aed?: DispatchableAed): PlannedAlert {
  const volunteer: LatLon = { lat: candidate.lat, lon: candidate.lon };
  const base = {
    volunteerId: candidate.volunteerId,
    positionKind: candidate.positionKind,
    rank,
    directDistanceMeters: Math.round(candidate.distanceMeters),
  };
  if (!aed) {
    return {
      ...base,
      task: 'CPR',
      route: [{ from: volunteer, to: patient, meters: Math.round(candidate.distanceMeters) }],
      distanceMeters: Math.round(candidate.distanceMeters),
      etaSeconds: routeEtaSeconds(policy, candidate.distanceMeters),
    };
  }
  const aedPosition: LatLon = { lat: aed.lat, lon: aed.lon };
  const toAed = distanceMeters(volunteer, aedPosition);
  const toPatient = distanceMeters(aedPosition, patient);
  return {
    ...base,
    task: 'FETCH_AED',
    aedId: aed.aedId,
    route: [
      { from: volunteer, to: aedPosition, meters: Math.round(toAed) },
      { from: aedPosition, to: patient, meters: Math.round(toPatient) },
    ],
    distanceMeters: Math.round(toAed + toPatient),
    etaSeconds: routeEtaSeconds(policy, toAed + toPatient),
  };
}

function summarise(alerts: PlannedAlert[]): DispatchPlan {
  const etas = alerts.map((alert) => alert.etaSeconds);
  const aedEtas = alerts.filter((alert) => alert.task === 'FETCH_AED').map((alert) => alert.etaSeconds);
  return {
    alerts,
    firstArrivalEtaSeconds: etas.length > 0 ? Math.min(...etas) : null,
    firstAedEtaSeconds: aedEtas.length > 0 ? Math.min(...aedEtas) : null,
  };
}

/**
 * Chooses whom to alert for an Incident and gives each a task.
 *
 * - Up to `maxAlerted` candidates within `radiusMeters`, nearest first (ties by volunteer id).
 * - Up to ⌊`aedShare` × alerted⌋ of them get FETCH_AED, each for an AED inside
 *   `aedSearchRadiusMeters` of the patient whose route passes the detour test,
 *   each AED fetched by at most `maxFetchersPerAed`; never the nearest volunteer.
 * - Which volunteer fetches which AED: as many AEDs as possible, then the
 *   least total route length, then (for ties) farther volunteers fetch so
 *   nearer ones go straight to the patient.
 * - Everyone else gets CPR.
 *
 * @throws Error when the patient's position is unusable (nothing sensible can be planned).
 */
export function selectAlerts(input: SelectionInput): DispatchPlan {
  const { patient, policy } = input;
  if (!isValidLatLon(patient)) throw new Error(`The patient's position is not a valid latitude/longitude: ${JSON.stringify(patient)}.`);
  const alerted = rankCandidates(input.candidates, policy).slice(0, policy.maxAlerted);
  const aeds = aedsInReach(patient, input.aeds, policy);

  const options: AssignmentOption[] = [];
  // Index 0 is the nearest volunteer, who always does CPR.
  alerted.forEach((candidate, index) => {
    if (index === 0) return;
    aeds.forEach((aed, right) => {
      const via = routeViaAedMeters(patient, candidate, aed, policy);
      if (via === undefined) return;
      // Whole millimetres keep sums exact. On equal length the farther volunteer
      // fetches (the nearer one keeps CPR), then the later one in the ranking, then the AED with the lower id.
      options.push({
        left: index,
        right,
        cost: [Math.round(via * 1000), -Math.round(candidate.distanceMeters * 1000), -index, right],
      });
    });
  });
  const chosen = assignMaximumAtMinimumCost({
    leftCount: alerted.length,
    rightCapacity: aeds.map(() => policy.maxFetchersPerAed),
    options,
    maxPairs: aedFetcherQuota(policy, alerted.length),
  });
  const aedFor = new Map(chosen.map((option) => [option.left, aeds[option.right]!]));
  return summarise(alerted.map((candidate, index) => plan(patient, candidate, index + 1, policy, aedFor.get(index))));
}

/**
 * Whom to alert after a decline, or null when nobody should be.
 *
 * Call it once per decline, after recording the decline in `sent`; when
 * several declines arrive together, add each returned alert to `sent` before
 * the next call. Nobody who was ever alerted for this Incident is alerted
 * again, whatever they answered.
 *
 * Returns null when the policy does not alert on declines, enough volunteers
 * have accepted, `maxAlerted` volunteers are still active, or no candidate
 * within the radius is left.
 *
 * The newcomer fetches an AED when fetchers are below the quota for the new
 * number of active alerts and an AED inside the search circle has a free slot
 * and passes the detour test for them (the shortest such route, ties by AED
 * id); this is how an AED left behind by a declining fetcher finds a new
 * carrier. Otherwise the newcomer goes straight to CPR. Fetchers per AED are
 * counted from `sent`, so `input.aeds` should still list the AEDs this
 * Incident's own alerts have reserved.
 */
export function nextToAlert(input: SelectionInput, sent: readonly SentAlert[]): PlannedAlert | null {
  const { patient, policy } = input;
  if (!policy.alertNextOnDecline || !isValidLatLon(patient)) return null;
  const active = sent.filter((alert) => alert.response === 'PENDING' || alert.response === 'ACCEPTED');
  const accepted = active.filter((alert) => alert.response === 'ACCEPTED').length;
  if (accepted >= policy.enoughAcceptances || active.length >= policy.maxAlerted) return null;

  const everAlerted = new Set(sent.map((alert) => alert.volunteerId));
  const ranked = rankCandidates(input.candidates, policy);
  const index = ranked.findIndex((candidate) => !everAlerted.has(candidate.volunteerId));
  if (index < 0) return null;
  const candidate = ranked[index]!;

  const fetchersPerAed = new Map<string, number>();
  for (const alert of active) {
    if (alert.task === 'FETCH_AED' && alert.aedId) fetchersPerAed.set(alert.aedId, (fetchersPerAed.get(alert.aedId) ?? 0) + 1);
  }
  const fetchers = [...fetchersPerAed.values()].reduce((sum, count) => sum + count, 0);
  let best: { aed: DispatchableAed; meters: number } | undefined;
  if (fetchers < aedFetcherQuota(policy, active.length + 1)) {
    for (const aed of aedsInReach(patient, input.aeds, policy)) {
      if ((fetchersPerAed.get(aed.aedId) ?? 0) >= policy.maxFetchersPerAed) continue;
      const meters = routeViaAedMeters(patient, candidate, aed, policy);
      // AEDs come sorted by id and only a strictly shorter route replaces the best, so ties go to the lower id.
      if (meters !== undefined && (!best || meters < best.meters)) best = { aed, meters };
    }
  }
  return plan(patient, candidate, index + 1, policy, best?.aed);
}

/**
 * The task of a volunteer who has just accepted, for a rule that gives tasks
 * at acceptance rather than with the alert: the n-th acceptor gets
 * `acceptanceTasks[n - 1]`, and CPR after the end of the list (Hjerteløber:
 * the first four to accept fetch AEDs, the fifth goes straight; Region der
 * Lebensretter: two CPR, then one AED). A fetcher gets the AED inside the AED
 * circle with a free place (fetchers counted among those who accepted) whose
 * route passes the detour test and is shortest, ties by AED id; with none, CPR.
 *
 * Call it before recording the acceptance in `sent`. Used by the dispatch
 * simulator; live dispatch gives tasks with the alert.
 */
export function taskAtAcceptance(input: SelectionInput, acceptanceTasks: readonly Task[], sent: readonly SentAlert[], volunteerId: string): PlannedAlert {
  const { patient, policy } = input;
  const ranked = rankCandidates(input.candidates, policy);
  const index = ranked.findIndex((candidate) => candidate.volunteerId === volunteerId);
  if (index < 0) throw new Error(`Volunteer ${volunteerId} is not among the candidates.`);
  const candidate = ranked[index]!;
  const accepted = sent.filter((alert) => alert.response === 'ACCEPTED' && alert.volunteerId !== volunteerId);
  if ((acceptanceTasks[accepted.length] ?? 'CPR') === 'CPR') return plan(patient, candidate, index + 1, policy);
  const fetchersPerAed = new Map<string, number>();
  for (const alert of accepted) {
    if (alert.task === 'FETCH_AED' && alert.aedId) fetchersPerAed.set(alert.aedId, (fetchersPerAed.get(alert.aedId) ?? 0) + 1);
  }
  let best: { aed: DispatchableAed; meters: number } | undefined;
  for (const aed of aedsInReach(patient, input.aeds, policy)) {
    if ((fetchersPerAed.get(aed.aedId) ?? 0) >= policy.maxFetchersPerAed) continue;
    const meters = routeViaAedMeters(patient, candidate, aed, policy);
    if (meters !== undefined && (!best || meters < best.meters)) best = { aed, meters };
  }
  return plan(patient, candidate, index + 1, policy, best?.aed);
}
