/**
 * An Incident's life: reported by a dispatch centre (idempotent per service
 * and dispatch reference), dispatched, and ended by closing (with an
 * outcome) or cancelling. Ending stands down whoever is still alerted,
 * schedules aftercare for those who went, and has every fetched AED stood
 * down until checked.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, ambulanceServicesServing, regionsServedBy, requireRole, scopesOf, type Principal } from '../../../common/auth.ts';
import { badInput, conflict, forbidden, notFound, serviceUnavailable } from '../../../common/errors.ts';
import { newTimeOrderedId } from '../../../common/ids.ts';
import type { Logger } from '../../../common/logger.ts';
import { observeDispatch } from '../../../common/metrics.ts';
import { markPhase } from '../../../common/phases.ts';
import { requireIncidentAccess } from '../access.ts';
import { scheduleAftercare } from '../aftercare/aftercare.service.ts';
import {
  ACTIVE_STATUSES,
  ALERT_ARGS,
  alertArgs,
  alertWrites,
  recordAlertUpdates,
  standDownAlerts,
  writtenOf,
  type AlertWritesRow,
  type NewIncidentAlert,
  type WrittenAlerts,
} from '../alerts/alert-writes.ts';
import { recordIncidentEvents, type NewIncidentEvent } from './incident-events.ts';
import { type Alert, AlertStatus, AlertTask, AlertUpdateKind, StandDownReason } from '../alerts/alert.entity.ts';
import { PositionKind } from '../../../common/position-kind.ts';
import { currentPolicy } from '../dispatch/dispatch-policy.service.ts';
import { commitDispatch, findReach, findReachAhead, isSameSearch, planAlerts, reachSearchOf } from './dispatch.service.ts';
import { expectAlertFrames, FEED_LOCK, lockFeeds, offerAlertFrames } from '../alerts/feeds.ts';
import { burstsWritten } from '../../../common/websocket-bursts.ts';
import { checkCallTime, checkReport, isSameReport, type CheckedReport, type IncidentReport } from './incident-report.ts';
import { IncidentEventKind } from './incident-event.entity.ts';
import { Incident, type IncidentExclusion, IncidentOutcome, IncidentStatus, type PolicySnapshot } from './incident.entity.ts';
import { addJob, addJobs, Job } from '../jobs.ts';
import type { PeerQueries } from '../peers.ts';
import { sql, statement, toDate, toOptionalDate, uuidArray, type SqlQuery } from '../../../common/sql.ts';

/** What reporting needs from the request. */
export interface ReportContext {
  em: EntityManager;
  principal: Principal;
  peers: PeerQueries;
  logger?: Logger;
  /**
   * Told the alerts a new report committed, as stored: the answer to the
   * dispatcher shows them without reading them again while the same
   * process is sending their frames.
   */
  written?: (incidentId: string, alerts: readonly Alert[]) => void;
}

async function findIncident(em: EntityManager, id: string): Promise<Incident> {
  const incident = await em.fork().findOne(Incident, { id });
  if (!incident) throw notFound('Incident', id);
  return incident;
}

/** A retry answers with the stored Incident; another report under the same reference is a CONFLICT. */
function sameOrConflict(incident: Incident, report: CheckedReport): Incident {
  if (isSameReport(incident, report)) return incident;
  throw conflict(`Dispatch reference ${report.dispatchReference} was already used for another incident of this ambulance service, at ${incident.address}.`, {
    incidentId: incident.id,
  });
}

/** The ambulance service the report is made for: given, or the caller's only service serving the region. */
function chooseService(principal: Principal, report: CheckedReport, regionId: string): string {
  const serving = ambulanceServicesServing(principal, regionId);
  if (report.ambulanceServiceId) {
    if (!serving.includes(report.ambulanceServiceId)) {
      throw forbidden('Ambulance service ' + report.ambulanceServiceId + ' does not serve the security region of this position.');
    }
    return report.ambulanceServiceId;
  }
  if (serving.length === 0) throw forbidden('None of your ambulance services serves the security region of this position.');
  if (serving.length > 1) throw badInput('Several of your ambulance services serve this region: give ambulanceServiceId.', { field: 'ambulanceServiceId' });
  return serving[0]!;
}

