/**
 * Raw SQL in the volunteers subgraph, with PostgreSQL's own `$1` parameters.
 *
 * The candidate search and its position writes (candidate-search.ts,
 * candidate-positions.ts) take a {@link SqlQuery}: arrays are unnested
 * server-side, which MikroORM's `?` placeholders cannot express (they expand
 * an array into a list). {@link sqlQuery} runs such statements through the
 * same Kysely connection MikroORM uses, so they join `em`'s transaction when
 * it has one: a position written here commits or rolls back with the
 * entities flushed in that transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import type { SqlQuery } from './candidates/candidate-search.ts';

interface QueryExecutor {
  executeQuery(query: CompiledQuery): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A {@link SqlQuery} that runs in `em`'s transaction when there is one, else on the pool. */
export function sqlQuery(em: EntityManager): SqlQuery {
  return async (sql, params) => {
    const executor = (em.getTransactionContext() ?? em.getConnection().getClient()) as QueryExecutor;
    const result = await executor.executeQuery(CompiledQuery.raw(sql, params));
    return result.rows;
  };
}

/** Runs one statement with `$1`-style parameters in `em`'s transaction (if any) and returns its rows. */
export function sql<T = Record<string, unknown>>(em: EntityManager, statement: string, params: unknown[] = []): Promise<T[]> {
  return sqlQuery(em)(statement, params) as Promise<T[]>;
}

/** A timestamp as raw SQL returns it (text, as MikroORM configures the driver) or already parsed. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
