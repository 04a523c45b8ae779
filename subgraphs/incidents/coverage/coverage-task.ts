/**
 * The computations of coverage and placement that take seconds, as tasks a worker thread
 * runs (coverage.worker.ts): the grid of a municipality, its six-minute
 * coverage for a week, and AED placement suggestions. Inputs and outputs
 * are plain data and typed arrays, so they cross threads cheaply; nothing
 * here touches the database or the network.
 */
import { WEEK_MASK_WORDS, hasHour } from '../../../common/week.ts';
import type { DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { suggestAedPlacements } from './aed-placement.ts';
import { CoverageEngine } from './coverage-engine.ts';
import { gridOf, type Boundary } from './coverage-grid.ts';
import { SIX_MINUTES_SECONDS, type CoverageProblem, type CoverageStatistics, type WeeklyPoints, type WeeklyVolunteerPositions } from './coverage-problem.ts';
import { NIGHT_HOURS } from '../../../common/night.ts';

/** What both computations start from. */
export interface CoverageInput {
  boundary: Boundary;
  resolution: number;
  policy: DispatchPolicy;
  minimumVolunteers: number;
  volunteers: WeeklyVolunteerPositions;
  aeds: WeeklyPoints;
}

/** Six-minute coverage of every cell in every hour. */
export interface CoverageTaskResult {
  cells: string[];
  volunteerHours: Uint32Array;
  aedHours: Uint32Array;
  statistics: CoverageStatistics;
}

/** AED placement suggestions, best first. */
export interface PlacementTaskResult {
  cellCount: number;
  nightCoveredShareBefore: number;
  suggestions: { cell: string; gainedShare: number; gainedCellHours: number; nightCoveredShareAfter: number }[];
  milliseconds: number;
}

/** A task for a worker. */
export type CoverageTask = { kind: 'coverage'; input: CoverageInput } | { kind: 'placement'; input: CoverageInput; count: number };

function problemOf(input: CoverageInput): { cells: string[]; problem: CoverageProblem } {
  const grid = gridOf(input.boundary, input.resolution);
  return {
    cells: grid.cells,
    problem: {
      policy: input.policy,
      minimumVolunteers: input.minimumVolunteers,
      limitSeconds: SIX_MINUTES_SECONDS,
      cells: { latitudes: grid.latitudes, longitudes: grid.longitudes },
      volunteers: input.volunteers,
      aeds: input.aeds,
    },
  };
}

/** Six-minute coverage of the municipality's grid. */
export function computeCoverage(input: CoverageInput): CoverageTaskResult {
  const started = performance.now();
  const { cells, problem } = problemOf(input);
  const outcome = new CoverageEngine(problem).run();
  return { cells, ...outcome, statistics: { ...outcome.statistics, milliseconds: Math.round(performance.now() - started) } };
}

/**
 * The `count` cells where a new AED, open around the clock, adds the most
 * night coverage; every cell weighs the same (population is spread evenly).
 */
export function computePlacements(input: CoverageInput, count: number): PlacementTaskResult {
  const { cells, problem } = problemOf(input);
  const outcome = suggestAedPlacements({ ...problem, nightHours: NIGHT_HOURS, weights: new Float64Array(cells.length).fill(1), count });
  return {
    cellCount: cells.length,
    nightCoveredShareBefore: outcome.nightCoveredShareBefore,
    suggestions: outcome.suggestions.map((suggestion) => ({ ...suggestion, cell: cells[suggestion.cell]! })),
    milliseconds: outcome.milliseconds,
  };
}

/** Runs a task (in a worker thread, or in the caller's thread for benchmarks and tests). */
export function runCoverageTask(task: CoverageTask): CoverageTaskResult | PlacementTaskResult {
  return task.kind === 'coverage' ? computeCoverage(task.input) : computePlacements(task.input, task.count);
}

/** Whether cell `cell` is covered in `hour`: both (a) and (b). */
export function isCovered(result: Pick<CoverageTaskResult, 'volunteerHours' | 'aedHours'>, cell: number, hour: number): boolean {
  return hasHour(result.volunteerHours, hour, cell * WEEK_MASK_WORDS) && hasHour(result.aedHours, hour, cell * WEEK_MASK_WORDS);
}
