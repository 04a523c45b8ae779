/** Test alerts: checking that a volunteer's app receives alerts. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { newTimeOrderedId } from '../../../common/ids.ts';
import { latestFrameOf, type AlertFrame } from './alert-reads.ts';
import { recordAlertUpdates } from './alert-writes.ts';
import { AlertUpdateKind } from './alert.entity.ts';
import { lockFeeds } from './feeds.ts';
import { sql } from '../../../common/sql.ts';

const TEST_MESSAGE = 'Test alert: your app receives alerts. No action needed.';

/** The AED a test alert names, with where it stands (as the AEDs subgraph says). */
export interface TestAlertAed {
  aedId: string;
  latitude: number;
  longitude: number;
}

/** Sends a test alert (optionally naming an AED, to check the app shows it); returns its feed frame. */
export async function sendTestAlert(em: EntityManager, volunteerId: string, aed: TestAlertAed | null): Promise<AlertFrame> {
  const alertId = newTimeOrderedId();
  await em.fork().transactional(async (tx) => {
    await sql(tx, `insert into incidents.alert (id, volunteer_id, aed_id, aed_latitude, aed_longitude, kind, message) values (?, ?, ?, ?, ?, 'TEST', ?)`, [
      alertId,
      volunteerId,
      aed?.aedId ?? null,
      aed?.latitude ?? null,
      aed?.longitude ?? null,
      TEST_MESSAGE,
    ]);
    await lockFeeds(tx);
    await recordAlertUpdates(tx, [{ alertId, kind: AlertUpdateKind.ALERTED }]);
  });
  return latestFrameOf(em, alertId);
}
