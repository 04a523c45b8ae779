/**
 * Where the next AEDs should go: the grid cells at whose centre a new AED,
 * available around the clock (an outdoor cabinet), would add the most
 * six-minute coverage at night, chosen greedily: each pick is made with the
 * previous picks already hanging.
 *
 * Coverage is what the engine answers (the same decision as everywhere),
 * weighted per cell (its share of the population) and counted over the
 * night hours. A new AED changes a cell only where a volunteer dispatch
 * would alert passes it within the detour tolerance, and only where (a)
 * can hold at all: an AED never makes anyone quicker, so a cell where fewer
 * than N alerted volunteers are within six minutes even going straight
 * stays uncovered whatever is added. Only the other cells are weighed, and
 * each only against the candidates within its AED circle.
 */
import { WEEK_MASK_WORDS, countHours, type WeekMask } from '../../../common/week.ts';
import { distanceMeters } from '../../../common/earth.ts';
import { routeEtaSeconds } from '../dispatch/selection.ts';
import { CellSituations, CoverageEngine, type ProposedAed, type Situation } from './coverage-engine.ts';
import type { CoverageProblem } from './coverage-problem.ts';
import { PointIndex } from './point-index.ts';

/** What to weigh: a coverage problem, the hours that count as night, and each cell's weight. */
export interface PlacementProblem extends CoverageProblem {
  nightHours: WeekMask;
  /** Per cell, its share of what coverage is measured in (population, or 1 each when unknown). */
  weights: Float64Array;
  /** How many places to suggest. */
  count: number;
}

/** One suggested place. */
export interface PlacementSuggestion {
  /** The cell (index into the problem's cells) at whose centre the AED would hang. */
  cell: number;
  /** Night coverage it adds, given the picks before it: a share (0–1) of weighted night cell-hours. */
  gainedShare: number;
  /** Cell-hours of the night that become covered (minus any it would uncover). */
  gainedCellHours: number;
  /** Night coverage once it and the picks before it hang. */
  nightCoveredShareAfter: number;
}

/** The suggestions, and night coverage as it stands. */
export interface PlacementOutcome {
  nightCoveredShareBefore: number;
  suggestions: PlacementSuggestion[];
  milliseconds: number;
}

/** A cell's night situations and whether each is covered now. */
interface CellState {
  situations: CellSituations;
  /** Only the situations where (a) can hold. */
  relevant: { situation: Situation; covered: boolean }[];
}

const ALL_HOURS = new Uint32Array(WEEK_MASK_WORDS).fill(0xffffffff);

function withAeds(problem: PlacementProblem, picks: readonly number[]): CoverageEngine {
  const { aeds, cells } = problem;
  const count = aeds.latitudes.length + picks.length;
  const latitudes = new Float64Array(count);
  const longitudes = new Float64Array(count);
  const hours = new Uint32Array(count * WEEK_MASK_WORDS);
  latitudes.set(aeds.latitudes);
  longitudes.set(aeds.longitudes);
  hours.set(aeds.hours);
  picks.forEach((cell, index) => {
    latitudes[aeds.latitudes.length + index] = cells.latitudes[cell]!;
    longitudes[aeds.latitudes.length + index] = cells.longitudes[cell]!;
    hours.set(ALL_HOURS, (aeds.latitudes.length + index) * WEEK_MASK_WORDS);
  });
  return new CoverageEngine({ ...problem, aeds: { latitudes, longitudes, hours } });
}

/** Whether fewer than N alerted volunteers make it in time even going straight: then nothing added helps. */
function hopeless(engine: CoverageEngine, cell: CellSituations, situation: Situation): boolean {
  const { policy, limitSeconds, minimumVolunteers } = engine.problem;
  let inTime = 0;
  for (const j of situation.alerted) if (routeEtaSeconds(policy, cell.volunteerDistances[j]!) <= limitSeconds) inTime++;
  return inTime < minimumVolunteers;
}

function stateOf(engine: CoverageEngine, cell: number, nightHours: WeekMask): CellState {
  const situations = engine.situationsOf(cell, nightHours);
  const relevant = situations.situations
    .filter((situation) => !hopeless(engine, situations, situation))
    .map((situation) => {
      const outcome = engine.decide(situations, situation);
      return { situation, covered: outcome.volunteers && outcome.aed };
    });
  return { situations, relevant };
}