/**
 * Inserts the Incident and, when it went in, takes the feed lock in the same
 * round trip. The lock is correlated to the inserted row, so it is taken
 * after the insert, as every feed writer takes its incident's row first
 * (lockFeeds); a concurrent duplicate that finds the row takes no lock.
 */
const INSERT_INCIDENT = statement(
  'incidents.insert-incident',
  `with inserted as (${insertIncident()})
   select inserted.* from inserted cross join lateral (select ${FEED_LOCK} where inserted.id is not null) as feed_lock`,
);

/** The Incident's insert, its values as `?` parameters in the order {@link incidentValues} gives them; nothing when the service's reference is taken. */
function insertIncident(): string {
  return `insert into incidents.incident (id, ambulance_service_id, dispatch_reference, security_region_id, municipality_id, latitude, longitude,
                                     address, call_received_at, exclusions, policy_version, policy, reported_by, dispatched_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?::jsonb, ?, case when ? then now() end)
     on conflict (ambulance_service_id, dispatch_reference) do nothing
     returning *`;
}

/**
 * A new report's whole write in one statement, outside any transaction (the
 * statement is its own), so a dispatch commits in one round trip: the
 * Incident and, only if it went in, the feed lock, then its alerts with
 * everything that goes with them (alert-writes.ts `alertWrites`). `args`
 * has its row only once `feed_lock` has taken the lock, and every write
 * after the Incident reads `args`, so no feed cursor is drawn before the
 * lock is held; the lock comes after the Incident's row, as every feed
 * writer takes its incident's row first (lockFeeds).
 */
const REPORT_DISPATCHED = statement(
  'incidents.report-dispatched',
  `with inserted as (${insertIncident()}),
   feed_lock as (select i.id, ${FEED_LOCK} from inserted i),
   args as (select l.id as incident_id, ${ALERT_ARGS} from feed_lock l),
   incident as (select * from inserted),
   ${alertWrites('(select row_to_json(i) from inserted i) as incident')}`,
);

/**
 * Runs the statements of a report's own write once (common/database.ts
 * `warmDispatchLane`, in a transaction rolled back after): the retry check,
 * and the write of an Incident of no ambulance service with one alert by app
 * and SMS to nobody. Its alert, frame, timeline, NOTIFYs and delivery jobs
 * are what the connection must have met once: the foreign keys' checks, the
 * triggers and `add_jobs` are planned by each connection on first use too.
 * Rolled back, it leaves nothing but a gap in the feeds' cursors.
 */
export async function warmReportWrite(query: SqlQuery): Promise<void> {
  await query(EARLIER_REPORTS, [uuidArray([]), 'warm-up']);
  const incident = [
    newTimeOrderedId(),
    newTimeOrderedId(),
    'warm-up',
    newTimeOrderedId(),
    newTimeOrderedId(),
    0,
    0,
    'warm-up',
    new Date().toISOString(),
    '{}',
    0,
    '{}',
    'warm-up',
    true,
  ];
  const alert: NewIncidentAlert = {
    id: newTimeOrderedId(),
    volunteerId: newTimeOrderedId(),
    task: AlertTask.CPR,
    aedId: null,
    aedLocation: null,
    cabinetCode: null,
    message: 'warm-up',
    smsText: 'warm-up',
    phone: '+31600000000',
    language: 'en',
    municipalityId: newTimeOrderedId(),
    associationIds: [],
    positionKind: PositionKind.HOME,
    rank: 1,
    directDistanceMeters: 0,
    distanceMeters: 0,
    etaSeconds: 0,
    route: [],
  };
  await query(REPORT_DISPATCHED, [...incident, ...alertArgs([alert], [{ kind: IncidentEventKind.REPORTED, detail: 'warm-up' }])]);
}

