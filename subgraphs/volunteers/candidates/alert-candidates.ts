/**
 * The candidate search as dispatch receives it (the `alertCandidates` peer
 * query of the incidents subgraph): one indexed SQL statement for the
 * search (candidate-search.ts), then one batched lookup of what an alert
 * needs about each candidate: their phone, language, municipality and
 * partner associations.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors.ts';
import { resolveLanguage, type Language } from '../../../common/language.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import { findAlertableCandidates, type CandidateSearch, type CandidateSearchOptions } from './candidate-search.ts';
import { sql, sqlQuery } from '../../../common/sql.ts';

/** A volunteer to alert, at their nearest valid position, with what the alert needs. */
export interface AlertCandidate {
  volunteerId: string;
  latitude: number;
  longitude: number;
  distanceMeters: number;
  positionKind: PositionKind;
  /** E.164, for SMS alerts. */
  phone: string | null;
  /** The language of their texts: their own choice, else their municipality's country's. */
  language: Language;
  municipalityId: string;
  /** Partner associations the volunteer is a member of (their apps forward the alert). */
  associationIds: string[];
}

/** The nearest volunteers alertable at `search.at`, nearest first, each once. Bad search parameters are BAD_USER_INPUT. */
export async function alertCandidates(em: EntityManager, search: CandidateSearch, options: CandidateSearchOptions = {}): Promise<AlertCandidate[]> {
  let found;
  try {
    found = await findAlertableCandidates(sqlQuery(em), search, options);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`${error.message}.`);
    throw error;
  }
  if (found.length === 0) return [];
  const details = await sql<{ id: string; phone: string | null; language: string | null; country_code: string; municipality_id: string; association_ids: string[] }>(
    em,
    `select v.id::text as id, v.phone, v.language, v.country_code, v.municipality_id::text as municipality_id,
       coalesce(array_agg(m.partner_association_id::text order by m.partner_association_id)
         filter (where m.partner_association_id is not null), '{}') as association_ids
     from volunteers.volunteer v
     left join volunteers.association_membership m on m.volunteer_id = v.id
     where v.id = any($1::uuid[]) and v.status = 'ACTIVE'
     group by v.id`,
    [found.map((candidate) => candidate.volunteerId)],
  );
  const byId = new Map(details.map((row) => [row.id, row]));
  // A volunteer suspended or deleted between the two statements is left out rather than alerted.
  return found.flatMap((candidate) => {
    const detail = byId.get(candidate.volunteerId);
    if (!detail) return [];
    return [
      {
        volunteerId: candidate.volunteerId,
        latitude: candidate.lat,
        longitude: candidate.lon,
        distanceMeters: candidate.distanceMeters,
        positionKind: candidate.positionKind,
        phone: detail.phone,
        language: resolveLanguage(detail.language, detail.country_code),
        municipalityId: detail.municipality_id,
        associationIds: detail.association_ids,
      },
    ];
  });
}
