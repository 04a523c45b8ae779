/**
 * Writing an Incident's timeline (`incident_event`, the dispatcher's
 * `incidentUpdates` feed): entries in the given order, with the NOTIFY that
 * wakes its subscribers. Runs in a transaction that holds the feed lock
 * (alerts/feeds.ts `lockFeeds`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { FeedChannel, notifyWoken } from '../alerts/feeds.ts';
import type { IncidentEventKind } from './incident-event.entity.ts';
import { sql, statement } from '../../../common/sql.ts';

/** One timeline entry to add. */
export interface NewIncidentEvent {
  kind: IncidentEventKind;
  alertId?: string | null;
  volunteerId?: string | null;
  aedId?: string | null;
  detail?: string | null;
}

const RECORD_INCIDENT_EVENTS = statement(
  'incidents.record-incident-events',
  `with added as (
     insert into incidents.incident_event (incident_id, kind, alert_id, volunteer_id, aed_id, detail)
     select ?, e.kind::incidents.incident_event_kind, e.alert_id, e.volunteer_id, e.aed_id, e.detail
     from rows from (jsonb_to_recordset(?::jsonb) as (kind text, alert_id uuid, volunteer_id uuid, aed_id uuid, detail text))
       with ordinality as e(kind, alert_id, volunteer_id, aed_id, detail, n)
     order by e.n
     returning incident_id
   )
   ${notifyWoken('select distinct ?::text as channel, incident_id::text as key from added')}`,
);

/** Adds entries to an Incident's timeline, in the given order, and wakes its dispatchers. */
export async function recordIncidentEvents(tx: EntityManager, incidentId: string, events: readonly NewIncidentEvent[]): Promise<void> {
  if (events.length === 0) return;
  // The NOTIFY rides in the same statement: one round trip less while the feed lock is held.
  await sql(tx, RECORD_INCIDENT_EVENTS, [incidentId, JSON.stringify(events.map(incidentEventRow)), FeedChannel.INCIDENT_EVENTS]);
}

/** A timeline entry as the statements that write it take it, in a JSON document. */
export function incidentEventRow(event: NewIncidentEvent): Record<string, unknown> {
  return { kind: event.kind, alert_id: event.alertId ?? null, volunteer_id: event.volunteerId ?? null, aed_id: event.aedId ?? null, detail: event.detail ?? null };
}
