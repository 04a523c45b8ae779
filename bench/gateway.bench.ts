/**
 * Benchmark (not a test): what the gateway costs, against Hive Gateway's
 * runtime as it ships and against the subgraphs called straight, in one run
 * on the same subgraphs and supergraph (issue 18).
 *
 * Three queries and one mutation, each at a fixed concurrency as a closed loop:
 * - a policy officer's `municipalities` with each one's AED and volunteer
 *   counts and working group (every municipality of the country);
 * - `securityRegions` with their municipalities and ambulance services, and
 *   alone (`id name code`: a small answer, where the gateway's own work shows);
 * - the ~200 AEDs of one municipality, each with its municipality;
 * - `updateMyLocation`, volunteers' apps in turn.
 * Each is sent to our gateway and to Hive's, each in a process of its own
 * (bench/processes/gateway-under-test.ts), and straight to the subgraphs
 * the way a query plan needs them (each distinct entity asked once), with
 * the principal the gateway would sign. The rows give requests per second
 * and the ratios ours/Hive and ours/subgraphs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { mintBearerToken, PRINCIPAL_HEADER, Role, signForSubgraph, type BearerOptions, type Principal } from '../common/auth.ts';
import { projectRoot } from '../common/config.ts';
import { createAuthenticator } from '../gateway/auth.ts';
import { runClosedLoop, type ClosedLoopResult } from './closed-loop.ts';
import { offset } from './generate/country.ts';
import { Random } from '../common/random.ts';
import { bearer, postGraphQL } from './http.ts';
import type { BenchVolunteer } from './national.ts';
import type { GatewayKind, GatewayUnderTestCommand, GatewayUnderTestReport } from './processes/gateway-under-test.ts';
import { summarise, type BenchResult } from './stats.ts';

export const MUNICIPALITIES = `query Municipalities {
  municipalities { id name code population aedCount volunteerCount workingGroup { id name } }
}`;
export const SECURITY_REGIONS = `query SecurityRegions {
  securityRegions { id name code municipalities { id name code } ambulanceServices { id name } }
}`;
/** The same list without what each region holds: one small answer, so the gateways' own work per request shows. */
export const SECURITY_REGIONS_ALONE = `query SecurityRegionsAlone { securityRegions { id name code } }`;
export const AEDS_WITH_MUNICIPALITY = `query AedsWithMunicipality($id: ID!) {
  municipality(id: $id) { aeds { id locationDescription location { latitude longitude } municipality { id name } } }
}`;
export const UPDATE_MY_LOCATION = `mutation UpdateMyLocation($position: GeoPointInput!) { updateMyLocation(position: $position) { reportedAt } }`;

// What the subgraphs are asked when called straight: the fetches of each operation's query plan.
const ORGANIZATION_MUNICIPALITIES = `{ municipalities { __typename id name code population workingGroup { id name } } }`;
const AED_COUNTS = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Municipality { aedCount } } }`;
const VOLUNTEER_COUNTS = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Municipality { volunteerCount } } }`;
const ORGANIZATION_MUNICIPALITY = `query ($id: ID!) { municipality(id: $id) { __typename id } }`;
const AEDS_OF_MUNICIPALITY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Municipality { aeds { id locationDescription location { latitude longitude } municipality { __typename id } } } }
}`;
const MUNICIPALITY_NAMES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Municipality { name } } }`;

export interface GatewayBenchTarget {
  subgraphUrls: { organization: string; volunteers: string; aeds: string; incidents: string };
  gatewaySecret: string;
  bearer: BearerOptions;
  databaseUrl: string;
}

export interface GatewayBenchOptions {
  requests: number;
  concurrency: number;
  /** Bound on each loop's time. */
  timeLimitMs: number;
  /** Volunteers who share their location, for the mutation. */
  volunteers: BenchVolunteer[];
  seed: number;
  setup: string;
}

/** A gateway in a child process. */
class GatewayProcess {
  private readonly process: ChildProcess;

