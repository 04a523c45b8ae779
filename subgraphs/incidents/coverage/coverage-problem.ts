/**
 * What six-minute coverage is computed from and what it yields, as plain
 * typed arrays: they cross to a worker thread (coverage.worker.ts) without
 * copying object graphs, and the engine reads them without allocation.
 * Hours of the week are {@link WeekMask}s of `WEEK_MASK_WORDS` words each,
 * laid end to end: the mask of item `i` starts at `i * WEEK_MASK_WORDS`.
 */
import type { WeekMask } from '../../../common/week.ts';
import type { DispatchPolicy } from '../dispatch/dispatch-policy.ts';

/** Six minutes: the programme's goal for CPR and a shock. */
export const SIX_MINUTES_SECONDS = 360;

/** Points with the hours of the week in which each counts. */
export interface WeeklyPoints {
  latitudes: Float64Array;
  longitudes: Float64Array;
  /** Hours of the week per point, `WEEK_MASK_WORDS` words each. */
  hours: Uint32Array;
}

/** Where volunteers can be alerted from; positions of one volunteer share a key. */
export interface WeeklyVolunteerPositions extends WeeklyPoints {
  /** 0 … number of volunteers − 1: dispatch alerts each volunteer once, at their nearest position. */
  keys: Int32Array;
}

/** One municipality's coverage question for one week. */
export interface CoverageProblem {
  /** The dispatch policy of its security region, as dispatch resolves it. */
  policy: DispatchPolicy;
  /** N: how many alerted volunteers must arrive within the limit. */
  minimumVolunteers: number;
  /** The limit, seconds: six minutes. */
  limitSeconds: number;
  /** The patients: the centres of the grid cells. */
  cells: { latitudes: Float64Array; longitudes: Float64Array };
  volunteers: WeeklyVolunteerPositions;
  aeds: WeeklyPoints;
}

/** The answer per cell and hour. */
export interface CoverageOutcome {
  /** Per cell, the hours in which (a) holds: at least N volunteers within the limit. */
  volunteerHours: Uint32Array;
  /** Per cell, the hours in which (b) holds: an AED within the limit. */
  aedHours: Uint32Array;
  statistics: CoverageStatistics;
}

/** How much work the answer took. */
export interface CoverageStatistics {
  cells: number;
  /** Distinct dispatch situations (a cell and the volunteers and AEDs it would get) across the week. */
  situations: number;
  /** Situations for which `selectAlerts` built the plan. */
  planned: number;
  milliseconds: number;
}

/** A place where an AED could hang, with the hours it would be available (all of them, for a new cabinet). */
export interface HypotheticalAed {
  latitude: number;
  longitude: number;
  hours: WeekMask;
}
