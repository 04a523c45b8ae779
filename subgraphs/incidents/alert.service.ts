/** Test alerts, and reading the alert feeds after a cursor. */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAlertUpdates } from './alert-writes.ts';
import { AlertUpdate, AlertUpdateKind } from './alert.entity.ts';
import { lockFeeds } from './feeds.ts';
import { sql } from './sql.ts';

const TEST_MESSAGE = 'Test alert: your app receives alerts. No action needed.';

/** Sends a test alert (optionally naming an AED, to check the app shows its location); returns its feed frame. */
export async function sendTestAlert(em: EntityManager, volunteerId: string, aedId: string | null): Promise<AlertUpdate> {
  const alertId = randomUUID();
  await em.fork().transactional(async (tx) => {
    await sql(tx, `insert into incidents.alert (id, volunteer_id, aed_id, kind, message) values (?, ?, ?, 'TEST', ?)`, [
      alertId,
      volunteerId,
      aedId,
      TEST_MESSAGE,
    ]);
    await lockFeeds(tx);
    await recordAlertUpdates(tx, [{ alertId, kind: AlertUpdateKind.ALERTED }]);
  });
  return em.fork().findOneOrFail(AlertUpdate, { alert: alertId }, { populate: ['alert'] });
}

/** A volunteer's alert feed after `cursor`, in order. */
export async function alertUpdatesAfter(em: EntityManager, volunteerId: string, cursor: bigint, limit: number): Promise<AlertUpdate[]> {
  return em.fork().find(
    AlertUpdate,
    { volunteerId, sequence: { $gt: String(cursor) } },
    { populate: ['alert'], orderBy: { sequence: 'asc' }, limit },
  );
}

/** A partner association's feed of its members' alerts after `cursor`, in order. */
export async function memberAlertUpdatesAfter(em: EntityManager, associationId: string, cursor: bigint, limit: number): Promise<AlertUpdate[]> {
  return em.fork().find(
    AlertUpdate,
    { sequence: { $gt: String(cursor) }, alert: { associationIds: { $contains: [associationId] } } },
    { populate: ['alert'], orderBy: { sequence: 'asc' }, limit },
  );
}
