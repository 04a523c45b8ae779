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
import { chordOfDistance, distanceOfChord, earthPoint } from '../../../common/earth.ts';
import type { Aed } from '../registry/aed.entity.ts';
import { readinessFactsOf, type AedRuleInputs } from '../registry/aed.facts.ts';
import { assessReadiness, type ReadinessPolicy } from '../readiness/readiness.ts';
import { sql } from '../../../common/sql.ts';

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
 * The `cube` of the centre is repeated in the statement (never a join or CTE):
 * only `indexed <-> constant` (a bound parameter is one) lets the planner walk
 * the GiST index nearest first.
 */
function candidateSql(withCabinetCode: boolean, checkIntervalDays: number | null): string {
  const centre = 'public.cube(array[?, ?, ?]::float8[])';
  const localToday = `((?::timestamptz) at time zone time_zone)::date`;
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
      and earth_position OPERATOR(public.<@) public.cube_enlarge(${centre}, ?, 3)
      and earth_position OPERATOR(public.<->) ${centre} <= ?
      and (battery_expires_on is null or battery_expires_on >= ${localToday})
      and (pads_expire_on is null or pads_expire_on >= ${localToday})
      ${checkIntervalDays === null ? '' : `and last_checked_on >= ${localToday} - ?::int`}
    order by earth_position OPERATOR(public.<->) ${centre}
    limit ? offset ?`;
}

/** Candidates read per page for a search: enough that a night with most offices closed still needs few pages. */
function pageSizeOf(search: DispatchableSearch): number {
  return Math.max(MIN_PAGE, search.limit * PAGE_FACTOR);
}

/** The SQL and parameters of one page of candidates (exported so that the benchmark can show its plan). */
export function candidatePage(search: DispatchableSearch, policy: ReadinessPolicy, offset: number): { sql: string; params: unknown[] } {
  const centre = earthPoint(search.latitude, search.longitude);
  const chord = chordOfDistance(search.radiusMeters);
  const at = search.at.toISOString();
  const params: unknown[] = [...centre, ...centre, chord, ...centre, chord, at, at];
  if (policy.maxCheckAgeDays !== null) params.push(at, policy.maxCheckAgeDays);
  params.push(...centre, pageSizeOf(search), offset);
  return { sql: candidateSql(search.withCabinetCode ?? false, policy.maxCheckAgeDays), params };
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
