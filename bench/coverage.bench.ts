/**
 * Benchmark of six-minute coverage (issue 7): a security region of 25
 * municipalities (a 5 × 5 block of the synthetic country, about 14 × 14 km
 * each) with 40,000 volunteers and 4,000 AEDs from the bench generator,
 * every hour of a week, H3 resolution 9 (about 57,000 cells).
 *
 *   cd /work/main && node --import ./scripts/register.js bench/coverage.bench.ts
 *
 * Measures, with the whole product running in this process on loopback:
 * 1. cold: one query through the gateway for the region's 25 coverages
 *    (`securityRegion { municipalities { sixMinuteCoverage } }`), nothing
 *    kept and the coverage workers not yet started; meanwhile a cheap
 *    query to the incidents subgraph every 20 ms (and for three seconds
 *    before, for comparison), whose latency and the event-loop delay show
 *    whether the computation holds up other requests;
 * 2. warm: the same query again (the kept results, each checked against
 *    the peers' fingerprints);
 * 3. recomputed: the kept results dropped, the workers running: what a
 *    change everywhere at once costs;
 * 4. the computation alone, in this thread, on inputs gathered once: what
 *    the engine costs on one core.
 * Wall times depend on what else the machine runs; CPU-seconds (all
 * threads of this process) and the load average are printed beside them.
 *
 * Environment: BENCH_SERVER_URL, else DATABASE_URL as bench/run.ts reads it
 * (a server; default postgres://postgres@127.0.0.1:5432/postgres; `embedded`
 * starts the product's embedded PostgreSQL in a temporary directory),
 * BENCH_DATABASE (the scratch database's name, default `coverage_bench_scratch`,
 * emptied first and dropped at the end unless BENCH_KEEP_DATABASE=1; a
 * database holding a generated national data set is refused), BENCH_VOLUNTEERS
 * (40000), BENCH_AEDS (4000), BENCH_SEED (2026), BENCH_RESOLUTION (9).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { Role, mintBearerToken } from '../common/auth.ts';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../common/database.ts';
import { createPeerClient } from '../common/peers.ts';
import { mondayOf } from '../common/week.ts';
import { localDateOf } from '../common/zoned-time.ts';
import { startStack } from '../scripts/stack.ts';
import { resolveDispatchPolicy } from '../subgraphs/incidents/dispatch/dispatch-policy.ts';
import { areaAround } from '../subgraphs/incidents/coverage/coverage-grid.ts';
import { CoveragePeers } from '../subgraphs/incidents/peers.ts';
import { computeCoverage, type CoverageInput } from '../subgraphs/incidents/coverage/coverage-task.ts';
import { upsertCandidatePositions, type CandidateEligibility, type CandidatePositionInput } from '../subgraphs/volunteers/candidates/candidate-positions.ts';
import type { SqlQuery } from '../common/sql.ts';
import { migrateSubgraphs } from './database.ts';
import { generateAeds } from './generate/aeds.ts';
import { BATCH_ROWS, insertRows, SerialConnection, type Row } from './generate/bulk.ts';
import { generateCountry, type SyntheticCountry } from './generate/country.ts';
import { generateOrganisation, regionPolicyRows } from './generate/organization.ts';
import { generateVolunteers } from './generate/volunteers.ts';
import { summarise } from './stats.ts';
import { runScript } from './script.ts';

const SERVER = process.env.BENCH_SERVER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env.BENCH_DATABASE ?? 'coverage_bench_scratch';
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 40_000);
const AEDS = Number(process.env.BENCH_AEDS ?? 4_000);
const SEED = Number(process.env.BENCH_SEED ?? 2026);
const RESOLUTION = Number(process.env.BENCH_RESOLUTION ?? 9);
const SECRETS = { gatewaySecret: 'coverage-bench-gateway', jwtSecret: 'coverage-bench-jwt', jwtIssuer: 'heartsafe', jwtAudience: 'heartsafe-api' };

/** The synthetic country's 20 × 17 grid of municipalities: a 5 × 5 block of it, made one security region. */
function region(seed: number): SyntheticCountry {
  const country = generateCountry(seed);
  const columns = 17;
  const municipalities = country.municipalities.filter((_, index) => {
    const row = Math.floor(index / columns);
    const column = index % columns;
    return row >= 5 && row < 10 && column >= 5 && column < 10;
  });
  const only = country.regions[0]!;
  return {
    regions: [only],
    municipalities: municipalities.map((municipality) => ({ ...municipality, regionId: only.id })),
    population: municipalities.reduce((sum, municipality) => sum + municipality.population, 0),
  };
}

