/**
 * The volunteers of some municipalities with what the eligibility rule needs
 * (certificates, the region's grace period), loaded in three queries: what
 * the public counts, the renewal list and the lapse forecast all start from.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../../common/sql.ts';
import type { StoredCertificateForRule, StoredVolunteerForRule } from '../candidates/alertability.ts';
import { RegionPolicy } from '../candidates/region-policy.entity.ts';
import { TrainingCertificate } from '../certificates/training-certificate.entity.ts';
import { Volunteer, VolunteerStatus } from './volunteer.entity.ts';

/** One volunteer as the rule reads them. */
export interface RosterEntry {
  volunteer: Volunteer;
  certificates: TrainingCertificate[];
  certificateGracePeriodDays: number;
}

/** A volunteer as the rule reads them, whether loaded as entities or as {@link ruleRosterOfMunicipalities} reads them. */
export interface RuleRosterEntry {
  volunteer: StoredVolunteerForRule;
  certificates: readonly StoredCertificateForRule[];
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

interface RuleVolunteerRow {
  id: string;
  municipality_id: string;
  status: VolunteerStatus;
  date_of_birth: string | null;
  on_duty: boolean;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  time_zone: string;
  security_region_id: string | null;
}

/**
 * The registered (not deleted) volunteers of the municipalities, by
 * municipality, as the rule reads them: the rule's columns alone, in two
 * queries and no entities. For figures over many municipalities at once
 * (the daily readiness snapshot of a whole country): loading every volunteer
 * and certificate as entities, twice per municipality, took minutes of the
 * process's CPU (docs/performance/dispatch.md, start-up sweeps).
 */
export async function ruleRosterOfMunicipalities(
  em: EntityManager,
  municipalityIds: readonly string[],
): Promise<Map<string, (RuleRosterEntry & { volunteer: { status: VolunteerStatus } })[]>> {
  const byMunicipality = new Map<string, (RuleRosterEntry & { volunteer: { status: VolunteerStatus } })[]>(municipalityIds.map((id) => [id.toLowerCase(), []]));
  if (municipalityIds.length === 0) return byMunicipality;
  const ids = [...byMunicipality.keys()];
  const [volunteers, certificates] = await Promise.all([
    sql<RuleVolunteerRow>(
      em.fork(),
      `select id::text as id, municipality_id::text as municipality_id, status, date_of_birth::text as date_of_birth, on_duty,
              quiet_hours_start, quiet_hours_end, time_zone, security_region_id::text as security_region_id
       from volunteers.volunteer where municipality_id = any($1::uuid[]) and status <> 'DELETED'`,
      [ids],
    ),
    sql<{ volunteer_id: string; course_date: string; valid_until: string | null; verified: boolean }>(
      em.fork(),
      `select c.volunteer_id::text as volunteer_id, c.course_date::text as course_date, c.valid_until::text as valid_until, c.verified_at is not null as verified
       from volunteers.training_certificate c join volunteers.volunteer v on v.id = c.volunteer_id
       where v.municipality_id = any($1::uuid[]) and v.status <> 'DELETED'
       order by c.course_date`,
      [ids],
    ),
  ]);
  const graces = await gracePeriodsOf(
    em.fork(),
    volunteers.map((row) => row.security_region_id),
  );
  const certificatesByVolunteer = new Map<string, StoredCertificateForRule[]>();
  for (const row of certificates) {
    let list = certificatesByVolunteer.get(row.volunteer_id);
    if (!list) certificatesByVolunteer.set(row.volunteer_id, (list = []));
    // Only whether it is verified matters to the rule (ruleCertificateOf), not when.
    list.push({ courseDate: row.course_date, validUntil: row.valid_until, verifiedAt: row.verified ? new Date(0) : null });
  }
  for (const row of volunteers) {
    byMunicipality.get(row.municipality_id)?.push({
      volunteer: {
        id: row.id,
        status: row.status,
        dateOfBirth: row.date_of_birth,
        onDuty: row.on_duty,
        quietHoursStart: row.quiet_hours_start,
        quietHoursEnd: row.quiet_hours_end,
        timeZone: row.time_zone,
      },
      certificates: certificatesByVolunteer.get(row.id) ?? [],
      certificateGracePeriodDays: (row.security_region_id && graces.get(row.security_region_id)) || 0,
    });
  }
  return byMunicipality;
}
