/**
 * Six-minute coverage and AED placement suggestions of a municipality, as
 * the API serves them: inputs gathered from the owning subgraphs, the
 * computation run on the coverage workers, the result kept and reused.
 *
 * Data flow: the organization subgraph gives the boundary, population and
 * clock; this subgraph's own table the region's dispatch policy; the
 * volunteers subgraph where volunteers can be alerted from in each hour of
 * the week; the aeds subgraph which AEDs are dispatchable in each hour. The
 * grid and the computation run in a worker thread (worker-pool.ts).
 *
 * Caching and refresh: a result is stored with a fingerprint of everything
 * it was computed from (boundary, population, clock, policy version and
 * settings, N, resolution, week, and the fingerprints the volunteers and
 * aeds subgraphs take of the rows their answers are made from). Every read
 * asks those two subgraphs for their fingerprints only (no data moves, no
 * rule runs) and compares:
 * - the same: the stored result is current and served;
 * - different (a volunteer moved, a certificate lapsed, a schedule
 *   changed, a new policy…): the stored result is served marked `stale`
 *   while a recomputation runs in the background, unless the caller asks
 *   for `fresh`, who then waits for it;
 * - nothing stored: computed at once, and the caller waits.
 * One computation per key runs at a time in a process; the first caller's
 * is shared by everyone asking meanwhile. Several instances may each
 * compute once; the last write wins, and both are right.
 */
