/**
 * Per-request DataLoaders, so a list of AEDs (a municipality's, a page of
 * alerts resolving their AEDs through federation) costs one query per
 * relation instead of one per AED.
 */
import DataLoader from 'dataloader';
import { loader, type RequestContext } from '../../common/context.ts';
import { isId } from '../../common/ids.ts';
import { AedGuardian } from './registry/aed-guardian.entity.ts';
import { Aed } from './registry/aed.entity.ts';
import { sql } from '../../common/sql.ts';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** AEDs by id; null for ids that do not exist (or are not ids). */
export const aedById = (context: RequestContext) =>
  loader(
    context,
    'aedById',
    () =>
      new DataLoader<string, Aed | null>(async (ids) => {
        const rows = await context.em.find(Aed, { id: { $in: ids.filter(isId) } });
        const found = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => found.get(id.toLowerCase()) ?? null);
      }),
  );

/** Guardians per AED id, first registered first. */
export const guardiansByAed = (context: RequestContext) =>
  loader(
    context,
    'guardiansByAed',
    () =>
      new DataLoader<string, AedGuardian[]>(async (aedIds) => {
        const rows = await context.em.find(AedGuardian, { aedId: { $in: [...aedIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
        const groups = groupBy(rows, (row) => row.aedId);
        return aedIds.map((aedId) => groups.get(aedId) ?? []);
      }),
  );

/** AEDs per municipality id, by location description. */
export const aedsByMunicipality = (context: RequestContext) =>
  loader(
    context,
    'aedsByMunicipality',
    () =>
      new DataLoader<string, Aed[]>(async (municipalityIds) => {
        // Decommissioned AEDs are kept for their history, but no longer belong to the municipality's lists and counts.
        const rows = await context.em.find(
          Aed,
          { municipalityId: { $in: municipalityIds.filter(isId) }, decommissionedAt: null },
          { orderBy: { locationDescription: 'asc', id: 'asc' } },
        );
        const groups = groupBy(rows, (row) => row.municipalityId);
        return municipalityIds.map((municipalityId) => groups.get(municipalityId) ?? []);
      }),
  );

/** Number of AEDs per municipality id. */
export const aedCountByMunicipality = (context: RequestContext) =>
  loader(
    context,
    'aedCountByMunicipality',
    () =>
      new DataLoader<string, number>(async (municipalityIds) => {
        const ids = municipalityIds.filter(isId);
        const rows = ids.length
          ? await sql<{ municipality_id: string; count: string }>(
              context.em,
              'select municipality_id, count(*) as count from aeds.aed where municipality_id in (select unnest(?::uuid[])) and decommissioned_at is null group by municipality_id',
              [`{${ids.join(',')}}`],
            )
          : [];
        const counts = new Map(rows.map((row) => [row.municipality_id, Number(row.count)]));
        return municipalityIds.map((id) => counts.get(id) ?? 0);
      }),
  );
