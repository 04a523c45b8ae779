/**
 * What a council and a working group read from a computed coverage: per
 * hour of the week, the share of the municipality covered; per cell, how
 * many hours it is covered, by day and at night; the worst hours and
 * places; and the grid as GeoJSON for a map. Counts and cells only: nothing
 * here says who or where a volunteer is.
 *
 * Cells weigh the same: the municipality's population is spread evenly over
 * them (there is no finer population figure in the product yet), so the
 * share of population covered equals the share of cells covered where the
 * population is known, and is absent where it is not.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { HOURS_PER_WEEK, WEEK_MASK_WORDS, countHours, hasHour, weekMaskToHex, weekSlotStarts } from '../../../common/week.ts';
import type { StoredCoverage } from './coverage-cache.ts';
import { cellCentre, cellOutline } from './coverage-grid.ts';
import { DAY_HOURS, NIGHT_HOURS, isNightHour } from '../../../common/night.ts';

/** One hour of the week across the municipality. */
export interface HourSummary {
  hourOfWeek: number;
  startsAt: Date;
  night: boolean;
  coveredCells: number;
  /** Share of cells where (a) and (b) both hold, 0–1. */
  coveredShare: number;
  /** The same share of the population; null when the population is not known. */
  populationCoveredShare: number | null;
  /** Share of cells where (a) holds: enough volunteers in time. */
  volunteerCoveredShare: number;
  /** Share of cells where (b) holds: an AED in time. */
  aedCoveredShare: number;
}

/** One cell across the week. */
export interface CellSummary {
  cell: string;
  latitude: number;
  longitude: number;
  /** Its share of the population; null when that is not known. */
  population: number | null;
  coveredHours: number;
  dayCoveredHours: number;
  nightCoveredHours: number;
  volunteerCoveredHours: number;
  aedCoveredHours: number;
  /** The covered hours as 42 hexadecimal digits (common/week.ts), for maps that step through the week. */
  coveredHourMask: string;
}

/** Shares of the whole week, of the day hours and of the night hours. */
export interface CoverageShares {
  covered: number;
  day: number;
  night: number;
}

/** Per cell, the hours in which both (a) and (b) hold. */
export function coveredHours(coverage: Pick<StoredCoverage, 'volunteerHours' | 'aedHours'>): Uint32Array {
  const covered = new Uint32Array(coverage.volunteerHours.length);
  for (let word = 0; word < covered.length; word++) covered[word] = coverage.volunteerHours[word]! & coverage.aedHours[word]!;
  return covered;
}

/** Each hour of the week, Monday 00:00 first. */
export function hourSummaries(coverage: StoredCoverage): HourSummary[] {
  const cellCount = coverage.cells.length;
  const covered = coveredHours(coverage);
  const starts = weekSlotStarts(coverage.weekStartsOn, coverage.timeZone);
  const share = (count: number) => (cellCount === 0 ? 0 : count / cellCount);
  return Array.from({ length: HOURS_PER_WEEK }, (_, hour) => {
    let coveredCells = 0;
    let volunteerCells = 0;
    let aedCells = 0;
    for (let cell = 0; cell < cellCount; cell++) {
      const offset = cell * WEEK_MASK_WORDS;
      if (hasHour(covered, hour, offset)) coveredCells++;
      if (hasHour(coverage.volunteerHours, hour, offset)) volunteerCells++;
      if (hasHour(coverage.aedHours, hour, offset)) aedCells++;
    }
    return {
      hourOfWeek: hour,
      startsAt: starts[hour]!,
      night: isNightHour(hour),
      coveredCells,
      coveredShare: share(coveredCells),
      populationCoveredShare: coverage.population === null ? null : share(coveredCells),
      volunteerCoveredShare: share(volunteerCells),
      aedCoveredShare: share(aedCells),
    };
  });
}

