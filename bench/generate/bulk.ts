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

/**
 * A connection whose statements run one after the other in the order they
 * were issued, without the caller waiting for each: Node goes on generating
 * the next batch while PostgreSQL stores the previous one.
 */
export class SerialConnection {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly client: pg.Client) {}

  /** Queues a statement; resolves with its rows once it ran. */
  query(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = this.tail.then(() => this.client.query(sql, params)).then((answer) => answer.rows as Row[]);
    this.tail = result.catch(() => {});
    return result;
  }
}

const columnTypes = new Map<string, Map<string, string>>();

/** Column name → SQL type of `table` (`schema.table`), read once per connection lifetime of the process. */
export async function tableColumns(connection: SerialConnection, table: string): Promise<Map<string, string>> {
  let columns = columnTypes.get(table);
  if (!columns) {
    const rows = (await connection.query(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
      [table],
    )) as { name: string; type: string }[];
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
export async function insertRows(connection: SerialConnection, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = await tableColumns(connection, table);
  const names = Object.keys(rows[0]!);
  const unknown = names.filter((name) => !columns.has(name));
  if (unknown.length > 0) throw new Error(`${table} has no column ${unknown.join(', ')}: the generator is out of step with the migrations`);
  const list = names.map(quote).join(', ');
  const record = names.map((name) => `${quote(name)} ${columns.get(name)}`).join(', ');
  await connection.query(`insert into ${table} (${list}) select ${list} from json_to_recordset($1::json) as r(${record})`, [JSON.stringify(rows)]);
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

  /**
   * @param after writers of the tables this one references: their buffered
   *   rows are sent first, so foreign keys that are checked at once hold.
   */
  constructor(
    private readonly connection: SerialConnection,
    readonly table: string,
    private readonly options: { batchRows?: number; after?: readonly BatchWriter[] } = {},
  ) {}

  /** Adds a row; sends a full batch once the previous one is stored. */
  async add(row: Row): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= (this.options.batchRows ?? BATCH_ROWS)) await this.send();
  }

  private async send(): Promise<void> {
    for (const parent of this.options.after ?? []) if (parent.rows.length > 0) await parent.send();
    const batch = this.rows;
    this.rows = [];
    await this.inFlight;
    this.written += batch.length;
    this.inFlight = insertRows(this.connection, this.table, batch);
    // A failure surfaces at the next send or at flush; until then it must not count as unhandled.
    this.inFlight.catch(() => {});
  }

  /** Sends what is left and waits until everything is stored. */
  async flush(): Promise<void> {
    if (this.rows.length > 0) await this.send();
    await this.inFlight;
  }
}

/** Runs `work` in one transaction on `connection`: everything is loaded, or nothing. */
export async function transaction<T>(connection: SerialConnection, work: () => Promise<T>): Promise<T> {
  await connection.query('begin');
  try {
    const result = await work();
    await connection.query('commit');
    return result;
  } catch (error) {
    await connection.query('rollback').catch(() => {});
    throw error;
  }
}

/** A secondary index as its migration created it. */
export interface IndexDefinition {
  name: string;
  /** `CREATE INDEX …`, from `pg_indexes.indexdef`. */
  definition: string;
}

/**
 * Drops the secondary indexes of `tables` before a bulk load; give the
 * answer to {@link rebuildIndexes} afterwards. Building an index once over
 * all rows is much faster than growing it row by row. Indexes behind
 * constraints (primary keys, unique constraints foreign keys use) stay. Call
 * it in a transaction: if the load fails, the rollback brings them back.
 */
export async function dropSecondaryIndexes(connection: SerialConnection, tables: readonly string[]): Promise<IndexDefinition[]> {
  const indexes = (await connection.query(
    `select format('%I.%I', i.schemaname, i.indexname) as name, i.indexdef as definition
     from pg_indexes i
     join pg_namespace n on n.nspname = i.schemaname
     join pg_class c on c.relname = i.indexname and c.relnamespace = n.oid
     where format('%I.%I', i.schemaname, i.tablename) = any($1::text[])
       and not exists (select 1 from pg_constraint k where k.conindid = c.oid)`,
    [tables],
  )) as unknown as IndexDefinition[];
  for (const index of indexes) await connection.query(`drop index ${index.name}`);
  return indexes;
}

/** Builds the indexes {@link dropSecondaryIndexes} dropped, exactly as they were defined. */
export async function rebuildIndexes(connection: SerialConnection, indexes: readonly IndexDefinition[]): Promise<void> {
  // Deferred foreign-key checks still pending on a table forbid building its indexes: run them now.
  await connection.query('set constraints all immediate');
  for (const index of indexes) await connection.query(index.definition);
}
