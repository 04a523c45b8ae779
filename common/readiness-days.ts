/**
 * The daily readiness snapshots as each of the volunteers, aeds and incidents
 * subgraphs keeps its own figures: a table `<schema>.readiness_day` with one
 * row per municipality and date (primary key), written once and never
 * changed, and read by the ReadinessDay and ReadinessChange entities the
 * organization subgraph hands out (common/readiness-history.ts has the rules).
 *
 * Taking: {@link takeReadinessSnapshots} finds, for every municipality, its
 * date today on its own clock and whether that date already has a row; only
 * the missing ones are computed, and each is inserted with `on conflict do
 * nothing`, so a second instance, a retried job or a run after a restart
 * never writes a date twice nor changes what was taken. A municipality whose
 * figures fail is left for the next run (the others are still written), and
 * the run then fails so the queue retries it.
 *
 * Figures are computed one municipality at a time (`figuresOf`) or, where a
 * subgraph can read a whole set of municipalities in one go, for
 * {@link SNAPSHOT_BATCH} at a time (`figuresOfBatch`, or `batchSize` at a
 * time): the first run of a day takes every municipality of the country, and
 * one read per municipality made that minutes of round trips and repeated
 * loading at start-up.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loader, type RequestContext } from './context.ts';
import { isId } from './ids.ts';
import { sql } from './sql.ts';
import type { Logger } from './logger.ts';
import { firstKeptDate } from './readiness-history.ts';
import { addDays, localDateOf, type LocalDate } from './zoned-time.ts';

/** One row's key. */
export interface ReadinessDayKey {
  municipalityId: string;
  date: LocalDate;
}

/** A kept row: its key, when it was taken, and the subgraph's own columns. */
export type ReadinessDayRow<Figures> = ReadinessDayKey & { takenAt: Date } & Figures;

/** A table of snapshots, e.g. `volunteers.readiness_day`, and how its columns become figures. */
export interface ReadinessDayTable<Figures> {
  /** Schema-qualified name; a constant of the subgraph, never user input. */
  name: string;
  /** The figure columns read for a history (constants too); bulky per-cell columns are read apart. */
  columns: readonly string[];
  /** The figures of a row as PostgreSQL returns it (numeric columns may arrive as text). */
  figuresOf(row: Record<string, unknown>): Figures;
  /** The columns to insert, in order, from the figures. */
  columnsOf(figures: Figures): Record<string, unknown>;
}

/** The key of a kept row in the maps this module returns (municipality ids in lower case). */
export const readinessDayKey = (municipalityId: string, date: string) => `${municipalityId.toLowerCase()} ${date}`;
const keyOf = readinessDayKey;

/** The `date::text` column. */
function dateText(value: unknown): string {
  return String(value).slice(0, 10);
}

/** Reads the rows of `keys` that exist: one range scan per municipality on the primary key. */
export async function readReadinessDays<Figures>(
  em: EntityManager,
  table: ReadinessDayTable<Figures>,
  keys: readonly ReadinessDayKey[],
): Promise<Map<string, ReadinessDayRow<Figures>>> {
  const found = new Map<string, ReadinessDayRow<Figures>>();
  const wanted = keys.filter((key) => isId(key.municipalityId));
  if (wanted.length === 0) return found;
  const ids = [...new Set(wanted.map((key) => key.municipalityId.toLowerCase()))];
  const dates = wanted.map((key) => key.date).sort();
  const rows = await sql<Record<string, unknown>>(
    em,
    `select municipality_id::text, date::text as day, taken_at, ${table.columns.join(', ')} from ${table.name} where municipality_id = any($1::uuid[]) and date between $2 and $3`,
    [ids, dates[0], dates[dates.length - 1]],
  );
  for (const row of rows) {
    const municipalityId = String(row.municipality_id);
    const date = dateText(row.day);
    const takenAt = row.taken_at instanceof Date ? row.taken_at : new Date(String(row.taken_at));
    found.set(keyOf(municipalityId, date), { municipalityId, date, takenAt, ...table.figuresOf(row) });
  }
  return found;
}

/**
 * The request's loader of kept rows by key: all the days of a history (an
 * entity batch from the gateway) are read in one query. A missing row is null.
 */
