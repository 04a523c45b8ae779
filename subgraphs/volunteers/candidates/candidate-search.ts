/**
 * Candidate search: the nearest alertable volunteers to a cardiac arrest,
 * each volunteer once, at their nearest position (home, work during its
 * weekly hours, or current position reported in the last 72 h).
 *
 * One indexed statement does the work (see `candidate-search.sql.ts` for the
 * table and index):
 * 1. the partial GiST index over active, on-duty positions is scanned
 *    nearest-first (`<->` KNN) within the radius's bounding box, an index
 *    condition, so the scan ends at the radius even where few pass the
 *    filter (countryside, night);
 * 2. each row is filtered by the time-dependent rest of the eligibility rule,
 *    read at the alert's instant in the row's own time zone, and by the
 *    position's own validity (work hours, 72 h);
 * 3. the scan stops after the limit and a tenth more passing rows, which
 *    nearly always hold `limit` volunteers; when they do not (a volunteer
 *    with two positions among them), the statement runs again, on to
 *    3 × limit passing rows ({@link searchCandidateRows}). A volunteer has at
 *    most three positions, so those rows hold at least `limit` volunteers,
 *    and every volunteer among the nearest `limit` appears with their nearest
 *    position: whoever had all three rows beyond them would have `limit`
 *    others nearer;
 * 4. each volunteer's first row, the nearest, is kept.
 * Then TypeScript re-checks each with `evaluateAlertability`, the one rule,
 * so a drift between the SQL prefilter and the rule can only drop a
 * candidate, never alert one wrongly.
 *
 * The statement is built by {@link candidateSearchStatement} so that dispatch's
 * `alertCandidates` (alert-candidates.ts) can join what an alert needs about
 * each candidate in the same statement: one round trip instead of two.
 */
import { preparedStatement } from '../../../common/statements.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import { alertabilityOfCandidate } from './candidate-positions.ts';
import { chordOfDistance, distanceOfChord, earthPoint } from '../../../common/earth.ts';
import type { SqlQuery } from '../../../common/sql.ts';
import { CURRENT_POSITION_MAX_AGE_HOURS } from './candidate-search.sql.ts';
import type { NotAlertableReason } from './eligibility.ts';

/** Where and when to look. */
export interface CandidateSearch {
  /** Latitude of the patient, WGS84 degrees. */
  lat: number;
  /** Longitude of the patient, WGS84 degrees. */
  lon: number;
  /** Straight-line radius in metres (regions use 750–2,000 m). */
  radiusMeters: number;
  /** How many volunteers at most (30 in the Netherlands). */
  limit: number;
  /** The instant of the alert: decides age, certificates, quiet hours, work hours and staleness. */
  at: Date;
}

/** A volunteer to alert, at their nearest valid position. */
export interface Candidate {
  volunteerId: string;
  /** Great-circle distance from the patient, metres. */
  distanceMeters: number;
  positionKind: PositionKind;
  lat: number;
  lon: number;
}

/** Optional hooks. */
export interface CandidateSearchOptions {
  /**
   * Called for a row the SQL prefilter let through but the eligibility rule
   * rejects. It means the two have drifted apart: log it loudly.
   */
  onPrefilterMismatch?: (volunteerId: string, reasons: NotAlertableReason[]) => void;
}

/** Largest radius accepted: far beyond any dispatch rule, small enough to keep the box meaningful. */
export const MAXIMUM_RADIUS_METERS = 100_000;

/**
 * Largest number of candidates one search may ask for. The planner does not
 * see the limit (a subquery, see {@link candidateSearchStatement}), so every
 * limit gets the nearest-first scan; a search for hundreds reads on until it
 * has them, which stays correct.
 */
export const MAXIMUM_LIMIT = 1_000;

/** A volunteer has at most this many positions (HOME, WORK, CURRENT). */
const POSITIONS_PER_VOLUNTEER = 3;

const CENTRE = 'public.cube($1::float8[])';

/** Passing rows the search reads first: the limit and a tenth more (33 for 30; on the national data set no search that found 30 needed more than 32). */
export function firstBatchOf(limit: number): number {
  return Math.min(limit * POSITIONS_PER_VOLUNTEER, limit + Math.ceil(limit / 10));
}

// Every time-dependent part of the rule reads `lt.local`, the instant on the
// wall clock of the row's own time zone, computed once per row.
//
// The filter is one coalesce(... and ...) on purpose. As separate clauses the
// planner multiplies their default selectivities, expects almost no row to
// pass, concludes the LIMIT cannot stop the scan early and picks a bitmap
// scan of the whole box plus a sort: ~20 ms in a city centre, against ~1 ms
// for the nearest-first index scan that stops after the LIMIT. As one opaque
// boolean it is estimated at one half, and with the limit unknown to the
// planner (guessed at a tenth of the rows) the KNN scan wins. Inside,
// conditions run in written order, cheapest and most selective first.