/** The incident table's row, as raw SQL returns it (timestamps as text, common/sql.ts). */
export interface IncidentRow {
  id: string;
  ambulance_service_id: string;
  dispatch_reference: string;
  security_region_id: string;
  municipality_id: string;
  latitude: number;
  longitude: number;
  address: string;
  call_received_at: string | Date;
  exclusions: IncidentExclusion[];
  status: IncidentStatus;
  policy_version: number;
  policy: PolicySnapshot;
  dispatched_at: string | Date | null;
  ambulance_arrived_at: string | Date | null;
  outcome: IncidentOutcome | null;
  closed_at: string | Date | null;
  cancel_reason: string | null;
  cancelled_at: string | Date | null;
  reported_by: string;
  created_at: string | Date;
}

/** The Incident of a row as its insert returned it: the report's answer, without the ORM's hydration (0.8 ms of the thread the frames need). */
function incidentOfRow(row: IncidentRow): Incident {
  return Object.assign(new Incident(), {
    id: row.id,
    ambulanceServiceId: row.ambulance_service_id,
    dispatchReference: row.dispatch_reference,
    securityRegionId: row.security_region_id,
    municipalityId: row.municipality_id,
    latitude: row.latitude,
    longitude: row.longitude,
    address: row.address,
    callReceivedAt: toDate(row.call_received_at),
    exclusions: row.exclusions,
    status: row.status,
    policyVersion: row.policy_version,
    policy: row.policy,
    dispatchedAt: toOptionalDate(row.dispatched_at),
    ambulanceArrivedAt: toOptionalDate(row.ambulance_arrived_at),
    outcome: row.outcome ?? null,
    closedAt: toOptionalDate(row.closed_at),
    cancelReason: row.cancel_reason ?? null,
    cancelledAt: toOptionalDate(row.cancelled_at),
    reportedBy: row.reported_by,
    createdAt: toDate(row.created_at),
  });
}

/** A report already stored under the reference, for any of the services (the retry check, before anything is written). */
const EARLIER_REPORTS = statement('incidents.earlier-reports', 'select id from incidents.incident where ambulance_service_id = any(?::uuid[]) and dispatch_reference = ?');

/**
 * Reports an Incident and alerts volunteers.
 *
 * Order of work, so that bad input writes nothing and a retry alerts nobody
 * twice: check the input; answer a retry from what is stored (while the
 * organization subgraph is already asked where the position is); check the
 * dispatcher serves that region; ask the peers who is within reach; then, in one
 * transaction, insert the Incident (`ON CONFLICT DO NOTHING` on the service's
 * reference: of concurrent duplicates exactly one inserts, the others return
 * its Incident) together with its alerts, timeline, NOTIFYs and SMS jobs.
 * When volunteers or AEDs cannot be asked, the Incident is still stored and a
 * job dispatches it as soon as they answer.
 */