export function readinessDays<Figures>(context: RequestContext, table: ReadinessDayTable<Figures>): DataLoader<ReadinessDayKey, ReadinessDayRow<Figures> | null, string> {
  return loader(
    context,
    `readinessDays ${table.name}`,
    () =>
      new DataLoader<ReadinessDayKey, ReadinessDayRow<Figures> | null, string>(
        async (keys) => {
          const rows = await readReadinessDays(context.em, table, keys);
          return keys.map((key) => rows.get(keyOf(key.municipalityId.toLowerCase(), key.date)) ?? null);
        },
        { cacheKeyFn: (key) => keyOf(key.municipalityId.toLowerCase(), key.date), maxBatchSize: 5_000 },
      ),
  );
}

/** Inserts a row unless its key has one; true when this call wrote it. */
export async function writeReadinessDay<Figures>(em: EntityManager, table: ReadinessDayTable<Figures>, key: ReadinessDayKey, takenAt: Date, figures: Figures): Promise<boolean> {
  const columns = table.columnsOf(figures);
  const names = ['municipality_id', 'date', 'taken_at', ...Object.keys(columns)];
  const values = [key.municipalityId, key.date, takenAt, ...Object.values(columns)];
  const written = await sql<{ written: number }>(
    em,
    `insert into ${table.name} (${names.join(', ')}) values (${names.map((_, index) => `$${index + 1}`).join(', ')})
     on conflict (municipality_id, date) do nothing returning 1 as written`,
    values,
  );
  return written.length > 0;
}

/**
 * Inserts the rows whose keys have none, in one statement; returns the keys
 * (as {@link readinessDayKey}) this call wrote. A whole country's rows one
 * statement (and one commit) each kept the first start of a day waiting on
 * hundreds of round trips.
 */
export async function writeReadinessDays<Figures>(
  em: EntityManager,
  table: ReadinessDayTable<Figures>,
  rows: readonly { key: ReadinessDayKey; figures: Figures }[],
  takenAt: Date,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const columns = rows.map(({ figures }) => table.columnsOf(figures));
  const names = ['municipality_id', 'date', 'taken_at', ...Object.keys(columns[0]!)];
  const values = rows.flatMap(({ key }, index) => [key.municipalityId, key.date, takenAt, ...names.slice(3).map((name) => columns[index]![name])]);
  const tuples = rows.map((_, row) => `(${names.map((_, column) => `$${row * names.length + column + 1}`).join(', ')})`);
  const written = await sql<{ municipality_id: string; day: string }>(
    em,
    `insert into ${table.name} (${names.join(', ')}) values ${tuples.join(', ')}
     on conflict (municipality_id, date) do nothing returning municipality_id::text, date::text as day`,
    values,
  );
  return new Set(written.map((row) => keyOf(row.municipality_id, dateText(row.day))));
}

/** Deletes the rows older than every municipality's kept history (a day of margin for the time zones). */
export async function pruneReadinessDays(em: EntityManager, table: ReadinessDayTable<unknown>, now: Date): Promise<number> {
  const before = addDays(firstKeptDate(localDateOf(now, 'UTC')), -1);
  const deleted = await sql<{ count: string }>(em, `with gone as (delete from ${table.name} where date < $1 returning 1) select count(*) as count from gone`, [before]);
  return Number(deleted[0]?.count ?? 0);
}

/** A municipality as a snapshot needs it: which date it is there. */
export interface SnapshotMunicipality {
  id: string;
  timeZone: string;
}

/** Municipalities whose figures `figuresOfBatch` computes in one call. */
export const SNAPSHOT_BATCH = 50;

/** A municipality still missing today's snapshot, and its date. */
export interface MissingSnapshot<Municipality extends SnapshotMunicipality = SnapshotMunicipality> {
  municipality: Municipality;
  date: LocalDate;
}

/** What one scheduled run did. */
export interface SnapshotRun {
  taken: number;
  alreadyTaken: number;
  failed: number;
  pruned: number;
}

/**
 * Takes today's snapshot of every municipality that has none yet (see the
 * module comment). Figures come from `figuresOf` (one municipality's at `now`
 * for its `date`; undefined when there is nothing to record yet, e.g.
 * coverage of a municipality without a boundary) or from `figuresOfBatch`
 * (several municipalities' at once, by municipality id in lower case; one
 * left out has nothing to record; a thrown error fails the whole batch).
 * @throws after trying them all, when any municipality failed: the queue then retries the run.
 */
