/**
 * The volunteers of some municipalities with what the eligibility rule needs
 * (certificates, the region's grace period), loaded in three queries: what
 * the public counts, the renewal list and the lapse forecast all start from.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../../common/sql.ts';
import type { StoredCertificateForRule, StoredVolunteerForRule } from '../candidates/alertability.ts';
import { RegionPolicy } from '../candidates/region-policy.entity.ts';
import type { ClampWindow, RuleWindows } from '../candidates/rule-windows.ts';
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

/**
 * The latest valid-until among a volunteer's verified certificates, as
 * `latestVerifiedValidUntil` (eligibility.ts) takes it: the explicit end
 * date, else the course date plus one year (PostgreSQL turns 29 February
 * into 28 February as `addYears` does). An aggregate over
 * `volunteers.training_certificate c`; null when none is verified.
 */
export const LATEST_VERIFIED_VALID_UNTIL_SQL = `max(coalesce(c.valid_until, (c.course_date + interval '1 year')::date)) filter (where c.verified_at is not null)`;

/** Registered volunteers the rule cannot tell apart on the dates their class was read for, as one volunteer, and how many they are. */
export interface RuleClass extends RuleRosterEntry {
  volunteer: StoredVolunteerForRule & { status: VolunteerStatus };
  count: number;
}

/** The classes of a municipality's registered volunteers (see {@link ruleClassesOfMunicipalities}). */
export interface MunicipalityRuleClasses {
  /** By everything the rule reads, over the dates of `alertable`'s windows. */
  alertable: RuleClass[];
  /** By the standing grounds alone (age, status, certificate; not the on-duty switch or quiet hours), over `standing`'s. */
  standing: RuleClass[];
}

interface RuleClassRow {
  alertable: boolean;
  municipality_id: string;
  time_zone: string;
  status: VolunteerStatus;
  on_duty: boolean | null;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  security_region_id: string | null;
  date_of_birth: string | null;
  valid_until: string | null;
  count: number;
}

/** A date clamped into the window of parameters `$from` and `$from + 1`; a missing date stays missing (`greatest` would make it the window's start). */
const clamped = (column: string, from: number) => `case when ${column} is not null then least(greatest(${column}, $${from}::date), $${from + 1}::date) end`;

// Each volunteer's latest verified certificate end as the certificate writes
// keep it (certificates/latest-verified-certificate.ts), joined as a hash (a
// table of the whole register: hence the memory), where taking it of every
// certificate again took some 0.5 s more of 1.6 s. The classes are counted
// in one more hash; parallel workers would each build the join's hash again,
// on a machine the dispatch path shares.
const RULE_CLASSES_SQL = `
with clamped as (
  select v.municipality_id, v.time_zone, v.status, v.on_duty, v.quiet_hours_start, v.quiet_hours_end, v.security_region_id,
         ${clamped('v.date_of_birth', 2)} as alertable_birth, ${clamped('l.valid_until', 4)} as alertable_until,
         ${clamped('v.date_of_birth', 6)} as standing_birth, ${clamped('l.valid_until', 8)} as standing_until
  from volunteers.volunteer v left join volunteers.latest_verified_certificate l on l.volunteer_id = v.id
  where v.municipality_id in (select unnest($1::uuid[])) and v.status <> 'DELETED'
)
select grouping(on_duty) = 0 as alertable, municipality_id::text as municipality_id, time_zone, status, on_duty, quiet_hours_start, quiet_hours_end,
       security_region_id::text as security_region_id, coalesce(alertable_birth, standing_birth)::text as date_of_birth,
       coalesce(alertable_until, standing_until)::text as valid_until, count(*)::int as count
from clamped
group by grouping sets (
  (municipality_id, time_zone, status, on_duty, quiet_hours_start, quiet_hours_end, security_region_id, alertable_birth, alertable_until),
  (municipality_id, time_zone, status, security_region_id, standing_birth, standing_until)
)`;

/**
 * The registered (not deleted) volunteers of the municipalities, by
 * municipality, as classes with a count instead of one entry each: their
 * dates of birth and latest verified certificate ends clamped into windows
 * the rule cannot see past (candidates/rule-windows.ts), and grouped by PostgreSQL in
 * one pass over the register (the latest ends as the certificate writes keep them). Figures over a whole country (the daily
 * readiness snapshot) then judge some 60,000 classes, not 500,000
 * volunteers with their certificates (docs/performance/dispatch.md,
 * sections 2d and 2g). Meant for many municipalities at once: the whole
 * register is read whatever the municipalities.
 */
export async function ruleClassesOfMunicipalities(
  em: EntityManager,
  municipalityIds: readonly string[],
  windows: { alertable: RuleWindows; standing: RuleWindows },
  /** Every region's grace period ({@link regionGracePeriods}), the same the windows were found for. */
  graces: ReadonlyMap<string, number>,
): Promise<Map<string, MunicipalityRuleClasses>> {
  const byMunicipality = new Map<string, MunicipalityRuleClasses>(municipalityIds.map((id) => [id.toLowerCase(), { alertable: [], standing: [] }]));
  if (municipalityIds.length === 0) return byMunicipality;
  const bounds = (window: ClampWindow) => [window.from, window.to];
  const rows = await em.fork().transactional(async (tx) => {
    await sql(tx, `select set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true)`);
    return sql<RuleClassRow>(tx, RULE_CLASSES_SQL, [
      [...byMunicipality.keys()],
      ...bounds(windows.alertable.birth),
      ...bounds(windows.alertable.certificate),
      ...bounds(windows.standing.birth),
      ...bounds(windows.standing.certificate),
    ]);
  });
  for (const row of rows) {
    const classes = byMunicipality.get(row.municipality_id);
    if (!classes) continue;
    const list = row.alertable ? classes.alertable : classes.standing;
    list.push({
      volunteer: {
        id: `class ${list.length}`,
        status: row.status,
        dateOfBirth: row.date_of_birth,
        // The standing grounds leave these out: any value reads the same there.
        onDuty: row.on_duty ?? true,
        quietHoursStart: row.quiet_hours_start,
        quietHoursEnd: row.quiet_hours_end,
        timeZone: row.time_zone,
      },
      // The latest verified certificate stands in for all of them, as in the candidate search's copy.
      certificates: row.valid_until === null ? [] : [{ courseDate: row.valid_until, validUntil: row.valid_until, verifiedAt: new Date(0) }],
      certificateGracePeriodDays: (row.security_region_id && graces.get(row.security_region_id)) || 0,
      count: row.count,
    });
  }
  return byMunicipality;
}

/** Every region's certificate grace period, by security region id (a region without a policy has none: 0 days). */
export async function regionGracePeriods(em: EntityManager): Promise<Map<string, number>> {
  const policies = await em.fork().find(RegionPolicy, {});
  return new Map(policies.map((policy) => [policy.securityRegionId, policy.certificateGracePeriodDays]));
}
