/**
 * Weekly readiness figures of the AEDs subgraph:
 *
 * - for the incidents subgraph's six-minute coverage, the AEDs in an area
 *   with the hours of a week in which dispatch could send for them;
 * - for everyone, how many AEDs of a municipality are dispatchable in each
 *   hour of the week (the per-hour companion of `dispatchableAedCount`).
 *
 * Both apply the readiness rule through {@link weeklyAvailability}.
 *
 * A caller that keeps what it computed from the AEDs asks first for their
 * fingerprint alone: the digest the writes keep of the rows the answer is
 * made from (a sum of row hashes per tile, common/tile-digest.ts), with the
 * week, clock and readiness policy. The answer is a function of exactly
 * these, so the fingerprint changes whenever the answer can, without the
 * rule being run or the rows being found.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkArea, sphereAround, type Area } from '../../../common/area.ts';
import { breather } from '../../../common/event-loop.ts';
import { HOURS_PER_WEEK, hasHour, isEmptyWeekMask, mondayOf, weekMaskToHex } from '../../../common/week.ts';
import { localDateOf } from '../../../common/zoned-time.ts';
import { AED_RULE_COLUMNS_SQL, readinessFactsOf, ruleInputsOfRow, type AedRuleInputs, type AedRuleRow } from '../registry/aed.facts.ts';
import type { ReadinessPolicy } from '../readiness/readiness.ts';
import { weeklyAvailability, type WeeklyAvailability } from './weekly-availability.ts';
import { sql } from '../../../common/sql.ts';
import { tileDigestSql, type TileDigestSpec } from '../../../common/tile-digest.ts';

/**
 * The AEDs of an area dispatchable in some hour of a week, one entry per AED
 * in each list (columns rather than objects, which cost GraphQL far less).
 * No ids and no cabinet codes: coverage needs only where and when.
 */
export interface WeeklyDispatchableAeds {
  /** The Monday of the week. */
  weekStartsOn: string;
  timeZone: string;
  latitudes: number[];
  longitudes: number[];
  /** The AED's hours of the week, as an index into {@link hourSets}. */
  hourSetIndexes: number[];
  /** The distinct sets of hours, 42 hexadecimal digits each (common/week.ts). */
  hourSets: string[];
}

type AedRow = AedRuleRow & { id: string };

/** Bumped when the readiness rule or the digest (its tiles, its columns) changes, so that fingerprints taken under the previous release no longer match. */
const FINGERPRINT_VERSION = 3;

// The conditions that never change with the clock are the partial GiST
// index's own (dispatchable-search.ts), so the planner walks that index;
// dates and schedules are left to the rule, hour by hour. They are also what
// the digest counts.
const DISPATCHABLE_SOMETIME = `operational
  and stood_down_at is null
  and availability_schedule is not null
  and access is distinct from 'PRIVATE'
  and not (cabinet_locked and cabinet_code is null)`;

const IN_AREA = `
from aeds.aed
where ${DISPATCHABLE_SOMETIME}
  and earth_position OPERATOR(public.<@) public.cube_enlarge(public.cube(array[?, ?, ?]::float8[]), ?, 3)
  and latitude between ? and ? and longitude between ? and ?`;

const AEDS_SQL = `
select id, ${AED_RULE_COLUMNS_SQL}
${IN_AREA}
order by id`;

/**
 * The digest the writes keep of the AEDs {@link IN_AREA} reads
 * (common/tile-digest.ts; the table and its triggers are
 * Migration0005AedTileDigest's): the same rows and every column the rule
 * reads. An import, a check, new pads or battery, a schedule, a stand-down,
 * a decommissioning or a deletion moves the digest of its tile in the same
 * transaction.
 */
export const DISPATCHABLE_AED_DIGEST: TileDigestSpec = {
  table: 'aeds.aed',
  digestTable: 'aeds.aed_tile_digest',
  latitude: 'latitude',
  longitude: 'longitude',
  counted: DISPATCHABLE_SOMETIME,
  hashed: `id, latitude, longitude, time_zone, country_code, availability_schedule, battery_expires_on, pads_expire_on, last_checked_on,
    operational, stood_down_at, access, cabinet_locked, cabinet_code is not null`,
};

