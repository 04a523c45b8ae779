/**
 * The coverage figures of the daily readiness snapshot of a municipality
 * (table `incidents.readiness_day`; common/readiness-days.ts for how it is
 * taken and kept): the six-minute coverage of the week containing the date,
 * as `sixMinuteCoverage` computes it (default resolution, the region's N;
 * a kept result is reused when its inputs have not changed), reduced to the
 * date's own day and night hours (coverage-day.ts).
 *
 * Shares are of the population, spread evenly over the cells as everywhere
 * in coverage (coverage-report.ts), so they equal the shares of cells; a
 * municipality whose population is not known has none. A municipality
 * without a boundary has no coverage, so no row: the history shows a gap.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '../../../common/errors.ts';
import { serviceContext } from '../../../common/context.ts';
import { takeReadinessSnapshots, type ReadinessDayTable, type SnapshotRun } from '../../../common/readiness-days.ts';
import type { SubgraphRuntime } from '../../../common/subgraph-server.ts';
import { mondayOf } from '../../../common/week.ts';
import type { LocalDate } from '../../../common/zoned-time.ts';
import { RESOLUTIONS } from '../coverage/coverage-grid.ts';
import { CoveragePeers, type CoverageMunicipality } from '../peers.ts';
import { COVERAGE_WORKERS } from '../coverage/worker-pool.ts';
import { sixMinuteCoverage } from '../coverage/coverage.service.ts';
import { currentPolicy, type RegionPolicy } from '../dispatch/dispatch-policy.service.ts';
import { sql } from '../../../common/sql.ts';
import { coverageOfDate, type CoverageGrid } from './coverage-day.ts';
import type { KeptCellCoverage } from './coverage-change.ts';

export interface CoverageReadinessFigures {
  population: number | null;
  computedResolution: number;
  minimumVolunteers: number;
  computedCells: number;
  dayCoveredShare: number;
  nightCoveredShare: number;
  /** Written with the row, never read back with the history (coverage change reads them apart). */
  gridId?: string;
  cellDayHours?: Buffer;
  cellNightHours?: Buffer;
}

export const COVERAGE_READINESS_DAYS: ReadinessDayTable<CoverageReadinessFigures> = {
  name: 'incidents.readiness_day',
  columns: ['population', 'computed_resolution', 'minimum_volunteers', 'computed_cells', 'day_covered_share', 'night_covered_share'],
  figuresOf: (row) => ({
    population: row.population === null ? null : Number(row.population),
    computedResolution: Number(row.computed_resolution),
    minimumVolunteers: Number(row.minimum_volunteers),
    computedCells: Number(row.computed_cells),
    dayCoveredShare: Number(row.day_covered_share),
    nightCoveredShare: Number(row.night_covered_share),
  }),
  columnsOf: (figures) => ({
    population: figures.population,
    computed_resolution: figures.computedResolution,
    minimum_volunteers: figures.minimumVolunteers,
    computed_cells: figures.computedCells,
    day_covered_share: figures.dayCoveredShare,
    night_covered_share: figures.nightCoveredShare,
    grid_id: figures.gridId,
    cell_day_hours: figures.cellDayHours,
    cell_night_hours: figures.cellNightHours,
  }),
};

/** A share of the population covered: the share of cells, when the population is known (see the module comment). */
export function populationShare(figures: Pick<CoverageReadinessFigures, 'population'>, share: number): number | null {
  return figures.population === null ? null : share;
}

/** A PostgreSQL text[] literal of H3 indexes (hexadecimal digits only, so nothing needs quoting). */
function cellArray(cells: readonly string[]): string {
  for (const cell of cells) if (!/^[0-9a-f]+$/.test(cell)) throw new Error(`not an H3 index: ${cell}`);
  return `{${cells.join(',')}}`;
}

/**
 * What one snapshot run reads once rather than per municipality: the ids of
 * the grids already kept (grids are never deleted, so one read at the start
 * of the run holds for all of it) and each region's policy in force.
 */
interface SnapshotRunReads {
  keptGrids: () => Promise<Set<string>>;
  policyOf: (securityRegionId: string) => Promise<RegionPolicy>;
}

function snapshotRunReads(em: EntityManager): SnapshotRunReads {
  const reads = new Map<string, Promise<unknown>>();
  // Read once, when first needed; a failed read is tried again by the next municipality rather than failing them all.
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let promise = reads.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      promise.catch(() => reads.delete(key));
      reads.set(key, promise);
    }
    return promise;
  };
  return {
    keptGrids: () => once('grids', async () => new Set((await sql<{ id: string }>(em, 'select id from incidents.readiness_grid')).map((row) => row.id))),
    policyOf: (securityRegionId) => once(`policy ${securityRegionId}`, () => currentPolicy(em, securityRegionId)),
  };
}

