/**
 * `simulateDispatchPolicy`: a region's dispatch policy (its own, a named
 * rule, or settings being considered) simulated on the region's past
 * incidents, or on incidents sampled by population and hour of the week.
 * Each incident is searched once with the same peer queries dispatch uses
 * (the volunteers subgraph's candidate search, the aeds subgraph's AED
 * search), at the incident's own instant; the trials run in worker threads.
 */
import { badInput } from '../../../common/errors.ts';
import type { RequestContext } from '../../../common/context.ts';
import { Random } from '../../../common/random.ts';
import { gridOf } from '../coverage/coverage-grid.ts';
import { currentPolicy } from '../dispatch/dispatch-policy.service.ts';
import { InvalidDispatchPolicyError, resolveDispatchPolicy, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { offsetMeters } from '../../../common/earth.ts';
import { PeerQueries } from '../peers.ts';
import { sql } from '../../../common/sql.ts';
import { simulationParameters, type SimulationParameters } from './parameters.ts';
import { POLICY_PRESETS, simulatedPolicyOf, type DispatchPolicyPreset, type SimulatedPolicy } from './policies.ts';
import { sceneSearchOf, settingOf, type Scene } from './scene.ts';
import { reportOf, type SimulationReport } from './simulate.ts';
import { SimulationPeers, type SimulationMunicipality } from './simulation-peers.ts';
import { simulateInWorkers, simulationWorkers } from './simulation-workers.ts';

/** Which incidents to simulate on. */
export enum SimulationIncidents {
  /** The region's latest reported incidents, each at its own place and instant. */
  PAST = 'PAST',
  /** Incidents drawn in proportion to the municipalities' population, at instants spread evenly over the hours of the last week. */
  SAMPLED = 'SAMPLED',
}

/** What is asked. */
export interface SimulationRequest {
  securityRegionId: string;
  /** A named rule; null: the region's policy in force. */
  preset: DispatchPolicyPreset | null;
  /** Settings over the preset or the region's policy. */
  overrides: Partial<DispatchPolicy>;
  incidents: SimulationIncidents;
  sampleSize: number;
  trials: number;
  seed: number;
  parameters: Partial<Pick<SimulationParameters, 'acceptanceProbability' | 'ambulanceMedianSeconds'>>;
}

/** Bounds that keep one request to seconds of the workers' time. */
export const SIMULATION_LIMITS = { maxSampleSize: 500, maxTrials: 1000, maxTrialsInAll: 200_000 } as const;
/** Searches at once: the peers serve dispatch too, which must never wait behind a simulation. */
const SEARCH_CONCURRENCY = 2;
/** At most this many AEDs per incident, as dispatch asks for. */
const AED_LIMIT = 50;
/** H3 resolution of the cells sampled incidents are placed in (about 0.7 km²), and the spread inside one. */
const SAMPLE_RESOLUTION = 8;
const SAMPLE_SPREAD_METERS = 400;

function checkRequest(request: SimulationRequest): void {
  const whole = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, { field });
  };
  whole('sampleSize', request.sampleSize, 1, SIMULATION_LIMITS.maxSampleSize);
  whole('trials', request.trials, 1, SIMULATION_LIMITS.maxTrials);
  if (request.sampleSize * request.trials > SIMULATION_LIMITS.maxTrialsInAll) {
    throw badInput(`sampleSize × trials may be at most ${SIMULATION_LIMITS.maxTrialsInAll}.`, { field: 'trials' });
  }
  whole('seed', request.seed, 0, 2 ** 31 - 1);
  const { acceptanceProbability, ambulanceMedianSeconds } = request.parameters;
  if (acceptanceProbability !== undefined && !(acceptanceProbability >= 0 && acceptanceProbability <= 1)) {
    throw badInput('acceptanceProbability must be from 0 to 1 (0.35 is the measured share).', { field: 'acceptanceProbability' });
  }
  if (ambulanceMedianSeconds !== undefined) whole('ambulanceMedianSeconds', ambulanceMedianSeconds, 60, 3600);
}

/** The rule to simulate: the preset or the region's policy, with the settings given over it. Invalid settings: BAD_USER_INPUT with every violation. */
async function policyToSimulate(context: RequestContext, request: SimulationRequest): Promise<SimulatedPolicy> {
  const base = request.preset ? POLICY_PRESETS[request.preset] : simulatedPolicyOf('Region policy', (await currentPolicy(context.em, request.securityRegionId)).dispatch);
  if (Object.keys(request.overrides).length === 0) return base;
  try {
    return { ...base, name: `${base.name} (changed)`, dispatch: resolveDispatchPolicy({ ...base.dispatch, ...request.overrides }) };
  } catch (error) {
    if (error instanceof InvalidDispatchPolicyError) {
      throw badInput(`Invalid policy: ${error.violations.map((violation) => violation.message).join(' ')}`, { violations: error.violations });
    }
    throw error;
  }
}

interface Site {
  key: string;
  latitude: number;
  longitude: number;
  at: Date;
}

async function pastSites(context: RequestContext, request: SimulationRequest): Promise<Site[]> {
  const rows = await sql<{ id: string; latitude: number; longitude: number; call_received_at: Date }>(
    context.em,
    `select id::text, latitude, longitude, call_received_at from incidents.incident
     where security_region_id = ? order by call_received_at desc, id limit ?`,
    [request.securityRegionId, request.sampleSize],
  );
  return rows.map((row) => ({ key: row.id, latitude: row.latitude, longitude: row.longitude, at: new Date(row.call_received_at) }));
}