import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { conflict, badInput, serviceUnavailable } from '../../../common/errors.ts';
import { createLogger } from '../../../common/logger.ts';
import type { RequestContext } from '../../../common/context.ts';
import type { PeerClient } from '../../../common/peers.ts';
import { mondayOf, parseWeekOf } from '../../../common/week.ts';
import { resolveDispatchPolicy, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { currentPolicy, type RegionPolicy } from '../dispatch/dispatch-policy.service.ts';
import { readCoverage, readPlacement, writeCoverage, writePlacement, type CoverageKey, type StoredCoverage, type StoredPlacement } from './coverage-cache.ts';
import { areaAround, checkResolution, type Boundary } from './coverage-grid.ts';
import { SIX_MINUTES_SECONDS } from './coverage-problem.ts';
import { CoveragePeers, type CoverageMunicipality, type WeeklyArea } from '../peers.ts';
import type { CoverageTaskResult, PlacementTaskResult, CoverageInput } from './coverage-task.ts';
import { COVERAGE_WORKERS, coverageWorkers } from './worker-pool.ts';

const logger = createLogger('incidents');

/**
 * Bumped whenever the computation would give a different answer for the
 * same inputs, so that results stored by an earlier release are recomputed.
 */
const COMPUTATION_VERSION = 1;

/** Placement suggestions computed at least this many at a time: asking for fewer later reuses them. */
const PLACEMENT_BATCH = 10;

/** At most this many placement suggestions per request. */
export const MAXIMUM_PLACEMENTS = 25;

/** What a caller asks for. */
export interface CoverageRequest {
  municipalityId: string;
  /** Any day of the week (YYYY-MM-DD); default this week in the municipality. */
  weekOf?: string | null;
  resolution: number;
  /** N of (a); default the region's `enoughAcceptances`. */
  minimumVolunteers?: number | null;
  /** Wait for a recomputation instead of serving a stale result. */
  fresh?: boolean;
  /**
   * The municipality as the organization subgraph described it moments ago,
   * when the caller asked for many at once (the daily snapshot); otherwise
   * it is asked for.
   */
  municipality?: CoverageMunicipality;
  /**
   * The policy in force in a region, when the caller reads each region's
   * once for many municipalities (the daily snapshot); otherwise it is read.
   */
  policyOf?: (securityRegionId: string) => Promise<RegionPolicy>;
}

/** A coverage as served: current, or stale while its successor is computed. */
export interface CoverageReport extends StoredCoverage {
  stale: boolean;
}

/** Placement suggestions as served. */
export interface PlacementReport extends StoredPlacement {
  stale: boolean;
}

/** Everything a computation for one request is defined by, before any volunteer or AED is looked at. */
interface Prepared {
  key: CoverageKey;
  municipality: CoverageMunicipality & { boundary: Boundary };
  policy: { version: number; dispatch: DispatchPolicy };
  volunteerArea: WeeklyArea;
  aedArea: WeeklyArea;
  /** Hash of all of the above. */
  fingerprint: string;
}

const hash = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');

async function prepare(context: RequestContext, request: CoverageRequest): Promise<Prepared> {
  const resolution = checkResolution(request.resolution);
  const peers = new CoveragePeers(context.peers);
  let municipality: CoverageMunicipality;
  try {
    municipality = request.municipality ?? (await peers.municipality(request.municipalityId));
  } catch (error) {
    logger.warn({ err: error, municipalityId: request.municipalityId }, 'coverage: the organization subgraph could not say what the municipality is');
    throw serviceUnavailable('The organisation service cannot describe this municipality right now; try again.');
  }
  const { boundary } = municipality;
  if (!boundary) throw conflict('This municipality has no boundary yet; coverage is measured over its boundary (set it with updateMunicipality).');
  const policyOf = request.policyOf ?? ((securityRegionId: string) => currentPolicy(context.em, securityRegionId));
  const policy = municipality.securityRegionId ? await policyOf(municipality.securityRegionId) : { version: 0, dispatch: resolveDispatchPolicy() };
  const minimumVolunteers = request.minimumVolunteers ?? policy.dispatch.enoughAcceptances;
  if (!Number.isInteger(minimumVolunteers) || minimumVolunteers < 1 || minimumVolunteers > policy.dispatch.maxAlerted) {
    throw badInput(`minimumVolunteers must be a whole number from 1 to the region's maxAlerted (${policy.dispatch.maxAlerted}).`, { field: 'minimumVolunteers' });
  }
  const weekStartsOn = mondayOf(parseWeekOf(request.weekOf, municipality.timeZone));
  const key: CoverageKey = { municipalityId: municipality.id, weekStartsOn, resolution, minimumVolunteers };
  const week = { weekOf: weekStartsOn, timeZone: municipality.timeZone };
  const volunteerArea = { ...week, area: areaAround(boundary, policy.dispatch.radiusMeters) };
  const aedArea = { ...week, area: areaAround(boundary, policy.dispatch.aedSearchRadiusMeters) };
  return {
    key,
    municipality: { ...municipality, boundary },
    policy: { version: policy.version, dispatch: policy.dispatch },
    volunteerArea,
    aedArea,
    fingerprint: hash(COMPUTATION_VERSION, SIX_MINUTES_SECONDS, key, boundary, municipality.population, municipality.timeZone, policy.version, policy.dispatch),
  };
}

/**
 * Checks arriving within this many milliseconds of one another go to each
 * peer as one request: the daily snapshot checks 340 municipalities, a
 * region's query some 25, and each check alone is a read of a few rows
 * (the peers' digests) that the request around it cost many times over.
 */
const FINGERPRINT_BATCH_WINDOW_MS = 5;
const FINGERPRINTS_PER_REQUEST = 100;

interface FingerprintLoaders {
  volunteers: DataLoader<WeeklyArea, string>;
  aeds: DataLoader<WeeklyArea, string>;
}

/** Per peer client, so that every request context of a process shares the batches. */
const fingerprintLoaders = new WeakMap<PeerClient, FingerprintLoaders>();

function fingerprintLoader(many: (wheres: readonly WeeklyArea[]) => Promise<string[]>, one: (where: WeeklyArea) => Promise<string>): DataLoader<WeeklyArea, string> {
  return new DataLoader<WeeklyArea, string>(
    async (wheres) => {
      try {
        return wheres.length === 1 ? [await one(wheres[0]!)] : await many(wheres);
      } catch {
        // One area the peer refuses must fail only its own check: each asked alone.
        return Promise.all(wheres.map((where) => one(where).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
      }
    },
    // Not cached: a fingerprint is asked for to learn what it is now.
    { cache: false, maxBatchSize: FINGERPRINTS_PER_REQUEST, batchScheduleFn: (send) => setTimeout(send, FINGERPRINT_BATCH_WINDOW_MS) },
  );
}

function fingerprintLoadersOf(peerClient: PeerClient): FingerprintLoaders {
  let loaders = fingerprintLoaders.get(peerClient);
  if (!loaders) {
    const peers = new CoveragePeers(peerClient);
    loaders = {
      volunteers: fingerprintLoader(
        (wheres) => peers.volunteerFingerprints(wheres),
        (where) => peers.volunteerFingerprint(where),
      ),
      aeds: fingerprintLoader(
        (wheres) => peers.aedFingerprints(wheres),
        (where) => peers.aedFingerprint(where),
      ),
    };
    fingerprintLoaders.set(peerClient, loaders);
  }
  return loaders;
}

/** The fingerprint of the inputs as they are now, from the peers' fingerprints alone. */
async function currentFingerprint(context: RequestContext, prepared: Prepared): Promise<string> {
  const loaders = fingerprintLoadersOf(context.peers);
  const [volunteers, aeds] = await Promise.all([loaders.volunteers.load(prepared.volunteerArea), loaders.aeds.load(prepared.aedArea)]);
  return hash(prepared.fingerprint, volunteers, aeds);
}

/**
 * Inputs gathered at once, at most: when a whole region is asked for, the
 * first municipalities' inputs reach the workers while the others' are still
 * being gathered, instead of all arriving together at the end.
 */
const GATHERING_AT_ONCE = 2 * COVERAGE_WORKERS;
let gathering = 0;
const waitingToGather: (() => void)[] = [];

async function gatherSlot(): Promise<() => void> {
  if (gathering >= GATHERING_AT_ONCE) await new Promise<void>((resolve) => waitingToGather.push(resolve));
  gathering++;
  return () => {
    gathering--;
    waitingToGather.shift()?.();
  };
}

/** The inputs themselves, and their fingerprint. */
async function gather(context: RequestContext, prepared: Prepared): Promise<{ fingerprint: string; input: CoverageInput }> {
  const release = await gatherSlot();
  try {
    return await gatherNow(context, prepared);
  } finally {
    release();
  }
}

async function gatherNow(context: RequestContext, prepared: Prepared): Promise<{ fingerprint: string; input: CoverageInput }> {
  const peers = new CoveragePeers(context.peers);
  const [volunteers, aeds] = await Promise.all([peers.volunteerPositions(prepared.volunteerArea), peers.dispatchableAeds(prepared.aedArea)]);
  return {
    fingerprint: hash(prepared.fingerprint, volunteers.fingerprint, aeds.fingerprint),
    input: {
      boundary: prepared.municipality.boundary,
      resolution: prepared.key.resolution,
      policy: prepared.policy.dispatch,
      minimumVolunteers: prepared.key.minimumVolunteers,
      volunteers: volunteers.positions,
      aeds: aeds.aeds,
    },
  };
}

const running = new Map<string, Promise<unknown>>();

/** Runs `work` once per `key` at a time in this process; callers meanwhile share its result. */
function once<T>(key: string, work: () => Promise<T>): Promise<T> {
  let promise = running.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = work().finally(() => running.delete(key));
    running.set(key, promise);
  }
  return promise;
}

const keyOf = (kind: string, key: CoverageKey) => [kind, key.municipalityId, key.weekStartsOn, key.resolution, key.minimumVolunteers].join(' ');

async function computeCoverage(context: RequestContext, prepared: Prepared): Promise<StoredCoverage> {
  return once(keyOf('coverage', prepared.key), async () => {
    coverageWorkers().warm();
    const { fingerprint, input } = await gather(context, prepared);
    const result = (await coverageWorkers().run({ kind: 'coverage', input })) as CoverageTaskResult;
    const stored: StoredCoverage = {
      ...prepared.key,
      inputFingerprint: fingerprint,
      computedAt: new Date(),
      computeMilliseconds: result.statistics.milliseconds,
      timeZone: prepared.municipality.timeZone,
      policyVersion: prepared.policy.version,
      population: prepared.municipality.population,
      cells: result.cells,
      volunteerHours: result.volunteerHours,
      aedHours: result.aedHours,
      statistics: result.statistics,
    };
    await writeCoverage(context.em, stored);
    return stored;
  });
}

async function computePlacement(context: RequestContext, prepared: Prepared, count: number): Promise<StoredPlacement> {
  const requested = Math.max(count, PLACEMENT_BATCH);
  return once(`${keyOf('placement', prepared.key)} ${requested}`, async () => {
    coverageWorkers().warm();
    const { fingerprint, input } = await gather(context, prepared);
    const result = (await coverageWorkers().run({ kind: 'placement', input, count: requested })) as PlacementTaskResult;
    const stored: StoredPlacement = {
      ...prepared.key,
      inputFingerprint: fingerprint,
      computedAt: new Date(),
      computeMilliseconds: result.milliseconds,
      requested,
      nightCoveredShare: result.nightCoveredShareBefore,
      suggestions: result.suggestions,
    };
    await writePlacement(context.em, stored);
    return stored;
  });
}

/** Starts `work` without waiting for it; a failure is logged (the next read tries again). */
function inBackground(what: string, key: CoverageKey, work: () => Promise<unknown>): void {
  work().catch((error: unknown) => logger.warn({ err: error, ...key }, `coverage: recomputing ${what} failed`));
}

/**
 * Whether a stored result is current: its fingerprint against the inputs'
 * now. Undefined when the peers cannot say (the stored result is then
 * served as stale rather than not at all).
 */
async function isCurrent(context: RequestContext, prepared: Prepared, stored: { inputFingerprint: string }): Promise<boolean | undefined> {
  try {
    return (await currentFingerprint(context, prepared)) === stored.inputFingerprint;
  } catch (error) {
    logger.warn({ err: error, ...prepared.key }, 'coverage: could not check whether a stored result is current');
    return undefined;
  }
}

/** Six-minute coverage of a municipality for a week (see the module comment for when it is computed). */
export async function sixMinuteCoverage(context: RequestContext, request: CoverageRequest): Promise<CoverageReport> {
  const prepared = await prepare(context, request);
  const stored = await readCoverage(context.em, prepared.key);
  if (stored) {
    const current = await isCurrent(context, prepared, stored);
    if (current) return { ...stored, stale: false };
    if (current === undefined) return { ...stored, stale: true };
    if (!request.fresh) {
      inBackground('coverage', prepared.key, () => computeCoverage(context, prepared));
      return { ...stored, stale: true };
    }
  }
  return { ...(await computeCoverage(context, prepared)), stale: false };
}

/** Whether stored suggestions answer a request for `count`: as many, or all there are. */
function answers(stored: StoredPlacement, count: number): boolean {
  return stored.requested >= count || stored.suggestions.length < stored.requested;
}

/** The `count` best places for a new AED at night (see the module comment for when they are computed). */
export async function aedPlacementSuggestions(context: RequestContext, request: CoverageRequest & { count: number }): Promise<PlacementReport> {
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > MAXIMUM_PLACEMENTS) {
    throw badInput(`count must be a whole number from 1 to ${MAXIMUM_PLACEMENTS}.`, { field: 'count' });
  }
  const prepared = await prepare(context, request);
  const stored = await readPlacement(context.em, prepared.key);
  const served = (placement: StoredPlacement, stale: boolean): PlacementReport => ({
    ...placement,
    suggestions: placement.suggestions.slice(0, request.count),
    stale,
  });
  if (stored && answers(stored, request.count)) {
    const current = await isCurrent(context, prepared, stored);
    if (current) return served(stored, false);
    if (current === undefined) return served(stored, true);
    if (!request.fresh) {
      inBackground('AED placement suggestions', prepared.key, () => computePlacement(context, prepared, stored.requested));
      return served(stored, true);
    }
  }
  return served(await computePlacement(context, prepared, request.count), false);
}