/** The rule's columns of a passing row as the re-check reads them: text for dates and times, so no driver turns them into instants. */
const RULE_COLUMNS = `p.time_zone, p.active, p.on_duty, p.date_of_birth::text as date_of_birth,
    p.certificate_valid_until::text as certificate_valid_until, p.certificate_grace_days,
    to_char(p.quiet_hours_start, 'HH24:MI') as quiet_hours_start, to_char(p.quiet_hours_end, 'HH24:MI') as quiet_hours_end`;

/** The passing rows of the radius, nearest first, up to `$4` of them, each with `columns`. */
function nearestPassingRows(columns: string): string {
  return `
  select ${columns}, p.kind, p.lat, p.lon,
    p.earth_position operator(public.<->) ${CENTRE} as chord,
    ${RULE_COLUMNS}
  from volunteers.candidate_position p
  cross join lateral (select timezone(p.time_zone, $3::timestamptz) as local offset 0) lt
  where p.active and p.on_duty
    and p.earth_position operator(public.<@) public.cube_enlarge(${CENTRE}, $2::float8, 3)
    and coalesce(
      p.earth_position operator(public.<->) ${CENTRE} <= $2::float8
      and (p.kind <> 'CURRENT' or p.updated_at > $3::timestamptz - interval '${CURRENT_POSITION_MAX_AGE_HOURS} hours')
      and p.certificate_valid_until + p.certificate_grace_days >= lt.local::date
      and (p.kind <> 'WORK'
        or p.weekly_hours @> floor(extract(epoch from lt.local - date_trunc('week', lt.local)) / 60)::int)
      and (p.quiet_hours_start is null or not case
        when p.quiet_hours_start < p.quiet_hours_end
          then lt.local::time >= p.quiet_hours_start and lt.local::time < p.quiet_hours_end
        when p.quiet_hours_start > p.quiet_hours_end
          then lt.local::time >= p.quiet_hours_start or lt.local::time < p.quiet_hours_end
        else false end)
      and p.date_of_birth <= (lt.local::date - interval '18 years')::date,
      false)
  order by p.earth_position operator(public.<->) ${CENTRE}
  limit (select $4::bigint)`;
}

/** What a statement built on the search adds about each candidate (`f` is the candidate's row, `f.volunteer_id` a uuid). */
export interface CandidateSearchDetails {
  /** Output columns, e.g. `v.phone`. */
  columns: string;
  /** Joins that add at most one row per candidate, e.g. `left join volunteers.volunteer v on v.id = f.volunteer_id`. */
  joins: string;
}

/**
 * The search's statement: the first `$4` passing rows of the radius, nearest
 * first, with `details` joined to each. Parameters:
 * {@link candidateSearchParameters}; {@link searchCandidateRows} runs it.
 *
 * One scan, no more: the nearest-first GiST scan stops after `$4` rows that
 * pass the rule's time-dependent part, read at the alert's instant in each
 * row's own zone. A volunteer may appear once per position; the re-check
 * keeps each volunteer's first (nearest) row. Whether those rows settle the
 * answer, and the rare second read when they do not, is
 * {@link searchCandidateRows}'s: deciding that in the statement (a
 * materialised CTE, an aggregate, a second branch behind a one-time filter,
 * `distinct on` and two sorts) cost PostgreSQL a third of the statement's
 * execution on the national data set, to save a round trip that no search
 * of its benchmark needed.
 *
 * The local time is computed in a lateral subquery kept apart by
 * `offset 0`: flattened into the filter, `timezone()` ran once for each of
 * the rule's uses of it, up to six times per row.
 *
 * The limit is a subquery, `(select $4)`, so that PostgreSQL keeps the
 * prepared statement's generic plan. A plain `limit $4` is known in a custom
 * plan (33 rows) but not in the generic one (estimated at a tenth of the
 * rows, 36), so the generic plan looked dearer than the custom ones and
 * `plan_cache_mode = auto` planned every call anew (about 0.1 ms each). As
 * a subquery the limit is unknown to both, both cost the same, and the
 * generic plan wins once it saves the planning (pg_prepared_statements:
 * `generic_plans` counts up from the sixth execution). The plan is the same
 * nearest-first scan either way.
 */
export function candidateSearchStatement(details?: CandidateSearchDetails): string {
  if (!details) return nearestPassingRows('p.volunteer_id::text as volunteer_id');
  // The scan stays a subquery with its own limit: the details are joined to its rows only.
  return `
select f.volunteer_id::text as volunteer_id, f.kind, f.lat, f.lon, f.chord, f.time_zone, f.active, f.on_duty,
  f.date_of_birth, f.certificate_valid_until, f.certificate_grace_days, f.quiet_hours_start, f.quiet_hours_end,
  ${details.columns}
from (${nearestPassingRows('p.volunteer_id')}
) f
${details.joins}
order by f.chord`;
}

// Prepared (common/statements.ts): parsed and analysed once per connection
// instead of on every call.
const SEARCH_SQL = preparedStatement('volunteers.candidate-search', candidateSearchStatement());

