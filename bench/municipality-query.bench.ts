/**
 * Benchmark (not a test): a typical cross-subgraph query, a municipality's
 * readiness with its volunteers and AEDs, as a policy officer's dashboard
 * asks for it. Sent through the gateway at a fixed concurrency, then the
 * same data fetched straight from the subgraphs the way the gateway's query
 * plan does (organization first, then volunteers and AEDs side by side),
 * with the principal the gateway would have signed; then both again one
 * request at a time. The difference is what the gateway costs: in
 * throughput under load, and in latency without queueing.
 */
import { mintBearerToken, Role, signForSubgraph, PRINCIPAL_HEADER, type BearerOptions, type Principal } from '../common/auth.ts';
import { createAuthenticator } from '../gateway/auth.ts';
import { runClosedLoop, type ClosedLoopResult } from './closed-loop.ts';
import { bearer, postGraphQL } from './http.ts';
import { summarise, type BenchResult } from './stats.ts';

/** What the dashboard shows: public counts and the AEDs with their schedules. */
export const MUNICIPALITY_READINESS = `query MunicipalityReadiness($id: ID!) {
  municipality(id: $id) {
    id name code population
    region { name }
    volunteerCount
    alertableVolunteerCount
    aedCount
    dispatchableAedCount
    twentyFourSevenAedShare
    aeds { id locationDescription availabilitySchedule location { latitude longitude } }
  }
}`;

// The same selection as the gateway's query plan splits it: one fetch per subgraph.
const ORGANIZATION_PART = `query ($id: ID!) { municipality(id: $id) { __typename id name code population region { name } } }`;
const VOLUNTEERS_PART = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Municipality { volunteerCount alertableVolunteerCount } }
}`;
const AEDS_PART = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Municipality { aedCount dispatchableAedCount twentyFourSevenAedShare aeds { id locationDescription availabilitySchedule location { latitude longitude } } }
  }
}`;

/** Where the product runs. */
export interface MunicipalityQueryTarget {
  gatewayUrl: string;
  subgraphUrls: { organization: string; volunteers: string; aeds: string };
  gatewaySecret: string;
  bearer: BearerOptions;
}

export interface MunicipalityQueryOptions {
  /** Asked for in turn; each with its own policy officer's token. */
  municipalities: { id: string; code: string }[];
  requests: number;
  concurrency: number;
  /**
   * Requests sent one at a time as well: without queueing, the difference
   * between the two paths is the gateway's own work per request.
   */
  sequentialRequests: number;
  timeLimitMs: number;
  setup: string;
}

function row(name: string, setup: string, result: ClosedLoopResult, concurrency: number): BenchResult {
  return {
    name,
    setup,
    ...summarise(result.latencies),
    perSecond: result.perSecond,
    extra: { concurrency, errors: result.errors, ...(result.firstError ? { firstError: result.firstError.slice(0, 120) } : {}) },
  };
}

/** Runs the query through the gateway, then straight to the subgraphs; returns one result row each. */
export async function benchMunicipalityQuery(target: MunicipalityQueryTarget, options: MunicipalityQueryOptions): Promise<BenchResult[]> {
  // The policy officers of the generated working groups have these subjects (bench/generate/organization.ts).
  const callers = await Promise.all(
    options.municipalities.map(async (municipality) => {
      const subject = `bench-${municipality.code}-policy-officer`;
      const token = await mintBearerToken(target.bearer, subject, [{ role: Role.POLICY_OFFICER, scope: municipality.id }]);
      return { id: municipality.id, token };
    }),
  );
  const loop = { requests: options.requests, concurrency: options.concurrency, timeLimitMs: options.timeLimitMs };
  const sequential = { requests: options.sequentialRequests, concurrency: 1, timeLimitMs: options.timeLimitMs };

  // Warm-up, not measured: query plans, JIT, connection pools. A municipality's first request also fills the gateway's access cache.
  const warmUp = { ...loop, requests: Math.min(callers.length, options.concurrency * 2) };
  await runClosedLoop(warmUp, (index) => viaGateway(callers[index]!));
  const gateway = await runClosedLoop(loop, (index) => viaGateway(callers[index % callers.length]!));
  const gatewayAlone = await runClosedLoop(sequential, (index) => viaGateway(callers[index % callers.length]!));

  // The principal the gateway signs for each caller, resolved once as the gateway does (organization subgraph, cached there too).
  const authenticate = createAuthenticator(target.bearer, { organizationUrl: target.subgraphUrls.organization, gatewaySecret: target.gatewaySecret });
  const principals = await Promise.all(callers.map(async (caller) => ({ id: caller.id, principal: await authenticate(`Bearer ${caller.token}`) })));
  await runClosedLoop(warmUp, (index) => direct(principals[index]!));
  const subgraphs = await runClosedLoop(loop, (index) => direct(principals[index % principals.length]!));
  const subgraphsAlone = await runClosedLoop(sequential, (index) => direct(principals[index % principals.length]!));

  return [
    row('municipality readiness via the gateway', options.setup, gateway, options.concurrency),
    row('  the same, straight to the subgraphs', options.setup, subgraphs, options.concurrency),
    row('  via the gateway, one at a time', options.setup, gatewayAlone, 1),
    row('  straight to the subgraphs, one at a time', options.setup, subgraphsAlone, 1),
  ];

  async function viaGateway(caller: { id: string; token: string }): Promise<void> {
    const data = await postGraphQL(target.gatewayUrl, MUNICIPALITY_READINESS, { id: caller.id }, bearer(caller.token));
    if (data.municipality?.id !== caller.id) throw new Error('wrong municipality');
  }

  async function direct(caller: { id: string; principal: Principal }): Promise<void> {
    // Signed once per request and subgraph, as the gateway does.
    const headers = async (subgraph: string) => ({ [PRINCIPAL_HEADER]: await signForSubgraph(caller.principal, target.gatewaySecret, subgraph) });
    const { municipality } = await postGraphQL(target.subgraphUrls.organization, ORGANIZATION_PART, { id: caller.id }, await headers('organization'));
    const representations = [{ __typename: 'Municipality', id: municipality.id }];
    const [volunteers, aeds] = await Promise.all([
      postGraphQL(target.subgraphUrls.volunteers, VOLUNTEERS_PART, { representations }, await headers('volunteers')),
      postGraphQL(target.subgraphUrls.aeds, AEDS_PART, { representations }, await headers('aeds')),
    ]);
    if (!volunteers._entities?.[0] || !aeds._entities?.[0]) throw new Error('an entity is missing');
  }
}
