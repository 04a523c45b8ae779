/**
 * AEDs keep a copy of their municipality's time zone and country (their
 * schedules are read on its clock and with its public holidays, and dispatch
 * never waits on a peer). A correction in the organization subgraph reaches
 * them here: an hourly refresh, as the volunteers subgraph does for its
 * copies (subgraphs/volunteers/organization/municipality-sync.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MunicipalityFacts } from '../peers.ts';
import { sql } from '../../../common/sql.ts';

/** Applies the municipalities' current time zone and country to their AEDs; returns how many AEDs changed. */
export async function refreshAedMunicipalityFacts(em: EntityManager, municipalities: readonly MunicipalityFacts[], at: Date): Promise<number> {
  if (municipalities.length === 0) return 0;
  const rows = await sql<{ id: string }>(
    em,
    `update aeds.aed as aed set time_zone = facts.time_zone, country_code = facts.country_code, updated_at = ?
     from unnest(?::uuid[], ?::text[], ?::text[]) as facts(municipality_id, time_zone, country_code)
     where aed.municipality_id = facts.municipality_id
       and (aed.time_zone, aed.country_code) is distinct from (facts.time_zone, facts.country_code)
     returning aed.id`,
    [
      at,
      `{${municipalities.map((municipality) => municipality.id).join(',')}}`,
      `{${municipalities.map((municipality) => JSON.stringify(municipality.timeZone)).join(',')}}`,
      `{${municipalities.map((municipality) => JSON.stringify(municipality.countryCode)).join(',')}}`,
    ],
  );
  return rows.length;
}
