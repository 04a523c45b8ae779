/**
 * Six-minute coverage of one municipality for one week: for every grid cell
 * (its centre standing for a patient) and every hour, would a dispatch
 * there and then get (a) at least N volunteers and (b) an AED within six
 * minutes, under the region's dispatch policy?
 *
 * Per cell, the volunteers and AEDs within reach are found once (a
 * {@link PointIndex}) and sorted as dispatch sees them. Then each hour is
 * reduced to its situation: the volunteers the candidate search would
 * return (the nearest `maxAlerted` alertable in that hour within the
 * radius, each volunteer once at their nearest position) and the AEDs
 * dispatchable in it. Hours in the same situation get the same plan, so
 * the 168 hours of a cell come down to a handful of situations, and each
 * is decided once by {@link decideSixMinutes}, which answers what
 * `selectAlerts` would plan. An hour in which no nearby volunteer's or AED's
 * availability differs from the hour before is in that hour's situation
 * without looking further.
 */
import { HOURS_PER_WEEK, WEEK_MASK_WORDS, emptyWeekMask, hasHour, type WeekMask } from '../../../common/week.ts';
import { distanceMeters, METERS_PER_DEGREE, type LatLon } from '../../../common/earth.ts';
import { routeViaAedMeters, type AlertCandidate, type DispatchableAed } from '../dispatch/selection.ts';
import type { CoverageOutcome, CoverageProblem } from './coverage-problem.ts';
import { PointIndex } from './point-index.ts';
import { decideSixMinutes, type SixMinuteOutcome } from './six-minute-decision.ts';

/** AEDs a little beyond their circle are kept, so that the selection itself decides on its edge. */
const CIRCLE_SLACK_METERS = 1;

/** The flat-map distance below is off by far less than this share within a few kilometres. */
const ROUGH_MARGIN = 1.01;

/**
 * The squared distance in metres from `patient` on a local flat map: cheap,
 * for passing over what lies clearly beyond the radius before measuring the
 * rest exactly (common/earth.ts `distanceMeters`, as the selection measures).
 */
function roughDistance(patient: LatLon): (latitude: number, longitude: number) => number {
  const eastPerDegree = METERS_PER_DEGREE * Math.cos((patient.lat * Math.PI) / 180);
  return (latitude, longitude) => {
    const north = (latitude - patient.lat) * METERS_PER_DEGREE;
    const east = (longitude - patient.lon) * eastPerDegree;
    return north * north + east * east;
  };
}

/** Ids sort as the numbers they hold, so ties are broken in index order, as the positions were sorted. */
const idOf = (prefix: string, index: number) => `${prefix}${String(index).padStart(9, '0')}`;

/** Hours of a cell in which dispatch would see the same volunteers and AEDs. */
export interface Situation {
  hours: WeekMask;
  hourCount: number;
  /** The volunteers alerted, as positions in {@link CellSituations.volunteers}, ranked. */
  alerted: Int32Array;
  /** The AEDs dispatchable, as positions in {@link CellSituations.aeds}. */
  aeds: Int32Array;
}

/** A cell, what lies within reach of it, and its situations over some hours of the week. */
export class CellSituations {
  /** Route via AED lengths by (volunteer position, AED position); -1 not yet measured, NaN fails the detour test. */
  private via: Float64Array | undefined;
  private readonly candidates: (AlertCandidate | undefined)[];

  constructor(
    readonly cell: number,
    readonly patient: LatLon,
    /** Volunteer positions (indices into the problem) within the radius, as dispatch ranks them. */
    readonly volunteers: Int32Array,
    readonly volunteerDistances: Float64Array,
    /** AEDs (indices into the problem) within their circle or just beyond. */
    readonly aeds: Int32Array,
    readonly aedDistances: Float64Array,
    readonly situations: Situation[],
  ) {
    this.candidates = new Array(volunteers.length);
  }

  /** The volunteer at position `j`, as the selection takes a candidate. */
  candidate(engine: CoverageEngine, j: number): AlertCandidate {
    let candidate = this.candidates[j];
    if (!candidate) {
      candidate = engine.candidateAt(this.volunteers[j]!, this.volunteerDistances[j]!);
      this.candidates[j] = candidate;
    }
    return candidate;
  }

