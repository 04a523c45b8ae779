/**
 * Writes to `volunteers.candidate_position`, the search table of the
 * candidate search: a volunteer's HOME, WORK and CURRENT positions, each
 * row carrying a copy of the volunteer's eligibility inputs.
 *
 * Keeping the copies right is the database layer's duty, in the same
 * transaction as the change that causes it:
 * - position added, moved or removed → `upsertCandidatePositions` /
 *   `removeCandidatePosition`, with the volunteer's current eligibility;
 * - status, on-duty switch, date of birth, quiet hours, a certificate added,
 *   changed, verified or removed, the municipality (time zone) or the
 *   region's grace period changed → `updateCandidateEligibility` (one
 *   statement for all of the volunteer's rows);
 * - volunteer deleted → `removeVolunteerPositions` (or an `on delete
 *   cascade` foreign key);
 * - hourly → `purgeStaleCurrentPositions`, which deletes CURRENT positions
 *   72 h after their last report (the search ignores them from then on
 *   anyway; the purge is for privacy).
 * Nothing has to be refreshed as time passes: age, expiry, quiet hours and
 * work hours are evaluated at search time.
 */
import { evaluateAlertability, latestVerifiedValidUntil, type Alertability, type AlertabilityContext, type QuietHours, type VolunteerAlertabilityInput } from './eligibility.ts';
import { assertTimeZone, localDateTime, MINUTES_PER_DAY, parseTimeOfDay, type LocalDate } from '../../../common/zoned-time.ts';
import { MINUTES_PER_WEEK, PURGE_STALE_CURRENT_POSITIONS_SQL } from './candidate-search.sql.ts';
import type { PositionKind } from '../../../common/position-kind.ts';
import type { SqlQuery } from '../../../common/sql.ts';

/** One interval of work hours, e.g. Monday 08:00–17:00, or a night shift Friday 22:00–06:00. */
export interface WorkHoursInterval {
  /** ISO weekday the interval starts on: 1 = Monday … 7 = Sunday. */
  day: number;
  /** `HH:MM` local. */
  start: string;
  /** `HH:MM` local; at or before `start` means the next day (`00:00` ends at midnight). */
  end: string;
}

/** When a volunteer is at their work address, repeating weekly, in their municipality's local time. */
export type WeeklyHours = readonly WorkHoursInterval[];

/** The weekly hours as half-open ranges of minutes since Monday 00:00, split at the week's end. */
export function weeklyHoursRanges(hours: WeeklyHours): [number, number][] {
  const ranges: [number, number][] = [];
  for (const interval of hours) {
    if (!Number.isInteger(interval.day) || interval.day < 1 || interval.day > 7) {
      throw new RangeError(`Work hours day must be an ISO weekday 1–7, got ${interval.day}`);
    }
    const start = parseTimeOfDay(interval.start);
    const end = parseTimeOfDay(interval.end);
    if (start === end) {
      throw new RangeError(`Work hours ${interval.start}–${interval.end} are empty or a whole day; say which`);
    }
    const from = (interval.day - 1) * MINUTES_PER_DAY + start;
    const to = (interval.day - 1) * MINUTES_PER_DAY + end + (end < start ? MINUTES_PER_DAY : 0);
    if (to <= MINUTES_PER_WEEK) {
      ranges.push([from, to]);
    } else {
      // Sunday night into Monday morning wraps to the start of the week.
      ranges.push([from, MINUTES_PER_WEEK], [0, to - MINUTES_PER_WEEK]);
    }
  }
  return ranges;
}

/** The weekly hours as a PostgreSQL `int4multirange` literal, e.g. `{[480,1020),[1920,2460)}`. */
export function weeklyHoursToMultirange(hours: WeeklyHours): string {
  return `{${weeklyHoursRanges(hours)
    .map(([from, to]) => `[${from},${to})`)
    .join(',')}}`;
}

