/**
 * Candidate search: the nearest alertable volunteers to a cardiac arrest,
 * each volunteer once, at their nearest position (home, work during its
 * weekly hours, or current position reported in the last 72 h).
 *
 * One indexed query does the work (see `candidate-search.sql.ts` for the
 * table and index):
 * 1. the partial GiST index over active, on-duty positions is scanned
 *    nearest-first (`<->` KNN) within the radius's bounding box, an index
 *    condition, so the scan ends at the radius even where few pass the
 *    filter (countryside, night);
 * 2. each row is filtered by the time-dependent rest of the eligibility rule,
 *    read at the alert's instant in the row's own time zone, and by the
 *    position's own validity (work hours, 72 h);
 * 3. the scan stops after 3 × limit passing rows. A volunteer has at most
 *    three positions, so these rows hold at least `limit` volunteers, and
 *    every volunteer among the nearest `limit` appears with their nearest
 *    position: whoever had all three rows beyond them would have `limit`
 *    others nearer.
 * Then TypeScript keeps each volunteer's first (nearest) row and re-checks
 * it with `evaluateAlertability`, the one rule, so a drift between the SQL
 * prefilter and the rule can only drop a candidate, never alert one wrongly.
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

// Every time-dependent part of the rule reads `lt.local`, the instant on the
// wall clock of the row's own time zone (the lateral subquery is flattened
// into the scan: one expression per row, not a join).
//
// The filter is one coalesce(... and ...) on purpose. As separate clauses the
// planner multiplies their default selectivities, expects almost no row to
// pass, concludes the LIMIT cannot stop the scan early and picks a bitmap
// scan of the whole box plus a sort: ~20 ms in a city centre, against ~1 ms
// for the nearest-first index scan that stops after the LIMIT. As one opaque
// boolean it is estimated at one half, so the KNN scan wins for any limit up
// to about a hundred volunteers. Inside, conditions run in written order,
// cheapest and most selective first.
//
// Prepared (common/statements.ts): parsed and analysed once per connection
// instead of on every call.
const SEARCH_SQL = preparedStatement(
  'volunteers.candidate-search',
  `
select p.volunteer_id::text as volunteer_id, p.kind, p.lat, p.lon,
  p.earth_position operator(public.<->) ${CENTRE} as chord,
  p.time_zone, p.active, p.on_duty, p.date_of_birth::text as date_of_birth,
  p.certificate_valid_until::text as certificate_valid_until, p.certificate_grace_days,
  to_char(p.quiet_hours_start, 'HH24:MI') as quiet_hours_start, to_char(p.quiet_hours_end, 'HH24:MI') as quiet_hours_end
from volunteers.candidate_position p
cross join lateral (select timezone(p.time_zone, $3::timestamptz) as local) lt
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
limit $4`,
);

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

/**
 * Finds up to `limit` volunteers alertable at `at` within `radiusMeters` of
 * the point, nearest first, each once at their nearest valid position.
 */
export async function findAlertableCandidates(query: SqlQuery, search: CandidateSearch, options: CandidateSearchOptions = {}): Promise<Candidate[]> {
  assertSearch(search);
  const rows = await query(SEARCH_SQL, [earthPoint(search.lat, search.lon), chordOfDistance(search.radiusMeters), search.at, search.limit * POSITIONS_PER_VOLUNTEER]);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const volunteerId = row.volunteer_id as string;
    // Rows come nearest first: a volunteer's first row is their nearest position.
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
      volunteerId,
      distanceMeters: distanceOfChord(Number(row.chord)),
      positionKind: row.kind as PositionKind,
      lat: Number(row.lat),
      lon: Number(row.lon),
    });
    if (candidates.length === search.limit) break;
  }
  return candidates;
}
