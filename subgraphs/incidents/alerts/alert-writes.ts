/**
 * Writing alerts and what their subscribers see of them: the volunteer's
 * alert feed, partner apps' member feed, the Incident's timeline, and SMS.
 *
 * Every function here runs inside a transaction that already holds the feed
 * lock ({@link lockFeeds}); the rows, the NOTIFYs and the SMS jobs are then
 * committed together, or not at all. A new report's statement takes the lock
 * itself ({@link alertWrites}).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Alert, AlertStatus, AlertTask, AlertUpdateKind, StandDownReason } from './alert.entity.ts';
import { type AlertFrame, toAlert, toFrame } from './alert-reads.ts';
import type { Language } from '../../../common/language.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import { composeStandDownText } from '../channels/alert-text.ts';
import { catalogueLanguage } from '../channels/messages.ts';
import { alertDeliveryJobs, pushesAndLadder, queueStandDownDelivery } from '../delivery/delivery.ts';
import { smsFallbackSecondsOf } from '../dispatch/dispatch-policy.ts';
import { traceCarrier } from '../../../common/telemetry.ts';
import { FeedChannel, notifyWoken } from './feeds.ts';
import { IncidentEventKind } from '../incidents/incident-event.entity.ts';
import { incidentEventRow, recordIncidentEvents, type NewIncidentEvent } from '../incidents/incident-events.ts';
import { sql, statement, uuidArray } from '../../../common/sql.ts';
import type { RouteLeg } from '../dispatch/selection.ts';

/** An Incident's alert to insert. */
export interface NewIncidentAlert {
  id: string;
  volunteerId: string;
  task: AlertTask;
  aedId: string | null;
  /** Where the AED stands, as the AEDs subgraph said at dispatch. */
  aedLocation: { lat: number; lon: number } | null;
  cabinetCode: string | null;
  /** What the app shows. */
  message: string;
  /** What the SMS says, when the volunteer has a phone number. */
  smsText: string | null;
  phone: string | null;
  /** The language of the volunteer's texts; later texts about this alert use it too. */
  language: Language;
  municipalityId: string;
  associationIds: string[];
  positionKind: PositionKind;
  rank: number;
  directDistanceMeters: number;
  distanceMeters: number;
  etaSeconds: number;
  route: readonly RouteLeg[];
}

const RECORD_ALERT_UPDATES = statement(
  'incidents.record-alert-updates',
  `with added as (
     insert into incidents.alert_update (alert_id, volunteer_id, kind)
     select a.id, a.volunteer_id, u.kind::incidents.alert_update_kind
     from rows from (jsonb_to_recordset(?::jsonb) as (alert_id uuid, kind text)) with ordinality as u(alert_id, kind, n)
     join incidents.alert a on a.id = u.alert_id
     order by u.n
     returning alert_id, volunteer_id
   ),
   woken as (
     select distinct ?::text as channel, volunteer_id::text as key from added
     union
     select distinct ?::text, unnest(a.association_ids)::text from added join incidents.alert a on a.id = added.alert_id
   )
   ${notifyWoken('select channel, key from woken')}`,
);

/** Adds frames to volunteers' alert feeds (and their partner associations' feeds), in the given order. */
export async function recordAlertUpdates(tx: EntityManager, updates: readonly { alertId: string; kind: AlertUpdateKind }[]): Promise<void> {
  if (updates.length === 0) return;
  // Inserting the frames and waking their volunteers' and partner associations' subscribers, in one statement.
  await sql(tx, RECORD_ALERT_UPDATES, [JSON.stringify(updates.map((update) => ({ alert_id: update.alertId, kind: update.kind }))), FeedChannel.ALERTS, FeedChannel.MEMBER_ALERTS]);
}

/**
 * SQL that writes an Incident's new alerts (CTEs after those it is given, and
 * the final select): the alerts (a volunteer already alerted for the Incident
 * is skipped: the unique constraint is the last guard against alerting twice),
 * their pushes and delivery jobs (delivery.ts), their ALERTED frames, the
 * timeline entries (`before` first, e.g. REPORTED, then one ALERTED per
 * alert), and the NOTIFYs that wake their subscribers: a dispatch's whole
 * write in one statement.
 *
 * It follows two CTEs of its caller's: `args`, of one row (`incident_id`,
 * `alerts` and `before` as JSON documents, `carrier`, `queued_at`,
 * `default_fallback_seconds`; see {@link alertArgs}), and `incident`, the
 * Incident's row. The feed lock must be held before any of these rows is
 * written (their cursors are drawn as they are inserted): either by the
 * transaction, or by `args`, which then yields its row only once the lock is
 * taken (incident.service.ts, REPORT_DISPATCHED). `extraColumns` are
 * selected after the statement's own (`inserted`, `frames`, `jobs`, `woken`).
 */
