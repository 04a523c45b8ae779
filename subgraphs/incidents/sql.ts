/**
 * Raw SQL inside the subgraph's transactions. Writes that need `ON CONFLICT`,
 * bulk inserts or row locks are plain SQL here; reads go through the
 * entities. Statements run in `em`'s transaction when it has one.
 *
 * Placeholders are `?`. MikroORM expands an array parameter into a list, so
 * arrays are passed as PostgreSQL array literals ({@link uuidArray}) or as
 * JSON (`?::jsonb`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isId } from '../../common/ids.ts';

/** Runs `query` with `params` in `em`'s transaction (if any) and returns its rows. */
export async function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
}

/** A PostgreSQL array literal of uuids, for a `?::uuid[]` parameter. Refuses anything that is not a uuid, so nothing can be injected. */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!isId(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

/** A timestamp as raw SQL returns it (a string) or as the driver parsed it. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}
