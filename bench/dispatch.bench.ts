/**
 * Benchmark (not a test): the time from `reportIncident` sent to the gateway
 * until the alert frame reaches each alerted volunteer's graphql-ws client,
 * connected through the gateway as the volunteers' apps are. Goal (issue 6):
 * p50 ≤ 50 ms and p99 ≤ 200 ms for the 30 alerted volunteers, with 500,000
 * volunteers and 50,000 AEDs in the database, on a 2-core machine.
 *
 * Two ways to run it:
 *
 *   # a small world of its own on a fresh database (embedded PostgreSQL, or DATABASE_URL's server)
 *   node --import ./scripts/register.js bench/dispatch.bench.ts --seed [--volunteers 40] [--rounds 30] [--separate-processes]
 *
 *   # against a database already populated (e.g. by the national-scale generator)
 *   DATABASE_URL=postgres://… node --import ./scripts/register.js bench/dispatch.bench.ts \
 *     --service <ambulance service id> --sites sites.json [--rounds 30]
 *
 * With `--separate-processes` each service runs in a process of its own
 * (scripts/serve.ts, as docker-compose deploys them); by default all run in
 * the benchmark's process, as `npm start` does.
 *
 * `sites.json` lists where to report: `[{ "latitude": 52.37, "longitude": 4.89, "address": "…" }, …]`,
 * each inside a municipality of a region the service serves. {@link benchDispatch}
 * is the function the script calls; anything that has a running stack can call it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { Worker, isMainThread } from 'node:worker_threads';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mintBearerToken, Role, type Grant } from '../common/auth.ts';
import { preciseNow } from '../common/phases.ts';
import { DEFAULT_DATABASE, dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from '../common/database.ts';
import { createPeerClient } from '../common/peers.ts';
import { startStack, type Stack } from '../scripts/stack.ts';
import { PeerQueries } from '../subgraphs/incidents/peers.ts';
import { buildWorld, type VolunteerSpec } from '../test/incidents-world.ts';
import { checkpointWatch, describeRound, explainRounds, observeDispatch, type Checkpoints, type ClientRound, type RoundTimings } from './dispatch-timeline.ts';
import type { DispatchClientsData, DispatchClientsMessage } from './processes/dispatch-clients.ts';
import { startRoundProfile } from './round-profile.ts';
import { summarise, table, type BenchResult } from './stats.ts';

/** Where the product runs and how to act in it. */
export interface BenchTarget {
  /** `http://…/graphql` of the gateway. */
  gatewayUrl: string;
  /** `ws://…/graphql` of the gateway. */
  wsUrl: string;
  /** The volunteers subgraph, asked (as the incidents service) who will be alerted, to connect their apps first. */
  volunteersUrl: string;
  /** The incidents subgraph, when it runs in this process: the frames it writes are timed too (bench/dispatch-timeline.ts). */
  incidentsUrl?: string;
  gatewaySecret: string;
  bearer: { jwtSecret: string; issuer: string; audience: string };
  /** The product's database: the rounds a PostgreSQL checkpoint ended in are named (bench/dispatch-timeline.ts). */
  databaseUrl?: string;
}

/** A place to report an incident. */
export interface BenchSite {
  latitude: number;
  longitude: number;
  address: string;
}

export interface BenchOptions {
  /** The reporting ambulance service (the dispatcher's token is minted for it). */
  ambulanceServiceId: string;
  /** Round r reports at `sites[r % sites.length]`. */
  sites: BenchSite[];
  rounds: number;
  /** Rounds run first and not measured (connections, JIT, caches). */
  warmup?: number;
  /** How far around a site volunteers' apps are connected; wider than any region's alert radius. */
  connectRadiusMeters?: number;
  /** Pause after each round's cancel, in milliseconds (default 300), so rounds do not overlap. */
  pauseMs?: number;
  /**
   * Milliseconds without reports before each round's report, its volunteers' apps connected
   * already (default none): what a report meets after a quiet spell, as most do (cardiac arrests
   * come minutes or hours apart; pools and keep-alive connections close idle ones after 5–10 s).
   */
  quietMs?: number;
  log?: (line: string) => void;
  /** Called as each round's report is about to be sent, and once its frames are in (or missing). */
  onRound?: (event: 'start' | 'end', round: number) => void;
}

