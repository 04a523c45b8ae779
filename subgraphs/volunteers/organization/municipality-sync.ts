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
  const settings = [
    municipalities.map((municipality) => municipality.id),
    municipalities.map((municipality) => municipality.timeZone),
    municipalities.map((municipality) => municipality.countryCode),
    municipalities.map((municipality) => municipality.securityRegionId),
  ];
  // A municipality's copies are all current when the first and the last of them, in the order of
  // volunteer_municipality_settings_idx, are: two index probes per municipality (6 ms for 340),
  // where finding the stale copies read the whole register (0.3 s on a national one, every hour,
  // for what is nearly always nothing).
  const changedMunicipalities = await sql<{ id: string }>(
    em,
    `select m.id::text as id
     from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) as m(id, time_zone, country_code, security_region_id)
     cross join lateral (
       select v.time_zone, v.country_code, v.security_region_id from volunteers.volunteer v
       where v.municipality_id = m.id and v.status <> 'DELETED'
       order by v.time_zone, v.country_code, v.security_region_id limit 1) first
     cross join lateral (
       select v.time_zone, v.country_code, v.security_region_id from volunteers.volunteer v
       where v.municipality_id = m.id and v.status <> 'DELETED'
       order by v.time_zone desc, v.country_code desc, v.security_region_id desc limit 1) last
     where (first.time_zone, first.country_code, first.security_region_id) is distinct from (m.time_zone, m.country_code, m.security_region_id)
        or (last.time_zone, last.country_code, last.security_region_id) is distinct from (m.time_zone, m.country_code, m.security_region_id)`,
    settings,
  );
  if (changedMunicipalities.length === 0) return 0;
  const changedIds = new Set(changedMunicipalities.map((row) => row.id));
  const changedSettings = settings.map((column) => column.filter((_, index) => changedIds.has(municipalities[index]!.id.toLowerCase())));
  // Which copies are stale, for every changed municipality in one statement.
  const staleRows = await sql<{ id: string; municipality_id: string }>(
    em,
    `select v.id::text as id, v.municipality_id::text as municipality_id
     from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) as m(id, time_zone, country_code, security_region_id)
     join volunteers.volunteer v on v.municipality_id = m.id
     where v.status <> 'DELETED'
       and (v.time_zone, v.country_code, v.security_region_id) is distinct from (m.time_zone, m.country_code, m.security_region_id)`,
    changedSettings,
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