/** Writes the region, its volunteers (with the candidate search rows) and its AEDs into the subgraphs' tables. */
async function seed(url: string, country: SyntheticCountry, today: string): Promise<{ volunteers: number; positions: number; aeds: number }> {
  await migrateSubgraphs(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const connection = new SerialConnection(client);
  const insert = async (table: string, rows: Row[]) => {
    for (let index = 0; index < rows.length; index += BATCH_ROWS) await insertRows(connection, table, rows.slice(index, index + BATCH_ROWS));
  };
  try {
    const { organisation, tables } = generateOrganisation(country, SEED, today);
    for (const [table, rows] of tables) await insert(table, rows);
    await insert('volunteers.region_policy', regionPolicyRows(organisation));
    const rows: Record<string, Row[]> = { volunteer: [], certificate: [], consent: [], membership: [] };
    const positions: { position: CandidatePositionInput; eligibility: CandidateEligibility }[] = [];
    for (const generated of generateVolunteers(organisation, { seed: SEED, count: VOLUNTEERS, today })) {
      rows.volunteer!.push(generated.volunteer);
      rows.certificate!.push(...generated.certificates);
      rows.consent!.push(...generated.consents);
      rows.membership!.push(...generated.memberships);
      positions.push(...generated.positions);
    }
    await insert('volunteers.volunteer', rows.volunteer!);
    await insert('volunteers.training_certificate', rows.certificate!);
    await insert('volunteers.consent', rows.consent!);
    await insert('volunteers.association_membership', rows.membership!);
    const query: SqlQuery = (sql, params) => connection.query(sql, params);
    for (let index = 0; index < positions.length; index += BATCH_ROWS) await upsertCandidatePositions(query, positions.slice(index, index + BATCH_ROWS));
    const aeds: Row[] = [];
    const guardians: Row[] = [];
    for (const generated of generateAeds(organisation, { seed: SEED, count: AEDS, today })) {
      aeds.push(generated.aed);
      guardians.push(...generated.guardians);
    }
    await insert('aeds.aed', aeds);
    await insert('aeds.aed_guardian', guardians);
    for (const table of ['volunteers.candidate_position', 'volunteers.volunteer', 'aeds.aed', 'organization.municipality']) await connection.query(`vacuum analyze ${table}`);
    return { volunteers: rows.volunteer!.length, positions: positions.length, aeds: aeds.length };
  } finally {
    await client.end();
  }
}

/** This benchmark drops its database: never one that holds the national data set `npm run generate` took minutes to load. */
async function refuseNationalDataset(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]).finally(() => admin.end());
  if (rows.length === 0) return;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { rows: found } = await client.query(`select to_regclass('bench.dataset') is not null as national`).finally(() => client.end());
  if (found[0]?.national) throw new Error(`Database ${name} holds a generated data set (bench.dataset); give BENCH_DATABASE another name.`);
}

const REGION_COVERAGE = `query ($id: ID!, $resolution: Int!) {
  securityRegion(id: $id) {
    municipalities { code sixMinuteCoverage(resolution: $resolution) { cellCount coveredShare dayCoveredShare nightCoveredShare computeMilliseconds stale } }
  }
}`;