export async function reportIncident(context: ReportContext, input: IncidentReport): Promise<Incident> {
  const received = performance.now();
  // Known from the start, so that every phase of this report carries it (a retry answers with the stored one instead).
  const incidentId = newTimeOrderedId();
  markPhase('incidents', 'report.received', incidentId);
  const { em, principal, peers } = context;
  requireRole(principal, Role.DISPATCHER);
  const report = checkReport(input);
  const myServices = scopesOf(principal, Role.DISPATCHER);
  if (report.ambulanceServiceId && !myServices.includes(report.ambulanceServiceId)) {
    throw forbidden(`You are not a dispatcher of ambulance service ${report.ambulanceServiceId}.`);
  }
  const services = report.ambulanceServiceId ? [report.ambulanceServiceId] : myServices;
  // Who is in reach, and where the patient is, asked at once and together: a new report
  // needs both, and a retry simply ignores them. The search goes first: it takes longest.
  const regionIds = regionsServedBy(principal, services);
  const ahead = report.exclusions.length === 0 ? findReachAhead(peers, em, report, regionIds, context.logger, incidentId) : undefined;
  const locating = peers.locate(report.latitude, report.longitude).then(
    (found) => ({ found }),
    (error: unknown) => ({ error }),
  );
  // Nearly every report is new: a prepared statement says so without building an ORM query on the way to the alerts.
  const stored = await sql<{ id: string }>(em.fork(), EARLIER_REPORTS, [uuidArray(services), report.dispatchReference]);
  const earlier = stored.length === 0 ? [] : await em.fork().find(Incident, { id: { $in: stored.map((row) => row.id) } });
  if (earlier.length > 1) throw badInput('This reference exists for several of your ambulance services: give ambulanceServiceId.');
  if (earlier.length === 1) return sameOrConflict(earlier[0]!, report);

  checkCallTime(report.callReceivedAt);
  const located = await locating;
  markPhase('incidents', 'report.located', incidentId);
  if ('error' in located) {
    context.logger?.error({ err: located.error }, 'locate failed');
    throw serviceUnavailable('The organisation service cannot say where this position lies; retry the report (it is idempotent).');
  }
  const location = located.found;
  if (!location) throw badInput('The position lies in no municipality taking part in the programme.', { field: 'location' });
  const ambulanceServiceId = chooseService(principal, report, location.securityRegionId);
  const policy = (await ahead?.policies)?.get(location.securityRegionId) ?? (await currentPolicy(em, location.securityRegionId));
  const snapshot: PolicySnapshot = { dispatch: policy.dispatch, aftercare: policy.aftercare };

  let alerts: NewIncidentAlert[] | undefined;
  if (report.exclusions.length === 0) {
    try {
      const search = reachSearchOf(policy.dispatch);
      const searched = await ahead?.searched;
      const reach = searched && isSameSearch(searched.search, search) ? searched.reach : await findReach(peers, em, report, search, null, new Date(), incidentId);
      alerts = planAlerts(report, reach, policy.dispatch);
      markPhase('incidents', 'report.planned', incidentId, { alerts: alerts.length });
    } catch (error) {
      context.logger?.error({ err: error, incidentId }, 'volunteers or AEDs could not be asked; dispatching in the background');
    }
  }

  const incidentValues = [
    incidentId,
    ambulanceServiceId,
    report.dispatchReference,
    location.securityRegionId,
    location.municipalityId,
    report.latitude,
    report.longitude,
    report.address,
    report.callReceivedAt.toISOString(),
    `{${report.exclusions.join(',')}}`,
    policy.version,
    JSON.stringify(snapshot),
    principal.subject,
    alerts !== undefined,
  ];
  const reported = { kind: IncidentEventKind.REPORTED, detail: `policy version ${policy.version}` };
  let written: WrittenAlerts = { alerts: [], frames: [] };
  let inserted: IncidentRow | undefined;
  // The volunteers' feeds served here wait for these frames' offers rather than read them back for their NOTIFYs.
  const offered = alerts && alerts.length > 0 ? expectAlertFrames(alerts.map((alert) => alert.volunteerId)) : undefined;
  try {
    if (alerts && alerts.length > 0) {
      // The common case, in one round trip: what lies before this mark is planning.
      markPhase('incidents', 'report.transaction', incidentId);
      const [result] = await sql<AlertWritesRow & { incident: IncidentRow | null }>(em.fork(), REPORT_DISPATCHED, [...incidentValues, ...alertArgs(alerts, [reported])]);
      inserted = result?.incident ?? undefined;
      if (inserted) written = writtenOf(result!);
    } else {
      inserted = await em.fork().transactional(async (tx) => writeReport(tx, incidentId, incidentValues, report.exclusions, alerts, reported));
    }
    // PostgreSQL sends the transaction's NOTIFYs as it commits: from here the volunteers' feeds are woken.
    markPhase('incidents', 'report.committed', incidentId, { inserted: inserted ? 1 : 0 });
    if (inserted) {
      if (alerts) observeDispatch('immediate', (performance.now() - received) / 1000, alerts.length);
      // Committed: the volunteers' apps served here get their frames now, the rest as the NOTIFY wakes them.
      offerAlertFrames(written.frames);
      // Offered: the NOTIFYs the feeds heard meanwhile are handled now, not after the burst (finally ends it on any failure).
      offered?.();
      // The frames reach the gateway before the dispatcher's answer is composed: the volunteers run, the dispatcher reads.
      await burstsWritten();
      context.written?.(incidentId, written.alerts);
      // The row as inserted is the answer: read back, it would cost a round trip while the frames go out.
      return incidentOfRow(inserted);
    }
  } finally {
    offered?.();
  }
  // A concurrent duplicate won the race: answer with its Incident.
  const winner = await em.fork().findOneOrFail(Incident, { ambulanceServiceId, dispatchReference: report.dispatchReference });
  return sameOrConflict(winner, report);
}

