/**
 * Keeps a volunteer's rows in `volunteers.candidate_position` (the search
 * table of the candidate search) in step with the volunteer. Every change that
 * affects eligibility or positions calls {@link syncCandidatePositions} in its
 * own transaction, so the search never sees one without the other.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { certificateGracePeriodDays, ruleContextOf, ruleInputOf } from './alertability.ts';
import {
  candidateEligibilityOf,
  removeCandidatePosition,
  removeVolunteerPositions,
  updateCandidateEligibility,
  upsertCandidatePositions,
  type CandidateEligibility,
  type CandidatePositionInput,
} from './candidate-positions.ts';
import { sqlQuery } from '../../../common/sql.ts';
import { TrainingCertificate } from '../certificates/training-certificate.entity.ts';
import { VolunteerStatus, type Volunteer } from '../registration/volunteer.entity.ts';

/** The volunteer's HOME and (when set) WORK positions as the search table stores them. */
export function standingPositionsOf(volunteer: Volunteer): CandidatePositionInput[] {
  const positions: CandidatePositionInput[] = [];
  if (volunteer.homeLatitude != null && volunteer.homeLongitude != null) {
    positions.push({ volunteerId: volunteer.id, kind: 'HOME', lat: volunteer.homeLatitude, lon: volunteer.homeLongitude });
  }
  if (volunteer.workLatitude != null && volunteer.workLongitude != null && volunteer.workHours) {
    positions.push({
      volunteerId: volunteer.id,
      kind: 'WORK',
      lat: volunteer.workLatitude,
      lon: volunteer.workLongitude,
      weeklyHours: volunteer.workHours,
    });
  }
  return positions;
}

/** The copy of the volunteer's eligibility inputs kept on each of their positions. */
export async function candidateEligibilityOfVolunteer(em: EntityManager, volunteer: Volunteer): Promise<CandidateEligibility> {
  const certificates = await em.find(TrainingCertificate, { volunteerId: volunteer.id });
  const grace = await certificateGracePeriodDays(em, volunteer.securityRegionId);
  return candidateEligibilityOf(ruleInputOf(volunteer, certificates), ruleContextOf(volunteer, grace));
}

/**
 * Rewrites the volunteer's HOME and WORK rows and the eligibility copy on all
 * their rows (the CURRENT one included); removes every row of a deleted
 * volunteer. Call it in the transaction of the change, after flushing it.
 */
export async function syncCandidatePositions(em: EntityManager, volunteer: Volunteer): Promise<void> {
  const query = sqlQuery(em);
  if (volunteer.status === VolunteerStatus.DELETED) {
    await removeVolunteerPositions(query, volunteer.id);
    return;
  }
  const eligibility = await candidateEligibilityOfVolunteer(em, volunteer);
  const positions = standingPositionsOf(volunteer);
  await upsertCandidatePositions(
    query,
    positions.map((position) => ({ position, eligibility })),
  );
  if (!positions.some((position) => position.kind === 'WORK')) await removeCandidatePosition(query, volunteer.id, 'WORK');
  await updateCandidateEligibility(query, volunteer.id, eligibility);
}