/**
 * Incidents drawn like the real ones fall: a municipality in proportion to
 * its population, a place anywhere in it, an instant anywhere in the last
 * week (every hour of the week alike: the sources give no profile by hour).
 */
function sampledSites(municipalities: readonly SimulationMunicipality[], request: SimulationRequest, now: Date): Site[] {
  const eligible = municipalities.filter((municipality) => municipality.boundary && (municipality.population ?? 0) > 0);
  if (eligible.length === 0) throw badInput('No municipality of this region has a boundary and a population to sample incidents from.', { field: 'incidents' });
  const total = eligible.reduce((sum, municipality) => sum + municipality.population!, 0);
  const random = Random.stream(request.seed, `simulation:${request.securityRegionId}`);
  const grids = new Map<string, ReturnType<typeof gridOf>>();
  const sites: Site[] = [];
  for (let index = 0; index < request.sampleSize; index++) {
    let draw = random.next() * total;
    const municipality = eligible.find((candidate) => (draw -= candidate.population!) < 0) ?? eligible[eligible.length - 1]!;
    let grid = grids.get(municipality.id);
    if (!grid) grids.set(municipality.id, (grid = gridOf(municipality.boundary!, SAMPLE_RESOLUTION)));
    if (grid.cells.length === 0) continue;
    const cell = random.integer(0, grid.cells.length - 1);
    const place = offsetMeters(
      { lat: grid.latitudes[cell]!, lon: grid.longitudes[cell]! },
      random.between(-1, 1) * SAMPLE_SPREAD_METERS,
      random.between(-1, 1) * SAMPLE_SPREAD_METERS,
    );
    sites.push({ key: `sample-${index}`, latitude: place.lat, longitude: place.lon, at: new Date(now.getTime() - random.next() * 7 * 86_400_000) });
  }
  return sites;
}

/** Searches each site once with dispatch's own peer queries, wide enough for the policy. */
async function scenesOf(context: RequestContext, sites: readonly Site[], policy: SimulatedPolicy, parameters: SimulationParameters, securityRegionId: string): Promise<Scene[]> {
  const peers = new PeerQueries(context.peers);
  const search = sceneSearchOf([policy], parameters);
  const scenes: Scene[] = new Array(sites.length);
  let next = 0;
  const work = async () => {
    while (next < sites.length) {
      const index = next++;
      const site = sites[index]!;
      const [candidates, aeds] = await Promise.all([
        peers.alertCandidates(site.latitude, site.longitude, search.radiusMeters, search.candidateLimit, site.at),
        search.aedSearchRadiusMeters > 0 ? peers.dispatchableAeds(site.latitude, site.longitude, search.aedSearchRadiusMeters, AED_LIMIT, site.at) : [],
      ]);
      const patient = { lat: site.latitude, lon: site.longitude };
      const found = candidates.map((candidate) => ({
        volunteerId: candidate.volunteerId,
        lat: candidate.latitude,
        lon: candidate.longitude,
        distanceMeters: candidate.distanceMeters,
        positionKind: 'HOME' as const,
      }));
      scenes[index] = {
        key: site.key,
        securityRegionId,
        patient,
        candidates: found,
        aeds: aeds.map((aed) => ({ aedId: aed.aedId, lat: aed.latitude, lon: aed.longitude })),
        setting: settingOf(patient, found, parameters),
      };
    }
  };
  await Promise.all(Array.from({ length: SEARCH_CONCURRENCY }, work));
  return scenes;
}

/** What the simulation answers: the report, and what it was made on. */
export interface SimulationResult extends SimulationReport {
  securityRegionId: string;
  source: SimulationIncidents;
  seed: number;
}

/** Runs the simulation a request asks for. The caller has checked access. */
export async function simulateDispatchPolicy(context: RequestContext, request: SimulationRequest, now = new Date()): Promise<SimulationResult> {
  checkRequest(request);
  const peers = new SimulationPeers(context.peers);
  const [policy, municipalities] = await Promise.all([policyToSimulate(context, request), peers.municipalities(request.securityRegionId)]);
  const { ambulanceMedianSeconds, ...rest } = request.parameters;
  const parameters = simulationParameters({
    ...rest,
    ...(ambulanceMedianSeconds === undefined ? {} : { ambulanceMedianSecondsByRegion: { [request.securityRegionId]: ambulanceMedianSeconds } }),
  });
  const sites = request.incidents === SimulationIncidents.PAST ? await pastSites(context, request) : sampledSites(municipalities, request, now);
  const [scenes, volunteers] = await Promise.all([
    scenesOf(context, sites, policy, parameters, request.securityRegionId),
    peers.volunteerCount(municipalities.map((municipality) => municipality.id)),
  ]);
  const population = municipalities.reduce((sum, municipality) => sum + (municipality.population ?? 0), 0);
  const tally = await simulateInWorkers(simulationWorkers(), scenes, policy, parameters, { trials: request.trials, seed: request.seed });
  return {
    ...reportOf(policy, tally, parameters, { population, volunteers }),
    trialsPerIncident: request.trials,
    securityRegionId: request.securityRegionId,
    source: request.incidents,
    seed: request.seed,
  };
}
