/**
 * The normalized form every AED import source is turned into, and the small
 * value parsers the sources share.
 */
import { validateSchedule, type AvailabilitySchedule, type HolidayRegion } from '../availability/availability.ts';
import { validateCheckDate, validateExpiryDate } from '../readiness/readiness.ts';
import { parseLocalDate, type LocalDate } from '../../../common/zoned-time.ts';

/** Where an imported AED record came from; also the prefix of its `externalId`. */
export type AedImportSource = 'osm' | 'geodae';

/** Who may use the AED: anyone, only some people or at some times (customers, staff at the desk), or only its owner. */
export type AedAccess = 'PUBLIC' | 'RESTRICTED' | 'PRIVATE';

/** One AED as an import source describes it; `null` means the source does not say. */
export interface AedImportRecord {
  /** Source and the source's own id, e.g. `osm:node/123` or `geodae:4521`: stable across imports. */
  externalId: string;
  /** WGS 84 latitude in decimal degrees. */
  lat: number;
  /** WGS 84 longitude in decimal degrees. */
  lon: number;
  /** Where exactly ("left of the entrance of the sports hall"). */
  locationDescription: string | null;
  indoor: boolean | null;
  /** Floor or level as written by the source (`0`, `-1`, `1;2`, `RDC`). */
  floor: string | null;
  access: AedAccess | null;
  /** In a locked cabinet (a code is given to the dispatched responder only). */
  locked: boolean | null;
  /** Number to call about this AED (the site or its operator). */
  phone: string | null;
  /** Operator or owner organisation. */
  owner: string | null;
  /** Device manufacturer or brand. */
  brand: string | null;
  model: string | null;
  serial: string | null;
  /** A reference the operator or a registry gives the AED (OSM `ref`). */
  reference: string | null;
  /** Validated and normalized `opening_hours` schedule. */
  schedule: AvailabilitySchedule | null;
  batteryExpiresOn: LocalDate | null;
  padsExpireOn: LocalDate | null;
  /** Last guardian check or maintenance. */
  lastCheckedOn: LocalDate | null;
  /** `false` when the source reports it broken, in maintenance or missing. */
  operational: boolean | null;
}

/** An input row or feature that produced no record, and why. */
export interface AedImportRejection {
  source: AedImportSource;
  /** CSV: line number in the file (the header is line 1; for a quoted field spanning lines, its last line). */
  line?: number;
  /** GeoJSON: 0-based index of the feature in the collection. */
  featureIndex?: number;
  /** Known when the row had a usable id. */
  externalId?: string;
  /** What is wrong, in a sentence meant for the person running the import. */
  reason: string;
}

/** What one input row or feature yields. */
export type AedImportOutcome = { ok: true; record: AedImportRecord } | { ok: false; rejection: AedImportRejection };

/** Options every parser accepts. */
export interface AedImportOptions {
  /** "Now" for judging whether dates are plausible (default: the current time). */
  now?: Date;
}

/** Gathers a parser's outcomes into records and rejections, for inputs that fit in memory. */
export async function collectOutcomes(
  outcomes: Iterable<AedImportOutcome> | AsyncIterable<AedImportOutcome>,
): Promise<{ records: AedImportRecord[]; rejections: AedImportRejection[] }> {
  const records: AedImportRecord[] = [];
  const rejections: AedImportRejection[] = [];
  for await (const outcome of outcomes) {
    if (outcome.ok) records.push(outcome.record);
    else rejections.push(outcome.rejection);
  }
  return { records, rejections };
}

/**
 * Thrown inside a row parser to reject the row with `message`; each parser turns
 * it into an {@link AedImportRejection} carrying the row's position.
 */
export class RowRejected extends Error {
  override name = 'RowRejected';
}

/** Trimmed text, or `null` for missing, blank or whitespace-only values. */
export function cleanText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

/** Lower case without accents, for matching words such as "Intérieur" or "non renseigné". */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
}

const TRUE_WORDS = new Set(['yes', 'true', '1', 'oui', 'o', 't', 'y', 'ja', 'vrai']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'non', 'n', 'f', 'nee', 'faux']);

/**
 * A yes/no value in the spellings sources use; `null` when missing or anything
 * else (`locked=unknown`): a descriptive field is not worth losing the AED over.
 */
export function parseYesNo(value: unknown): boolean | null {
  const raw = cleanText(value);
  if (raw === null) return null;
  const word = fold(raw);
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** A coordinate pair, rejecting NaN, out-of-range values and the 0,0 placeholder. */
export function parseCoordinates(latValue: unknown, lonValue: unknown): { lat: number; lon: number } {
  if (cleanText(latValue) === null || cleanText(lonValue) === null) throw new RowRejected('The coordinates are missing.');
  // French exports write decimal commas ("48,1147").
  const lat = typeof latValue === 'number' ? latValue : Number(String(latValue).trim().replace(',', '.'));
  const lon = typeof lonValue === 'number' ? lonValue : Number(String(lonValue).trim().replace(',', '.'));
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) throw new RowRejected(`The coordinates "${latValue}", "${lonValue}" are not numbers.`);
  if (lat < -90 || lat > 90) throw new RowRejected(`Latitude ${lat} is outside -90 to 90.`);
  if (lon < -180 || lon > 180) throw new RowRejected(`Longitude ${lon} is outside -180 to 180.`);
  // 0,0 lies in the Gulf of Guinea: it is what empty coordinates become in many exports.
  if (lat === 0 && lon === 0) throw new RowRejected('The coordinates are 0,0, a placeholder for a missing position.');
  return { lat, lon };
}

/** A schedule validated (against the holidays of `region` if given) and normalized, or `null` if missing. */
export function parseSchedule(value: string | null, region: HolidayRegion | undefined, position: { latitude: number; longitude: number }): AvailabilitySchedule | null {
  if (value === null) return null;
  const validation = validateSchedule(value, region && { ...region, position });
  if (!validation.valid) throw new RowRejected(validation.message);
  return validation.schedule;
}

const DAY_FIRST = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/** `YYYY-MM-DD`, a timestamp starting with it, or `DD/MM/YYYY` as an {@link LocalDate}; `null` if missing. */
export function parseCalendarDate(value: unknown, field: string): LocalDate | null {
  const raw = cleanText(value);
  if (raw === null) return null;
  const dayFirst = DAY_FIRST.exec(raw);
  const candidate = dayFirst ? `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}` : raw.slice(0, 10);
  const date = /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(raw) || dayFirst ? parseLocalDate(candidate) : undefined;
  if (!date) throw new RowRejected(`${field} "${raw}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY).`);
  return date;
}

/** An expiry date, rejected when implausibly far from `now`. */
export function parseExpiryDate(value: unknown, field: string, now: Date): LocalDate | null {
  const date = parseCalendarDate(value, field);
  if (date === null) return null;
  const validation = validateExpiryDate(date, now, field);
  if (!validation.valid) throw new RowRejected(validation.message);
  return validation.date;
}

/** A check or maintenance date, rejected when in the future or implausibly old. */
export function parseCheckDate(value: unknown, field: string, now: Date): LocalDate | null {
  const date = parseCalendarDate(value, field);
  if (date === null) return null;
  const validation = validateCheckDate(date, now, field);
  if (!validation.valid) throw new RowRejected(validation.message);
  return validation.date;
}