  /** `routeViaAedMeters` of volunteer position `j` via AED position `m`, NaN when it fails the detour test. */
  viaMeters(engine: CoverageEngine, j: number, m: number): number {
    this.via ??= new Float64Array(this.volunteers.length * this.aeds.length).fill(-1);
    const at = j * this.aeds.length + m;
    let meters = this.via[at]!;
    if (meters === -1) {
      meters = routeViaAedMeters(this.patient, this.candidate(engine, j), engine.aedAt(this.aeds[m]!), engine.problem.policy) ?? Number.NaN;
      this.via[at] = meters;
    }
    return meters;
  }
}

/** An AED that is not (yet) in the register: a place proposed for one. */
export interface ProposedAed {
  aed: DispatchableAed;
  /** Its distance from the cell's patient. */
  distanceMeters: number;
}

/** Coverage of one problem; see the module comment. */
export class CoverageEngine {
  private readonly volunteerIndex: PointIndex;
  private readonly aedIndex: PointIndex;
  private readonly aedObjects: (DispatchableAed | undefined)[];
  private readonly volunteerIds: (string | undefined)[];
  /** `seen[key] === stamp`: the volunteer was already taken in this hour of this cell. */
  private readonly seen: Int32Array;
  private stamp = 0;
  private planned = 0;

  constructor(readonly problem: CoverageProblem) {
    const { policy, volunteers, aeds } = problem;
    // Buckets of half the radius: a search then reads 3 × 3 to 4 × 4 of them, less ground than 3 × 3 whole-radius buckets.
    this.volunteerIndex = new PointIndex(volunteers.latitudes, volunteers.longitudes, policy.radiusMeters / 2);
    this.aedIndex = new PointIndex(aeds.latitudes, aeds.longitudes, policy.aedSearchRadiusMeters / 2);
    this.aedObjects = new Array(aeds.latitudes.length);
    let keys = 0;
    for (const key of volunteers.keys) keys = Math.max(keys, key + 1);
    this.seen = new Int32Array(keys);
    this.volunteerIds = new Array(keys);
  }

  /** Volunteer position `index` as an alert candidate at `distance` from the patient. */
  candidateAt(index: number, distance: number): AlertCandidate {
    const { volunteers } = this.problem;
    const key = volunteers.keys[index]!;
    return {
      volunteerId: (this.volunteerIds[key] ??= idOf('v', key)),
      lat: volunteers.latitudes[index]!,
      lon: volunteers.longitudes[index]!,
      distanceMeters: distance,
      // The selection does not look at the kind of position.
      positionKind: 'HOME',
    };
  }

  /** AED `index` as the selection takes it. */
  aedAt(index: number): DispatchableAed {
    let aed = this.aedObjects[index];
    if (!aed) {
      aed = { aedId: idOf('a', index), lat: this.problem.aeds.latitudes[index]!, lon: this.problem.aeds.longitudes[index]! };
      this.aedObjects[index] = aed;
    }
    return aed;
  }

