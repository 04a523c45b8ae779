/**
 * A subgraph's count of committed changes to what its public aggregates
 * (counts per municipality) are computed from, for the gateway, which keeps
 * those aggregates briefly (gateway/public-aggregates.ts) and drops them when
 * this count moves.
 *
 * Triggers on the tables the aggregates read (the subgraph's migrations,
 * {@link publicAggregateTriggersSql}) send a NOTIFY on
 * {@link PUBLIC_AGGREGATES_CHANNEL} naming the subgraph; PostgreSQL delivers
 * it only after the commit, once per transaction. Every instance of the
 * subgraph listens and advances a sequence in the subgraph's schema, and
 * `GET /aggregates/version` answers the sequence's value. So the count is
 * the same whichever instance a gateway asks, moves only after the change is
 * visible, and works when the services run as separate processes.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from './logger.ts';
import type { Notifications } from './notifications.ts';

/** The NOTIFY channel; the payload is the owning subgraph's name. */
export const PUBLIC_AGGREGATES_CHANNEL = 'public_aggregates';

/** Where a subgraph answers its count of changes, beside `/graphql`. */
export const PUBLIC_AGGREGATES_VERSION_PATH = '/aggregates/version';

/** The sequence counting changes, in the subgraph's schema. */
function sequenceOf(schema: string): string {
  return `${schema}.public_aggregate_version`;
}

/**
 * SQL for a migration: the sequence, and a statement-level trigger on each of
 * `tables` (in `schema`) that notifies after inserts, updates, deletes and
 * truncates. Statement-level, so a bulk import notifies once per statement,
 * and PostgreSQL folds a transaction's identical notifications into one.
 */
export function publicAggregateTriggersSql(subgraph: string, schema: string, tables: readonly string[]): string[] {
  const notify = `${schema}.public_aggregates_changed`;
  return [
    `create sequence if not exists ${sequenceOf(schema)}`,
    `create or replace function ${notify}() returns trigger language plpgsql as $$
     begin
       perform pg_notify('${PUBLIC_AGGREGATES_CHANNEL}', '${subgraph}');
       return null;
     end $$`,
    ...tables.map(
      (table) =>
        `create trigger ${table}_public_aggregates after insert or update or delete or truncate on ${schema}.${table}
         for each statement execute function ${notify}()`,
    ),
  ];
}

/** Listens for the subgraph's changes and answers its count of them. */
export interface PublicAggregateVersion {
  /** The current count, as text (the gateway only compares it). */
  current(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Advances the count at every change notification, at start and after the
 * listening connection was lost (a change may have been missed meanwhile).
 */
export async function watchPublicAggregates(subgraph: string, schema: string, orm: MikroORM, notifications: Notifications, logger: Logger): Promise<PublicAggregateVersion> {
  const connection = () => orm.em.getConnection();
  const advance = () =>
    connection()
      .execute(`select nextval('${sequenceOf(schema)}')`)
      .catch((error: unknown) => logger.warn({ err: error }, 'public aggregates: could not count a change'));
  const unlisten = await notifications.listen(PUBLIC_AGGREGATES_CHANNEL, [subgraph], () => void advance());
  const stopReconnects = notifications.onReconnect(() => void advance());
  await advance();
  return {
    async current() {
      const [row] = await connection().execute<{ last_value: string }[]>(`select last_value::text from ${sequenceOf(schema)}`);
      return row!.last_value;
    },
    async stop() {
      stopReconnects();
      await unlisten();
    },
  };
}
