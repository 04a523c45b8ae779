/**
 * Notifications to an AED's owner and guardians: committed in the
 * transaction that caused them, announced by NOTIFY on commit, read by
 * subscribers from the table after their cursor (common/feed.ts).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AedNotification, AedNotificationKind } from './aed-notification.entity.ts';
import type { LocalDate } from '../../../common/zoned-time.ts';
import { sql } from '../../../common/sql.ts';

/** LISTEN channel; the payload is the id of the AED that has a new notification. */
export const AED_NOTIFICATIONS_CHANNEL = 'aeds_notifications';

/** A notification to write. */
export interface NewAedNotification {
  kind: AedNotificationKind;
  incidentId?: string | null;
  dueOn?: LocalDate | null;
  overdue?: boolean;
  message: string;
}

/**
 * Serialises notification writers until commit. Without it a transaction
 * could take sequence 5 and commit after another took and committed 6, and a
 * subscriber whose cursor already moved to 6 would never see 5.
 */
async function lockNotificationSequence(tx: EntityManager): Promise<void> {
  await sql(tx, "select pg_advisory_xact_lock(hashtext('aeds.aed_notification.sequence'))");
}

/** Notifications to write about one AED. */
export interface AedNotifications {
  aedId: string;
  notifications: readonly NewAedNotification[];
}

/**
 * Inserts the notifications (in the given order) with each AED's recipients
 * as they are now (its owner, then its guardians), skips those already sent,
 * and wakes the subscribers of each AED that got a new one: one statement for
 * any number of AEDs.
 */
const INSERT_NOTIFICATIONS = `
with n as (
  select n.id, n.aed_id, n.kind, n.incident_id, n.due_on, n.overdue, n.message, n.position
  from rows from (jsonb_to_recordset($1::jsonb) as (id uuid, aed_id uuid, kind text, incident_id uuid, due_on date, overdue boolean, message text))
    with ordinality as n(id, aed_id, kind, incident_id, due_on, overdue, message, position)
),
inserted as (
  insert into aeds.aed_notification (id, aed_id, kind, incident_id, due_on, overdue, message, recipients)
  select n.id, n.aed_id, n.kind, n.incident_id, n.due_on, n.overdue, n.message,
    (select coalesce(jsonb_agg(jsonb_build_object('kind', r.kind, 'name', r.name, 'email', r.email, 'phone', r.phone) order by r.position, r.created_at), '[]'::jsonb)
     from (select 'OWNER' as kind, owner_name as name, owner_email as email, owner_phone as phone, 0 as position, created_at
             from aeds.aed where id = n.aed_id and coalesce(owner_name, owner_email, owner_phone) is not null
           union all
           select 'GUARDIAN', name, email, phone, 1, created_at from aeds.aed_guardian where aed_id = n.aed_id) as r)
  from n
  order by n.position
  on conflict on constraint aed_notification_once do nothing
  returning aed_id
)
select (select count(*) from inserted)::int as inserted,
       (select count(pg_notify($2, aed_id::text)) from (select distinct aed_id from inserted) as woken)::int as woken`;

/**
 * Writes notifications about AEDs inside `tx` (an open transaction) and
 * wakes each AED's subscribers on commit. A notification already sent (the
 * same use, or the same reminder) is not written again.
 * @returns how many were new.
 */
export async function notifyAeds(tx: EntityManager, entries: readonly AedNotifications[]): Promise<number> {
  const rows = entries.flatMap(({ aedId, notifications }) =>
    notifications.map((notification) => ({
      id: randomUUID(),
      aed_id: aedId,
      kind: notification.kind,
      incident_id: notification.incidentId ?? null,
      due_on: notification.dueOn ?? null,
      overdue: notification.overdue ?? false,
      message: notification.message,
    })),
  );
  if (rows.length === 0) return 0;
  await lockNotificationSequence(tx);
  const [result] = await sql<{ inserted: number }>(tx, INSERT_NOTIFICATIONS, [JSON.stringify(rows), AED_NOTIFICATIONS_CHANNEL]);
  return result?.inserted ?? 0;
}

/** {@link notifyAeds} for one AED. */
export async function notifyAed(tx: EntityManager, aedId: string, notifications: NewAedNotification[]): Promise<number> {
  return notifyAeds(tx, [{ aedId, notifications }]);
}

/** Notifications about `aedId` after `cursor`, in delivery order. */
export async function notificationsAfter(em: EntityManager, aedId: string, cursor: bigint, limit: number): Promise<AedNotification[]> {
  return em.fork().find(AedNotification, { aedId, sequence: { $gt: String(cursor) } }, { orderBy: { sequence: 'asc' }, limit });
}

/** The cursor of the latest notification of any AED (0 when none). */
export async function latestNotificationCursor(em: EntityManager): Promise<bigint> {
  const [row] = await sql<{ latest: string | null }>(em.fork(), 'select max(sequence) as latest from aeds.aed_notification');
  return BigInt(row?.latest ?? 0);
}

/** How a notification names the AED: its place as a person would recognise it. */
export function aedPlaceName(aed: { locationDescription: string; address: string | null; latitude: number; longitude: number }): string {
  return aed.locationDescription || aed.address || `${aed.latitude.toFixed(5)}, ${aed.longitude.toFixed(5)}`;
}
