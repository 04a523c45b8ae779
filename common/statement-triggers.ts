/**
 * SQL that has a trigger function run once per statement that writes a
 * table, with the statement's rows as transition tables (`new_rows`,
 * `old_rows`): how the product keeps derived tables current inside the
 * writing transaction (tile digests, the latest verified certificate ends,
 * the renewal sweep's list) at one call per statement, not per row.
 */

/** The events a statement-level trigger is created for. */
export type StatementEvent = 'insert' | 'update' | 'delete' | 'truncate';

const TRANSITION_TABLES: Record<StatementEvent, string> = {
  insert: 'referencing new table as new_rows ',
  update: 'referencing old table as old_rows new table as new_rows ',
  delete: 'referencing old table as old_rows ',
  truncate: '',
};

/**
 * `create trigger <prefix>_<event>` on `table` for each of `events`, each
 * running `fn()` once per statement (dropped first when `replace`).
 */
export function statementTriggers(
  prefix: string,
  table: string,
  fn: string,
  events: readonly StatementEvent[] = ['insert', 'update', 'delete', 'truncate'],
  replace = false,
): string {
  return events
    .map(
      (event) =>
        `${replace ? `drop trigger if exists ${prefix}_${event} on ${table};\n` : ''}` +
        `create trigger ${prefix}_${event} after ${event} on ${table} ${TRANSITION_TABLES[event]}for each statement execute function ${fn}();`,
    )
    .join('\n');
}