/** Throws a `RangeError` that says what is wrong unless `search` is one the search can run. */
export function assertCandidateSearch(search: CandidateSearch): void {
  const { lat, lon, radiusMeters, limit, at } = search;
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90 && Number.isFinite(lon) && lon >= -180 && lon <= 180)) {
    throw new RangeError(`Search centre ${lat}, ${lon} is not a latitude/longitude`);
  }
  if (!(radiusMeters > 0 && radiusMeters <= MAXIMUM_RADIUS_METERS)) {
    throw new RangeError(`Search radius must be more than 0 and at most ${MAXIMUM_RADIUS_METERS} m, got ${radiusMeters}`);
  }
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAXIMUM_LIMIT)) {
    throw new RangeError(`Search limit must be a whole number from 1 to ${MAXIMUM_LIMIT}, got ${limit}`);
  }
  if (Number.isNaN(at.getTime())) throw new RangeError('Search instant is not a valid date');
}

/**
 * The parameters of {@link candidateSearchStatement} for `search`, reading
 * up to `rows` passing rows (the first batch unless said otherwise); bad
 * search parameters are a `RangeError`.
 */
export function candidateSearchParameters(search: CandidateSearch, rows = firstBatchOf(search.limit)): unknown[] {
  assertCandidateSearch(search);
  return [earthPoint(search.lat, search.lon), chordOfDistance(search.radiusMeters), search.at, rows];
}

/**
 * Whether the first batch of passing rows (`firstBatchOf(limit)` asked)
 * settles the search: it holds `limit` volunteers, or it is shorter than
 * asked, so the scan reached the radius and there is nothing further.
 */
export function firstBatchSettles(rows: readonly Record<string, unknown>[], limit: number): boolean {
  if (rows.length < firstBatchOf(limit)) return true;
  const volunteers = new Set<unknown>();
  for (const row of rows) {
    volunteers.add(row.volunteer_id);
    if (volunteers.size >= limit) return true;
  }
  return false;
}

/**
 * The rows of `statement` (built by {@link candidateSearchStatement}) for
 * `search`, nearest first: the first batch, the limit and a tenth more
 * passing rows, which nearly always holds `limit` volunteers; when it does
 * not (a volunteer with two or three positions among them) and did not reach
 * the radius, the same statement again, on to 3 × limit passing rows. A
 * volunteer has at most three positions, so those rows hold at least
 * `limit` volunteers, and every volunteer among the nearest `limit` appears
 * with their nearest position: whoever had all three rows beyond them would
 * have `limit` others nearer. Bad search parameters are a `RangeError`.
 */
export async function searchCandidateRows(query: SqlQuery, statement: string, search: CandidateSearch): Promise<Record<string, unknown>[]> {
  const first = await query(statement, candidateSearchParameters(search));
  if (firstBatchSettles(first, search.limit)) return first;
  return query(statement, candidateSearchParameters(search, search.limit * POSITIONS_PER_VOLUNTEER));
}

/**
 * The candidates among the rows of {@link candidateSearchStatement}, nearest
 * first, each volunteer once at their first (nearest) row, re-checked with
 * the eligibility rule, at most `limit`; each with the row it came from (for
 * the details joined to it).
 */
export function candidatesOfRows(
  rows: readonly Record<string, unknown>[],
  search: CandidateSearch,
  options: CandidateSearchOptions = {},
): { candidate: Candidate; row: Record<string, unknown> }[] {
  const seen = new Set<string>();
  const candidates: { candidate: Candidate; row: Record<string, unknown> }[] = [];
  for (const row of rows) {
    const volunteerId = row.volunteer_id as string;
    // A volunteer's further positions come after their nearest: they are not candidates again.
    if (seen.has(volunteerId)) continue;
    seen.add(volunteerId);
    const quietStart = row.quiet_hours_start as string | null;
    const quietEnd = row.quiet_hours_end as string | null;
    const verdict = alertabilityOfCandidate(
      {
        timeZone: row.time_zone as string,
        active: row.active as boolean,
        onDuty: row.on_duty as boolean,
        dateOfBirth: row.date_of_birth as string,
        certificateValidUntil: row.certificate_valid_until as string | null,
        certificateGraceDays: Number(row.certificate_grace_days),
        quietHours: quietStart !== null && quietEnd !== null ? { start: quietStart, end: quietEnd } : null,
      },
      search.at,
    );
    if (!verdict.alertable) {
      options.onPrefilterMismatch?.(volunteerId, verdict.reasons);
      continue;
    }
    candidates.push({
      candidate: {
        volunteerId,
        distanceMeters: distanceOfChord(Number(row.chord)),
        positionKind: row.kind as PositionKind,
        lat: Number(row.lat),
        lon: Number(row.lon),
      },
      row,
    });
    if (candidates.length === search.limit) break;
  }
  return candidates;
}

/**
 * Finds up to `limit` volunteers alertable at `at` within `radiusMeters` of
 * the point, nearest first, each once at their nearest valid position.
 */
export async function findAlertableCandidates(query: SqlQuery, search: CandidateSearch, options: CandidateSearchOptions = {}): Promise<Candidate[]> {
  const rows = await searchCandidateRows(query, SEARCH_SQL, search);
  return candidatesOfRows(rows, search, options).map(({ candidate }) => candidate);
}