/**
 * A report's write in a transaction, when it has no alerts to write: excluded
 * from dispatch, nobody in reach, or the peers could not be asked (a job then
 * dispatches it as soon as they answer).
 */
async function writeReport(
  tx: EntityManager,
  incidentId: string,
  incidentValues: unknown[],
  exclusions: readonly IncidentExclusion[],
  alerts: readonly NewIncidentAlert[] | undefined,
  reported: NewIncidentEvent,
): Promise<IncidentRow | undefined> {
  // The transaction has begun: what lies before this mark is the wait for a pool connection and BEGIN.
  markPhase('incidents', 'report.transaction', incidentId);
  const [row] = await sql<IncidentRow>(tx, INSERT_INCIDENT, incidentValues);
  if (!row) return undefined;
  markPhase('incidents', 'report.feeds-locked', incidentId);
  if (exclusions.length > 0) {
    await recordIncidentEvents(tx, incidentId, [reported, { kind: IncidentEventKind.EXCLUDED, detail: exclusions.join(', ') }]);
  } else if (alerts) {
    await commitDispatch(tx, incidentId, alerts, [reported]);
  } else {
    await recordIncidentEvents(tx, incidentId, [reported, { kind: IncidentEventKind.DISPATCH_DELAYED }]);
    await addJob(tx, Job.DISPATCH, { incidentId }, { jobKey: `dispatch:${incidentId}` });
  }
  markPhase('incidents', 'report.written', incidentId);
  return row;
}

interface EndingAlert {
  id: string;
  volunteer_id: string;
  status: AlertStatus;
  task: 'CPR' | 'FETCH_AED';
  aed_id: string | null;
  accepted_at: string | null;
}

/**
 * Ends an open Incident in one transaction: `end` sets its new status; then
 * alerts are stood down or told it closed, aftercare is scheduled for
 * everyone who accepted, fetched AEDs are queued to be stood down, and phone
 * numbers (kept only to match SMS replies) are cleared.
 */
async function endIncident(
  em: EntityManager,
  principal: Principal,
  incidentId: string,
  end: (tx: EntityManager) => Promise<{ event: IncidentEventKind; detail: string; standDown: readonly AlertStatus[]; reason: StandDownReason }>,
): Promise<Incident> {
  const before = await findIncident(em, incidentId);
  requireIncidentAccess(principal, before.ambulanceServiceId);
  await em.fork().transactional(async (tx) => {
    const [incident] = await sql<{ status: IncidentStatus; policy: PolicySnapshot }>(tx, 'select status, policy from incidents.incident where id = ? for update', [incidentId]);
    if (incident!.status !== IncidentStatus.OPEN) throw conflict(`The incident was already ${incident!.status.toLowerCase()}.`, { status: incident!.status });
    const { event, detail, standDown, reason } = await end(tx);
    const endedAt = new Date();
    const alerts = await sql<EndingAlert>(tx, 'select id, volunteer_id, status, task, aed_id, accepted_at from incidents.alert where incident_id = ? order by rank', [incidentId]);
    await lockFeeds(tx);
    await recordIncidentEvents(tx, incidentId, [{ kind: event, detail }]);
    await standDownAlerts(
      tx,
      incidentId,
      alerts.filter((alert) => standDown.includes(alert.status)).map((alert) => alert.id),
      reason,
    );
    const stillGoing = alerts.filter((alert) => ACTIVE_STATUSES.includes(alert.status) && !standDown.includes(alert.status));
    await recordAlertUpdates(
      tx,
      stillGoing.map((alert) => ({ alertId: alert.id, kind: AlertUpdateKind.INCIDENT_CLOSED })),
    );
    const wentOut = alerts.filter((alert) => alert.accepted_at !== null);
    await scheduleAftercare(
      tx,
      incident!.policy,
      wentOut.map((alert) => alert.id),
      endedAt,
    );
    const fetchedAeds = new Set(wentOut.filter((alert) => alert.task === 'FETCH_AED' && alert.aed_id).map((alert) => alert.aed_id!));
    await addJobs(
      tx,
      [...fetchedAeds].map((aedId) => ({ job: Job.STAND_DOWN_AED, payload: { aedId, incidentId }, jobKey: `stand-down-aed:${incidentId}:${aedId}` })),
    );
    await sql(tx, 'update incidents.alert set phone = null where incident_id = ?', [incidentId]);
  });
  return findIncident(em, incidentId);
}

