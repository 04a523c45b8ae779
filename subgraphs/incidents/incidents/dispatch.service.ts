/**
 * Dispatch: ask the volunteers and AEDs subgraphs who and what is within
 * reach right now, let `selectAlerts` choose and give tasks, and commit the
 * alerts. Also alerting the next nearest volunteer after a decline.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { newTimeOrderedId } from '../../../common/ids.ts';
import type { Logger } from '../../../common/logger.ts';
import { observeDispatch } from '../../../common/metrics.ts';
import { markPhase } from '../../../common/phases.ts';
import { insertIncidentAlerts, type NewIncidentAlert, type WrittenAlerts } from '../alerts/alert-writes.ts';
import { recordIncidentEvents, type NewIncidentEvent } from './incident-events.ts';
import { AlertStatus, AlertTask } from '../alerts/alert.entity.ts';
import { alertInstruction, composeAlertText } from '../channels/alert-text.ts';
import { catalogueLanguage } from '../channels/messages.ts';
import type { Language } from '../../../common/language.ts';
import { busyElsewhere, type AlertElsewhere, type BusyElsewhere } from '../dispatch/busy.ts';
import { DEFAULT_DISPATCH_POLICY, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { currentPolicy, type RegionPolicy } from '../dispatch/dispatch-policy.service.ts';
import { lockFeeds, offerAlertFrames } from '../alerts/feeds.ts';
import { IncidentEventKind } from './incident-event.entity.ts';
import { IncidentStatus } from './incident.entity.ts';
import type { IncidentRow } from './incident.service.ts';
import type { PeerAlertCandidate, PeerDispatchableAed, PeerQueries } from '../peers.ts';
import { asSentAlert } from '../alerts/response.service.ts';
import { nextToAlert, selectAlerts, type AlertCandidate, type DispatchableAed, type PlannedAlert } from '../dispatch/selection.ts';
import { sql, statement, type SqlQuery } from '../../../common/sql.ts';

/** At most this many AEDs are considered (all within the small AED circle in practice). */
const AED_LIMIT = 50;

/** Where the patient is and what the alert text says. */
export interface DispatchSite {
  latitude: number;
  longitude: number;
  address: string;
}

/** Who is within reach now, as the peers answered. */
export interface Reach {
  candidates: PeerAlertCandidate[];
  aeds: PeerDispatchableAed[];
}

const CLAIMED_ELSEWHERE = statement(
  'incidents.claimed-elsewhere',
  `select a.volunteer_id::text as volunteer_id, a.task, a.aed_id::text as aed_id, a.status, extract(epoch from now() - a.created_at)::float8 as age_seconds
   from incidents.alert a join incidents.incident i on i.id = a.incident_id
   where a.status in ('PENDING', 'ACCEPTED', 'ON_SCENE') and i.status = 'OPEN' and i.id is distinct from ?`,
);

/**
 * The volunteers and AEDs other open Incidents have claimed (busy.ts). The
 * aeds subgraph only stands an AED down after use, so until then this is
 * what keeps two Incidents close together from sending for the same AED; and
 * a volunteer on their way to one is not alerted for the other. The query
 * starts from the open Incidents (partial index incident_open_idx) and reads
 * their alerts by the (incident_id, volunteer_id) key, so it stays small
 * however many alerts history holds.
 */
async function claimedElsewhere(em: EntityManager, incidentId: string | null, busyPendingSeconds: number): Promise<BusyElsewhere> {
  const rows = await sql<{ volunteer_id: string; task: 'CPR' | 'FETCH_AED'; aed_id: string | null; status: AlertElsewhere['status']; age_seconds: number }>(
    em.fork(),
    CLAIMED_ELSEWHERE,
    [incidentId],
  );
  return busyElsewhere(
    rows.map((row) => ({ volunteerId: row.volunteer_id, task: row.task, aedId: row.aed_id, status: row.status, ageSeconds: Number(row.age_seconds) })),
    { busyPendingSeconds },
  );
}

