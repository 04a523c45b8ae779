/**
 * Benchmark (not a test): volunteers' apps reporting their phone's position
 * (`updateMyLocation` of the volunteers subgraph) through the gateway, many
 * volunteers at a fixed concurrency, each with their own token. Every update
 * replaces the volunteer's CURRENT row in the candidate search table (with
 * its GiST index) in a transaction of its own.
 */
import { mintBearerToken, Role, type BearerOptions } from '../common/auth.ts';
import { runClosedLoop } from './closed-loop.ts';
import { offset } from './generate/country.ts';
import { Random } from '../common/random.ts';
import { bearer, postGraphQL } from './http.ts';
import type { BenchVolunteer } from './national.ts';
import { summarise, type BenchResult } from './stats.ts';

const UPDATE_MY_LOCATION = `mutation ($position: GeoPointInput!) { updateMyLocation(position: $position) { reportedAt } }`;

export interface LocationUpdateOptions {
  gatewayUrl: string;
  bearer: BearerOptions;
  /** Volunteers who turned location sharing on. */
  volunteers: BenchVolunteer[];
  requests: number;
  concurrency: number;
  timeLimitMs: number;
  seed: number;
  setup: string;
}

/**
 * Sends `requests` position reports, volunteers in turn, each within a
 * couple of kilometres of home. Every volunteer reports once first, not
 * measured: a running app's token is known to the gateway's access cache.
 */
export async function benchLocationUpdates(options: LocationUpdateOptions): Promise<BenchResult> {
  const random = Random.stream(options.seed, 'location updates');
  const tokens = await Promise.all(
    options.volunteers.map((volunteer) => mintBearerToken(options.bearer, `bench-volunteer-app-${volunteer.id}`, [{ role: Role.VOLUNTEER, scope: volunteer.id }])),
  );
  const report = async (index: number) => {
    const volunteer = options.volunteers[index % options.volunteers.length]!;
    const [latitude, longitude] = offset(volunteer.homeLatitude, volunteer.homeLongitude, random.between(-2000, 2000), random.between(-2000, 2000));
    await postGraphQL(options.gatewayUrl, UPDATE_MY_LOCATION, { position: { latitude, longitude } }, bearer(tokens[index % tokens.length]!));
  };
  const loop = { concurrency: options.concurrency, timeLimitMs: options.timeLimitMs };
  await runClosedLoop({ ...loop, requests: options.volunteers.length }, report);
  const result = await runClosedLoop({ ...loop, requests: options.requests }, report);
  return {
    name: 'updateMyLocation via the gateway',
    setup: options.setup,
    ...summarise(result.latencies),
    perSecond: result.perSecond,
    extra: {
      concurrency: options.concurrency,
      volunteers: options.volunteers.length,
      errors: result.errors,
      ...(result.firstError ? { firstError: result.firstError.slice(0, 120) } : {}),
    },
  };
}
