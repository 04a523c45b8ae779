/**
 * A partner association's members a page at a time (common/connection.ts),
 * for the association itself: filtered by a search on the name, ordered by
 * name, then id.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkFirst, checkSearch, decodeNameIdCursor, likePattern, pageOf, type Page } from '../../../common/connection.ts';
import { sql } from '../../../common/sql.ts';
import { Volunteer } from './volunteer.entity.ts';

/** What the association narrows its members to. */
export interface MemberFilter {
  /** Part of the name (any case). */
  search?: string | null;
}

/** The page of the association's members (not deleted) after `after`, by name and id. */
export async function memberPage(
  em: EntityManager,
  partnerAssociationId: string,
  options: { first?: number | null; after?: string | null; filter?: MemberFilter | null },
): Promise<Page<Volunteer>> {
  const first = checkFirst(options.first);
  const cursor = decodeNameIdCursor(options.after);
  const search = checkSearch(options.filter?.search);

  const where = `m.partner_association_id = $1::uuid and v.status <> 'DELETED' and ($2::text is null or v.name ilike $2)`;
  const params = [partnerAssociationId, search === null ? null : likePattern(search)];
  const from = 'volunteers.association_membership m join volunteers.volunteer v on v.id = m.volunteer_id';
  const [rows, [count]] = await Promise.all([
    sql<{ id: string; name: string }>(
      em,
      `select v.id::text as id, v.name from ${from}
       where ${where} and ($3::text is null or (v.name, v.id) > ($3::text, $4::uuid))
       order by v.name, v.id limit $5`,
      [...params, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1],
    ),
    sql<{ n: number }>(em, `select count(*)::int as n from ${from} where ${where}`, params),
  ]);
  const byId = new Map((await em.find(Volunteer, { id: { $in: rows.map((row) => row.id) } })).map((volunteer) => [volunteer.id, volunteer]));
  const page = pageOf(rows, first, count?.n ?? 0, (row) => [row.name, row.id]);
  return { ...page, nodes: page.nodes.map((row) => byId.get(row.id)!) };
}
