/**
 * The benchmark's own database, never the one `npm start` keeps its demo data
 * in: the embedded PostgreSQL with its data under `.data/bench`, or, when
 * `DATABASE_URL` names a server, the database `heartsafe_bench` on it (as the
 * tests do, `DATABASE_URL` is read as a server: the benchmark truncates the
 * tables it loads, so it must not share a database with anyone's work).
 */
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../common/config.ts';
import { ensureDatabase, openSubgraphStorage, startEmbeddedPostgres } from '../common/database.ts';
import { SUBGRAPHS } from '../subgraphs/index.ts';

/** Where the embedded PostgreSQL of the benchmarks keeps its data (kept between runs, so data is generated once). */
export const BENCH_DATA_DIR = path.join(projectRoot, '.data', 'bench');

/** The database the benchmarks use on a server given by `DATABASE_URL` (override with `BENCH_DATABASE`). */
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'heartsafe_bench';

/** A running benchmark database. */
export interface BenchDatabase {
  /** Connection string of the benchmark database. */
  url: string;
  /** `PostgreSQL 18.4` and where it runs. */
  version: string;
  embedded: boolean;
  /** Stops the embedded server (a no-op for an external one). */
  stop(): Promise<void>;
}

/** Starts (or connects to) the benchmark database; `DATABASE_URL` names a server to use instead of the embedded one. */
export async function openBenchDatabase(serverUrl = process.env.DATABASE_URL): Promise<BenchDatabase> {
  const embedded = serverUrl ? undefined : await startEmbeddedPostgres({ dataDir: path.join(BENCH_DATA_DIR, 'postgres') });
  const url = await ensureDatabase(embedded?.serverUrl ?? serverUrl!, BENCH_DATABASE);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ version: string }>('select version()');
  await client.end();
  return {
    url,
    version: `${rows[0]!.version.split(' on ')[0]}${embedded ? ' (embedded)' : ''}`,
    embedded: embedded !== undefined,
    stop: async () => {
      await embedded?.stop();
    },
  };
}

/**
 * Applies every subgraph's migrations, as their servers do at start-up, so
 * the generator writes into exactly the tables the product reads.
 */
export async function migrateSubgraphs(url: string): Promise<void> {
  for (const definition of SUBGRAPHS) {
    const orm = await openSubgraphStorage(url, definition.storage);
    await orm.close(true);
  }
}
