/**
 * The last computed coverage and placement suggestions (tables
 * `incidents.readiness_coverage` and `incidents.readiness_aed_placement`),
 * one row per municipality, week, resolution and N, each with the
 * fingerprint of the inputs it was computed from. A row is current while
 * that fingerprint matches; otherwise it is served as stale until its
 * replacement is written (coverage.service.ts). Shared by every instance of
 * the incidents subgraph.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, toDate } from '../../../common/sql.ts';
import type { CoverageStatistics } from './coverage-problem.ts';

/** What one computation is for. */
export interface CoverageKey {
  municipalityId: string;
  /** The Monday of the week, YYYY-MM-DD. */
  weekStartsOn: string;
  resolution: number;
  minimumVolunteers: number;
}

/** A computed coverage. */
export interface StoredCoverage extends CoverageKey {
  inputFingerprint: string;
  computedAt: Date;
  computeMilliseconds: number;
  timeZone: string;
  policyVersion: number;
  population: number | null;
  cells: string[];
  volunteerHours: Uint32Array;
  aedHours: Uint32Array;
  statistics: CoverageStatistics;
}

/** One suggested place for an AED. */
export interface StoredSuggestion {
  cell: string;
  gainedShare: number;
  gainedCellHours: number;
  nightCoveredShareAfter: number;
}

/** Computed placement suggestions. */
export interface StoredPlacement extends CoverageKey {
  inputFingerprint: string;
  computedAt: Date;
  computeMilliseconds: number;
  requested: number;
  nightCoveredShare: number;
  suggestions: StoredSuggestion[];
}

/** Words as bytes, little-endian whatever the machine. */
function bytesOf(words: Uint32Array): Buffer {
  const bytes = Buffer.alloc(words.length * 4);
  words.forEach((word, index) => bytes.writeUInt32LE(word, index * 4));
  return bytes;
}

/** Whether this machine keeps words little-endian, as they are stored (then the bytes are the words as they are). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function wordsOf(bytes: Buffer): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  // One copy of the bytes, where reading word by word took some 60 ms for the country's 340 coverages.
  if (LITTLE_ENDIAN) new Uint8Array(words.buffer).set(bytes);
  else for (let index = 0; index < words.length; index++) words[index] = bytes.readUInt32LE(index * 4);
  return words;
}

/** A PostgreSQL text[] literal of H3 indexes (hexadecimal digits only, so nothing needs quoting). */
function cellArray(cells: readonly string[]): string {
  for (const cell of cells) if (!/^[0-9a-f]+$/.test(cell)) throw new Error(`not an H3 index: ${cell}`);
  return `{${cells.join(',')}}`;
}

const KEY = 'municipality_id = ? and week_starts_on = ? and resolution = ? and minimum_volunteers = ?';
const keyParams = (key: CoverageKey) => [key.municipalityId, key.weekStartsOn, key.resolution, key.minimumVolunteers];

interface CoverageRow {
  input_fingerprint: string;
  computed_at: string | Date;
  compute_milliseconds: number;
  time_zone: string;
  policy_version: number;
  population: number | null;
  /** The cells joined by commas (see {@link readCoverage}). */
  cells: string;
  volunteer_hours: Buffer;
  aed_hours: Buffer;
  statistics: CoverageStatistics;
}