export interface DispatchBenchResult {
  /** One latency per alert frame received: milliseconds from sending the report to the frame. */
  latencies: number[];
  /** Milliseconds until the gateway answered `reportIncident`, per measured round. */
  answers: number[];
  /** Alerted volunteers per measured round. */
  alertedPerRound: number[];
  /** Alert frames that never arrived (within 5 s). */
  missing: number;
  /** Measured reports the gateway refused or failed (the first error is logged). */
  failedReports: number;
  /** Every round (warm-up included) as the clients saw it. */
  clientRounds: ClientRound[];
  /**
   * CPU time of the product's thread per measured round, in ms (from each
   * round's start to its end, as the clients' thread reports them): what the
   * rounds cost the one thread every hop shares, whatever else the machine
   * was doing. Only when the clients run in a thread of their own.
   */
  productCpuMsPerRound?: number;
  /** Every round explained (bench/dispatch-timeline.ts), when the product ran in the benchmark's process. */
  rounds?: RoundTimings[];
}

const REPORT = `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id alerts { id } } }`;
const CANCEL = `mutation ($i: ID!) { cancelIncident(incidentId: $i, reason: "benchmark") { id } }`;
// What a volunteer's app asks for: the task, the AED's location (from the AEDs subgraph), the address and the code.
const MY_ALERTS = `subscription ($v: ID!) {
  myAlerts(volunteerId: $v) { cursor kind alert { id task etaSeconds patientAddress cabinetCode aed { id location { latitude longitude } } } }
}`;

async function retried<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * Runs the benchmark against a running product whose database already holds
 * the volunteers and AEDs. Each round: make sure the app of every volunteer
 * who could be alerted at the site is connected (each its own graphql-ws
 * connection to the gateway, subscribed to `myAlerts` and staying so),
 * report an incident, time the ALERTED frame at each alerted volunteer's
 * client, then cancel the incident.
 */