  /** The cell's patient, the volunteers and AEDs within reach, and its situations over `hours`. */
  situationsOf(cell: number, hours: WeekMask): CellSituations {
    const { problem } = this;
    const { policy, volunteers, aeds } = problem;
    const patient = { lat: problem.cells.latitudes[cell]!, lon: problem.cells.longitudes[cell]! };

    const found: number[] = [];
    const distances: number[] = [];
    const roughly = roughDistance(patient);
    const clearlyBeyond = (policy.radiusMeters * ROUGH_MARGIN) ** 2;
    this.volunteerIndex.near(patient.lat, patient.lon, policy.radiusMeters, (index) => {
      const latitude = volunteers.latitudes[index]!;
      const longitude = volunteers.longitudes[index]!;
      if (roughly(latitude, longitude) > clearlyBeyond) return;
      const distance = distanceMeters(patient, { lat: latitude, lon: longitude });
      if (distance > policy.radiusMeters) return;
      found.push(index);
      distances.push(distance);
    });
    // rankCandidates' order: nearest first, ties by volunteer id (which sorts as the key).
    const order = Array.from(found.keys()).sort((a, b) => distances[a]! - distances[b]! || volunteers.keys[found[a]!]! - volunteers.keys[found[b]!]! || found[a]! - found[b]!);
    const nearAeds: { index: number; distance: number }[] = [];
    this.aedIndex.near(patient.lat, patient.lon, policy.aedSearchRadiusMeters + CIRCLE_SLACK_METERS, (index) => {
      const distance = distanceMeters(patient, { lat: aeds.latitudes[index]!, lon: aeds.longitudes[index]! });
      if (distance <= policy.aedSearchRadiusMeters + CIRCLE_SLACK_METERS) nearAeds.push({ index, distance });
    });
    nearAeds.sort((a, b) => a.index - b.index);

    // Volunteers' hours side by side, nearest first: the loop below reads nothing else.
    const count = order.length;
    const nearIndexes = new Int32Array(count);
    const nearDistances = new Float64Array(count);
    const nearHours = new Uint32Array(count * WEEK_MASK_WORDS);
    const nearKeys = new Int32Array(count);
    for (let j = 0; j < count; j++) {
      const index = found[order[j]!]!;
      nearIndexes[j] = index;
      nearDistances[j] = distances[order[j]!]!;
      nearKeys[j] = volunteers.keys[index]!;
      for (let word = 0; word < WEEK_MASK_WORDS; word++) nearHours[j * WEEK_MASK_WORDS + word] = volunteers.hours[index * WEEK_MASK_WORDS + word]!;
    }
    const aedHours = new Uint32Array(nearAeds.length * WEEK_MASK_WORDS);
    nearAeds.forEach((entry, m) => {
      for (let word = 0; word < WEEK_MASK_WORDS; word++) aedHours[m * WEEK_MASK_WORDS + word] = aeds.hours[entry.index * WEEK_MASK_WORDS + word]!;
    });
    // The hours in which anyone's or any AED's availability differs from the hour before: only there can the situation change.
    const changes = new Uint32Array(WEEK_MASK_WORDS);
    for (const all of [nearHours, aedHours]) {
      for (let at = 0; at < all.length; at += WEEK_MASK_WORDS) {
        for (let word = 0; word < WEEK_MASK_WORDS; word++) {
          const bits = all[at + word]!;
          const before = (bits << 1) | (word > 0 ? all[at + word - 1]! >>> 31 : 0);
          changes[word] |= bits ^ before;
        }
      }
    }

    const situations: Situation[] = [];
    const byHash = new Map<number, Situation[]>();
    const alerted = new Int32Array(policy.maxAlerted);
    const available = new Int32Array(nearAeds.length);
    let previous: Situation | undefined;
    for (let hour = 0; hour < HOURS_PER_WEEK; hour++) {
      if (!hasHour(hours, hour)) {
        previous = undefined;
        continue;
      }
      const word = hour >>> 5;
      const bit = 1 << (hour & 31);
      let situation = previous !== undefined && (changes[word]! & bit) === 0 ? previous : undefined;
      if (!situation) {
        const stamp = ++this.stamp;
        let taken = 0;
        let hash = 0x811c9dc5;
        for (let j = 0; j < count && taken < policy.maxAlerted; j++) {
          const key = nearKeys[j]!;
          if ((nearHours[j * WEEK_MASK_WORDS + word]! & bit) === 0 || this.seen[key] === stamp) continue;
          this.seen[key] = stamp;
          alerted[taken++] = j;
          hash = Math.imul(hash ^ j, 0x01000193) >>> 0;
        }
        hash = Math.imul(hash ^ 0x7fffffff, 0x01000193) >>> 0;
        let aedCount = 0;
        for (let m = 0; m < nearAeds.length; m++) {
          if ((aedHours[m * WEEK_MASK_WORDS + word]! & bit) === 0) continue;
          available[aedCount++] = m;
          hash = Math.imul(hash ^ m, 0x01000193) >>> 0;
        }
        const sameHash = byHash.get(hash) ?? [];
        situation = sameHash.find((known) => equals(known.alerted, alerted, taken) && equals(known.aeds, available, aedCount));
        if (!situation) {
          situation = { hours: emptyWeekMask(), hourCount: 0, alerted: alerted.slice(0, taken), aeds: available.slice(0, aedCount) };
          sameHash.push(situation);
          byHash.set(hash, sameHash);
          situations.push(situation);
        }
      }
      situation.hours[word] |= bit;
      situation.hourCount++;
      previous = situation;
    }
    return new CellSituations(
      cell,
      patient,
      nearIndexes,
      nearDistances,
      Int32Array.from(nearAeds, (entry) => entry.index),
      Float64Array.from(nearAeds, (entry) => entry.distance),
      situations,
    );
  }

