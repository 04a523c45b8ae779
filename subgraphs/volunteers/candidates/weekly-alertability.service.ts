/**
 * Weekly readiness figures of the volunteers subgraph:
 *
 * - for the incidents subgraph's six-minute coverage, the positions from
 *   which volunteers can be alerted in an area, each with the hours of a
 *   week in which the candidate search would find them there (the
 *   eligibility rule, and for WORK positions the weekly hours);
 * - for everyone, how many volunteers of some municipalities are alertable
 *   in each hour of the week (the public per-hour count).
 *
 * Both apply the rule through {@link weeklyAlertability}.
 *
 * A caller that keeps what it computed from the positions asks first for
 * their fingerprint alone: the digest the writes keep of the rows the answer
 * is made from (each position with its eligibility copy; a sum of row
 * hashes per tile, common/tile-digest.ts), with the week and clock. The
 * answer is a function of exactly these, so the fingerprint changes whenever
 * the answer can, without the rule being run or the rows being found.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkArea, sphereAround, type Area } from '../../../common/area.ts';
import { breather } from '../../../common/event-loop.ts';
import { HOURS_PER_WEEK, hasHour, intersectWeekMasks, isEmptyWeekMask, mondayOf, weekMaskToHex } from '../../../common/week.ts';
import { localDateOf } from '../../../common/zoned-time.ts';
import { ruleContextOf, ruleInputOf } from './alertability.ts';
import { candidateEligibilityOf, type CandidateEligibility } from './candidate-positions.ts';
import { sql } from '../../../common/sql.ts';
import { tileDigestSql, type TileDigestSpec } from '../../../common/tile-digest.ts';
import { rosterOfMunicipalities, type RuleRosterEntry } from '../registration/volunteer-roster.ts';
import { weeklyAlertability } from './weekly-alertability.ts';

/**
 * Where volunteers can be alerted from in an area during a week, one entry
 * per position in each list (columns rather than objects: an area holds
 * thousands of positions, and lists of numbers cost GraphQL far less).
 */
export interface WeeklyAlertablePositions {
  /** The Monday of the week. */
  weekStartsOn: string;
  timeZone: string;
  /**
   * Which volunteer, as a number that means something only within this
   * answer: positions of the same volunteer share it (dispatch alerts each
   * volunteer once, at their nearest position). Never their id.
   */
  volunteerKeys: number[];
  latitudes: number[];
  longitudes: number[];
  /** The position's hours of the week, as an index into {@link hourSets}. */
  hourSetIndexes: number[];
  /** The distinct sets of hours, 42 hexadecimal digits each (common/week.ts). */
  hourSets: string[];
}

interface PositionRow {
  volunteer_id: string;
  kind: 'HOME' | 'WORK';
  lat: number;
  lon: number;
  weekly_hours: string | null;
  time_zone: string;
  active: boolean;
  on_duty: boolean;
  date_of_birth: string;
  certificate_valid_until: string | null;
  certificate_grace_days: number;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
}

/**
 * Bumped when the eligibility rule, the way the hours are read or the digest
 * (its tiles, its columns) changes, so that fingerprints taken under the
 * previous release no longer match.
 */
const FINGERPRINT_VERSION = 3;

// Which positions the answer is made from, whatever the area: also what the digest counts.
// CURRENT positions are left out: where a phone will be next Tuesday at 03:00
// is unknown, and they are purged 72 hours after their last report anyway.
const ALERTABLE_HOME_OR_WORK = `active and on_duty and kind in ('HOME', 'WORK')`;

// The cube condition walks the partial GiST index of the candidate search
// (active, on duty); the box on latitude and longitude then cuts exactly.
const IN_AREA = `
from volunteers.candidate_position
where ${ALERTABLE_HOME_OR_WORK}
  and earth_position operator(public.<@) public.cube_enlarge(public.cube($1::float8[]), $2::float8, 3)
  and lat between $3 and $4 and lon between $5 and $6`;

const POSITIONS_SQL = `
select volunteer_id::text as volunteer_id, kind, lat, lon, weekly_hours::text as weekly_hours, time_zone, active, on_duty,
  date_of_birth::text as date_of_birth, certificate_valid_until::text as certificate_valid_until, certificate_grace_days,
  to_char(quiet_hours_start, 'HH24:MI') as quiet_hours_start, to_char(quiet_hours_end, 'HH24:MI') as quiet_hours_end
${IN_AREA}
order by volunteer_id, kind`;

/**
 * The digest the writes keep of the positions {@link IN_AREA} reads
 * (common/tile-digest.ts; the table and its triggers are
 * Migration0007PositionTileDigest's): the same rows (active, on duty, HOME
 * or WORK) and every column the answer is made from. Whatever writes a
 * position, its eligibility copy (a certificate, consent, suspension, the
 * region's grace period, quiet hours, a move, an import, a deletion) moves
 * the digest of its tile in the same transaction.
 */
export const ALERTABLE_POSITION_DIGEST: TileDigestSpec = {
  table: 'volunteers.candidate_position',
  digestTable: 'volunteers.candidate_position_tile_digest',
  latitude: 'lat',
  longitude: 'lon',
  counted: ALERTABLE_HOME_OR_WORK,
  hashed: `volunteer_id, kind, lat, lon, weekly_hours, time_zone, active, on_duty, date_of_birth, certificate_valid_until,
    certificate_grace_days, quiet_hours_start, quiet_hours_end`,
};