export async function benchDispatch(target: BenchTarget, options: BenchOptions): Promise<DispatchBenchResult> {
  const log = options.log ?? (() => {});
  const mint = (grants: Grant[], subject: string) => mintBearerToken(target.bearer, subject, grants);
  const dispatcher = await mint([{ role: Role.DISPATCHER, scope: options.ambulanceServiceId }], 'bench-dispatcher');
  const peers = new PeerQueries(createPeerClient({ volunteers: target.volunteersUrl }, target.gatewaySecret));
  // Like volunteers' apps, each client connects once and stays subscribed for the whole run.
  const clients = new Map<string, Client>();
  const stops: (() => void)[] = [];
  /** When each alert's ALERTED frame arrived (epoch ms, common/phases.ts's clock), and its feed cursor, by alert id. */
  const arrivals = new Map<string, { at: number; cursor: string }>();
  const connect = async (volunteerId: string) => {
    const token = await mint([{ role: Role.VOLUNTEER, scope: volunteerId }], `bench-${volunteerId}`);
    const client = createClient({ url: target.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.set(volunteerId, client);
    stops.push(
      client.subscribe(
        { query: MY_ALERTS, variables: { v: volunteerId } },
        {
          next: (frame: any) => {
            const update = frame.data?.myAlerts;
            if (update?.kind === 'ALERTED' && !arrivals.has(update.alert.id)) arrivals.set(update.alert.id, { at: preciseNow(), cursor: update.cursor });
          },
          error: (error) => log(`subscription error: ${JSON.stringify(error)}`),
          complete: () => {},
        },
      ),
    );
  };

  const latencies: number[] = [];
  const answers: number[] = [];
  const alertedPerRound: number[] = [];
  let missingFrames = 0;
  let failedReports = 0;
  const clientRounds: ClientRound[] = [];
  const warmup = options.warmup ?? 3;
  try {
    for (let round = 0; round < warmup + options.rounds; round++) {
      const site = options.sites[round % options.sites.length]!;
      // Setting up, not measured: on a busy machine the wide search may miss its 2 s deadline once.
      const candidates = await retried(() => peers.alertCandidates(site.latitude, site.longitude, options.connectRadiusMeters ?? 5000, 100, new Date()));
      const newcomers = candidates.filter((candidate) => !clients.has(candidate.volunteerId));
      for (const candidate of newcomers) await connect(candidate.volunteerId);
      // graphql-ws does not acknowledge a subscription; give the gateway and the subgraph time to register new ones.
      if (newcomers.length > 0) await new Promise((resolve) => setTimeout(resolve, 500 + newcomers.length * 10));

      const input = {
        dispatchReference: `BENCH-${randomBytes(6).toString('hex')}`,
        location: { latitude: site.latitude, longitude: site.longitude },
        address: site.address,
        callReceivedAt: new Date().toISOString(),
      };
      if (options.quietMs) await new Promise((resolve) => setTimeout(resolve, options.quietMs));
      options.onRound?.('start', round + 1);
      const sent = preciseNow();
      let reportIncident: { id: string; alerts: { id: string }[] };
      try {
        ({ reportIncident } = await post(target.gatewayUrl, dispatcher, REPORT, { input }));
      } catch (error) {
        options.onRound?.('end', round + 1);
        // A refused report is a result too (e.g. under attack): counted, not fatal.
        if (round >= warmup) failedReports += 1;
        log(`round ${round + 1}: report failed after ${(preciseNow() - sent).toFixed(1)} ms: ${(error as Error).message.slice(0, 300)}`);
        continue;
      }
      const answeredAt = preciseNow();
      const answered = answeredAt - sent;
      const alertIds: string[] = reportIncident.alerts.map((alert: { id: string }) => alert.id);
      const deadline = Date.now() + 5000;
      while (alertIds.some((id) => !arrivals.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      options.onRound?.('end', round + 1);
      const missing = alertIds.filter((id) => !arrivals.has(id)).length;
      const times = alertIds.filter((id) => arrivals.has(id)).map((id) => arrivals.get(id)!.at - sent);
      clientRounds.push({
        round: round + 1,
        warmup: round < warmup,
        incidentId: reportIncident.id,
        sentAt: sent,
        answeredAt,
        alerted: alertIds.length,
        missing,
        frames: alertIds.filter((id) => arrivals.has(id)).map((id) => ({ alertId: id, cursor: arrivals.get(id)!.cursor, receivedAt: arrivals.get(id)!.at })),
      });
      if (round >= warmup) {
        latencies.push(...times);
        answers.push(answered);
        alertedPerRound.push(alertIds.length);
        missingFrames += missing;
      }
      const sorted = [...times].sort((a, b) => a - b);
      log(
        `${round < warmup ? 'warm-up' : 'round'} ${round + 1}: ${alertIds.length} alerted, ${missing} missing, ` +
          `report answered after ${answered.toFixed(1)} ms, first frame ${sorted[0]?.toFixed(1)} ms, last ${sorted.at(-1)?.toFixed(1)} ms`,
      );
      // Cancelling stands everyone down (frames, SMS); let that pass before the next report is timed.
      await post(target.gatewayUrl, dispatcher, CANCEL, { i: reportIncident.id });
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 300));
    }
  } finally {
    stops.forEach((stop) => stop());
    await Promise.all([...clients.values()].map((client) => client.dispose()));
  }
  return { latencies, answers, alertedPerRound, missing: missingFrames, failedReports, clientRounds };
}

/** The ports of the servers whose frame writes are timed, by name. */
function timedServers(target: BenchTarget): Record<number, string> {
  const servers: Record<number, string> = { [Number(new URL(target.wsUrl).port)]: 'gateway' };
  if (target.incidentsUrl) servers[Number(new URL(target.incidentsUrl).port)] = 'incidents';
  return servers;
}

/** Explains each round and logs the slowest measured ones (see bench/dispatch-timeline.ts). */
function withTimings(
  result: DispatchBenchResult,
  observed: ReturnType<ReturnType<typeof observeDispatch>['stop']>,
  log?: (line: string) => void,
  checkpoints?: Map<number, Checkpoints>,
): DispatchBenchResult {
  const rounds = explainRounds(result.clientRounds, observed).map((round) => (checkpoints?.has(round.round) ? { ...round, checkpoints: checkpoints.get(round.round)! } : round));
  const slowest = rounds
    .filter((round) => !round.warmup && round.lastFrameMs !== undefined)
    .sort((a, b) => b.lastFrameMs! - a.lastFrameMs!)
    .slice(0, 5);
  if (slowest.length > 0) log?.(`slowest rounds:\n  ${slowest.map(describeRound).join('\n  ')}`);
  return { ...result, rounds };
}

/** {@link benchDispatch} with the clients in the product's own thread, each round explained. */
export async function benchDispatchInProcess(target: BenchTarget, options: BenchOptions): Promise<DispatchBenchResult> {
  const observer = observeDispatch(timedServers(target));
  let result: DispatchBenchResult;
  try {
    result = await benchDispatch(target, {
      ...options,
      onRound: (event, round) => (event === 'start' ? observer.roundStarted(round) : observer.roundEnded(round)),
    });
  } catch (error) {
    observer.stop();
    throw error;
  }
  return withTimings(result, observer.stop(), options.log);
}

/**
 * {@link benchDispatch} with the dispatcher's and volunteers' clients in a
 * worker thread (bench/processes/dispatch-clients.ts), so that their work
 * does not run on the product's event loop, as it would not in service.
 */
export async function benchDispatchApart(target: BenchTarget, options: BenchOptions): Promise<DispatchBenchResult> {
  const { log, onRound: _onRound, ...rest } = options;
  const data: DispatchClientsData = { target, options: rest };
  const observer = observeDispatch(timedServers(target));
  const checkpoints = target.databaseUrl ? await checkpointWatch(target.databaseUrl) : undefined;
  const profileFile = process.env.DISPATCH_PROFILE;
  const profiler = profileFile ? await startRoundProfile() : undefined;
  const worker = new Worker(new URL('./processes/dispatch-clients.ts', import.meta.url), { workerData: data });
  let roundCpu: NodeJS.CpuUsage | undefined;
  let cpuMicros = 0;
  let measuredRounds = 0;
  let result: DispatchBenchResult;
  try {
    result = await new Promise<DispatchBenchResult>((resolve, reject) => {
      worker.on('message', (message: DispatchClientsMessage) => {
        if ('log' in message) log?.(message.log);
        else if ('round' in message) {
          (message.round.event === 'start' ? observer.roundStarted : observer.roundEnded)(message.round.number);
          if (message.round.event === 'end') checkpoints?.roundEnded(message.round.number);
          const measured = message.round.number >= (options.warmup ?? 3);
          if (measured && message.round.event === 'start') {
            profiler?.roundStarted();
            roundCpu = process.threadCpuUsage();
          }
          if (measured && message.round.event === 'end') {
            profiler?.roundEnded();
            if (roundCpu) {
              const used = process.threadCpuUsage(roundCpu);
              cpuMicros += used.user + used.system;
              measuredRounds++;
            }
            roundCpu = undefined;
          }
        } else if ('result' in message) resolve(message.result);
        else reject(new Error(`dispatch clients failed: ${message.error}`));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`dispatch clients stopped (exit code ${code})`)));
    }).finally(() => worker.terminate());
  } catch (error) {
    observer.stop();
    await checkpoints?.stop();
    throw error;
  } finally {
    if (profiler && profileFile) log?.(`CPU profile of the measured rounds (${(await profiler.stop(profileFile)).toFixed(0)} ms of samples) written to ${profileFile}`);
  }
  const ended = await checkpoints?.stop();
  return withTimings({ ...result, productCpuMsPerRound: measuredRounds > 0 ? cpuMicros / 1000 / measuredRounds : undefined }, observer.stop(), log, ended);
}

/** Volunteers spread over rings 80–950 m around the site, so that 30 fall within the default 1,000 m radius. */
function ringOfVolunteers(count: number): VolunteerSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const distance = 80 + (870 * index) / Math.max(1, count - 1);
    const angle = index * 2.399963; // the golden angle spreads them evenly around
    return { name: `Volunteer ${index + 1}`, north: Math.round(distance * Math.cos(angle)), east: Math.round(distance * Math.sin(angle)) };
  });
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

