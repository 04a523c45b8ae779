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
  // Which copies are stale, for every municipality in one statement: a query per municipality was 340
  // round trips every hour on a national register, for what is nearly always nothing.
  const staleRows = await sql<{ id: string; municipality_id: string }>(
    em,
    `select v.id::text as id, v.municipality_id::text as municipality_id
     from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) as m(id, time_zone, country_code, security_region_id)
     join volunteers.volunteer v on v.municipality_id = m.id
     where v.status <> 'DELETED'
       and (v.time_zone, v.country_code, v.security_region_id) is distinct from (m.time_zone, m.country_code, m.security_region_id)`,
    [
      municipalities.map((municipality) => municipality.id),
      municipalities.map((municipality) => municipality.timeZone),
      municipalities.map((municipality) => municipality.countryCode),
      municipalities.map((municipality) => municipality.securityRegionId),
    ],
  );
  const staleByMunicipality = new Map<string, { id: string }[]>();
  for (const row of staleRows) {
    let list = staleByMunicipality.get(row.municipality_id);
    if (!list) staleByMunicipality.set(row.municipality_id, (list = []));
    list.push({ id: row.id });
  }
  for (const municipality of municipalities) {
    const stale = staleByMunicipality.get(municipality.id.toLowerCase()) ?? [];
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