/** True when `at` falls inside the weekly hours on the local clock of `timeZone`. */
export function isWithinWeeklyHours(hours: WeeklyHours, at: Date, timeZone: string): boolean {
  const local = localDateTime(at, timeZone);
  const minuteOfWeek = (local.isoWeekday - 1) * MINUTES_PER_DAY + local.minuteOfDay;
  return weeklyHoursRanges(hours).some(([from, to]) => minuteOfWeek >= from && minuteOfWeek < to);
}

/** The copy of a volunteer's eligibility inputs kept on each of their positions. */
export interface CandidateEligibility {
  /** IANA zone of the volunteer's municipality. */
  timeZone: string;
  active: boolean;
  onDuty: boolean;
  dateOfBirth: LocalDate;
  /** Latest valid-until among verified certificates; null when none is verified. */
  certificateValidUntil: LocalDate | null;
  /** The region's grace period after expiry, in days. */
  certificateGraceDays: number;
  quietHours: QuietHours | null;
}

/** Derives the denormalised eligibility of a volunteer, the same way `evaluateAlertability` reads it. */
export function candidateEligibilityOf(volunteer: VolunteerAlertabilityInput, context: AlertabilityContext): CandidateEligibility {
  assertTimeZone(context.timeZone);
  if (volunteer.quietHours) {
    // PostgreSQL's time type takes 24:00, which the rule does not: refuse it here rather than disagree later.
    parseTimeOfDay(volunteer.quietHours.start);
    parseTimeOfDay(volunteer.quietHours.end);
  }
  return {
    timeZone: context.timeZone,
    active: volunteer.status === 'ACTIVE',
    onDuty: volunteer.onDuty,
    dateOfBirth: volunteer.dateOfBirth,
    certificateValidUntil: latestVerifiedValidUntil(volunteer.certificates),
    certificateGraceDays: context.certificateGracePeriodDays ?? 0,
    quietHours: volunteer.quietHours ?? null,
  };
}

/**
 * Applies the eligibility rule to a denormalised copy. Only the latest
 * verified valid-until decides the certificate part of the rule, so a single
 * certificate ending that day stands in for all of them.
 */
export function alertabilityOfCandidate(eligibility: CandidateEligibility, at: Date): Alertability {
  const validUntil = eligibility.certificateValidUntil;
  return evaluateAlertability(
    {
      dateOfBirth: eligibility.dateOfBirth,
      status: eligibility.active ? 'ACTIVE' : 'SUSPENDED',
      onDuty: eligibility.onDuty,
      quietHours: eligibility.quietHours,
      certificates: validUntil === null ? [] : [{ courseDate: validUntil, validUntil, verified: true }],
    },
    at,
    { timeZone: eligibility.timeZone, certificateGracePeriodDays: eligibility.certificateGraceDays },
  );
}

/** A position to store for a volunteer. */
export interface CandidatePositionInput {
  volunteerId: string;
  kind: PositionKind;
  lat: number;
  lon: number;
  /** Required for WORK, absent otherwise. */
  weeklyHours?: WeeklyHours | null;
  /** For CURRENT: when the phone reported it. Defaults to the database's now(). */
  updatedAt?: Date;
}

function assertPosition(position: CandidatePositionInput): void {
  const { lat, lon, kind } = position;
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90 && Number.isFinite(lon) && lon >= -180 && lon <= 180)) {
    throw new RangeError(`Position ${lat}, ${lon} is not a latitude/longitude`);
  }
  if ((kind === 'WORK') !== Boolean(position.weeklyHours)) {
    throw new RangeError('A WORK position needs weekly hours, and only a WORK position has them');
  }
}