/** Runs the read of who is busy elsewhere once (common/database.ts `warmDispatchLane`). */
export async function warmClaimedElsewhere(query: SqlQuery): Promise<void> {
  await query(CLAIMED_ELSEWHERE, [null]);
}

/** What the peers are asked, as a policy sets it. */
export interface ReachSearch {
  radiusMeters: number;
  /** Volunteers wanted, none of them busy elsewhere. */
  candidateLimit: number;
  /** 0 when the policy sends nobody via an AED. */
  aedSearchRadiusMeters: number;
  busyPendingSeconds: number;
}

/** The search a policy makes, for at most `candidateLimit` volunteers (default: as many as it alerts). */
export function reachSearchOf(policy: DispatchPolicy, candidateLimit = policy.maxAlerted): ReachSearch {
  return {
    radiusMeters: policy.radiusMeters,
    candidateLimit,
    aedSearchRadiusMeters: policy.aedShare > 0 ? policy.aedSearchRadiusMeters : 0,
    // Incidents reported before the setting existed carry a policy snapshot without it.
    busyPendingSeconds: policy.busyPendingSeconds ?? DEFAULT_DISPATCH_POLICY.busyPendingSeconds,
  };
}

export function isSameSearch(a: ReachSearch, b: ReachSearch): boolean {
  return (
    a.radiusMeters === b.radiusMeters &&
    a.candidateLimit === b.candidateLimit &&
    a.aedSearchRadiusMeters === b.aedSearchRadiusMeters &&
    a.busyPendingSeconds === b.busyPendingSeconds
  );
}

/** The most volunteers the volunteers subgraph gives in one search. */
const MAX_CANDIDATES = 1_000;

/**
 * Asks the peers who and what is within reach of the patient at `at`,
 * leaving out the volunteers and AEDs busy with another open Incident
 * (`incidentId` is this one's, null before it exists).
 *
 * Who is busy is read while the peers are asked, not before, so the rule
 * costs dispatch no time: the volunteers subgraph is asked for twice the
 * volunteers wanted, enough for the next nearest to take the places of
 * everyone a neighbouring Incident alerted. Only when more are busy than
 * that (three Incidents in one street) is it asked once more, for as many
 * more as are busy. The nearest `candidateLimit` who are not busy are
 * kept, so the plan is the same as if the busy had never been there.
 */
export async function findReach(
  peers: PeerQueries,
  em: EntityManager,
  site: DispatchSite,
  search: ReachSearch,
  incidentId: string | null,
  at = new Date(),
  /** Names the phases of this search (the Incident being reported, before it exists). */
  markKey: string | undefined = incidentId ?? undefined,
): Promise<Reach> {
  const ask = (limit: number) => peers.alertCandidates(site.latitude, site.longitude, search.radiusMeters, limit, at);
  const asked = Math.min(search.candidateLimit * 2, MAX_CANDIDATES);
  const [found, aeds, busy] = await Promise.all([
    ask(asked).then((found) => (markPhase('incidents', 'reach.candidates', markKey, { found: found.length }), found)),
    search.aedSearchRadiusMeters > 0
      ? peers
          .dispatchableAeds(site.latitude, site.longitude, search.aedSearchRadiusMeters, AED_LIMIT, at)
          .then((aeds) => (markPhase('incidents', 'reach.aeds', markKey, { found: aeds.length }), aeds))
      : [],
    claimedElsewhere(em, incidentId, search.busyPendingSeconds).then((busy) => (markPhase('incidents', 'reach.busy', markKey), busy)),
  ]);
  const free = (candidates: PeerAlertCandidate[]) => candidates.filter((candidate) => !busy.volunteers.has(candidate.volunteerId));
  let candidates = free(found);
  if (candidates.length < search.candidateLimit && found.length === asked && asked < MAX_CANDIDATES) {
    candidates = free(await ask(Math.min(search.candidateLimit + busy.volunteers.size, MAX_CANDIDATES)));
  }
  return { candidates: candidates.slice(0, search.candidateLimit), aeds: aeds.filter((aed) => !busy.aeds.has(aed.aedId)) };
}

