/**
 * The stored volunteer and certificates as the eligibility rule
 * (eligibility.ts) reads them, and the rule applied: the one place that turns
 * rows into `evaluateAlertability` input, used by the `alertableAt` field,
 * the public counts, renewals and forecasts, and the candidate positions.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { evaluateAlertability, type Alertability, type AlertabilityContext, type TrainingCertificate as RuleCertificate, type VolunteerAlertabilityInput } from './eligibility.ts';
import { RegionPolicy } from './region-policy.entity.ts';
import type { TrainingCertificate } from '../certificates/training-certificate.entity.ts';
import { VolunteerStatus, type Volunteer } from '../registration/volunteer.entity.ts';

/** The columns of a stored volunteer the rule reads (an entity, or a row read for these alone). */
export type StoredVolunteerForRule = Pick<Volunteer, 'id' | 'status' | 'dateOfBirth' | 'onDuty' | 'quietHoursStart' | 'quietHoursEnd' | 'timeZone'>;

/** The columns of a stored certificate the rule reads. */
export type StoredCertificateForRule = Pick<TrainingCertificate, 'courseDate' | 'validUntil' | 'verifiedAt'>;

/** A stored certificate as the rule sees it. */
export function ruleCertificateOf(certificate: StoredCertificateForRule): RuleCertificate {
  return { courseDate: certificate.courseDate, validUntil: certificate.validUntil ?? null, verified: certificate.verifiedAt != null };
}

/** A stored volunteer (not deleted) and their certificates as the rule sees them. */
export function ruleInputOf(volunteer: StoredVolunteerForRule, certificates: readonly StoredCertificateForRule[]): VolunteerAlertabilityInput {
  if (volunteer.status === VolunteerStatus.DELETED || !volunteer.dateOfBirth) {
    throw new Error(`Volunteer ${volunteer.id} has no personal data left to judge`);
  }
  return {
    dateOfBirth: volunteer.dateOfBirth,
    status: volunteer.status,
    onDuty: volunteer.onDuty,
    quietHours: volunteer.quietHoursStart && volunteer.quietHoursEnd ? { start: volunteer.quietHoursStart, end: volunteer.quietHoursEnd } : null,
    certificates: certificates.map(ruleCertificateOf),
  };
}

/** Where the volunteer is judged: their municipality's clock and their region's grace period. */
export function ruleContextOf(volunteer: Pick<Volunteer, 'timeZone'>, certificateGracePeriodDays: number): AlertabilityContext {
  return { timeZone: volunteer.timeZone, certificateGracePeriodDays };
}

/** Applies the eligibility rule to a stored volunteer at `at`. */
export function alertabilityOf(volunteer: Volunteer, certificates: readonly TrainingCertificate[], certificateGracePeriodDays: number, at: Date): Alertability {
  return evaluateAlertability(ruleInputOf(volunteer, certificates), at, ruleContextOf(volunteer, certificateGracePeriodDays));
}

/** The certificate grace period of a security region in days (0 without a region or a policy). */
export async function certificateGracePeriodDays(em: EntityManager, securityRegionId: string | null | undefined): Promise<number> {
  if (!securityRegionId) return 0;
  const policy = await em.findOne(RegionPolicy, { securityRegionId });
  return policy?.certificateGracePeriodDays ?? 0;
}
