/**
 * The candidate search as dispatch receives it (the `alertCandidates` peer
 * query of the incidents subgraph): the indexed search (candidate-search.ts)
 * and what an alert needs about each candidate (their phone, language,
 * municipality and partner associations) in one statement.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../common/errors.ts';
import { resolveLanguage, type Language } from '../../../common/language.ts';
import { markPhase } from '../../../common/phases.ts';
import { preparedStatement } from '../../../common/statements.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import { assertCandidateSearch, candidatesOfRows, candidateSearchStatement, searchCandidateRows, type CandidateSearch, type CandidateSearchOptions } from './candidate-search.ts';
import { sqlQuery, type SqlQuery } from '../../../common/sql.ts';

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

/**
 * The search with what an alert needs about each candidate joined to the
 * candidate's row, in one statement (one round trip instead of a search and
 * then a batched lookup). Planned once per connection (common/statements.ts).
 * The details are read for the search's rows only (the scan is a subquery
 * with its own limit), so the join costs one primary-key lookup and one
 * membership lookup per row: per candidate, but for the rare volunteer met
 * twice among the first rows.
 */
const ALERT_CANDIDATES_SQL = preparedStatement(
  'volunteers.alert-candidates',
  candidateSearchStatement({
    // The memberships as an array subquery, read in the primary key's order: as a lateral
    // join with `array_agg` per candidate it cost PostgreSQL 0.05 ms more per search.
    columns: `v.id is not null as listed, v.phone, v.language, v.country_code, v.municipality_id::text as municipality_id,
  array(select m.partner_association_id::text from volunteers.association_membership m
    where m.volunteer_id = v.id order by m.partner_association_id) as association_ids`,
    joins: `left join volunteers.volunteer v on v.id = f.volunteer_id and v.status = 'ACTIVE'`,
  }),
);

/** Runs the search once, at 0° 0° where nobody is (common/database.ts `warmDispatchLane`). */
export async function warmAlertCandidates(query: SqlQuery): Promise<void> {
  await searchCandidateRows(query, ALERT_CANDIDATES_SQL, { lat: 0, lon: 0, radiusMeters: 1, limit: 1, at: new Date() });
}

/** The nearest volunteers alertable at `search.at`, nearest first, each once. Bad search parameters are BAD_USER_INPUT. */
export async function alertCandidates(em: EntityManager, search: CandidateSearch, options: CandidateSearchOptions = {}): Promise<AlertCandidate[]> {
  try {
    assertCandidateSearch(search);
  } catch (error) {
    if (error instanceof RangeError) throw badInput(`${error.message}.`);
    throw error;
  }
  const rows = await searchCandidateRows(sqlQuery(em), ALERT_CANDIDATES_SQL, search);
  const found = candidatesOfRows(rows, search, options);
  markPhase('volunteers', 'candidates.searched', undefined, { found: found.length });
  // A volunteer whose account is not active (the search table's copy says
  // otherwise only if it drifted) keeps their place among the nearest but is
  // left out rather than alerted, as when details were a second statement.
  return found.flatMap(({ candidate, row }) => {
    if (!row.listed) return [];
    return [
      {
        volunteerId: candidate.volunteerId,
        latitude: candidate.lat,
        longitude: candidate.lon,
        distanceMeters: candidate.distanceMeters,
        positionKind: candidate.positionKind,
        phone: row.phone as string | null,
        language: resolveLanguage(row.language as string | null, row.country_code as string),
        municipalityId: row.municipality_id as string,
        associationIds: row.association_ids as string[],
      },
    ];
  });
}