async function main(): Promise<void> {
  const scratchDir = SERVER === 'embedded' ? await fs.mkdtemp(path.join(os.tmpdir(), 'coverage-bench-')) : undefined;
  const embedded = scratchDir ? await startEmbeddedPostgres({ dataDir: path.join(scratchDir, 'data') }) : undefined;
  const serverUrl = embedded?.serverUrl ?? SERVER;
  await refuseNationalDataset(serverUrl, DATABASE);
  await dropDatabase(serverUrl, DATABASE);
  const url = await ensureDatabase(serverUrl, DATABASE);
  const country = region(SEED);
  const today = localDateOf(new Date(), 'Europe/Amsterdam');
  let started = performance.now();
  const seeded = await seed(url, country, today);
  console.log(
    `Seeded ${country.municipalities.length} municipalities (${Math.round(country.population / 1000)}k inhabitants), ${seeded.volunteers} volunteers ` +
      `(${seeded.positions} positions), ${seeded.aeds} AEDs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const stack = await startStack({ databaseUrl: url, ...SECRETS, development: false, workers: false });
  const admin = await mintBearerToken({ jwtSecret: SECRETS.jwtSecret, issuer: SECRETS.jwtIssuer, audience: SECRETS.jwtAudience }, 'bench-admin', [{ role: Role.ADMIN }]);
  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const regionId = country.regions[0]!.id;
  try {
    // A cheap incidents query every 20 ms, first for three seconds on its own, then while coverage is computed: does anything wait?
    const probeQuery = `query ($id: ID!) { dispatchPolicy(securityRegionId: $id) { version } }`;
    const probeFor = async (done: () => boolean) => {
      const latencies: number[] = [];
      while (!done()) {
        const at = performance.now();
        await post(probeQuery, { id: regionId });
        latencies.push(performance.now() - at);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return latencies;
    };
    const quietUntil = performance.now() + 3000;
    const quiet = summarise(await probeFor(() => performance.now() > quietUntil));
    let probing = true;
    const probe = probeFor(() => !probing);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    started = performance.now();
    let cpu = process.cpuUsage();
    const cold = await post(REGION_COVERAGE, { id: regionId, resolution: RESOLUTION });
    const coldMs = performance.now() - started;
    const coldCpu = process.cpuUsage(cpu);
    loop.disable();
    probing = false;
    const probeLatencies = await probe;

    const coverages = cold.securityRegion.municipalities.map((municipality: any) => municipality.sixMinuteCoverage);
    const cells = coverages.reduce((sum: number, coverage: any) => sum + coverage.cellCount, 0);
    const computeMs = coverages.map((coverage: any) => coverage.computeMilliseconds as number);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const seconds = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(2);
    console.log(
      `\nCold: ${coverages.length} municipalities, ${cells} cells × 168 hours through the gateway in ${(coldMs / 1000).toFixed(2)} s (target ≤ 5 s); ` +
        `${seconds(coldCpu)} CPU-seconds in this process (all threads; PostgreSQL not counted), load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `  per municipality on a worker: mean ${mean(computeMs).toFixed(0)} ms, max ${Math.max(...computeMs)} ms; ` +
        `region covered ${(100 * mean(coverages.map((coverage: any) => coverage.coveredShare))).toFixed(1)}% of cell-hours ` +
        `(day ${(100 * mean(coverages.map((coverage: any) => coverage.dayCoveredShare))).toFixed(1)}%, night ${(100 * mean(coverages.map((coverage: any) => coverage.nightCoveredShare))).toFixed(1)}%)`,
    );
    const probes = summarise(probeLatencies);
    console.log(
      `  meanwhile ${probes.samples} other incidents queries: p50 ${probes.p50Ms} ms, p99 ${probes.p99Ms} ms, max ${probes.maxMs} ms ` +
        `(before, on their own: p50 ${quiet.p50Ms} ms, p99 ${quiet.p99Ms} ms, max ${quiet.maxMs} ms); ` +
        `event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    );

    const warmTimes: number[] = [];
    for (let round = 0; round < 5; round++) {
      started = performance.now();
      const warm = await post(REGION_COVERAGE, { id: regionId, resolution: RESOLUTION });
      warmTimes.push(performance.now() - started);
      if (warm.securityRegion.municipalities.some((municipality: any) => municipality.sixMinuteCoverage.stale)) throw new Error('a kept coverage was stale');
    }
    const warm = summarise(warmTimes);
    console.log(`Warm (kept, checked against the peers' fingerprints): p50 ${warm.p50Ms} ms, max ${warm.maxMs} ms over ${warm.samples} runs`);

    // Everything changed at once (kept results dropped), with the workers running: what a recomputation of the region costs.
    const database = new pg.Client({ connectionString: url });
    await database.connect();
    await database.query('delete from incidents.readiness_coverage');
    await database.end();
    started = performance.now();
    cpu = process.cpuUsage();
    await post(REGION_COVERAGE, { id: regionId, resolution: RESOLUTION });
    console.log(
      `Recomputed (nothing kept, workers running): ${((performance.now() - started) / 1000).toFixed(2)} s, ${seconds(process.cpuUsage(cpu))} CPU-seconds, ` +
        `load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    // The computation alone, on inputs gathered once.
    const peers = new CoveragePeers(createPeerClient(Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url])), SECRETS.gatewaySecret));
    const policy = resolveDispatchPolicy();
    const weekOf = mondayOf(today);
    const inputs: CoverageInput[] = [];
    started = performance.now();
    for (const municipality of country.municipalities) {
      const week = { weekOf, timeZone: 'Europe/Amsterdam' };
      const [volunteers, aeds] = await Promise.all([
        peers.volunteerPositions({ ...week, area: areaAround(municipality.boundary, policy.radiusMeters) }),
        peers.dispatchableAeds({ ...week, area: areaAround(municipality.boundary, policy.aedSearchRadiusMeters) }),
      ]);
      inputs.push({
        boundary: municipality.boundary,
        resolution: RESOLUTION,
        policy,
        minimumVolunteers: policy.enoughAcceptances,
        volunteers: volunteers.positions,
        aeds: aeds.aeds,
      });
    }
    const gatherMs = performance.now() - started;
    started = performance.now();
    cpu = process.cpuUsage();
    let situations = 0;
    let planned = 0;
    for (const input of inputs) {
      const result = computeCoverage(input);
      situations += result.statistics.situations;
      planned += result.statistics.planned;
    }
    const engineMs = performance.now() - started;
    const engineCpu = process.cpuUsage(cpu);
    const positions = inputs.reduce((sum, input) => sum + input.volunteers.keys.length, 0);
    console.log(
      `Computation alone, one core: ${(engineMs / 1000).toFixed(2)} s (${seconds(engineCpu)} CPU-seconds) for ${cells} cells × 168 hours ` +
        `(${situations} distinct dispatch situations, ${planned} planned by selectAlerts); inputs (${positions} positions incl. overlap) gathered in ${(gatherMs / 1000).toFixed(2)} s`,
    );
    console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
  } finally {
    await stack.close();
    if (process.env.BENCH_KEEP_DATABASE !== '1') await dropDatabase(serverUrl, DATABASE);
    await embedded?.stop();
    if (scratchDir) await fs.rm(scratchDir, { recursive: true, force: true });
  }
}

runScript(main);