/** Who is in reach, asked before knowing the patient's region (see {@link findReachAhead}). */
export interface ReachAhead {
  /** The current policy of each region asked about, read afresh; empty if they could not be read. */
  policies: Promise<Map<string, RegionPolicy>>;
  /** The search made and what it found; undefined when none was made or the peers could not be asked. */
  searched: Promise<{ search: ReachSearch; reach: Reach } | undefined>;
}

/**
 * The search each region's policy made when this process last read it: the
 * guess with which {@link findReachAhead} asks at once. A guess only: what
 * it found is used only if the policy read afresh makes the same search.
 */
const lastSearchOf = new Map<string, ReachSearch>();

async function readPolicies(em: EntityManager, regionIds: readonly string[]): Promise<Map<string, RegionPolicy>> {
  const policies = new Map<string, RegionPolicy>();
  for (const policy of await Promise.all(regionIds.map((regionId) => currentPolicy(em, regionId)))) {
    policies.set(policy.securityRegionId, policy);
    lastSearchOf.set(policy.securityRegionId, reachSearchOf(policy.dispatch));
  }
  return policies;
}

/**
 * Asks who is in reach while the organisation subgraph is still saying in
 * which security region the patient lies, so that the two questions take the
 * time of one. The search is that of the policies of `regionIds` (the
 * regions the reporting services serve) when they all make the same one, as
 * they do when a service serves one region: as last read, or else as read
 * now. The caller uses the answer only if the patient's region's policy, read
 * afresh (`policies`), makes that same search, and asks again otherwise.
 * Never fails: whatever went wrong here is met again, and handled, when asked
 * the usual way.
 */
export function findReachAhead(
  peers: PeerQueries,
  em: EntityManager,
  site: DispatchSite,
  regionIds: readonly string[],
  logger?: Logger,
  /** Names the phases of this search (the Incident about to be reported). */
  markKey?: string,
): ReachAhead {
  const search = (searches: (ReachSearch | undefined)[]) => {
    const [first] = searches;
    return first && searches.every((other) => other && isSameSearch(other, first)) ? first : undefined;
  };
  const known = regionIds.map((regionId) => lastSearchOf.get(regionId));
  // The candidate search is the longest stretch of a report: when the guess is known it is
  // asked before anything else (the policies' read, the locate call, the retry check), so that
  // the volunteers subgraph has it first. Only a first report after a start waits for the policies.
  let searched: Promise<{ search: ReachSearch; reach: Reach } | undefined>;
  let policies: Promise<Map<string, RegionPolicy>>;
  if (known.every((guess) => guess !== undefined)) {
    const guess = search(known);
    searched = guess ? findReach(peers, em, site, guess, null, new Date(), markKey).then((reach) => ({ search: guess, reach })) : Promise.resolve(undefined);
    policies = readPolicies(em, regionIds);
  } else {
    policies = readPolicies(em, regionIds);
    searched = policies.then(async (read) => {
      const guess = search(regionIds.map((regionId) => read.get(regionId) && reachSearchOf(read.get(regionId)!.dispatch)));
      return guess ? { search: guess, reach: await findReach(peers, em, site, guess, null, new Date(), markKey) } : undefined;
    });
  }
  searched = searched.catch((error: unknown) => {
    logger?.warn({ err: error }, 'asking ahead who is in reach failed; asking again once located');
    return undefined;
  });
  return { policies: policies.catch(() => new Map<string, RegionPolicy>()), searched };
}

function selectionInput(site: DispatchSite, reach: Reach, policy: DispatchPolicy) {
  const candidates: AlertCandidate[] = reach.candidates.map((candidate) => ({
    volunteerId: candidate.volunteerId,
    lat: candidate.latitude,
    lon: candidate.longitude,
    distanceMeters: candidate.distanceMeters,
    positionKind: candidate.positionKind,
  }));
  const aeds: DispatchableAed[] = reach.aeds.map((aed) => ({ aedId: aed.aedId, lat: aed.latitude, lon: aed.longitude }));
  return { patient: { lat: site.latitude, lon: site.longitude }, candidates, aeds, policy };
}

