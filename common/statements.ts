/**
 * Statements planned once: PostgreSQL prepared statements for the SQL on
 * the dispatch path (candidate search, dispatchable AEDs, alert writes).
 *
 * A statement sent unnamed is parsed, analysed and planned on every call;
 * for the candidate search that was a third of its time. A named one is
 * parsed and analysed once per connection, and after five executions
 * PostgreSQL may keep a generic plan and skip planning too, when that plan
 * costs no more than the custom ones did (`plan_cache_mode`).
 *
 * The product reaches PostgreSQL through MikroORM's Kysely client, which
 * calls `pg`'s `client.query(text, values)` and knows nothing of names. So a
 * statement is registered here by its exact text ({@link preparedStatement}),
 * and each connection of a subgraph's pools sends registered texts as `pg`'s
 * named queries (`{ name, text, values }`, {@link prepareRegisteredStatements}).
 * Everything else goes through untouched, inside transactions or not; the
 * cost of a statement that is not registered is one map lookup.
 *
 * Prepared statements live per connection: each connection prepares each
 * statement once, on its first use. A registered text must not select `*`:
 * a column added by a migration while a server runs would change the
 * prepared statement's result type, which PostgreSQL refuses.
 */
import type pg from 'pg';

/** Statement names by their exact text. */
const namesByText = new Map<string, string>();
/** Texts by name, to refuse one name for two texts (pg would fail on the second at run time). */
const textsByName = new Map<string, string>();

let enabled = process.env.PREPARED_STATEMENTS !== 'off';

/**
 * Registers `text` to be sent as the prepared statement `name` on every
 * connection, and returns it unchanged (so it can wrap a constant's
 * definition). Names are `<subgraph>.<what>`, e.g. `volunteers.candidate-search`.
 */
export function preparedStatement(name: string, text: string): string {
  const known = textsByName.get(name);
  if (known !== undefined && known !== text) throw new Error(`prepared statement ${name} registered with two different texts`);
  textsByName.set(name, text);
  namesByText.set(text, name);
  return text;
}

/** The name `text` is prepared under, if it is registered (and preparing is on). */
export function statementName(text: string): string | undefined {
  return enabled ? namesByText.get(text) : undefined;
}

/**
 * Turns preparing on or off for this process (on unless PREPARED_STATEMENTS=off):
 * for benchmarks that compare both ways on the same connections.
 */
export function setStatementsPrepared(on: boolean): void {
  enabled = on;
}

type Query = pg.ClientBase['query'];

/** Sends registered texts run on `client` as named statements. */
export function prepareStatementsOn(client: pg.ClientBase): void {
  const query = client.query as (...args: unknown[]) => unknown;
  client.query = function namedWhenRegistered(this: pg.ClientBase, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && (args.length === 1 || (args.length === 2 && Array.isArray(values)))) {
      const name = statementName(text);
      if (name !== undefined) return query.call(this, { name, text, values: values ?? [] });
    }
    return query.apply(this, args);
  } as Query;
}

/** Every connection `pool` opens from now on sends registered texts as named statements. */
export function prepareRegisteredStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => prepareStatementsOn(client));
}