export async function takeReadinessSnapshots<Figures, Municipality extends SnapshotMunicipality = SnapshotMunicipality>(
  options: {
    em: EntityManager;
    table: ReadinessDayTable<Figures>;
    /** Each as the subgraph read it: `figuresOf` and `figuresOfBatch` are handed the same objects. */
    municipalities: readonly Municipality[];
    now: Date;
    logger: Logger;
  } & (
    | {
        figuresOf(municipality: Municipality, date: LocalDate): Promise<Figures | undefined>;
        /** Municipalities worked on at a time (default 1): for figures that mostly wait on peers and the database. */
        concurrency?: number;
        figuresOfBatch?: never;
      }
    | {
        figuresOfBatch(missing: readonly MissingSnapshot<Municipality>[]): Promise<Map<string, Figures>>;
        /** Municipalities handed to `figuresOfBatch` at a time (default {@link SNAPSHOT_BATCH}): all of them, for figures read in one pass over a register. */
        batchSize?: number;
        figuresOf?: never;
      }
  ),
): Promise<SnapshotRun> {
  const { em, table, now, logger } = options;
  const today = options.municipalities.map((municipality) => ({ municipality, date: localDateOf(now, municipality.timeZone) }));
  const kept = await readReadinessDays(
    em.fork(),
    table,
    today.map(({ municipality, date }) => ({ municipalityId: municipality.id, date })),
  );
  const run: SnapshotRun = { taken: 0, alreadyTaken: 0, failed: 0, pruned: 0 };
  const missing: MissingSnapshot<Municipality>[] = [];
  for (const entry of today) {
    if (kept.has(keyOf(entry.municipality.id.toLowerCase(), entry.date))) run.alreadyTaken++;
    else missing.push(entry);
  }
  const failed = (error: unknown, { municipality, date }: MissingSnapshot<Municipality>) => {
    run.failed++;
    logger.warn({ err: error, table: table.name, municipalityId: municipality.id, date }, 'readiness snapshot failed; the next run tries again');
  };
  /** Writes the figures found (one statement for them all), counting what this run took and what another had. */
  const write = async (found: readonly { entry: MissingSnapshot<Municipality>; figures: Figures }[]) => {
    const rows = found.map(({ entry, figures }) => ({ entry, key: { municipalityId: entry.municipality.id, date: entry.date }, figures }));
    try {
      const written = await writeReadinessDays(em.fork(), table, rows, now);
      for (const { key } of rows) {
        if (written.has(keyOf(key.municipalityId, key.date))) run.taken++;
        else run.alreadyTaken++;
      }
    } catch {
      // One row the table refuses fails the statement: one at a time, so that only that municipality fails.
      for (const { entry, key, figures } of rows) {
        try {
          if (await writeReadinessDay(em.fork(), table, key, now, figures)) run.taken++;
          else run.alreadyTaken++;
        } catch (error) {
          failed(error, entry);
        }
      }
    }
  };
  if (options.figuresOfBatch) {
    const size = Math.max(1, options.batchSize ?? SNAPSHOT_BATCH);
    for (let start = 0; start < missing.length; start += size) {
      const batch = missing.slice(start, start + size);
      let figures: Map<string, Figures>;
      try {
        figures = await options.figuresOfBatch(batch);
      } catch (error) {
        for (const entry of batch) failed(error, entry);
        continue;
      }
      await write(
        batch.flatMap((entry) => {
          const found = figures.get(entry.municipality.id.toLowerCase());
          return found === undefined ? [] : [{ entry, figures: found }];
        }),
      );
    }
  } else {
    const { figuresOf } = options;
    // Written SNAPSHOT_BATCH at a time as they are found: a row and a commit each kept the run waiting.
    let pending: { entry: MissingSnapshot<Municipality>; figures: Figures }[] = [];
    const flush = async () => {
      const rows = pending;
      pending = [];
      await write(rows);
    };
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const entry = missing[next++]!;
        try {
          const figures = await figuresOf(entry.municipality, entry.date);
          if (figures !== undefined) pending.push({ entry, figures });
        } catch (error) {
          failed(error, entry);
        }
        if (pending.length >= SNAPSHOT_BATCH) await flush();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
    await flush();
  }
  run.pruned = await pruneReadinessDays(em.fork(), table, now);
  logger.info({ table: table.name, ...run }, 'readiness snapshots');
  if (run.failed > 0) throw new Error(`${run.failed} readiness snapshot(s) of ${table.name} failed`);
  return run;
}