const DIGEST_SQL = tileDigestSql(DISPATCHABLE_AED_DIGEST);

function areaParams(area: Area): unknown[] {
  checkArea(area);
  const { centre, chord } = sphereAround(area);
  return [...centre, chord, area.south, area.north, area.west, area.east];
}

function factsOf(row: AedRow) {
  return readinessFactsOf(ruleInputsOfRow(row));
}

/**
 * The fingerprint of {@link weeklyDispatchableAeds}' answer for the same
 * area, week and policy, from the digest the writes keep of the AEDs in the
 * tiles that meet the area (see the module comment).
 */
export async function weeklyAedsFingerprint(em: EntityManager, area: Area, weekOf: string, timeZone: string, policy: ReadinessPolicy): Promise<string> {
  checkArea(area);
  const [row] = await sql<{ row_count: string; digest: string }>(em, DIGEST_SQL, [area.south, area.north, area.west, area.east]);
  return createHash('sha256')
    .update(JSON.stringify([FINGERPRINT_VERSION, mondayOf(weekOf), timeZone, policy, row!.row_count, row!.digest]))
    .digest('base64url');
}

/**
 * The AEDs in `area` dispatchable in some hour of the week of `weekOf`,
 * the hours read on the clock of `timeZone` (the municipality the caller
 * computes for), each judged by the readiness rule in its own zone; AEDs
 * never dispatchable that week are left out. No ids, no cabinet codes.
 */
export async function weeklyDispatchableAeds(em: EntityManager, area: Area, weekOf: string, timeZone: string, policy: ReadinessPolicy): Promise<WeeklyDispatchableAeds> {
  const params = areaParams(area);
  const weekly = weeklyAvailability(weekOf, timeZone, policy);
  const rows = await sql<AedRow>(em, AEDS_SQL, params);
  const answer: WeeklyDispatchableAeds = { weekStartsOn: mondayOf(weekOf), timeZone, latitudes: [], longitudes: [], hourSetIndexes: [], hourSets: [] };
  const hourSets = new Map<string, number>();
  // Judging a new class evaluates a schedule 168 times (a few milliseconds): dispatch's searches get in between.
  const breathe = breather();
  for (const row of rows) {
    await breathe();
    const hours = weekly.dispatchableHours(factsOf(row));
    if (isEmptyWeekMask(hours)) continue;
    const hex = weekMaskToHex(hours);
    let hourSet = hourSets.get(hex);
    if (hourSet === undefined) {
      hourSet = hourSets.size;
      hourSets.set(hex, hourSet);
      answer.hourSets.push(hex);
    }
    answer.latitudes.push(Number(row.latitude));
    answer.longitudes.push(Number(row.longitude));
    answer.hourSetIndexes.push(hourSet);
  }
  return answer;
}

/**
 * How many of the AEDs are dispatchable in each hour of the week of
 * `weekOf` (default: the current week in each AED's zone).
 */
export async function dispatchableCountsByHour(aeds: readonly AedRuleInputs[], weekOf: string | null, policy: ReadinessPolicy): Promise<number[]> {
  const counts = new Array<number>(HOURS_PER_WEEK).fill(0);
  const breathe = breather();
  // The week's rule looked up once per zone for a given week, not per AED (its key is a JSON text: some 0.1 s of the
  // daily snapshot's 50,000 AEDs). Without a week, each AED's current week is asked for at its turn, as before.
  const weeks = new Map<string, WeeklyAvailability>();
  const weekIn = (timeZone: string) => {
    if (weekOf === null) return weeklyAvailability(localDateOf(new Date(), timeZone), timeZone, policy);
    let weekly = weeks.get(timeZone);
    if (!weekly) weeks.set(timeZone, (weekly = weeklyAvailability(weekOf, timeZone, policy)));
    return weekly;
  };
  for (const aed of aeds) {
    await breathe();
    const hours = weekIn(aed.timeZone).dispatchableHours(readinessFactsOf(aed));
    for (let hour = 0; hour < HOURS_PER_WEEK; hour++) if (hasHour(hours, hour)) counts[hour] += 1;
  }
  return counts;
}
