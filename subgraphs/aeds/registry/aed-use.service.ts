/**
 * Using an AED at an incident stands it down: out of dispatch until one of
 * its guardians has checked it and confirmed it ready (aed.service.ts). Its
 * owner and guardians are told in the same transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../../common/errors.ts';
import { AedNotificationKind } from '../readiness/aed-notification.entity.ts';
import { aedPlaceName, notifyAed } from '../readiness/notification.service.ts';
import { sql } from '../../../common/sql.ts';

/**
 * Records that `aedId` was fetched for `incidentId` and stands it down.
 * Idempotent per (AED, incident): a retry, even after a guardian has since
 * confirmed the AED ready, changes nothing and tells nobody again.
 * @throws NOT_FOUND for an unknown AED.
 */
export async function standDownAedAfterUse(em: EntityManager, aedId: string, incidentId: string, now = new Date()): Promise<void> {
  await em.transactional(async (tx) => {
    const [aed] = await sql<{ location_description: string; address: string | null; latitude: number; longitude: number }>(
      tx,
      'select location_description, address, latitude, longitude from aeds.aed where id = ? for update',
      [aedId],
    );
    if (!aed) throw notFound('Aed', aedId);
    const recorded = await sql(tx, 'insert into aeds.aed_use (aed_id, incident_id, used_at) values (?, ?, ?) on conflict do nothing returning aed_id', [aedId, incidentId, now]);
    if (recorded.length === 0) return;
    await sql(tx, 'update aeds.aed set stood_down_at = coalesce(stood_down_at, ?), stood_down_incident_id = ?, updated_at = ? where id = ?', [now, incidentId, now, aedId]);
    const where = aedPlaceName({ locationDescription: aed.location_description, address: aed.address, latitude: aed.latitude, longitude: aed.longitude });
    await notifyAed(tx, aedId, [
      {
        kind: AedNotificationKind.USED_AT_INCIDENT,
        incidentId,
        message: `The AED at ${where} was fetched for a cardiac arrest (incident ${incidentId}). It is out of dispatch until a guardian has checked it and confirmed it ready.`,
      },
    ]);
  });
}