/** An alert's texts: what the app shows, and the SMS (null when no SMS can hold it). */
interface AlertTexts {
  message: string;
  smsText: string | null;
}

/** The texts of one task in one language; alerts of a plan that share them share one composition. */
function composeTexts(site: DispatchSite, task: PlannedAlert['task'], aed: PeerDispatchableAed | undefined, language: Language): AlertTexts {
  const text = {
    task,
    address: site.address,
    aed: aed && { address: aed.address, location: aed.locationDescription, cabinetCode: aed.cabinetCode },
  };
  let smsText: string | null;
  try {
    smsText = composeAlertText(text, language);
  } catch {
    // A text too long for any SMS (an absurd cabinet code) must not stop the app alert.
    smsText = null;
  }
  return { message: alertInstruction(text, language), smsText };
}

/**
 * Turns a planned alert into the row to insert, with its texts for the app
 * and for SMS. `texts` holds the texts this plan composed already: every CPR
 * alert in one language reads the same, and so do those sent to one AED, so
 * thirty alerts need a few compositions, not thirty (2 ms of a report's path).
 */
function toNewAlert(site: DispatchSite, planned: PlannedAlert, reach: Reach, texts: Map<string, AlertTexts>): NewIncidentAlert {
  const candidate = reach.candidates.find((item) => item.volunteerId === planned.volunteerId)!;
  const aed = planned.task === 'FETCH_AED' ? reach.aeds.find((item) => item.aedId === planned.aedId)! : undefined;
  const language = catalogueLanguage(candidate.language);
  const key = `${language} ${planned.task} ${aed?.aedId ?? ''}`;
  let composed = texts.get(key);
  if (!composed) {
    composed = composeTexts(site, planned.task, aed, language);
    texts.set(key, composed);
  }
  return {
    id: newTimeOrderedId(),
    volunteerId: planned.volunteerId,
    task: planned.task === 'FETCH_AED' ? AlertTask.FETCH_AED : AlertTask.CPR,
    aedId: aed?.aedId ?? null,
    aedLocation: aed ? { lat: aed.latitude, lon: aed.longitude } : null,
    cabinetCode: aed?.cabinetCode ?? null,
    message: composed.message,
    smsText: candidate.phone ? composed.smsText : null,
    phone: candidate.phone,
    language,
    municipalityId: candidate.municipalityId,
    associationIds: candidate.associationIds,
    positionKind: candidate.positionKind,
    rank: planned.rank,
    directDistanceMeters: planned.directDistanceMeters,
    distanceMeters: planned.distanceMeters,
    etaSeconds: planned.etaSeconds,
    route: planned.route,
  };
}

/** The alerts to send for a newly reported Incident: the selection's plan as rows to insert. */
export function planAlerts(site: DispatchSite, reach: Reach, policy: DispatchPolicy): NewIncidentAlert[] {
  const texts = new Map<string, AlertTexts>();
  return selectAlerts(selectionInput(site, reach, policy)).alerts.map((planned) => toNewAlert(site, planned, reach, texts));
}

/**
 * Commits the planned alerts of an Incident (in a transaction holding the
 * feed lock), after the timeline entries `before`; records NOBODY_AVAILABLE
 * when nobody was in reach. Returns the alerts inserted, as stored, and
 * their frames (to offer the feeds once committed: offerAlertFrames).
 */
export async function commitDispatch(tx: EntityManager, incidentId: string, alerts: readonly NewIncidentAlert[], before: readonly NewIncidentEvent[] = []): Promise<WrittenAlerts> {
  if (alerts.length === 0) {
    await recordIncidentEvents(tx, incidentId, [...before, { kind: IncidentEventKind.NOBODY_AVAILABLE }]);
    return { alerts: [], frames: [] };
  }
  const written = await insertIncidentAlerts(tx, incidentId, alerts, before);
  if (written.alerts.length === 0) await recordIncidentEvents(tx, incidentId, [{ kind: IncidentEventKind.NOBODY_AVAILABLE }]);
  return written;
}