export function alertWrites(extraColumns?: string): string {
  return `source as (
     select x.* from args a cross join jsonb_to_recordset(a.alerts) as x(
       id uuid, volunteer_id uuid, task text, aed_id uuid, aed_latitude float8, aed_longitude float8, cabinet_code text, message text, phone text,
       sms_text text, language text, municipality_id uuid, association_ids jsonb, position_kind text, rank int, direct_distance_meters int,
       distance_meters int, eta_seconds int, route jsonb)
   ),
   added as (
     insert into incidents.alert (id, incident_id, volunteer_id, kind, task, aed_id, aed_latitude, aed_longitude, cabinet_code, message, phone, language,
                                  municipality_id, association_ids, position_kind, rank, direct_distance_meters, distance_meters, eta_seconds, route)
     select x.id, a.incident_id, x.volunteer_id, 'INCIDENT', x.task::incidents.alert_task, x.aed_id, x.aed_latitude, x.aed_longitude, x.cabinet_code, x.message,
            x.phone, x.language, x.municipality_id, array(select jsonb_array_elements_text(x.association_ids))::uuid[], x.position_kind, x.rank,
            x.direct_distance_meters, x.distance_meters, x.eta_seconds, x.route
     from source x cross join args a
     order by x.rank
     on conflict (incident_id, volunteer_id) do nothing
     returning *
   ),
   delivered as (select id as alert_id, volunteer_id from added),
   ${pushesAndLadder('delivered', "'ALERT'")},
   messages as (
     select x.id as alert_id, x.rank,
            case when nullif(x.phone, '') is not null and nullif(x.sms_text, '') is not null
                 then jsonb_build_object('alertId', x.id, 'to', x.phone, 'text', x.sms_text, 'purpose', 'ALERT') end as sms
     from source x
   ),
   delivery as (
     select a.carrier, a.queued_at, coalesce((i.policy -> 'dispatch' ->> 'smsFallbackSeconds')::int, a.default_fallback_seconds) as fallback_seconds
     from args a cross join incident i
   ),
   ${alertDeliveryJobs('messages', 'delivery')},
   frames as (
     insert into incidents.alert_update (alert_id, volunteer_id, kind)
     select id, volunteer_id, 'ALERTED' from added order by rank
     returning sequence, alert_id, volunteer_id, kind, created_at
   ),
   timeline as (
     insert into incidents.incident_event (incident_id, kind, alert_id, volunteer_id, aed_id, detail)
     select a.incident_id, e.kind::incidents.incident_event_kind, e.alert_id, e.volunteer_id, e.aed_id, e.detail
     from args a cross join (
       select b.kind, b.alert_id, b.volunteer_id, b.aed_id, b.detail, 0 as part, b.n as position
       from args a cross join lateral rows from (jsonb_to_recordset(a.before) as (kind text, alert_id uuid, volunteer_id uuid, aed_id uuid, detail text))
         with ordinality as b(kind, alert_id, volunteer_id, aed_id, detail, n)
       union all
       select 'ALERTED', x.id, x.volunteer_id, x.aed_id, null, 1, x.rank from added x
     ) as e
     order by e.part, e.position
     returning incident_id
   ),
   woken as (
     select distinct '${FeedChannel.ALERTS}' as channel, volunteer_id::text as key from added
     union
     select distinct '${FeedChannel.MEMBER_ALERTS}', unnest(association_ids)::text from added
     union
     select distinct '${FeedChannel.INCIDENT_EVENTS}', incident_id::text from timeline
   )
   select (select coalesce(json_agg(x order by x.rank), '[]') from added x) as inserted,
          -- Each frame with its volunteer's previous cursor, as committed once the feed lock is held (Migration0007AlertFeedPrevious).
          (select coalesce(json_agg(json_build_object(
                    'alert_id', f.alert_id, 'update_sequence', f.sequence::text, 'update_kind', f.kind, 'update_created_at', f.created_at,
                    'incident_address', i.address, 'incident_latitude', i.latitude, 'incident_longitude', i.longitude, 'incident_status', i.status,
                    'previous', incidents.alert_feed_previous(f.volunteer_id, f.sequence)::text)
                  order by f.sequence), '[]')
           from frames f cross join incident i) as frames,
          (select jobs from delivery_jobs) as jobs,
          (${notifyWoken('select channel, key from woken')}) as woken${
            extraColumns
              ? `,
          ${extraColumns}`
              : ''
          }`;
}

/** The columns of {@link alertWrites}'s `args` after `incident_id`, as `?` parameters in the order {@link alertArgs} gives them. */
export const ALERT_ARGS = '?::jsonb as alerts, ?::jsonb as before, ?::jsonb as carrier, ?::text as queued_at, ?::int as default_fallback_seconds';

