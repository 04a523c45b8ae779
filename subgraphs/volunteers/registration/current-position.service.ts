/**
 * A volunteer's current position (opt-in): the phone's last reported
 * position, so they can be alerted where they are. Only the latest is kept,
 * in the search table itself (the CURRENT row of `volunteers.candidate_position`):
 * each report replaces the previous one, there is no history, and a position
 * not renewed for 72 h is ignored at once and deleted by the hourly purge.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../../common/errors.ts';
import { checkPosition } from '../../../common/geo.type.ts';
import { purgeStaleCurrentPositions, removeCandidatePosition, upsertCandidatePositions } from '../candidates/candidate-positions.ts';
import { CURRENT_POSITION_MAX_AGE_HOURS } from '../candidates/candidate-search.sql.ts';
import { candidateEligibilityOfVolunteer } from '../candidates/candidate-sync.ts';
import { Consent, ConsentKind } from './consent.entity.ts';
import { sql, sqlQuery, toDate } from '../../../common/sql.ts';
import { Volunteer } from './volunteer.entity.ts';

/** The phone's last reported position. */
export interface CurrentPosition {
  latitude: number;
  longitude: number;
  reportedAt: Date;
}

const MAX_AGE_MS = CURRENT_POSITION_MAX_AGE_HOURS * 3_600_000;

/**
 * Turns location sharing on or off, recording the consent given or
 * withdrawn. Turning it off deletes the current position at once.
 */
export async function setLocationSharing(em: EntityManager, volunteer: Volunteer, enabled: boolean, by: string, at: Date): Promise<Volunteer> {
  return em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(Volunteer, { id: volunteer.id });
    if (row.locationSharing !== enabled) {
      tx.assign(row, { locationSharing: enabled, updatedAt: at });
      tx.create(Consent, { volunteerId: row.id, kind: ConsentKind.LOCATION_SHARING, given: enabled, at, recordedBy: by });
    }
    await tx.flush();
    if (!enabled) await removeCandidatePosition(sqlQuery(tx), row.id, 'CURRENT');
    return row;
  });
}

/** Replaces the volunteer's current position; CONFLICT unless they opted in to location sharing. */
export async function reportCurrentPosition(em: EntityManager, volunteer: Volunteer, position: { latitude: number; longitude: number }, at: Date): Promise<CurrentPosition> {
  const { latitude, longitude } = checkPosition(position, 'current position');
  if (!volunteer.locationSharing) {
    throw conflict('Location sharing is off: turn it on (setMyLocationSharing) before reporting a position.', { reason: 'LOCATION_SHARING_OFF' });
  }
  await em.transactional(async (tx) => {
    const eligibility = await candidateEligibilityOfVolunteer(tx, volunteer);
    await upsertCandidatePositions(sqlQuery(tx), [{ position: { volunteerId: volunteer.id, kind: 'CURRENT', lat: latitude, lon: longitude, updatedAt: at }, eligibility }]);
  });
  return { latitude, longitude, reportedAt: at };
}

/** The volunteers' current positions reported in the last 72 h before `at`, by volunteer id. */
export async function currentPositionsOf(em: EntityManager, volunteerIds: readonly string[], at: Date = new Date()): Promise<Map<string, CurrentPosition>> {
  const rows = await sql<{ volunteer_id: string; lat: number; lon: number; updated_at: string }>(
    em,
    `select volunteer_id::text as volunteer_id, lat, lon, updated_at from volunteers.candidate_position
     where volunteer_id = any($1::uuid[]) and kind = 'CURRENT'`,
    [volunteerIds],
  );
  const positions = new Map<string, CurrentPosition>();
  for (const row of rows) {
    const reportedAt = toDate(row.updated_at);
    // Stale but not yet purged: as gone as if it were.
    if (at.getTime() - reportedAt.getTime() >= MAX_AGE_MS) continue;
    positions.set(row.volunteer_id, { latitude: Number(row.lat), longitude: Number(row.lon), reportedAt });
  }
  return positions;
}

/** Deletes current positions not renewed for 72 h before `at`; returns how many. Run hourly by the workers. */
export async function purgeStaleCurrentPositionsAt(em: EntityManager, at: Date): Promise<number> {
  return purgeStaleCurrentPositions(sqlQuery(em), at);
}
