/**
 * A municipality's volunteers a page at a time (common/connection.ts), for
 * its coordinators: filtered by a search on name, phone or e-mail, by status,
 * by alertability at an instant, and by certificates that lapse before a
 * date; ordered by name, then id.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkFirst, checkSearch, decodeCursor, likePattern, pageOf, type Page } from '../../../common/connection.ts';
import { badInput } from '../../../common/errors.ts';
import { alertabilityOf } from '../candidates/alertability.ts';
import { isLocalDate, type LocalDate } from '../../../common/zoned-time.ts';
import { sql } from '../../../common/sql.ts';
import { Volunteer, VolunteerStatus } from './volunteer.entity.ts';
import { rosterOfMunicipalities } from './volunteer-roster.ts';

/** What a coordinator narrows the list to; every filter given must hold. */
export interface VolunteerFilter {
  /** Part of the name or e-mail address (any case), or of the phone number (at least 3 digits, written as people do). */
  search?: string | null;
  status?: VolunteerStatus | null;
  /** Only those alertable (true) or not (false) at `at`, by the eligibility rule. */
  alertable?: boolean | null;
  /** The instant `alertable` is judged at; default now. */
  at?: Date | null;
  /** Only those whose last certificate validity ends before this date (those without any certificate excluded). */
  certificateExpiringBefore?: LocalDate | null;
}

/** The page of `municipalityIds`' volunteers (not deleted) after `after`, by name and id. */
export async function volunteerPage(
  em: EntityManager,
  municipalityIds: readonly string[],
  options: { first?: number | null; after?: string | null; filter?: VolunteerFilter | null },
): Promise<Page<Volunteer>> {
  const first = checkFirst(options.first);
  const cursor = decodeCursor(options.after, 2) as [string, string] | null;
  const filter = options.filter ?? {};
  const search = checkSearch(filter.search);
  // A search of digits only is also a phone number; its trunk prefix (the 0 of 06-…) is not in E.164.
  const digits = search && /^[\d\s()+\-./]+$/.test(search) ? search.replace(/\D/g, '').replace(/^0/, '') : '';
  const expiring = filter.certificateExpiringBefore ?? null;
  if (expiring !== null && !isLocalDate(expiring)) {
    throw badInput('certificateExpiringBefore must be a calendar date as YYYY-MM-DD.', { field: 'filter.certificateExpiringBefore' });
  }

  let ids: string[] | null = null;
  if (filter.alertable != null) {
    // The eligibility rule is one module (eligibility.ts), not SQL: the roster is judged as for the public count.
    const at = filter.at ?? new Date();
    const roster = await rosterOfMunicipalities(em, municipalityIds);
    ids = roster
      .filter((entry) => alertabilityOf(entry.volunteer, entry.certificates, entry.certificateGracePeriodDays, at).alertable === filter.alertable)
      .map((entry) => entry.volunteer.id);
  }

  const where = `v.municipality_id = any($1::uuid[]) and v.status <> 'DELETED'
    and ($2::text is null or v.name ilike $2 or v.email ilike $2 or ($3::text <> '' and v.phone like $3))
    and ($4::text is null or v.status = $4)
    and ($5::date is null or (select max(coalesce(c.valid_until, (c.course_date + interval '1 year')::date))
                              from volunteers.training_certificate c where c.volunteer_id = v.id) < $5)
    and ($6::uuid[] is null or v.id = any($6::uuid[]))`;
  const params = [municipalityIds, search === null ? null : likePattern(search), digits.length >= 3 ? likePattern(digits) : '', filter.status ?? null, expiring, ids];
  const [rows, [count]] = await Promise.all([
    sql<{ id: string; name: string }>(
      em,
      `select v.id::text as id, v.name from volunteers.volunteer v
       where ${where} and ($7::text is null or (v.name, v.id) > ($7::text, $8::uuid))
       order by v.name, v.id limit $9`,
      [...params, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1],
    ),
    sql<{ n: number }>(em, `select count(*)::int as n from volunteers.volunteer v where ${where}`, params),
  ]);
  const byId = new Map((await em.find(Volunteer, { id: { $in: rows.map((row) => row.id) } })).map((volunteer) => [volunteer.id, volunteer]));
  const page = pageOf(rows, first, count?.n ?? 0, (row) => [row.name, row.id]);
  return { ...page, nodes: page.nodes.map((row) => byId.get(row.id)!) };
}