/** The parameters of {@link ALERT_ARGS}: the alerts to insert, the timeline entries before theirs, and what their delivery jobs need. */
export function alertArgs(alerts: readonly NewIncidentAlert[], before: readonly NewIncidentEvent[]): unknown[] {
  const rows = alerts.map((alert) => ({
    id: alert.id,
    volunteer_id: alert.volunteerId,
    task: alert.task,
    aed_id: alert.aedId,
    aed_latitude: alert.aedLocation?.lat ?? null,
    aed_longitude: alert.aedLocation?.lon ?? null,
    cabinet_code: alert.cabinetCode,
    message: alert.message,
    phone: alert.phone,
    sms_text: alert.smsText,
    language: alert.language,
    municipality_id: alert.municipalityId,
    association_ids: alert.associationIds,
    position_kind: alert.positionKind,
    rank: alert.rank,
    direct_distance_meters: alert.directDistanceMeters,
    distance_meters: alert.distanceMeters,
    eta_seconds: alert.etaSeconds,
    route: alert.route,
  }));
  return [JSON.stringify(rows), JSON.stringify(before.map(incidentEventRow)), JSON.stringify(traceCarrier()), new Date().toISOString(), smsFallbackSecondsOf({})];
}

// Inside a transaction that holds the feed lock already.
const INSERT_ALERTS = statement(
  'incidents.insert-alerts',
  `with args as (select ?::uuid as incident_id, ${ALERT_ARGS}),
   incident as (select i.* from incidents.incident i join args a on i.id = a.incident_id),
   ${alertWrites()}`,
);

/** An alert frame as committed, with its volunteer's cursor before it (see offerAlertFrames). */
export interface CommittedFrame {
  frame: AlertFrame;
  previous: bigint;
}

/** What {@link insertIncidentAlerts} wrote. */
export interface WrittenAlerts {
  /** The alerts actually inserted, nearest first, as stored. */
  alerts: Alert[];
  /** Their ALERTED frames, in cursor order. */
  frames: CommittedFrame[];
}

/** The row {@link alertWrites} returns. */
export type AlertWritesRow = { inserted: Record<string, unknown>[]; frames: Record<string, unknown>[] };

/** What the statement wrote, as the dispatcher's answer and the feeds' offers need it. */
export function writtenOf(result: AlertWritesRow): WrittenAlerts {
  const inserted = result.inserted.map(toAlert);
  const insertedById = new Map(inserted.map((alert) => [alert.id, alert]));
  const frames = result.frames.map((row) => ({ frame: toFrame(row, insertedById.get(row.alert_id as string)!), previous: BigInt(row.previous as string) }));
  return { alerts: inserted, frames };
}

/**
 * Inserts an Incident's alerts, nearest first, with everything that goes
 * with them ({@link alertWrites}), in `tx`'s transaction, which holds the
 * feed lock.
 *
 * @returns the alerts actually inserted, nearest first, as stored (what
 * the dispatcher's answer shows without reading them again), and their
 * frames (what the volunteers' feeds are offered once committed).
 */
export async function insertIncidentAlerts(
  tx: EntityManager,
  incidentId: string,
  alerts: readonly NewIncidentAlert[],
  before: readonly NewIncidentEvent[] = [],
): Promise<WrittenAlerts> {
  if (alerts.length === 0) {
    await recordIncidentEvents(tx, incidentId, before);
    return { alerts: [], frames: [] };
  }
  const [result] = await sql<AlertWritesRow>(tx, INSERT_ALERTS, [incidentId, ...alertArgs(alerts, before)]);
  return writtenOf(result!);
}

/**
 * Stands alerts down: status STOOD_DOWN with `reason`, a STOOD_DOWN frame for
 * each volunteer, a timeline entry each, a stand-down push to their devices and SMS to those alerted by SMS.
 * Alerts already declined or stood down are left as they are.
 */
export async function standDownAlerts(tx: EntityManager, incidentId: string, alertIds: readonly string[], reason: StandDownReason): Promise<void> {
  if (alertIds.length === 0) return;
  const stood = await sql<{ id: string; volunteer_id: string; phone: string | null; language: string | null; aed_id: string | null }>(
    tx,
    `update incidents.alert set status = 'STOOD_DOWN', stand_down_reason = ?, stood_down_at = now()
     where id = any(?::uuid[]) and status in ('PENDING', 'ACCEPTED', 'ON_SCENE')
     returning id, volunteer_id, phone, language, aed_id`,
    [reason, uuidArray(alertIds)],
  );
  // Keep the caller's order (nearest first) in the feeds.
  const order = new Map(alertIds.map((id, index) => [id, index]));
  stood.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  await recordAlertUpdates(
    tx,
    stood.map((alert) => ({ alertId: alert.id, kind: AlertUpdateKind.STOOD_DOWN })),
  );
  await recordIncidentEvents(
    tx,
    incidentId,
    stood.map((alert) => ({ kind: IncidentEventKind.STOOD_DOWN, alertId: alert.id, volunteerId: alert.volunteer_id, detail: reason })),
  );
  await queueStandDownDelivery(
    tx,
    stood.map((alert) => ({
      id: alert.id,
      volunteerId: alert.volunteer_id,
      phone: alert.phone,
      text: composeStandDownText(reason, catalogueLanguage(alert.language)),
    })),
  );
}

/** Statuses in which a volunteer may still be on their way. */
export const ACTIVE_STATUSES: readonly AlertStatus[] = [AlertStatus.PENDING, AlertStatus.ACCEPTED, AlertStatus.ON_SCENE];
