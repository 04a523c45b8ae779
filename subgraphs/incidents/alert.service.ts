/** Alerts: committed first, announced after (NOTIFY is delivered on commit). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert, AlertKind } from './alert.entity.ts';

/** LISTEN channel; the payload is the volunteer id that has a new alert. */
export const ALERTS_CHANNEL = 'incidents_alerts';

/**
 * Serialises alert writers until commit. Without it a transaction could take
 * sequence 5, commit after another took and committed 6, and a subscriber that
 * already moved its cursor to 6 would never see 5.
 */
export async function lockAlertSequence(tx: EntityManager): Promise<void> {
  await tx.getConnection().execute("select pg_advisory_xact_lock(hashtext('incidents.alert.sequence'))", [], 'run', tx.getTransactionContext());
}

export async function sendTestAlert(em: EntityManager, volunteerId: string, aedId: string | null): Promise<Alert> {
  return em.transactional(async (tx) => {
    await lockAlertSequence(tx);
    const alert = tx.create(Alert, {
      volunteerId,
      aedId,
      kind: AlertKind.TEST,
      message: 'Test alert: your app receives alerts. No action needed.',
    });
    await tx.flush();
    await tx.getConnection().execute('select pg_notify(?, ?)', [ALERTS_CHANNEL, volunteerId], 'run', tx.getTransactionContext());
    await tx.refresh(alert);
    return alert;
  });
}

export async function alertsAfter(em: EntityManager, volunteerId: string, cursor: bigint, limit: number): Promise<Alert[]> {
  return em.fork().find(
    Alert,
    { volunteerId, sequence: { $gt: String(cursor) } },
    { orderBy: { sequence: 'asc' }, limit },
  );
}

export async function latestAlertCursor(em: EntityManager): Promise<bigint> {
  const [row] = await em.fork().getConnection().execute<{ latest: string | null }[]>('select max(sequence) as latest from incidents.alert');
  return BigInt(row?.latest ?? 0);
}