const DIGEST_SQL = tileDigestSql(ALERTABLE_POSITION_DIGEST);

function areaParams(area: Area): unknown[] {
  checkArea(area);
  const { centre, chord } = sphereAround(area);
  return [centre, chord, area.south, area.north, area.west, area.east];
}

/**
 * The fingerprint of {@link weeklyAlertablePositions}' answer for the same
 * area and week, from the digest the writes keep of the positions in the
 * tiles that meet the area (see the module comment).
 */
export async function weeklyPositionsFingerprint(em: EntityManager, area: Area, weekOf: string, timeZone: string): Promise<string> {
  checkArea(area);
  const [row] = await sql<{ row_count: string; digest: string }>(em, DIGEST_SQL, [area.south, area.north, area.west, area.east]);
  return createHash('sha256')
    .update(JSON.stringify([FINGERPRINT_VERSION, mondayOf(weekOf), timeZone, row!.row_count, row!.digest]))
    .digest('base64url');
}

/**
 * The positions in `area` from which volunteers can be alerted in some hour
 * of the week of `weekOf`, the hours read on the clock of `timeZone` (the
 * municipality the caller computes for); positions never alertable that
 * week are left out.
 */
export async function weeklyAlertablePositions(em: EntityManager, area: Area, weekOf: string, timeZone: string): Promise<WeeklyAlertablePositions> {
  const params = areaParams(area);
  const weekly = weeklyAlertability(weekOf, timeZone);
  const rows = await sql<PositionRow>(em, POSITIONS_SQL, params);
  const answer: WeeklyAlertablePositions = {
    weekStartsOn: mondayOf(weekOf),
    timeZone,
    volunteerKeys: [],
    latitudes: [],
    longitudes: [],
    hourSetIndexes: [],
    hourSets: [],
  };
  const keys = new Map<string, number>();
  const hourSets = new Map<string, number>();
  const breathe = breather();
  for (const row of rows) {
    await breathe();
    // The copy as the candidate search reads it (candidate-search.ts).
    const eligibility: CandidateEligibility = {
      timeZone: row.time_zone,
      active: row.active,
      onDuty: row.on_duty,
      dateOfBirth: row.date_of_birth,
      certificateValidUntil: row.certificate_valid_until,
      certificateGraceDays: Number(row.certificate_grace_days),
      quietHours: row.quiet_hours_start !== null && row.quiet_hours_end !== null ? { start: row.quiet_hours_start, end: row.quiet_hours_end } : null,
    };
    let hours = weekly.alertableHours(eligibility);
    if (row.kind === 'WORK' && row.weekly_hours !== null) hours = intersectWeekMasks(hours, weekly.workHours(row.weekly_hours, row.time_zone));
    if (isEmptyWeekMask(hours)) continue;
    let volunteerKey = keys.get(row.volunteer_id);
    if (volunteerKey === undefined) {
      volunteerKey = keys.size;
      keys.set(row.volunteer_id, volunteerKey);
    }
    const hex = weekMaskToHex(hours);
    let hourSet = hourSets.get(hex);
    if (hourSet === undefined) {
      hourSet = hourSets.size;
      hourSets.set(hex, hourSet);
      answer.hourSets.push(hex);
    }
    answer.volunteerKeys.push(volunteerKey);
    answer.latitudes.push(Number(row.lat));
    answer.longitudes.push(Number(row.lon));
    answer.hourSetIndexes.push(hourSet);
  }
  return answer;
}

/**
 * How many volunteers of the municipalities are alertable in each hour of
 * the week of `weekOf` (default: the current week), by the eligibility rule
 * alone, wherever they are: the per-hour companion of `alertableVolunteerCount`.
 * Each volunteer is judged on the clock of their own municipality.
 */
export async function alertableCountsByHour(em: EntityManager, municipalityIds: readonly string[], weekOf: string | null): Promise<number[]> {
  return alertableCountsByHourOf(await rosterOfMunicipalities(em, municipalityIds, { activeOnly: true }), weekOf);
}

/**
 * {@link alertableCountsByHour} of volunteers already read (all of them
 * counted: the caller leaves out those not active). An entry with a `count`
 * is a class of that many volunteers the rule cannot tell apart
 * (`ruleClassesOfMunicipalities`).
 */
export async function alertableCountsByHourOf(roster: readonly (RuleRosterEntry & { count?: number })[], weekOf: string | null): Promise<number[]> {
  const counts = new Array<number>(HOURS_PER_WEEK).fill(0);
  const breathe = breather();
  for (const { volunteer, certificates, certificateGracePeriodDays, count = 1 } of roster) {
    await breathe();
    const weekly = weeklyAlertability(weekOf ?? localDateOf(new Date(), volunteer.timeZone), volunteer.timeZone);
    const hours = weekly.alertableHours(candidateEligibilityOf(ruleInputOf(volunteer, certificates), ruleContextOf(volunteer, certificateGracePeriodDays)));
    for (let hour = 0; hour < HOURS_PER_WEEK; hour++) if (hasHour(hours, hour)) counts[hour] += count;
  }
  return counts;
}
