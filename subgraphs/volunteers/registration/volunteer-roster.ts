/**
 * The volunteers of some municipalities with what the eligibility rule needs
 * (certificates, the region's grace period), loaded in three queries: what
 * the public counts, the renewal list and the lapse forecast all start from.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RegionPolicy } from '../candidates/region-policy.entity.ts';
import { TrainingCertificate } from '../certificates/training-certificate.entity.ts';
import { Volunteer, VolunteerStatus } from './volunteer.entity.ts';

/** One volunteer as the rule reads them. */
export interface RosterEntry {
  volunteer: Volunteer;
  certificates: TrainingCertificate[];
  certificateGracePeriodDays: number;
}

/** Grace periods by security region id (regions without a policy are absent: 0 days). */
export async function gracePeriodsOf(em: EntityManager, regionIds: Iterable<string | null | undefined>): Promise<Map<string, number>> {
  const ids = [...new Set([...regionIds].filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const policies = await em.find(RegionPolicy, { securityRegionId: { $in: ids } });
  return new Map(policies.map((policy) => [policy.securityRegionId, policy.certificateGracePeriodDays]));
}

/** Certificates by volunteer id. */
export async function certificatesOf(em: EntityManager, volunteerIds: readonly string[]): Promise<Map<string, TrainingCertificate[]>> {
  const byVolunteer = new Map<string, TrainingCertificate[]>(volunteerIds.map((id) => [id, []]));
  if (volunteerIds.length === 0) return byVolunteer;
  const certificates = await em.find(TrainingCertificate, { volunteerId: { $in: [...volunteerIds] } }, { orderBy: { courseDate: 'asc' } });
  for (const certificate of certificates) byVolunteer.get(certificate.volunteerId)?.push(certificate);
  return byVolunteer;
}

/** Adds certificates and grace periods to volunteers. */
export async function rosterOf(em: EntityManager, volunteers: readonly Volunteer[]): Promise<RosterEntry[]> {
  const certificates = await certificatesOf(
    em,
    volunteers.map((volunteer) => volunteer.id),
  );
  const graces = await gracePeriodsOf(
    em,
    volunteers.map((volunteer) => volunteer.securityRegionId),
  );
  return volunteers.map((volunteer) => ({
    volunteer,
    certificates: certificates.get(volunteer.id) ?? [],
    certificateGracePeriodDays: (volunteer.securityRegionId && graces.get(volunteer.securityRegionId)) || 0,
  }));
}

/** The registered (not deleted) volunteers of the municipalities, by name, with certificates and grace periods. */
export async function rosterOfMunicipalities(em: EntityManager, municipalityIds: readonly string[], options: { activeOnly?: boolean } = {}): Promise<RosterEntry[]> {
  if (municipalityIds.length === 0) return [];
  const volunteers = await em.find(
    Volunteer,
    {
      municipalityId: { $in: [...municipalityIds] },
      status: options.activeOnly ? VolunteerStatus.ACTIVE : { $ne: VolunteerStatus.DELETED },
    },
    { orderBy: { name: 'asc', id: 'asc' } },
  );
  return rosterOf(em, volunteers);
}