// Random per run and long enough for production mode, which `--separate-processes` runs the services in.
const BEARER = { jwtSecret: randomBytes(48).toString('base64'), issuer: 'heartsafe', audience: 'heartsafe-api' };
const GATEWAY_SECRET = randomBytes(48).toString('base64');
const SERVICES = ['organization', 'volunteers', 'aeds', 'incidents', 'gateway'] as const;

/** The product under test, and how to stop it. */
interface Product {
  gatewayUrl: string;
  wsUrl: string;
  volunteersUrl: string;
  /** Only when it runs in this process, where its frames can be timed. */
  incidentsUrl?: string;
  close(): Promise<void>;
}

/** All services in this process, as `npm start` runs them. */
async function inProcess(databaseUrl: string): Promise<Product> {
  const stack: Stack = await startStack({ databaseUrl, gatewaySecret: GATEWAY_SECRET, jwtSecret: BEARER.jwtSecret, development: false });
  return {
    gatewayUrl: stack.gateway.url,
    wsUrl: stack.gateway.wsUrl,
    volunteersUrl: stack.subgraphs.volunteers.url,
    incidentsUrl: stack.subgraphs.incidents.url,
    close: () => stack.close(),
  };
}

/** One process per service, as docker-compose deploys them (scripts/serve.ts), so they can use every core. */
async function separateProcesses(databaseUrl: string): Promise<Product> {
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (service) => [service, await freePort()] as const)));
  const url = (service: string) => `http://127.0.0.1:${ports[service]}/graphql`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    GATEWAY_SECRET,
    JWT_SECRET: BEARER.jwtSecret,
    ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_PORT`, String(ports[service])])),
    ...Object.fromEntries(SERVICES.filter((service) => service !== 'gateway').map((service) => [`${service.toUpperCase()}_URL`, url(service)])),
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => (child.exitCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')))));
  };
  try {
    for (const service of SERVICES) {
      children.push(
        spawn(process.execPath, ['--import', './scripts/register.js', 'scripts/serve.ts'], { env: { ...env, SERVICE: service }, stdio: ['ignore', 'ignore', 'inherit'] }),
      );
      // Subgraphs apply their migrations at start-up: one at a time, each ready before the next.
      for (let waited = 0; ; waited += 200) {
        const ready = await fetch(url(service).replace(/\/graphql$/, '/readyz')).then(
          (response) => response.ok,
          () => false,
        );
        if (ready) break;
        if (waited > 60_000) throw new Error(`${service} did not become ready`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: url('gateway'), wsUrl: url('gateway').replace(/^http/, 'ws'), volunteersUrl: url('volunteers'), close: stop };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const rounds = Number(argument('rounds') ?? 30);
  const seed = process.argv.includes('--seed');
  const separate = process.argv.includes('--separate-processes');
  let serverUrl = process.env.DATABASE_URL;
  let stopPostgres = async () => {};
  if (!serverUrl) {
    const dir = `/tmp/heartsafe-bench-${randomBytes(4).toString('hex')}`;
    const embedded = await startEmbeddedPostgres({ dataDir: dir });
    serverUrl = embedded.serverUrl;
    stopPostgres = async () => {
      await embedded.stop();
      await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const benchDatabase = seed ? `heartsafe_bench_${randomBytes(4).toString('hex')}` : undefined;
  const databaseUrl = benchDatabase ? await ensureDatabase(serverUrl, benchDatabase) : process.env.DATABASE_URL ? serverUrl : await ensureDatabase(serverUrl, DEFAULT_DATABASE);
  const product = separate ? await separateProcesses(databaseUrl) : await inProcess(databaseUrl);
  try {
    let ambulanceServiceId = argument('service');
    let sites: BenchSite[];
    if (seed) {
      const patient = { lat: 51.5606, lon: 5.1923 };
      const api = {
        data: async (query: string, variables: Record<string, unknown> = {}, token?: string) => post(product.gatewayUrl, token!, query, variables),
        token: (grants: Grant[] | Grant, subject = 'bench') => mintBearerToken(BEARER, subject, Array.isArray(grants) ? grants : [grants]),
        adminToken: () => mintBearerToken(BEARER, 'bench-admin', [{ role: Role.ADMIN }]),
      };
      const world = await buildWorld(api, {
        patient,
        volunteers: ringOfVolunteers(Number(argument('volunteers') ?? 40)),
        aeds: [
          { name: 'North', north: 250, east: 0, cabinetCode: '4711' },
          { name: 'East', north: 0, east: 300 },
          { name: 'South', north: -350, east: 50 },
          { name: 'West', north: 20, east: -400, cabinetCode: '1234' },
        ],
      });
      ambulanceServiceId = world.ambulanceServiceId;
      sites = [{ latitude: patient.lat, longitude: patient.lon, address: 'Dorpsstraat 12, Oisterwijk' }];
    } else {
      const file = argument('sites');
      if (!ambulanceServiceId || !file) throw new Error('Give --seed, or --service <ambulance service id> and --sites <file.json> for a populated database.');
      sites = JSON.parse(await fs.readFile(file, 'utf8')) as BenchSite[];
    }
    const measure = process.argv.includes('--clients-in-process') ? benchDispatchInProcess : benchDispatchApart;
    const result = await measure(
      {
        gatewayUrl: product.gatewayUrl,
        wsUrl: product.wsUrl,
        volunteersUrl: product.volunteersUrl,
        ...(product.incidentsUrl ? { incidentsUrl: product.incidentsUrl } : {}),
        gatewaySecret: GATEWAY_SECRET,
        bearer: BEARER,
      },
      { ambulanceServiceId: ambulanceServiceId!, sites, rounds, log: (line) => console.log(line) },
    );
    const alerted = result.alertedPerRound.reduce((sum, count) => sum + count, 0) / Math.max(1, result.alertedPerRound.length);
    const setup = `${seed ? 'self-seeded world' : 'populated database'}, ${separate ? 'one process per service' : 'one process'}`;
    const rows: BenchResult[] = [
      {
        name: 'reportIncident → alert frame at each volunteer',
        setup,
        ...summarise(result.latencies),
        extra: { rounds, alertedPerRound: Math.round(alerted), missing: result.missing },
        target: 'p50 ≤ 25, p99 ≤ 100',
      },
      { name: 'reportIncident answered', setup, ...summarise(result.answers) },
    ];
    console.log(table(rows));
  } finally {
    await product.close();
    if (benchDatabase) await dropDatabase(serverUrl, benchDatabase);
    await stopPostgres();
  }
}

// Not in the clients' worker thread, which inherits this script's argv.
if (isMainThread && import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
