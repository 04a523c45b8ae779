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
 *    with two positions among them), the same scan runs on to 3 × limit
 *    passing rows in the same statement. A volunteer has at most three
 *    positions, so those rows hold at least `limit` volunteers, and every
 *    volunteer among the nearest `limit` appears with their nearest
 *    position: whoever had all three rows beyond them would have `limit`
 *    others nearer;
 * 4. each volunteer's nearest row is kept (`distinct on`), nearest first.
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
 * Largest number of candidates one search may ask for. Up to about a hundred
 * the planner takes the nearest-first scan; beyond that it may fall back to
 * scanning the whole box and sorting, which stays correct but slower.
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
// boolean it is estimated at one half, so the KNN scan wins for any limit up
// to about a hundred volunteers. Inside, conditions run in written order,
// cheapest and most selective first.

/** The passing rows of the radius, nearest first, up to `limit` of them: the scan both branches of the search run. */
function nearestPassingRows(limit: string, gate = ''): string {
  return `
  select p.volunteer_id, p.kind, p.lat, p.lon,
    p.earth_position operator(public.<->) ${CENTRE} as chord,
    p.time_zone, p.active, p.on_duty, p.date_of_birth, p.certificate_valid_until, p.certificate_grace_days,
    p.quiet_hours_start, p.quiet_hours_end
  from volunteers.candidate_position p
  cross join lateral (select timezone(p.time_zone, $3::timestamptz) as local offset 0) lt
  where ${gate}p.active and p.on_duty
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
  limit ${limit}`;
}

/** What a statement built on the search adds about each candidate (`f` is the candidate's row, `f.volunteer_id` a uuid). */
export interface CandidateSearchDetails {
  /** Output columns, e.g. `v.phone`. */
  columns: string;
  /** Joins that add at most one row per candidate, e.g. `left join volunteers.volunteer v on v.id = f.volunteer_id`. */
  joins: string;
}

/**
 * The search as one statement, with `details` joined to each candidate's row.
 * Parameters: {@link candidateSearchParameters}.
 *
 * Two branches, one round trip. `nearest` takes the first `$4` passing rows
 * (the limit and a tenth more): they hold `$5` (the limit) volunteers unless
 * a volunteer has two positions among them; on the national data set 4 % of
 * the full searches meet a second position of someone within the first 30
 * rows, and none needed more than 32. `complete` says whether those rows
 * settle the answer: `$5` volunteers, or fewer than `$4` rows, which means
 * the scan reached the radius. Only when they do not does `further` scan on
 * to `$6` = 3 × limit rows, the bound that always holds: its condition is a
 * one-time filter, evaluated before its scan starts. Before, every search
 * scanned to 3 × limit passing rows: about 200 rows read for 90 passing,
 * where 30 volunteers were wanted.
 *
 * The local time is computed in a lateral subquery kept apart by
 * `offset 0`: flattened into the filter, `timezone()` ran once for each of
 * the rule's uses of it, up to six times per row.
 */
export function candidateSearchStatement(details?: CandidateSearchDetails): string {
  const detailColumns = details ? `,\n  ${details.columns}` : '';
  const detailJoins = details ? `\n${details.joins}` : '';
  return `
with nearest as materialized (${nearestPassingRows('$4')}
), complete as (
  select count(*) < $4 or count(distinct volunteer_id) >= $5 as settled from nearest
), found as (
  select * from nearest where (select settled from complete)
  union all
  (${nearestPassingRows('$6', 'not (select settled from complete) and ')})
), firsts as (
  -- Each volunteer once, at their nearest position.
  select distinct on (volunteer_id) * from found order by volunteer_id, chord
)
select f.volunteer_id::text as volunteer_id, f.kind, f.lat, f.lon, f.chord,
  f.time_zone, f.active, f.on_duty, f.date_of_birth::text as date_of_birth,
  f.certificate_valid_until::text as certificate_valid_until, f.certificate_grace_days,
  to_char(f.quiet_hours_start, 'HH24:MI') as quiet_hours_start, to_char(f.quiet_hours_end, 'HH24:MI') as quiet_hours_end${detailColumns}
from firsts f${detailJoins}
order by f.chord`;
}

// Prepared (common/statements.ts): parsed and analysed once per connection
// instead of on every call.
const SEARCH_SQL = preparedStatement('volunteers.candidate-search', candidateSearchStatement());

function assertSearch(search: CandidateSearch): void {
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

/** The parameters of {@link candidateSearchStatement} for `search`; bad search parameters are a `RangeError`. */
export function candidateSearchParameters(search: CandidateSearch): unknown[] {
  assertSearch(search);
  return [earthPoint(search.lat, search.lon), chordOfDistance(search.radiusMeters), search.at, firstBatchOf(search.limit), search.limit, search.limit * POSITIONS_PER_VOLUNTEER];
}

/**
 * The candidates among the rows of {@link candidateSearchStatement}, nearest
 * first, each re-checked with the eligibility rule, at most `limit`; each
 * with the row it came from (for the details joined to it).
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
    // The statement returns each volunteer once; a join that multiplied rows must not alert anyone twice.
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
  const rows = await query(SEARCH_SQL, candidateSearchParameters(search));
  return candidatesOfRows(rows, search, options).map(({ candidate }) => candidate);
}
