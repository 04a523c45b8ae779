/**
 * The nearest AEDs that may be sent to a cardiac arrest at an instant.
 *
 * PostgreSQL finds the nearest candidates, nearest first, through a partial
 * GiST index on each AED's earth-centred position (common/earth.ts) that
 * holds only AEDs which are operational, not stood down, not private, have a
 * schedule and, if locked, a code. At the search's instant it also drops
 * those with an expired battery or pads, or an overdue check, each judged on
 * the AED's own calendar date. Only the schedule, which needs the
 * `opening_hours` evaluator, is left to TypeScript, and only for the nearest
 * few: candidates are read a page at a time, in distance order, until enough
 * are open or the radius is exhausted. Every candidate is re-assessed with
 * the same readiness rule the rest of the product uses, so SQL only ever
 * narrows what the rule sees.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type SqlQuery } from '../../../common/sql.ts';
import { preparedStatement } from '../../../common/statements.ts';
import { chordOfDistance, distanceOfChord, earthPoint } from '../../../common/earth.ts';
import type { Aed } from '../registry/aed.entity.ts';
import { readinessFactsOf, type AedRuleInputs } from '../registry/aed.facts.ts';
import { assessReadiness, type ReadinessPolicy } from '../readiness/readiness.ts';

/** A search around a point at an instant. */
export interface DispatchableSearch {
  latitude: number;
  longitude: number;
  radiusMeters: number;
  at: Date;
  /** How many AEDs at most. */
  limit: number;
  /** Read the cabinet codes too (only for dispatch). */
  withCabinetCode?: boolean;
}

/** One AED found. */
export interface DispatchableAed extends AedRuleInputs {
  id: string;
  /** Street address, as a person would look for it; null when the register has none. */
  address: string | null;
  locationDescription: string;
  /** Only when asked for with `withCabinetCode`, and only when the cabinet is locked. */
  cabinetCode: string | null;
  distanceMeters: number;
}

interface CandidateRow {
  id: string;
  latitude: number;
  longitude: number;
  address: string | null;
  location_description: string;
  time_zone: string;
  country_code: string;
  availability_schedule: string;
  battery_expires_on: string | null;
  pads_expire_on: string | null;
  last_checked_on: string | null;
  access: Aed['access'];
  cabinet_locked: boolean;
  cabinet_code: string | null;
  chord: number;
}

const PAGE_FACTOR = 4;
const MIN_PAGE = 16;

/**
 * The `cube` of the centre is repeated as a constant expression (never a join
 * or CTE): only `indexed <-> constant` lets the planner walk the GiST index
 * nearest first. Parameters: $1–$3 the centre, $4 the chord of the radius,
 * $5 the instant, $6 the page size, $7 the offset, $8 the days between checks.
 */
function candidateSql(withCabinetCode: boolean, withCheckInterval: boolean): string {
  const centre = 'public.cube(array[$1::float8, $2::float8, $3::float8])';
  const localToday = `(($5::timestamptz) at time zone time_zone)::date`;
  return `
    select id, latitude, longitude, address, location_description, time_zone, country_code, availability_schedule,
           battery_expires_on::text, pads_expire_on::text, last_checked_on::text, access, cabinet_locked,
           ${withCabinetCode ? 'cabinet_code' : 'null::text as cabinet_code'},
           earth_position OPERATOR(public.<->) ${centre} as chord
    from aeds.aed
    where operational
      and stood_down_at is null
      and availability_schedule is not null
      and access is distinct from 'PRIVATE'
      and not (cabinet_locked and cabinet_code is null)
      and earth_position OPERATOR(public.<@) public.cube_enlarge(${centre}, $4::float8, 3)
      and earth_position OPERATOR(public.<->) ${centre} <= $4::float8
      and (battery_expires_on is null or battery_expires_on >= ${localToday})
      and (pads_expire_on is null or pads_expire_on >= ${localToday})
      ${withCheckInterval ? `and last_checked_on >= ${localToday} - $8::int` : ''}
    order by earth_position OPERATOR(public.<->) ${centre}
    limit $6::int offset $7::int`;
}

/**
 * The four forms of the page statement, each planned once per connection
 * (common/statements.ts): the dispatch path sends one of them on every search.
 */