/** Suggests up to `problem.count` places, best first; see the module comment. */
export function suggestAedPlacements(problem: PlacementProblem): PlacementOutcome {
  const started = performance.now();
  const { cells, policy, weights } = problem;
  const cellCount = cells.latitudes.length;
  const nightHourCount = countHours(problem.nightHours);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0) * nightHourCount;
  const cellIndex = new PointIndex(cells.latitudes, cells.longitudes, policy.aedSearchRadiusMeters);
  const picks: number[] = [];
  let engine = withAeds(problem, picks);

  const states = new Map<number, CellState>();
  let coveredWeight = 0;
  for (let cell = 0; cell < cellCount; cell++) {
    const state = stateOf(engine, cell, problem.nightHours);
    if (state.relevant.length === 0) continue;
    states.set(cell, state);
    for (const { situation, covered } of state.relevant) if (covered) coveredWeight += weights[cell]! * situation.hourCount;
  }
  const nightCoveredShareBefore = totalWeight > 0 ? coveredWeight / totalWeight : 0;

  /** Per candidate, per cell it reaches: weighted night cell-hours it would add there. */
  const contributions = new Map<number, Map<number, { weight: number; cellHours: number }>>();
  const weigh = (cell: number) => {
    const state = states.get(cell);
    if (!state) return;
    const { situations } = state;
    cellIndex.near(situations.patient.lat, situations.patient.lon, policy.aedSearchRadiusMeters, (candidate) => {
      if (picks.includes(candidate)) return;
      const at = { lat: cells.latitudes[candidate]!, lon: cells.longitudes[candidate]! };
      const proposed: ProposedAed = { aed: { aedId: 'proposed', ...at }, distanceMeters: distanceMeters(at, situations.patient) };
      if (proposed.distanceMeters > policy.aedSearchRadiusMeters) return;
      let cellHours = 0;
      for (const { situation, covered } of state.relevant) {
        const outcome = engine.decide(situations, situation, proposed);
        const now = outcome.volunteers && outcome.aed;
        if (now !== covered) cellHours += (now ? 1 : -1) * situation.hourCount;
      }
      let byCell = contributions.get(candidate);
      if (!byCell) {
        byCell = new Map();
        contributions.set(candidate, byCell);
      }
      if (cellHours === 0) byCell.delete(cell);
      else byCell.set(cell, { weight: cellHours * weights[cell]!, cellHours });
    });
  };
  for (const cell of states.keys()) weigh(cell);

  const suggestions: PlacementSuggestion[] = [];
  let after = nightCoveredShareBefore;
  while (suggestions.length < problem.count) {
    let best = -1;
    let bestWeight = 0;
    let bestCellHours = 0;
    for (const [candidate, byCell] of contributions) {
      let weight = 0;
      let cellHours = 0;
      for (const contribution of byCell.values()) {
        weight += contribution.weight;
        cellHours += contribution.cellHours;
      }
      if (weight > bestWeight || (weight === bestWeight && weight > 0 && candidate < best)) {
        best = candidate;
        bestWeight = weight;
        bestCellHours = cellHours;
      }
    }
    // Nowhere would an AED add anything at night any more.
    if (best < 0) break;
    const gainedShare = totalWeight > 0 ? bestWeight / totalWeight : 0;
    after += gainedShare;
    suggestions.push({ cell: best, gainedShare, gainedCellHours: bestCellHours, nightCoveredShareAfter: after });
    picks.push(best);
    contributions.delete(best);
    engine = withAeds(problem, picks);
    // The new AED changes the cells within its circle; weigh them again against every candidate.
    const touched: number[] = [];
    cellIndex.near(cells.latitudes[best]!, cells.longitudes[best]!, policy.aedSearchRadiusMeters, (cell) => touched.push(cell));
    for (const cell of touched) {
      if (!states.has(cell)) continue;
      for (const byCell of contributions.values()) byCell.delete(cell);
      states.set(cell, stateOf(engine, cell, problem.nightHours));
      weigh(cell);
    }
  }
  return { nightCoveredShareBefore, suggestions, milliseconds: Math.round(performance.now() - started) };
}