/**
 * The DISPATCH job: alerts an Incident that could not be dispatched when it
 * was reported. Does nothing when it was dispatched meanwhile or has ended;
 * throws (so the job is retried) while a peer is still unreachable.
 */
export async function dispatchLater(em: EntityManager, peers: PeerQueries, incidentId: string): Promise<void> {
  const load = async (tx: EntityManager, lock: boolean) =>
    (await sql<IncidentRow>(tx, `select * from incidents.incident where id = ?${lock ? ' for update' : ''}`, [incidentId]))[0];
  const before = await load(em.fork(), false);
  if (!before || before.status !== IncidentStatus.OPEN || before.dispatched_at || before.exclusions.length > 0) return;
  const policy = before.policy.dispatch;
  const reach = await findReach(peers, em, before, reachSearchOf(policy), incidentId);
  const dispatched = await em.fork().transactional(async (tx) => {
    const incident = await load(tx, true);
    if (!incident || incident.status !== IncidentStatus.OPEN || incident.dispatched_at) return undefined;
    await sql(tx, 'update incidents.incident set dispatched_at = now() where id = ?', [incidentId]);
    await lockFeeds(tx);
    const planned = planAlerts(incident, reach, policy);
    return { planned: planned.length, written: await commitDispatch(tx, incidentId, planned) };
  });
  if (dispatched === undefined) return;
  offerAlertFrames(dispatched.written.frames);
  observeDispatch('delayed', (Date.now() - new Date(before.created_at).getTime()) / 1000, dispatched.planned);
}

/**
 * The ALERT_NEXT job after a decline: alerts the next nearest volunteer not
 * yet alerted for the Incident, if the policy still wants one (see
 * `nextToAlert`). Runs at most once per declined alert (`replacement_sought`),
 * so a retried job never alerts two replacements.
 */
export async function alertNext(em: EntityManager, peers: PeerQueries, declinedAlertId: string, logger: Logger): Promise<void> {
  const [declined] = await sql<{ incident_id: string; replacement_sought: boolean }>(em.fork(), 'select incident_id, replacement_sought from incidents.alert where id = ?', [
    declinedAlertId,
  ]);
  if (!declined || declined.replacement_sought) return;
  const [incident] = await sql<IncidentRow>(em.fork(), 'select * from incidents.incident where id = ?', [declined.incident_id]);
  if (!incident || incident.status !== IncidentStatus.OPEN) return;
  const policy = incident.policy.dispatch;
  const alertedCount = await sql<{ count: string }>(em.fork(), 'select count(*) from incidents.alert where incident_id = ?', [incident.id]);
  const reach = await findReach(peers, em, incident, reachSearchOf(policy, Math.min(Number(alertedCount[0]!.count) + policy.maxAlerted, 200)), incident.id);

  const written = await em.fork().transactional(async (tx) => {
    const [locked] = await sql<{ status: IncidentStatus }>(tx, 'select status from incidents.incident where id = ? for update', [incident.id]);
    const [still] = await sql<{ replacement_sought: boolean }>(tx, 'select replacement_sought from incidents.alert where id = ?', [declinedAlertId]);
    if (locked!.status !== IncidentStatus.OPEN || still!.replacement_sought) return;
    await sql(tx, 'update incidents.alert set replacement_sought = true where id = ?', [declinedAlertId]);
    const sent = await sql<{ volunteer_id: string; task: 'CPR' | 'FETCH_AED'; aed_id: string | null; status: AlertStatus }>(
      tx,
      'select volunteer_id, task, aed_id, status from incidents.alert where incident_id = ?',
      [incident.id],
    );
    const next = nextToAlert(selectionInput(incident, reach, policy), sent.map(asSentAlert));
    if (!next) {
      logger.debug({ incidentId: incident.id }, 'no next volunteer to alert after a decline');
      return;
    }
    await lockFeeds(tx);
    return insertIncidentAlerts(tx, incident.id, [toNewAlert(incident, next, reach, new Map())]);
  });
  if (written) offerAlertFrames(written.frames);
}