const UPSERT_SQL = `
insert into volunteers.candidate_position (
  volunteer_id, kind, lat, lon, weekly_hours, updated_at, time_zone, active, on_duty, date_of_birth,
  certificate_valid_until, certificate_grace_days, quiet_hours_start, quiet_hours_end)
select volunteer_id, kind, lat, lon, weekly_hours::int4multirange, coalesce(updated_at, now()), time_zone, active, on_duty,
  date_of_birth, certificate_valid_until, certificate_grace_days, quiet_hours_start, quiet_hours_end
from unnest($1::uuid[], $2::text[], $3::float8[], $4::float8[], $5::text[], $6::timestamptz[], $7::text[], $8::bool[],
  $9::bool[], $10::date[], $11::date[], $12::int2[], $13::time[], $14::time[])
  as input(volunteer_id, kind, lat, lon, weekly_hours, updated_at, time_zone, active, on_duty, date_of_birth,
    certificate_valid_until, certificate_grace_days, quiet_hours_start, quiet_hours_end)
on conflict (volunteer_id, kind) do update set
  lat = excluded.lat, lon = excluded.lon, weekly_hours = excluded.weekly_hours, updated_at = excluded.updated_at,
  time_zone = excluded.time_zone, active = excluded.active, on_duty = excluded.on_duty,
  date_of_birth = excluded.date_of_birth, certificate_valid_until = excluded.certificate_valid_until,
  certificate_grace_days = excluded.certificate_grace_days, quiet_hours_start = excluded.quiet_hours_start,
  quiet_hours_end = excluded.quiet_hours_end`;

/**
 * Inserts or replaces positions with their volunteers' eligibility, in one
 * statement (arrays unnested server-side, so thousands per call are fine).
 * A (volunteer, kind) pair may appear once per call.
 */
export async function upsertCandidatePositions(query: SqlQuery, positions: readonly { position: CandidatePositionInput; eligibility: CandidateEligibility }[]): Promise<void> {
  if (positions.length === 0) return;
  const columns: unknown[][] = Array.from({ length: 14 }, () => []);
  for (const { position, eligibility } of positions) {
    assertPosition(position);
    const values = [
      position.volunteerId,
      position.kind,
      position.lat,
      position.lon,
      position.weeklyHours ? weeklyHoursToMultirange(position.weeklyHours) : null,
      position.updatedAt ?? null,
      eligibility.timeZone,
      eligibility.active,
      eligibility.onDuty,
      eligibility.dateOfBirth,
      eligibility.certificateValidUntil,
      eligibility.certificateGraceDays,
      eligibility.quietHours?.start ?? null,
      eligibility.quietHours?.end ?? null,
    ];
    values.forEach((value, index) => columns[index]!.push(value));
  }
  await query(UPSERT_SQL, columns);
}

/** Rewrites the eligibility copy on all of a volunteer's positions. */
export async function updateCandidateEligibility(query: SqlQuery, volunteerId: string, eligibility: CandidateEligibility): Promise<void> {
  await query(
    `update volunteers.candidate_position set time_zone = $2, active = $3, on_duty = $4, date_of_birth = $5,
       certificate_valid_until = $6, certificate_grace_days = $7, quiet_hours_start = $8, quiet_hours_end = $9
     where volunteer_id = $1`,
    [
      volunteerId,
      eligibility.timeZone,
      eligibility.active,
      eligibility.onDuty,
      eligibility.dateOfBirth,
      eligibility.certificateValidUntil,
      eligibility.certificateGraceDays,
      eligibility.quietHours?.start ?? null,
      eligibility.quietHours?.end ?? null,
    ],
  );
}

/** Removes one position of a volunteer (e.g. a work address given up). */
export async function removeCandidatePosition(query: SqlQuery, volunteerId: string, kind: PositionKind): Promise<void> {
  await query('delete from volunteers.candidate_position where volunteer_id = $1 and kind = $2', [volunteerId, kind]);
}

/** Removes all positions of a volunteer (account deleted). */
export async function removeVolunteerPositions(query: SqlQuery, volunteerId: string): Promise<void> {
  await query('delete from volunteers.candidate_position where volunteer_id = $1', [volunteerId]);
}

/** Deletes CURRENT positions whose last report is 72 h or more before `at`; returns how many. */
export async function purgeStaleCurrentPositions(query: SqlQuery, at: Date): Promise<number> {
  const rows = await query(`with purged as (${PURGE_STALE_CURRENT_POSITIONS_SQL} returning 1) select count(*)::int as count from purged`, [at]);
  return Number(rows[0]?.count ?? 0);
}