/**
 * Closes an open Incident with its outcome. Volunteers who had not answered
 * are stood down; those on their way or on scene are told it closed.
 */
export async function closeIncident(em: EntityManager, principal: Principal, incidentId: string, outcome: IncidentOutcome): Promise<Incident> {
  return endIncident(em, principal, incidentId, async (tx) => {
    await sql(tx, `update incidents.incident set status = 'CLOSED', outcome = ?, closed_at = now() where id = ?`, [outcome, incidentId]);
    return { event: IncidentEventKind.CLOSED, detail: outcome, standDown: [AlertStatus.PENDING], reason: StandDownReason.INCIDENT_CLOSED };
  });
}

export const MAX_CANCEL_REASON_LENGTH = 500;

/** Cancels an open Incident (e.g. not a cardiac arrest after all): everyone still alerted is stood down. */
export async function cancelIncident(em: EntityManager, principal: Principal, incidentId: string, reason: string): Promise<Incident> {
  const why = reason.trim();
  if (why === '' || why.length > MAX_CANCEL_REASON_LENGTH) throw badInput(`reason must be 1 to ${MAX_CANCEL_REASON_LENGTH} characters.`, { field: 'reason' });
  return endIncident(em, principal, incidentId, async (tx) => {
    await sql(tx, `update incidents.incident set status = 'CANCELLED', cancel_reason = ?, cancelled_at = now() where id = ?`, [why, incidentId]);
    return { event: IncidentEventKind.CANCELLED, detail: why, standDown: ACTIVE_STATUSES, reason: StandDownReason.INCIDENT_CANCELLED };
  });
}

/**
 * Records when the ambulance arrived (once; recording the same again changes
 * nothing), also after the incident was closed: a dispatch system often learns
 * the crew's arrival from the ambulance's own status messages, after the
 * dispatcher closed the incident, and outcome statistics can only say "before
 * the ambulance" for incidents whose arrival is known. Not for a cancelled
 * incident, and never after the close.
 */
export async function recordAmbulanceArrival(em: EntityManager, principal: Principal, incidentId: string, at: Date): Promise<Incident> {
  const before = await findIncident(em, incidentId);
  requireIncidentAccess(principal, before.ambulanceServiceId);
  if (Number.isNaN(at.getTime()) || at.getTime() > Date.now() + 5 * 60_000) throw badInput('at must not lie in the future.', { field: 'at' });
  if (at < before.callReceivedAt) throw badInput('The ambulance cannot arrive before the call was received.', { field: 'at' });
  await em.fork().transactional(async (tx) => {
    const [incident] = await sql<{ status: IncidentStatus; ambulance_arrived_at: string | null; closed_at: string | null }>(
      tx,
      'select status, ambulance_arrived_at, closed_at from incidents.incident where id = ? for update',
      [incidentId],
    );
    if (incident!.status === IncidentStatus.CANCELLED) throw conflict('The incident was already cancelled.');
    if (incident!.closed_at && at > new Date(incident!.closed_at)) {
      throw badInput('The ambulance cannot arrive after the incident was closed.', { field: 'at', closedAt: new Date(incident!.closed_at).toISOString() });
    }
    if (incident!.ambulance_arrived_at) {
      if (new Date(incident!.ambulance_arrived_at).getTime() === at.getTime()) return;
      throw conflict('The ambulance arrival was already recorded.');
    }
    await sql(tx, 'update incidents.incident set ambulance_arrived_at = ? where id = ?', [at.toISOString(), incidentId]);
    await lockFeeds(tx);
    await recordIncidentEvents(tx, incidentId, [{ kind: IncidentEventKind.AMBULANCE_ARRIVED }]);
  });
  return findIncident(em, incidentId);
}
