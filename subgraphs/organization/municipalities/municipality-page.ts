/**
 * Municipalities a page at a time (common/connection.ts): filtered by
 * security region, country and a search on name or code; ordered by name,
 * then id. Public, as `municipalities` is.
 */
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkFirst, checkSearch, decodeNameIdCursor, likePattern, pageOf, type Page } from '../../../common/connection.ts';
import { badInput } from '../../../common/errors.ts';
import { isId } from '../../../common/ids.ts';
import { Municipality } from './municipality.entity.ts';

/** What a caller narrows the list to; every filter given must hold. */
export interface MunicipalityFilter {
  securityRegionId?: string | null;
  /** ISO 3166-1 alpha-2, any case. */
  countryCode?: string | null;
  /** Part of the name or the code (any case). */
  search?: string | null;
}

/** The page of municipalities after `after`, by name and id. */
export async function municipalityPage(
  em: EntityManager,
  options: { first?: number | null; after?: string | null; filter?: MunicipalityFilter | null },
): Promise<Page<Municipality>> {
  const first = checkFirst(options.first);
  const cursor = decodeNameIdCursor(options.after);
  const filter = options.filter ?? {};
  const search = checkSearch(filter.search);
  const regionId = filter.securityRegionId ?? null;
  if (regionId !== null && !isId(regionId)) throw badInput('securityRegionId is not the id of a security region.', { field: 'filter.securityRegionId' });

  const where: FilterQuery<Municipality>[] = [];
  if (regionId !== null) where.push({ regionId: regionId.toLowerCase() });
  if (filter.countryCode != null) where.push({ countryCode: filter.countryCode.trim().toUpperCase() });
  if (search !== null) where.push({ $or: [{ name: { $ilike: likePattern(search) } }, { code: { $ilike: likePattern(search) } }] });
  const after: FilterQuery<Municipality>[] = cursor ? [{ $or: [{ name: { $gt: cursor[0] } }, { name: cursor[0], id: { $gt: cursor[1] } }] }] : [];
  const [rows, totalCount] = await Promise.all([
    em.find(Municipality, { $and: [...where, ...after] }, { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit: first + 1 }),
    em.count(Municipality, { $and: where }),
  ]);
  return pageOf(rows, first, totalCount, (row) => [row.name, row.id]);
}
