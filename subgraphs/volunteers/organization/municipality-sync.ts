/**
 * Volunteers keep a copy of their municipality's time zone, country and
 * security region (the eligibility rule reads them on every search). The
 * workers refresh the copies hourly from the organization subgraph, so a
 * municipality that changes its zone or moves to another region is followed
 * within the hour, search table included.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { syncCandidatePositions } from '../candidates/candidate-sync.ts';
import type { MunicipalitySettings } from '../peers.ts';
import { sql } from '../../../common/sql.ts';
import { Volunteer } from '../registration/volunteer.entity.ts';

/** Applies the municipalities' current settings to their volunteers; returns how many volunteers changed. */
export async function refreshMunicipalitySettings(em: EntityManager, municipalities: readonly MunicipalitySettings[], at: Date): Promise<number> {
  let changed = 0;
  for (const municipality of municipalities) {
    const stale = await sql<{ id: string }>(
      em,
      `select id from volunteers.volunteer
       where municipality_id = $1 and status <> 'DELETED'
         and (time_zone, country_code, security_region_id) is distinct from ($2::text, $3::text, $4::uuid)`,
      [municipality.id, municipality.timeZone, municipality.countryCode, municipality.securityRegionId],
    );
    if (stale.length === 0) continue;
    await em.transactional(async (tx) => {
      const volunteers = await tx.find(Volunteer, { id: { $in: stale.map((row) => row.id) } });
      for (const volunteer of volunteers) {
        tx.assign(volunteer, {
          timeZone: municipality.timeZone,
          countryCode: municipality.countryCode,
          securityRegionId: municipality.securityRegionId,
          updatedAt: at,
        });
      }
      await tx.flush();
      for (const volunteer of volunteers) await syncCandidatePositions(tx, volunteer);
    });
    changed += stale.length;
  }
  return changed;
}
