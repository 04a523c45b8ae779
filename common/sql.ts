/**
 * Raw SQL with bound parameters inside a subgraph's transactions, the one way
 * every subgraph runs a statement the entities cannot express: writes that
 * need `ON CONFLICT`, bulk inserts, row locks, arrays unnested server-side,
 * nearest-first searches. Statements run in `em`'s transaction when it has
 * one, else on the pool: a row written here commits or rolls back with the
 * entities flushed in that transaction.
 *
 * Values are sent to PostgreSQL as bound parameters, straight through the
 * ORM's Kysely client. MikroORM's own `execute` would first write every value
 * into the SQL text, escaping it character by character, which on the
 * dispatch path (a 30-alert JSON document per statement) cost more than
 * PostgreSQL took to run the statement; and its `?` expands an array into a
 * list, where these statements want one array parameter. Arrays are passed as
 * PostgreSQL array literals ({@link uuidArray}) or as JSON (`?::jsonb`).
 *
 * Placeholders are either `?`, numbered in order, or PostgreSQL's own `$1`,
 * `$2`… (for a value used more than once, as the candidate search does): a
 * statement that contains a `$n` outside quotes and comments is sent as it
 * is, so its `?` (a jsonb operator) stays an operator.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import { isId } from './ids.ts';
import { preparedStatement } from './statements.ts';

/**
 * Runs one SQL statement with `$1`-style parameters and returns its rows, as
 * `(sql, params) => pool.query(sql, params).then((result) => result.rows)`
 * does with `pg`: what domain modules take, so that their specs can run them
 * on a plain pool.
 */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** `?`-style statements, numbered as PostgreSQL wants them (`$1`, `$2`…). */
const numberedStatements = new Map<string, string>();

/** Replaces each `?` outside quotes and comments by `$n`, unless the statement is already numbered. */
function numbered(query: string): string {
  const found = numberedStatements.get(query);
  if (found !== undefined) return found;
  let out = '';
  let count = 0;
  for (let index = 0; index < query.length; index++) {
    const char = query[index]!;
    const quote = char === "'" || char === '"' ? char : undefined;
    if (quote) {
      const end = query.indexOf(quote, index + 1);
      if (end < 0) throw new Error('unterminated quote in SQL');
      out += query.slice(index, end + 1);
      index = end;
    } else if (char === '-' && query[index + 1] === '-') {
      const end = query.indexOf('\n', index);
      out += end < 0 ? query.slice(index) : query.slice(index, end);
      index = end < 0 ? query.length : end - 1;
    } else if (char === '$' && /[0-9]/.test(query[index + 1] ?? '')) {
      // Numbered by its author. Not cached: such statements may be built per call.
      return query;
    } else if (char === '?') {
      out += `$${++count}`;
    } else {
      out += char;
    }
  }
  numberedStatements.set(query, out);
  return out;
}

/**
 * Registers `query` (`?` or `$1` placeholders) to be planned once per
 * connection as the prepared statement `name` (common/statements.ts) and
 * returns it, for {@link sql} to run like any other: for the statements of
 * the dispatch path.
 */
export function statement(name: string, query: string): string {
  preparedStatement(name, numbered(query));
  return query;
}

/** Runs `query` with `params` in `em`'s transaction (if any) and returns its rows. */
export async function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  const executor: Pick<Kysely<unknown>, 'executeQuery'> = em.getTransactionContext() ?? em.getConnection().getClient();
  const result = await executor.executeQuery<T>(CompiledQuery.raw(numbered(query), params));
  return result.rows;
}

/** {@link sql} on `em` as a {@link SqlQuery}, for the domain modules that take one. */
export function sqlQuery(em: EntityManager): SqlQuery {
  return (statement, params) => sql(em, statement, params);
}

/**
 * {@link sql}'s way of running a statement, on one `pg` client of a pool
 * outside the ORM (common/database.ts `warmDispatchLane`): the same text
 * reaches the client, so registered statements go by their names.
 */
export function clientQuery(client: pg.ClientBase): SqlQuery {
  return async (statement, params) => (await client.query(numbered(statement), params)).rows as Record<string, unknown>[];
}

/** A PostgreSQL array literal of uuids, for a `?::uuid[]` parameter. Refuses anything that is not a uuid, so nothing can be injected. */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!isId(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

/** A timestamp as raw SQL returns it (text, as MikroORM configures the driver) or already parsed. */
export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** {@link toDate} for a nullable column: null stays null. */
export function toOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}
