/**
 * Per-request DataLoaders, so lists of volunteers (a working group's, an
 * entity batch from the gateway) cost one query per relation, not one per row.
 */
import DataLoader from 'dataloader';
import { loader, type RequestContext } from '../../common/context.ts';
import { alertabilityOf } from './candidates/alertability.ts';
import { AssociationMembership } from './registration/association-membership.entity.ts';
import { Consent } from './registration/consent.entity.ts';
import { currentPositionsOf, type CurrentPosition } from './registration/current-position.service.ts';
import { sql } from '../../common/sql.ts';
import { TrainingCertificate } from './certificates/training-certificate.entity.ts';
import { Volunteer, VolunteerStatus } from './registration/volunteer.entity.ts';
import { gracePeriodsOf, rosterOfMunicipalities } from './registration/volunteer-roster.ts';

function groupedBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Volunteers (not deleted) by id; null for unknown or deleted ones. */
export const volunteersById = (context: RequestContext) =>
  loader(
    context,
    'volunteersById',
    () =>
      new DataLoader<string, Volunteer | null>(async (ids) => {
        const rows = await context.em.find(Volunteer, { id: { $in: [...ids] }, status: { $ne: VolunteerStatus.DELETED } });
        const found = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => found.get(id) ?? null);
      }),
  );

/** Certificates per volunteer, oldest course first. */
export const certificatesOfVolunteer = (context: RequestContext) =>
  loader(
    context,
    'certificatesOfVolunteer',
    () =>
      new DataLoader<string, TrainingCertificate[]>(async (ids) =>
        groupedBy(ids, await context.em.find(TrainingCertificate, { volunteerId: { $in: [...ids] } }, { orderBy: { courseDate: 'asc' } }), (row) => row.volunteerId),
      ),
  );

/** Consent records per volunteer, in the order they were given or withdrawn. */
export const consentsOfVolunteer = (context: RequestContext) =>
  loader(
    context,
    'consentsOfVolunteer',
    () =>
      new DataLoader<string, Consent[]>(async (ids) =>
        groupedBy(ids, await context.em.find(Consent, { volunteerId: { $in: [...ids] } }, { orderBy: { at: 'asc', recordedAt: 'asc' } }), (row) => row.volunteerId),
      ),
  );

/** The current position (reported in the last 72 h) per volunteer, or null. */
export const currentPositionOfVolunteer = (context: RequestContext) =>
  loader(
    context,
    'currentPositionOfVolunteer',
    () =>
      new DataLoader<string, CurrentPosition | null>(async (ids) => {
        const positions = await currentPositionsOf(context.em, ids);
        return ids.map((id) => positions.get(id) ?? null);
      }),
  );

/** Partner associations per volunteer. */
export const membershipsOfVolunteer = (context: RequestContext) =>
  loader(
    context,
    'membershipsOfVolunteer',
    () =>
      new DataLoader<string, AssociationMembership[]>(async (ids) =>
        groupedBy(ids, await context.em.find(AssociationMembership, { volunteerId: { $in: [...ids] } }, { orderBy: { since: 'asc' } }), (row) => row.volunteerId),
      ),
  );

/** Members (not deleted) per partner association. */
export const membersOfAssociation = (context: RequestContext) =>
  loader(
    context,
    'membersOfAssociation',
    () =>
      new DataLoader<string, string[]>(async (ids) => {
        const rows = await sql<{ association: string; volunteer: string }>(
          context.em,
          `select m.partner_association_id::text as association, m.volunteer_id::text as volunteer
         from volunteers.association_membership m join volunteers.volunteer v on v.id = m.volunteer_id
         where m.partner_association_id = any($1::uuid[]) and v.status <> 'DELETED' order by m.since, m.volunteer_id`,
          [[...ids]],
        );
        return groupedBy(ids, rows, (row) => row.association).map((group) => group.map((row) => row.volunteer));
      }),
  );

/** The certificate grace period in days per security region (0 without a policy). */
export const gracePeriodOfRegion = (context: RequestContext) =>
  loader(
    context,
    'gracePeriodOfRegion',
    () =>
      new DataLoader<string, number>(async (ids) => {
        const graces = await gracePeriodsOf(context.em, ids);
        return ids.map((id) => graces.get(id) ?? 0);
      }),
  );

/** Registered volunteers and deleted accounts per municipality: public, anonymous counts. */
export const volunteerCountsOfMunicipality = (context: RequestContext) =>
  loader(
    context,
    'volunteerCountsOfMunicipality',
    () =>
      new DataLoader<string, { registered: number; former: number }>(async (ids) => {
        const rows = await sql<{ municipality: string; registered: number; former: number }>(
          context.em,
          `select municipality_id::text as municipality,
           count(*) filter (where status <> 'DELETED')::int as registered,
           count(*) filter (where status = 'DELETED')::int as former
         from volunteers.volunteer where municipality_id = any($1::uuid[]) group by municipality_id`,
          [[...ids]],
        );
        const counts = new Map(rows.map((row) => [row.municipality, { registered: row.registered, former: row.former }]));
        return ids.map((id) => counts.get(id) ?? { registered: 0, former: 0 });
      }),
  );

/** Volunteers of a municipality alertable at an instant, keyed `<municipality id> <ISO instant>`: a public count. */
export const alertableCountOfMunicipality = (context: RequestContext) =>
  loader(
    context,
    'alertableCountOfMunicipality',
    () =>
      new DataLoader<string, number>(async (keys) => {
        const instants = new Map<string, string[]>();
        for (const key of keys) {
          const [id, at] = key.split(' ') as [string, string];
          instants.set(at, [...(instants.get(at) ?? []), id]);
        }
        const counts = new Map<string, number>();
        for (const [at, ids] of instants) {
          const instant = new Date(at);
          for (const entry of await rosterOfMunicipalities(context.em, ids, { activeOnly: true })) {
            const { volunteer, certificates, certificateGracePeriodDays } = entry;
            if (!alertabilityOf(volunteer, certificates, certificateGracePeriodDays, instant).alertable) continue;
            const key = `${volunteer.municipalityId} ${at}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
        return keys.map((key) => counts.get(key) ?? 0);
      }),
  );