  /**
   * (a) and (b) for a situation of a cell, with `proposed` added to the
   * AEDs when given (an AED that is not there yet, available all along).
   */
  decide(cell: CellSituations, situation: Situation, proposed?: ProposedAed): SixMinuteOutcome {
    const { problem } = this;
    const alerted = Array.from(situation.alerted, (j) => cell.candidate(this, j));
    const aeds = Array.from(situation.aeds, (m) => this.aedAt(cell.aeds[m]!));
    const aedDistances = Array.from(situation.aeds, (m) => cell.aedDistances[m]!);
    const columns = aeds.length + (proposed ? 1 : 0);
    const viaMeters = new Float64Array(alerted.length * columns);
    for (let i = 0; i < alerted.length; i++) {
      for (let k = 0; k < situation.aeds.length; k++) viaMeters[i * columns + k] = cell.viaMeters(this, situation.alerted[i]!, situation.aeds[k]!);
      if (proposed) viaMeters[i * columns + aeds.length] = routeViaAedMeters(cell.patient, alerted[i]!, proposed.aed, problem.policy) ?? Number.NaN;
    }
    if (proposed) {
      aeds.push(proposed.aed);
      aedDistances.push(proposed.distanceMeters);
    }
    const outcome = decideSixMinutes({
      patient: cell.patient,
      policy: problem.policy,
      alerted,
      aeds,
      aedDistances,
      viaMeters,
      limitSeconds: problem.limitSeconds,
      minimumVolunteers: problem.minimumVolunteers,
    });
    if (outcome.planned) this.planned++;
    return outcome;
  }

  /** Coverage of every cell in every hour. */
  run(): CoverageOutcome {
    const started = performance.now();
    const cellCount = this.problem.cells.latitudes.length;
    const volunteerHours = new Uint32Array(cellCount * WEEK_MASK_WORDS);
    const aedHours = new Uint32Array(cellCount * WEEK_MASK_WORDS);
    const allHours = new Uint32Array(WEEK_MASK_WORDS).fill(0xffffffff);
    let situations = 0;
    for (let cell = 0; cell < cellCount; cell++) {
      const found = this.situationsOf(cell, allHours);
      situations += found.situations.length;
      // Nobody within reach: nobody comes, and nobody brings an AED.
      if (found.volunteers.length === 0 && this.problem.minimumVolunteers > 0) continue;
      for (const situation of found.situations) {
        const outcome = this.decide(found, situation);
        for (let word = 0; word < WEEK_MASK_WORDS; word++) {
          if (outcome.volunteers) volunteerHours[cell * WEEK_MASK_WORDS + word] |= situation.hours[word]!;
          if (outcome.aed) aedHours[cell * WEEK_MASK_WORDS + word] |= situation.hours[word]!;
        }
      }
    }
    return {
      volunteerHours,
      aedHours,
      statistics: { cells: cellCount, situations, planned: this.planned, milliseconds: Math.round(performance.now() - started) },
    };
  }
}

function equals(known: Int32Array, scratch: Int32Array, length: number): boolean {
  if (known.length !== length) return false;
  for (let index = 0; index < length; index++) if (known[index] !== scratch[index]) return false;
  return true;
}