  constructor() {
    this.process = fork(path.join(projectRoot, 'bench', 'processes', 'gateway-under-test.ts'), [], {
      execArgv: ['--import', pathToFileURL(path.join(projectRoot, 'scripts', 'register.js')).href],
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  start(command: Omit<GatewayUnderTestCommand, 'type'>): Promise<string> {
    return new Promise((resolve, reject) => {
      this.process.once('message', (report: GatewayUnderTestReport) => resolve(report.url));
      this.process.once('exit', (code) => reject(new Error(`the ${command.kind} gateway exited (${code}) before it started`)));
      this.process.send({ type: 'start', ...command } satisfies GatewayUnderTestCommand);
    });
  }

  stop(): void {
    this.process.disconnect();
  }
}

/** The municipality whose number of AEDs is nearest 200. */
async function municipalityWithAbout200Aeds(databaseUrl: string): Promise<{ id: string; aeds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; aeds: number }>(
      `select municipality_id::text as id, count(*)::int as aeds from aeds.aed where decommissioned_at is null
       group by municipality_id order by abs(count(*) - 200), municipality_id limit 1`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/** One operation as each path sends it. */
interface Scenario {
  name: string;
  /** Sends the operation through a gateway at `url`; `index` picks the caller. */
  viaGateway(url: string, index: number): Promise<void>;
  /** Sends what the query plan needs straight to the subgraphs. */
  direct(index: number): Promise<void>;
}

function row(name: string, setup: string, result: ClosedLoopResult, concurrency: number, extra: Record<string, number | string> = {}): BenchResult {
  return {
    name,
    setup,
    ...summarise(result.latencies),
    perSecond: Math.round(result.perSecond * 10) / 10,
    extra: { concurrency, errors: result.errors, ...extra, ...(result.firstError ? { firstError: result.firstError.slice(0, 120) } : {}) },
  };
}

export async function benchGateways(target: GatewayBenchTarget, options: GatewayBenchOptions): Promise<BenchResult[]> {
  const aedMunicipality = await municipalityWithAbout200Aeds(target.databaseUrl);
  const officerToken = await mintBearerToken(target.bearer, 'bench-gateway-policy-officer', [{ role: Role.POLICY_OFFICER, scope: aedMunicipality.id }]);
  const volunteerTokens = await Promise.all(
    options.volunteers.map((volunteer) => mintBearerToken(target.bearer, `bench-volunteer-app-${volunteer.id}`, [{ role: Role.VOLUNTEER, scope: volunteer.id }])),
  );
  // The principals our gateway would sign, resolved once as it does.
  const authenticate = createAuthenticator(target.bearer, { organizationUrl: target.subgraphUrls.organization, gatewaySecret: target.gatewaySecret });
  const officer = await authenticate(`Bearer ${officerToken}`);
  const volunteerPrincipals = await Promise.all(volunteerTokens.map((token) => authenticate(`Bearer ${token}`)));
  const headers = async (principal: Principal, subgraph: string) => ({ [PRINCIPAL_HEADER]: await signForSubgraph(principal, target.gatewaySecret, subgraph) });
  const random = Random.stream(options.seed, 'gateway benchmark positions');
  const position = (index: number) => {
    const volunteer = options.volunteers[index % options.volunteers.length]!;
    const [latitude, longitude] = offset(volunteer.homeLatitude, volunteer.homeLongitude, random.between(-2000, 2000), random.between(-2000, 2000));
    return { latitude, longitude };
  };
  const { organization, volunteers, aeds } = target.subgraphUrls;

  const scenarios: Scenario[] = [
    {
      name: 'municipalities { … aedCount volunteerCount workingGroup }, a policy officer',
      async viaGateway(url) {
        const data = await postGraphQL(url, MUNICIPALITIES, {}, bearer(officerToken));
        if (!(data.municipalities?.length > 0)) throw new Error('no municipalities');
      },
      async direct() {
        const { municipalities } = await postGraphQL(organization, ORGANIZATION_MUNICIPALITIES, {}, await headers(officer, 'organization'));
        const representations = municipalities.map((municipality: { id: string }) => ({ __typename: 'Municipality', id: municipality.id }));
        await Promise.all([
          postGraphQL(aeds, AED_COUNTS, { representations }, await headers(officer, 'aeds')),
          postGraphQL(volunteers, VOLUNTEER_COUNTS, { representations }, await headers(officer, 'volunteers')),
        ]);
      },
    },
    {
      name: 'securityRegions { … municipalities ambulanceServices }, a policy officer',
      async viaGateway(url) {
        const data = await postGraphQL(url, SECURITY_REGIONS, {}, bearer(officerToken));
        if (!(data.securityRegions?.length > 0)) throw new Error('no security regions');
      },
      async direct() {
        await postGraphQL(organization, SECURITY_REGIONS, {}, await headers(officer, 'organization'));
      },
    },
    {
      name: 'securityRegions { id name code }, a policy officer',
      async viaGateway(url) {
        const data = await postGraphQL(url, SECURITY_REGIONS_ALONE, {}, bearer(officerToken));
        if (!(data.securityRegions?.length > 0)) throw new Error('no security regions');
      },
      async direct() {
        await postGraphQL(organization, SECURITY_REGIONS_ALONE, {}, await headers(officer, 'organization'));
      },
    },
    {
      name: `the ${aedMunicipality.aeds} AEDs of a municipality, each with its municipality`,
      async viaGateway(url) {
        const data = await postGraphQL(url, AEDS_WITH_MUNICIPALITY, { id: aedMunicipality.id }, bearer(officerToken));
        if (data.municipality?.aeds?.length !== aedMunicipality.aeds) throw new Error('AEDs missing');
      },
      async direct() {
        const { municipality } = await postGraphQL(organization, ORGANIZATION_MUNICIPALITY, { id: aedMunicipality.id }, await headers(officer, 'organization'));
        const { _entities } = await postGraphQL(aeds, AEDS_OF_MUNICIPALITY, { representations: [municipality] }, await headers(officer, 'aeds'));
        const ids = new Set<string>(_entities[0].aeds.map((aed: { municipality: { id: string } }) => aed.municipality.id));
        const representations = [...ids].map((id) => ({ __typename: 'Municipality', id }));
        await postGraphQL(organization, MUNICIPALITY_NAMES, { representations }, await headers(officer, 'organization'));
      },
    },
    {
      name: 'updateMyLocation, volunteers in turn (a mutation)',
      async viaGateway(url, index) {
        await postGraphQL(url, UPDATE_MY_LOCATION, { position: position(index) }, bearer(volunteerTokens[index % volunteerTokens.length]!));
      },
      async direct(index) {
        const principal = volunteerPrincipals[index % volunteerPrincipals.length]!;
        await postGraphQL(volunteers, UPDATE_MY_LOCATION, { position: position(index) }, await headers(principal, 'volunteers'));
      },
    },
  ];

  const gateways: Record<GatewayKind, GatewayProcess> = { ours: new GatewayProcess(), hive: new GatewayProcess() };
  try {
    const start = (kind: GatewayKind) => gateways[kind].start({ kind, subgraphUrls: target.subgraphUrls, gatewaySecret: target.gatewaySecret, bearer: target.bearer });
    const urls = { ours: await start('ours'), hive: await start('hive') };
    const loop = { requests: options.requests, concurrency: options.concurrency, timeLimitMs: options.timeLimitMs };
    // Long enough for every volunteer's first request, which fills the gateways' access caches (the direct path resolved them above).
    const warmUp = { ...loop, requests: Math.max(options.concurrency * 4, options.volunteers.length), timeLimitMs: 30_000 };
    const results: BenchResult[] = [];
    for (const scenario of scenarios) {
      const measure = async (request: (index: number) => Promise<void>) => {
        // Warm-up, not measured: query plans, JIT, connection pools, access caches.
        await runClosedLoop(warmUp, request);
        return runClosedLoop(loop, request);
      };
      const ours = await measure((index) => scenario.viaGateway(urls.ours, index));
      const hive = await measure((index) => scenario.viaGateway(urls.hive, index));
      const direct = await measure((index) => scenario.direct(index));
      const ratio = (a: ClosedLoopResult, b: ClosedLoopResult) => Math.round((a.perSecond / b.perSecond) * 100) / 100;
      results.push(
        {
          ...row(`gateway: ${scenario.name}`, options.setup, ours, options.concurrency, { vsHive: ratio(ours, hive), vsSubgraphs: ratio(ours, direct) }),
          target: 'vsHive ≥ 1.0',
        },
        row('  Hive Gateway runtime 2.12.1, as it ships', options.setup, hive, options.concurrency, { vsSubgraphs: ratio(hive, direct) }),
        row('  straight to the subgraphs', options.setup, direct, options.concurrency),
      );
    }
    return results;
  } finally {
    gateways.ours.stop();
    gateways.hive.stop();
  }
}
