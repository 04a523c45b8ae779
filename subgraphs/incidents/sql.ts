/**
 * Raw SQL inside the subgraph's transactions. Writes that need `ON CONFLICT`,
 * bulk inserts or row locks are plain SQL here; reads go through the
 * entities. Statements run in `em`'s transaction when it has one.
 *
 * Placeholders are `?`. Values are sent to PostgreSQL as bound parameters,
 * straight through the ORM's Kysely client: MikroORM's own `execute` would
 * first write every value into the SQL text, escaping it character by
 * character, which on the dispatch path (a 30-alert JSON document per
 * statement) cost more than PostgreSQL took to run the statement. Arrays are
 * passed as PostgreSQL array literals ({@link uuidArray}) or as JSON (`?::jsonb`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import { isId } from '../../common/ids.ts';
import { preparedStatement } from '../../common/statements.ts';

/** Statements with `?` placeholders, numbered as PostgreSQL wants them (`$1`, `$2`…). */
const numberedStatements = new Map<string, string>();

/** Replaces each `?` outside quotes and comments by `$n`. */
function numbered(query: string): string {
  let found = numberedStatements.get(query);
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
    } else if (char === '?') {
      out += `$${++count}`;
    } else {
      out += char;
    }
  }
  found = out;
  numberedStatements.set(query, found);
  return found;
}

/**
 * Registers `query` (with `?` placeholders) to be planned once per connection
 * as the prepared statement `name` (common/statements.ts) and returns it, for
 * {@link sql} to run like any other. For the statements of the dispatch path.
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

/** A PostgreSQL array literal of uuids, for a `?::uuid[]` parameter. Refuses anything that is not a uuid, so nothing can be injected. */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!isId(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

/** A timestamp as raw SQL returns it (a string) or as the driver parsed it. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}
