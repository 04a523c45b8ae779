/**
 * Bulk writes for the generator, without COPY (which needs a package the
 * project does not have): rows go as one JSON document per batch, unpacked
 * server-side by `json_to_recordset`, which is cheap to build in Node
 * (`JSON.stringify` is native) and cheap for PostgreSQL to read.
 *
 * Column types come from the table itself (pg_attribute), never from a list
 * kept here: the generator names the columns it fills, and a column a
 * migration renamed or dropped fails the load loudly instead of drifting.
 */
import type pg from 'pg';

/** A row to insert: column name → value (JSON-serialisable; arrays become PostgreSQL arrays). */
export type Row = Record<string, unknown>;

/** Rows per statement: big enough to amortise the round trip, small enough to keep one JSON document in tens of megabytes. */
export const BATCH_ROWS = 5_000;

const columnTypes = new Map<string, Map<string, string>>();

/** Column name → SQL type of `table` (`schema.table`), read once per connection lifetime of the process. */
export async function tableColumns(client: pg.ClientBase, table: string): Promise<Map<string, string>> {
  let columns = columnTypes.get(table);
  if (!columns) {
    const { rows } = await client.query<{ name: string; type: string }>(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
      [table],
    );
    columns = new Map(rows.map((row) => [row.name, row.type]));
    columnTypes.set(table, columns);
  }
  return columns;
}

/** Forgets cached column types (after migrations changed tables). */
export function forgetColumnTypes(): void {
  columnTypes.clear();
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * Inserts `rows` into `table` in one statement. Every row must have the same
 * keys, each a column of the table; columns left out take their defaults.
 */
export async function insertRows(client: pg.ClientBase, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = await tableColumns(client, table);
  const names = Object.keys(rows[0]!);
  const unknown = names.filter((name) => !columns.has(name));
  if (unknown.length > 0) throw new Error(`${table} has no column ${unknown.join(', ')}: the generator is out of step with the migrations`);
  const list = names.map(quote).join(', ');
  const record = names.map((name) => `${quote(name)} ${columns.get(name)}`).join(', ');
  await client.query(`insert into ${table} (${list}) select ${list} from json_to_recordset($1::json) as r(${record})`, [JSON.stringify(rows)]);
}

/**
 * Collects rows for one table and writes them in batches of {@link BATCH_ROWS}.
 * While PostgreSQL stores one batch, the caller goes on producing the next:
 * at most one statement is in flight per writer, and `flush` waits for it.
 */
export class BatchWriter {
  private rows: Row[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  /** Rows handed to PostgreSQL so far. */
  written = 0;

  constructor(
    private readonly client: pg.ClientBase,
    readonly table: string,
    private readonly batchRows = BATCH_ROWS,
  ) {}

  /** Adds a row; sends a full batch once the previous one is stored. */
  async add(row: Row): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batchRows) await this.send();
  }

  private async send(): Promise<void> {
    const batch = this.rows;
    this.rows = [];
    await this.inFlight;
    this.written += batch.length;
    this.inFlight = insertRows(this.client, this.table, batch);
    // A failure surfaces at the next send or at flush; until then it must not count as unhandled.
    this.inFlight.catch(() => {});
  }

  /** Sends what is left and waits until everything is stored. */
  async flush(): Promise<void> {
    if (this.rows.length > 0) await this.send();
    await this.inFlight;
  }
}

/** Runs `work` in one transaction on `client`: everything is loaded, or nothing. */
export async function transaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await work();
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}