/** The stored coverage for `key`, if any. */
export async function readCoverage(em: EntityManager, key: CoverageKey): Promise<StoredCoverage | undefined> {
  // The cells as one string, split here: the driver's parser of text[] took 0.5 s of the process's CPU for the
  // 775,000 cells of the country's 340 coverages, splitting 0.05 s (H3 indexes are hex digits: no quotes, no commas).
  const [row] = await sql<CoverageRow>(
    em.fork(),
    `select input_fingerprint, computed_at, compute_milliseconds, time_zone, policy_version, population,
       array_to_string(cells, ',') as cells, volunteer_hours, aed_hours, statistics
     from incidents.readiness_coverage where ${KEY}`,
    keyParams(key),
  );
  if (!row) return undefined;
  return {
    ...key,
    inputFingerprint: row.input_fingerprint,
    computedAt: toDate(row.computed_at),
    computeMilliseconds: row.compute_milliseconds,
    timeZone: row.time_zone,
    policyVersion: row.policy_version,
    population: row.population,
    cells: row.cells === '' ? [] : row.cells.split(','),
    volunteerHours: wordsOf(row.volunteer_hours),
    aedHours: wordsOf(row.aed_hours),
    statistics: row.statistics,
  };
}

/** Stores `coverage` in place of what was stored for its key. */
export async function writeCoverage(em: EntityManager, coverage: StoredCoverage): Promise<void> {
  await sql(
    em.fork(),
    `insert into incidents.readiness_coverage (municipality_id, week_starts_on, resolution, minimum_volunteers, input_fingerprint,
       computed_at, compute_milliseconds, time_zone, policy_version, population, cells, volunteer_hours, aed_hours, statistics)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?::jsonb)
     on conflict (municipality_id, week_starts_on, resolution, minimum_volunteers) do update set
       input_fingerprint = excluded.input_fingerprint, computed_at = excluded.computed_at,
       compute_milliseconds = excluded.compute_milliseconds, time_zone = excluded.time_zone,
       policy_version = excluded.policy_version, population = excluded.population, cells = excluded.cells,
       volunteer_hours = excluded.volunteer_hours, aed_hours = excluded.aed_hours, statistics = excluded.statistics`,
    [
      ...keyParams(coverage),
      coverage.inputFingerprint,
      coverage.computedAt,
      coverage.computeMilliseconds,
      coverage.timeZone,
      coverage.policyVersion,
      coverage.population,
      cellArray(coverage.cells),
      bytesOf(coverage.volunteerHours),
      bytesOf(coverage.aedHours),
      JSON.stringify(coverage.statistics),
    ],
  );
}

interface PlacementRow {
  input_fingerprint: string;
  computed_at: string | Date;
  compute_milliseconds: number;
  requested: number;
  night_covered_share: number;
  suggestions: StoredSuggestion[];
}

/** The stored placement suggestions for `key`, if any. */
export async function readPlacement(em: EntityManager, key: CoverageKey): Promise<StoredPlacement | undefined> {
  const [row] = await sql<PlacementRow>(em.fork(), `select * from incidents.readiness_aed_placement where ${KEY}`, keyParams(key));
  if (!row) return undefined;
  return {
    ...key,
    inputFingerprint: row.input_fingerprint,
    computedAt: toDate(row.computed_at),
    computeMilliseconds: row.compute_milliseconds,
    requested: row.requested,
    nightCoveredShare: Number(row.night_covered_share),
    suggestions: row.suggestions,
  };
}

/** Stores `placement` in place of what was stored for its key. */
export async function writePlacement(em: EntityManager, placement: StoredPlacement): Promise<void> {
  await sql(
    em.fork(),
    `insert into incidents.readiness_aed_placement (municipality_id, week_starts_on, resolution, minimum_volunteers, input_fingerprint,
       computed_at, compute_milliseconds, requested, night_covered_share, suggestions)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
     on conflict (municipality_id, week_starts_on, resolution, minimum_volunteers) do update set
       input_fingerprint = excluded.input_fingerprint, computed_at = excluded.computed_at,
       compute_milliseconds = excluded.compute_milliseconds, requested = excluded.requested,
       night_covered_share = excluded.night_covered_share, suggestions = excluded.suggestions`,
    [
      ...keyParams(placement),
      placement.inputFingerprint,
      placement.computedAt,
      placement.computeMilliseconds,
      placement.requested,
      placement.nightCoveredShare,
      JSON.stringify(placement.suggestions),
    ],
  );
}