/** Each cell, in H3 index order. */
export function cellSummaries(coverage: StoredCoverage): CellSummary[] {
  const covered = coveredHours(coverage);
  const population = coverage.population === null || coverage.cells.length === 0 ? null : coverage.population / coverage.cells.length;
  return coverage.cells.map((cell, index) => {
    const offset = index * WEEK_MASK_WORDS;
    const mask = covered.subarray(offset, offset + WEEK_MASK_WORDS);
    const night = mask.map((word, at) => word & NIGHT_HOURS[at]!);
    const day = mask.map((word, at) => word & DAY_HOURS[at]!);
    const { latitude, longitude } = cellCentre(cell);
    return {
      cell,
      latitude,
      longitude,
      population,
      coveredHours: countHours(mask),
      dayCoveredHours: countHours(day),
      nightCoveredHours: countHours(night),
      volunteerCoveredHours: countHours(coverage.volunteerHours, offset),
      aedCoveredHours: countHours(coverage.aedHours, offset),
      coveredHourMask: weekMaskToHex(mask),
    };
  });
}

/** Covered share of all cell-hours, of the day cell-hours and of the night cell-hours. */
export function coverageShares(coverage: StoredCoverage): CoverageShares {
  const covered = coveredHours(coverage);
  const cellCount = coverage.cells.length;
  let all = 0;
  let day = 0;
  let night = 0;
  for (let cell = 0; cell < cellCount; cell++) {
    for (let word = 0; word < WEEK_MASK_WORDS; word++) {
      const bits = covered[cell * WEEK_MASK_WORDS + word]!;
      day += countWord(bits & DAY_HOURS[word]!);
      night += countWord(bits & NIGHT_HOURS[word]!);
      all += countWord(bits);
    }
  }
  const dayHours = countHours(DAY_HOURS);
  const nightHours = countHours(NIGHT_HOURS);
  return {
    covered: cellCount === 0 ? 0 : all / (cellCount * HOURS_PER_WEEK),
    day: cellCount === 0 ? 0 : day / (cellCount * dayHours),
    night: cellCount === 0 ? 0 : night / (cellCount * nightHours),
  };
}

function countWord(word: number): number {
  let bits = word >>> 0;
  let count = 0;
  while (bits !== 0) {
    bits &= bits - 1;
    count++;
  }
  return count;
}

/** The `count` hours with the smallest covered share, worst first (ties: earlier in the week first). */
export function worstHours(hours: readonly HourSummary[], count: number): HourSummary[] {
  return [...hours].sort((a, b) => a.coveredShare - b.coveredShare || a.hourOfWeek - b.hourOfWeek).slice(0, count);
}

/**
 * The `count` cells covered in the fewest hours, worst first. Among cells
 * covered equally little, those with the most hours of either half (enough
 * volunteers, or an AED) come first: the places one more AED or a few more
 * volunteers would turn around.
 */
export function worstPlaces(cells: readonly CellSummary[], count: number): CellSummary[] {
  const nearly = (cell: CellSummary) => Math.max(cell.volunteerCoveredHours, cell.aedCoveredHours);
  return [...cells].sort((a, b) => a.coveredHours - b.coveredHours || nearly(b) - nearly(a) || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0)).slice(0, count);
}

/**
 * The grid as a GeoJSON FeatureCollection: one hexagon per cell, with its
 * counts as properties, and, when `hourOfWeek` is given, whether it is
 * covered in that hour (`covered`, `volunteers`, `aed`).
 */
export function coverageFeatureCollection(coverage: StoredCoverage, hourOfWeek?: number | null): FeatureCollection<Polygon> {
  const features = cellSummaries(coverage).map((summary, index): Feature<Polygon> => {
    const offset = index * WEEK_MASK_WORDS;
    const properties: Record<string, unknown> = { ...summary };
    delete properties.latitude;
    delete properties.longitude;
    if (hourOfWeek !== undefined && hourOfWeek !== null) {
      properties.volunteers = hasHour(coverage.volunteerHours, hourOfWeek, offset);
      properties.aed = hasHour(coverage.aedHours, hourOfWeek, offset);
      properties.covered = properties.volunteers === true && properties.aed === true;
    }
    return { type: 'Feature', id: summary.cell, geometry: { type: 'Polygon', coordinates: [cellOutline(summary.cell)] }, properties };
  });
  return { type: 'FeatureCollection', features };
}
