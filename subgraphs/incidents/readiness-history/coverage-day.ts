/**
 * Six-minute coverage of one date, as the daily readiness snapshot keeps it:
 * from the week's coverage (every cell, every hour: coverage-report.ts), the
 * hours of that date alone, split into day and night (common/night.ts).
 *
 * Per cell, it is kept compactly: cells are grouped into their parent cell
 * one resolution coarser (H3 parents hold up to seven children, so a
 * resolution-9 computation is kept on cells of about 0.7 km²), and each
 * parent keeps the covered hours of its children that date, by day (at most
 * 7 × 16 = 112) and at night (at most 7 × 8 = 56): one byte each. That is
 * detail enough for a council's map of where coverage grew or shrank, at
 * under a seventh of the size of the computed grid; the parents themselves
 * (the same every day until the boundary changes) are kept once per grid.
 */
import { cellToParent } from 'h3-js';
import { isNightHour } from '../../../common/night.ts';
import { hasHour, mondayOf, WEEK_MASK_WORDS } from '../../../common/week.ts';
import { daysBetween, type LocalDate } from '../../../common/zoned-time.ts';

/** Day and night hours of one date. */
export const DAY_HOURS_OF_A_DATE = 16;
export const NIGHT_HOURS_OF_A_DATE = 8;

/** The parent cells a date's coverage is kept on, and how many computed cells each holds. */
export interface CoverageGrid {
  resolution: number;
  /** Parent cells, in H3 index order. */
  cells: string[];
  /** Computed cells in each parent (1–7). */
  children: Uint8Array;
}

/** One date's coverage. */
export interface CoverageOfDate {
  grid: CoverageGrid;
  /** Per parent: covered hours of its children in the date's day hours. */
  dayHours: Uint8Array;
  /** Per parent: covered hours of its children in the date's night hours. */
  nightHours: Uint8Array;
  /** Share of the date's day cell-hours covered, over all computed cells, 0–1. */
  dayCoveredShare: number;
  /** Share of the date's night cell-hours covered, 0–1. */
  nightCoveredShare: number;
}

/** A week's coverage as computed (cells in H3 index order, masks of WEEK_MASK_WORDS words per cell). */
export interface WeekCoverage {
  weekStartsOn: string;
  resolution: number;
  cells: readonly string[];
  volunteerHours: Uint32Array;
  aedHours: Uint32Array;
}

/** The coverage of `date` (a date of the week computed) from the week's. */
export function coverageOfDate(week: WeekCoverage, date: LocalDate): CoverageOfDate {
  if (mondayOf(date) !== week.weekStartsOn) throw new RangeError(`${date} is not in the week of ${week.weekStartsOn}`);
  const first = daysBetween(week.weekStartsOn, date) * 24;
  const parentResolution = week.resolution - 1;
  const parents = new Map<string, { children: number; day: number; night: number }>();
  let day = 0;
  let night = 0;
  week.cells.forEach((cell, index) => {
    const offset = index * WEEK_MASK_WORDS;
    const parentCell = cellToParent(cell, parentResolution);
    let parent = parents.get(parentCell);
    if (!parent) parents.set(parentCell, (parent = { children: 0, day: 0, night: 0 }));
    parent.children++;
    for (let hour = first; hour < first + 24; hour++) {
      if (!hasHour(week.volunteerHours, hour, offset) || !hasHour(week.aedHours, hour, offset)) continue;
      if (isNightHour(hour)) parent.night++;
      else parent.day++;
    }
  });
  const cells = [...parents.keys()].sort();
  const grid: CoverageGrid = { resolution: parentResolution, cells, children: Uint8Array.from(cells, (cell) => parents.get(cell)!.children) };
  const dayHours = Uint8Array.from(cells, (cell) => parents.get(cell)!.day);
  const nightHours = Uint8Array.from(cells, (cell) => parents.get(cell)!.night);
  for (let index = 0; index < cells.length; index++) {
    day += dayHours[index]!;
    night += nightHours[index]!;
  }
  const computed = week.cells.length;
  return {
    grid,
    dayHours,
    nightHours,
    dayCoveredShare: computed === 0 ? 0 : day / (computed * DAY_HOURS_OF_A_DATE),
    nightCoveredShare: computed === 0 ? 0 : night / (computed * NIGHT_HOURS_OF_A_DATE),
  };
}

/** A parent cell's covered share of a date's day and night hours. */
export function parentShares(grid: CoverageGrid, dayHours: Uint8Array, nightHours: Uint8Array, index: number): { day: number; night: number } {
  const children = grid.children[index]!;
  return { day: dayHours[index]! / (children * DAY_HOURS_OF_A_DATE), night: nightHours[index]! / (children * NIGHT_HOURS_OF_A_DATE) };
}
