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
import { mondayOf, WEEK_MASK_WORDS } from '../../../common/week.ts';
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

/**
 * The children of one parent cell, as a range of H3 indexes: every cell of
 * the children's resolution from `low` to `high` (as strings of one length
 * these compare as the numbers do) has `parent` for its parent.
 */
interface Family {
  parent: string;
  low: string;
  high: string;
}

/** An H3 index as its upper and lower 32 bits (as h3-js splits it). */
function split(cell: string): [upper: number, lower: number] {
  const at = cell.length - 8;
  return [Number.parseInt(cell.slice(0, at), 16), Number.parseInt(cell.slice(at), 16)];
}

function joined(upper: number, lower: number): string {
  return upper.toString(16) + lower.toString(16).padStart(8, '0');
}

/**
 * The family of `cell`, one resolution finer than `parentResolution`, by the
 * layout of an H3 index (the resolution in bits 52–55, digit d in bits
 * 45 − 3d to 47 − 3d, digits past the resolution all 7): its siblings differ
 * from it in its own digit alone, and its parent is it at the coarser
 * resolution with that digit 7, as `cellToParent` makes it
 * (coverage-day.spec.ts compares the two on cells of every resolution).
 */
function familyOf(cell: string, parentResolution: number): Family {
  const [upper, lower] = split(cell);
  // The child's own digit, as a mask over the lower word (resolutions 6 and finer: bits 0–29).
  const digit = 7 << (45 - 3 * (parentResolution + 1));
  const resolutionBits = 0xf << 20;
  return {
    parent: joined(((upper & ~resolutionBits) | (parentResolution << 20)) >>> 0, (lower | digit) >>> 0),
    low: joined(upper, (lower & ~digit) >>> 0),
    high: joined(upper, (lower | digit) >>> 0),
  };
}

/**
 * The parent of each of `cells` at `parentResolution`, one resolution
 * coarser. Cells in index order come family by family, so the layout is read
 * once per family and each other cell is a comparison of strings (680,000
 * cells of 340 municipality-sized grids: 135–195 ms, where `cellToParent`
 * for each, a call into h3-js's WebAssembly with its own allocation, took
 * 216–354 ms).
 */
export function parentsOf(cells: readonly string[], parentResolution: number): string[] {
  // The layout below keeps the digit in the lower word; coarser grids are rare enough for h3-js.
  if (parentResolution < 5) return cells.map((cell) => cellToParent(cell, parentResolution));
  const parents: string[] = new Array(cells.length);
  let family: Family | undefined;
  cells.forEach((cell, index) => {
    if (!family || cell.length !== family.low.length || cell < family.low || cell > family.high) family = familyOf(cell, parentResolution);
    parents[index] = family.parent;
  });
  return parents;
}

/** The night hours of a date as bits 0–23 (bit h: the hour from h:00), as `isNightHour` has them. */
const NIGHT_OF_A_DATE = Array.from({ length: 24 }, (_, hour) => hour).reduce((bits, hour) => (isNightHour(hour) ? bits | (1 << hour) : bits), 0);

/**
 * The 24 hours from hour `first` of the week (a date's first hour) of the
 * week mask at `offset`, as bits 0–23: one or two words shifted, where
 * asking for the hours one by one took some 100 ms of the snapshot's
 * process for the 775,000 cells of the country's coverages.
 */
function hoursOfDate(masks: Uint32Array, offset: number, first: number): number {
  const word = offset + (first >>> 5);
  const shift = first & 31;
  // The date's hours reach into the next word when fewer than 24 bits of this one are left.
  const next = shift > 8 ? masks[word + 1]! << (32 - shift) : 0;
  return ((masks[word]! >>> shift) | next) & 0xffffff;
}

/** How many bits of `bits` (24 at most used here) are set. */
function bitCount(bits: number): number {
  let value = bits - ((bits >>> 1) & 0x55555555);
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The coverage of `date` (a date of the week computed) from the week's. */
export function coverageOfDate(week: WeekCoverage, date: LocalDate): CoverageOfDate {
  if (mondayOf(date) !== week.weekStartsOn) throw new RangeError(`${date} is not in the week of ${week.weekStartsOn}`);
  const first = daysBetween(week.weekStartsOn, date) * 24;
  const parentResolution = week.resolution - 1;
  const parents = new Map<string, { children: number; day: number; night: number }>();
  let day = 0;
  let night = 0;
  const parentCells = parentsOf(week.cells, parentResolution);
  week.cells.forEach((_, index) => {
    const offset = index * WEEK_MASK_WORDS;
    const parentCell = parentCells[index]!;
    let parent = parents.get(parentCell);
    if (!parent) parents.set(parentCell, (parent = { children: 0, day: 0, night: 0 }));
    parent.children++;
    const covered = hoursOfDate(week.volunteerHours, offset, first) & hoursOfDate(week.aedHours, offset, first);
    parent.night += bitCount(covered & NIGHT_OF_A_DATE);
    parent.day += bitCount(covered & ~NIGHT_OF_A_DATE);
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