/**
 * Keeps the grid once (content-addressed) and returns its id. A grid is the
 * same every day until the boundary changes, so its cells are sent only when
 * its id is not among those already kept.
 */
async function keepGrid(em: EntityManager, grid: CoverageGrid, keptGrids: () => Promise<Set<string>>): Promise<string> {
  const children = Buffer.from(grid.children);
  const id = createHash('sha256')
    .update(JSON.stringify([grid.resolution, grid.cells]))
    .update(children)
    .digest('base64url');
  const kept = await keptGrids();
  if (kept.has(id)) return id;
  await sql(em, 'insert into incidents.readiness_grid (id, resolution, cells, children) values (?, ?, ?::text[], ?) on conflict (id) do nothing', [
    id,
    grid.resolution,
    cellArray(grid.cells),
    children,
  ]);
  kept.add(id);
  return id;
}

/** One municipality's coverage figures of `date`; undefined when it has no boundary (nothing to measure). */
async function coverageFiguresOf(
  runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers'>,
  municipality: CoverageMunicipality,
  date: LocalDate,
  run: SnapshotRunReads,
): Promise<CoverageReadinessFigures | undefined> {
  const context = serviceContext(runtime, 'incidents');
  let coverage;
  try {
    coverage = await sixMinuteCoverage(context, {
      municipalityId: municipality.id,
      municipality,
      policyOf: run.policyOf,
      weekOf: date,
      resolution: RESOLUTIONS.default,
      fresh: true,
    });
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code === ErrorCode.CONFLICT) return undefined;
    throw error;
  }
  const ofDate = coverageOfDate({ ...coverage, weekStartsOn: mondayOf(date) }, date);
  return {
    population: coverage.population,
    computedResolution: coverage.resolution,
    minimumVolunteers: coverage.minimumVolunteers,
    computedCells: coverage.cells.length,
    dayCoveredShare: ofDate.dayCoveredShare,
    nightCoveredShare: ofDate.nightCoveredShare,
    gridId: await keepGrid(context.em, ofDate.grid, run.keptGrids),
    cellDayHours: Buffer.from(ofDate.dayHours),
    cellNightHours: Buffer.from(ofDate.nightHours),
  };
}

/**
 * Municipalities worked on at a time. Where the stored coverage of the week
 * is current, a snapshot is mostly waiting (two fingerprints asked of the
 * peers, rows read and written), and the checks of municipalities in flight
 * together go to each peer as one request (coverage.service.ts): many at a
 * time make few requests. Where coverage must be computed, the computations
 * still run COVERAGE_WORKERS at a time (at a lower priority), with inputs
 * gathered for twice as many, as a region's query does; the other
 * municipalities wait for a slot.
 */
const SNAPSHOT_CONCURRENCY = 16 * COVERAGE_WORKERS;

/** Takes today's coverage snapshot of every municipality that has none yet (once per date; see common/readiness-days.ts). */
export async function takeCoverageReadinessSnapshots(runtime: Pick<SubgraphRuntime, 'orm' | 'notifications' | 'peers' | 'logger'>, now: Date): Promise<SnapshotRun> {
  const municipalities = await new CoveragePeers(runtime.peers).municipalities();
  const run = snapshotRunReads(runtime.orm.em.fork());
  return takeReadinessSnapshots({
    em: runtime.orm.em,
    table: COVERAGE_READINESS_DAYS,
    municipalities,
    now,
    logger: runtime.logger,
    concurrency: SNAPSHOT_CONCURRENCY,
    figuresOf: (municipality, date) => coverageFiguresOf(runtime, municipality, date, run),
  });
}

interface CellRow {
  resolution: number;
  cells: string[];
  children: Buffer;
  cell_day_hours: Buffer;
  cell_night_hours: Buffer;
}

/** The kept per-cell coverage of a municipality on `date`, or null (no snapshot). */
export async function keptCellCoverage(em: EntityManager, municipalityId: string, date: LocalDate): Promise<KeptCellCoverage | null> {
  const [row] = await sql<CellRow>(
    em,
    `select g.resolution, g.cells, g.children, d.cell_day_hours, d.cell_night_hours
     from incidents.readiness_day d join incidents.readiness_grid g on g.id = d.grid_id
     where d.municipality_id = ? and d.date = ?`,
    [municipalityId, date],
  );
  if (!row) return null;
  return {
    grid: { resolution: row.resolution, cells: row.cells, children: new Uint8Array(row.children) },
    dayHours: new Uint8Array(row.cell_day_hours),
    nightHours: new Uint8Array(row.cell_night_hours),
  };
}
