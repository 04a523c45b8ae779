/**
 * Notifications to an AED's owner and guardians: committed in the
 * transaction that caused them, announced by NOTIFY on commit, read by
 * subscribers from the table after their cursor (common/feed.ts).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AedNotification, AedNotificationKind, type AedNotificationRecipient } from './aed-notification.entity.ts';
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

/** The owner (when any contact is recorded) and the guardians, as they are now. */
async function recipientsOf(tx: EntityManager, aedId: string): Promise<AedNotificationRecipient[]> {
  const rows = await sql<{ kind: 'OWNER' | 'GUARDIAN'; name: string | null; email: string | null; phone: string | null }>(tx,
    `select 'OWNER' as kind, owner_name as name, owner_email as email, owner_phone as phone, 0 as position, created_at
       from aeds.aed where id = ? and coalesce(owner_name, owner_email, owner_phone) is not null
     union all
     select 'GUARDIAN', name, email, phone, 1, created_at from aeds.aed_guardian where aed_id = ?
     order by position, created_at`,
    [aedId, aedId],
  );
  return rows.map(({ kind, name, email, phone }) => ({ kind, name, email, phone }));
}

/**
 * Writes notifications about one AED inside `tx` (an open transaction) and
 * wakes its subscribers on commit. A notification already sent (the same
 * use, or the same reminder) is not written again.
 * @returns how many were new.
 */
export async function notifyAed(tx: EntityManager, aedId: string, notifications: NewAedNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const recipients = JSON.stringify(await recipientsOf(tx, aedId));
  await lockNotificationSequence(tx);
  let inserted = 0;
  for (const notification of notifications) {
    const rows = await sql(tx,
      `insert into aeds.aed_notification (id, aed_id, kind, incident_id, due_on, overdue, message, recipients)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
       on conflict on constraint aed_notification_once do nothing
       returning id`,
      [randomUUID(), aedId, notification.kind, notification.incidentId ?? null, notification.dueOn ?? null, notification.overdue ?? false, notification.message, recipients],
    );
    inserted += rows.length;
  }
  if (inserted > 0) await sql(tx, 'select pg_notify(?, ?)', [AED_NOTIFICATIONS_CHANNEL, aedId]);
  return inserted;
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
