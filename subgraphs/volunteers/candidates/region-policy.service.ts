/**
 * Security regions' volunteer policy: the certificate grace period, set by
 * ADMIN. A change reaches every volunteer of the region in the search table
 * in the same transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors.ts';
import type { PeerClient } from '../../../common/peers.ts';
import { requireSecurityRegion } from '../peers.ts';
import { RegionPolicy } from './region-policy.entity.ts';
import { sql } from '../../../common/sql.ts';

/** Longest grace period accepted (a year); "no longer alerted three months after expiry" is 90. */
export const MAXIMUM_GRACE_PERIOD_DAYS = 365;

/** Sets how many days after expiry a certificate still counts in the region. */
export async function setCertificateGracePeriod(em: EntityManager, peers: PeerClient, securityRegionId: string, days: number, by: string, at: Date): Promise<void> {
  if (!Number.isInteger(days) || days < 0 || days > MAXIMUM_GRACE_PERIOD_DAYS) {
    throw badInput(`The grace period must be a whole number of days from 0 to ${MAXIMUM_GRACE_PERIOD_DAYS}, got ${days}.`, { field: 'days' });
  }
  const regionId = await requireSecurityRegion(peers, securityRegionId);
  await em.transactional(async (tx) => {
    await tx.upsert(RegionPolicy, { securityRegionId: regionId, certificateGracePeriodDays: days, updatedBy: by, updatedAt: at });
    await sql(
      tx,
      `update volunteers.candidate_position set certificate_grace_days = $2
       where volunteer_id in (select id from volunteers.volunteer where security_region_id = $1)`,
      [regionId, days],
    );
  });
}