const CANDIDATE_SQL = new Map(
  [false, true].flatMap((withCabinetCode) =>
    [false, true].map((withCheckInterval) => {
      const name = `aeds.dispatchable-page${withCabinetCode ? '-with-codes' : ''}${withCheckInterval ? '-checked' : ''}`;
      return [`${withCabinetCode}/${withCheckInterval}`, preparedStatement(name, candidateSql(withCabinetCode, withCheckInterval))] as const;
    }),
  ),
);

/** Candidates read per page for a search: enough that a night with most offices closed still needs few pages. */
function pageSizeOf(search: DispatchableSearch): number {
  return Math.max(MIN_PAGE, search.limit * PAGE_FACTOR);
}

/** The SQL (with `$1` placeholders) and parameters of one page of candidates (exported so that the benchmark can show its plan). */
export function candidatePage(search: DispatchableSearch, policy: ReadinessPolicy, offset: number): { sql: string; params: unknown[] } {
  const [x, y, z] = earthPoint(search.latitude, search.longitude);
  const params: unknown[] = [x, y, z, chordOfDistance(search.radiusMeters), search.at.toISOString(), pageSizeOf(search), offset];
  if (policy.maxCheckAgeDays !== null) params.push(policy.maxCheckAgeDays);
  return { sql: CANDIDATE_SQL.get(`${search.withCabinetCode ?? false}/${policy.maxCheckAgeDays !== null}`)!, params };
}

/**
 * Runs dispatch's AED search once, at 0° 0° where no AED is, with the
 * readiness policy in force (common/database.ts `warmDispatchLane`), and
 * the rule once on an AED with opening hours: the first schedule the rule
 * reads sets up the opening-hours parser, 52 ms of the first report after a
 * start otherwise (docs/performance/dispatch.md §9).
 */
export async function warmDispatchableAeds(query: SqlQuery, policy: ReadinessPolicy): Promise<void> {
  const at = new Date();
  const { sql: statement, params } = candidatePage({ latitude: 0, longitude: 0, radiusMeters: 1, at, limit: 1, withCabinetCode: true }, policy, 0);
  await query(statement, params);
  assessReadiness(
    readinessFactsOf({
      latitude: 0,
      longitude: 0,
      timeZone: 'UTC',
      countryCode: 'NL',
      availabilitySchedule: 'Mo-Fr 08:00-18:00; PH off',
      batteryExpiresOn: null,
      padsExpireOn: null,
      lastCheckedOn: null,
      operational: true,
      stoodDownAt: null,
      access: 'PUBLIC',
      cabinetLocked: false,
      cabinetCodeKnown: true,
    }),
    at,
    policy,
  );
}

/**
 * The nearest AEDs dispatchable at `search.at` within the radius, nearest first.
 * Straight-line distance: a responder's route is the incidents subgraph's business.
 */
export async function findDispatchableAeds(em: EntityManager, search: DispatchableSearch, policy: ReadinessPolicy): Promise<DispatchableAed[]> {
  const page = pageSizeOf(search);
  const found: DispatchableAed[] = [];
  for (let offset = 0; found.length < search.limit; offset += page) {
    const { sql: statement, params } = candidatePage(search, policy, offset);
    const rows = await sql<CandidateRow>(em, statement, params);
    for (const row of rows) {
      const candidate: DispatchableAed = {
        id: row.id,
        latitude: row.latitude,
        longitude: row.longitude,
        address: row.address,
        locationDescription: row.location_description,
        timeZone: row.time_zone,
        countryCode: row.country_code,
        availabilitySchedule: row.availability_schedule,
        batteryExpiresOn: row.battery_expires_on,
        padsExpireOn: row.pads_expire_on,
        lastCheckedOn: row.last_checked_on,
        operational: true,
        stoodDownAt: null,
        access: row.access,
        cabinetLocked: row.cabinet_locked,
        cabinetCodeKnown: true,
        cabinetCode: row.cabinet_locked ? row.cabinet_code : null,
        // Centimetres: the float noise below them would only confuse a reader.
        distanceMeters: Math.round(distanceOfChord(row.chord) * 100) / 100,
      };
      if (assessReadiness(readinessFactsOf(candidate), search.at, policy).dispatchable) {
        found.push(candidate);
        if (found.length === search.limit) break;
      }
    }
    if (rows.length < page) break;
  }
  return found;
}
