/**
 * Working groups a page at a time (common/connection.ts): the open ones
 * (closed ones too with `includeClosed`, as `workingGroups` does), filtered
 * by a municipality they cover or covered and a search on the name; ordered
 * by name, then id. Public, as `workingGroups` is.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkFirst, checkSearch, decodeNameIdCursor, likePattern, pageOf, type Page } from '../../../common/connection.ts';
import { badInput } from '../../../common/errors.ts';
import { isId } from '../../../common/ids.ts';
import { WorkingGroup, WorkingGroupMunicipality } from './working-group.entity.ts';

/** What a caller narrows the list to; every filter given must hold. */
export interface WorkingGroupFilter {
  /** Only the groups covering this municipality (the closed ones that covered it, with `includeClosed`). */
  municipalityId?: string | null;
  /** Closed groups too; default false. */
  includeClosed?: boolean | null;
  /** Part of the name (any case). */
  search?: string | null;
}

/** The page of working groups after `after`, by name and id. */
export async function workingGroupPage(
  em: EntityManager,
  options: { first?: number | null; after?: string | null; filter?: WorkingGroupFilter | null },
): Promise<Page<WorkingGroup>> {
  const first = checkFirst(options.first);
  const cursor = decodeNameIdCursor(options.after);
  const filter = options.filter ?? {};
  const search = checkSearch(filter.search);
  const municipalityId = filter.municipalityId ?? null;
  if (municipalityId !== null && !isId(municipalityId)) throw badInput('municipalityId is not the id of a municipality.', { field: 'filter.municipalityId' });

  const where: FilterQuery<WorkingGroup>[] = [];
  if (!filter.includeClosed) where.push({ closedAt: null });
  if (municipalityId !== null) {
    const covering = await em.find(WorkingGroupMunicipality, { municipalityId: municipalityId.toLowerCase() }, { fields: ['workingGroupId'] });
    where.push({ id: { $in: covering.map((row) => row.workingGroupId) } });
  }
  if (search !== null) where.push({ name: { $ilike: likePattern(search) } });
  const after: FilterQuery<WorkingGroup>[] = cursor ? [{ $or: [{ name: { $gt: cursor[0] } }, { name: cursor[0], id: { $gt: cursor[1] } }] }] : [];
  const [rows, totalCount] = await Promise.all([
    em.find(WorkingGroup, { $and: [...where, ...after] }, { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: first + 1 }),
    em.count(WorkingGroup, { $and: where }),
  ]);
  return pageOf(rows, first, totalCount, (row) => [row.name, row.id]);
}
