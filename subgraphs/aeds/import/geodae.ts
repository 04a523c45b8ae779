/**
 * Reads a CSV export of France's national AED register Géo'DAE (arrêté of
 * 29 October 2019). Columns are matched by name, in any order and case; columns
 * not listed in {@link GEODAE_COLUMNS} are ignored. The availability columns
 * `c_disp_j` / `c_disp_h` are translated into an `opening_hours` schedule.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  cleanText,
  fold,
  parseCheckDate,
  parseCoordinates,
  parseExpiryDate,
  parseSchedule,
  parseYesNo,
  RowRejected,
  type AedImportOptions,
  type AedImportOutcome,
  type AedImportRecord,
  type AedImportRejection,
} from './record.ts';

/**
 * The columns read, with what each becomes. At least one id column and both
 * coordinate columns must be present; every other column may be absent or empty.
 */
export const GEODAE_COLUMNS = {
  c_gid: 'id in the register (preferred id) → externalId `geodae:<id>`',
  gid: 'row id of the export, used when c_gid is absent → externalId',
  c_lat_coor1: 'latitude, WGS 84 decimal degrees (required; a decimal comma is accepted)',
  c_long_coor1: 'longitude, WGS 84 decimal degrees (required)',
  c_nom: 'name of the site → start of locationDescription',
  c_acc_complt: 'access details ("hall d\'accueil") → rest of locationDescription',
  c_acc: '"Intérieur" / "Extérieur" → indoor',
  c_acc_etg: 'floor → floor',
  c_acc_lib: 'freely accessible, oui/non or 1/0 or true/false → access PUBLIC / RESTRICTED',
  c_disp_j: 'days available, e.g. {7j/7} or {lundi,mardi} or {"jours fériés"} → schedule',
  c_disp_h: 'hours available, e.g. {24h/24} or {"heures ouvrables"} → schedule',
  c_etat_fonct: '"En fonctionnement" / "Hors service" / "En maintenance" / "Absent momentanément" → operational',
  c_dtpr_bat: 'battery expiry date → batteryExpiresOn',
  c_dtpr_lcad: 'adult pads expiry date → padsExpireOn',
  c_dermnt: 'date of last maintenance → lastCheckedOn',
  c_expt_rais: 'operator (exploitant) → owner',
  c_expt_tel1: 'operator phone → phone',
  c_fab_rais: 'manufacturer → brand',
  c_modele: 'model → model',
  c_num_serie: 'serial number → serial',
} as const;

/** Options for {@link parseGeodaeCsv} and {@link parseGeodaeRow}. */
export interface GeodaeImportOptions extends AedImportOptions {
  /** Field separator; detected from the header line when not given. */
  delimiter?: ',' | ';';
  /**
   * Hours that `heures ouvrables` (business hours) stands for. The register does
   * not define them; the default is a narrow window most sites are surely open in,
   * because sending a responder to a locked building costs more than skipping an AED.
   */
  businessHours?: string;
  /** Hours that `heures de nuit` (night hours) stands for. */
  nightHours?: string;
}

const DEFAULT_BUSINESS_HOURS = '09:00-17:00';
const DEFAULT_NIGHT_HOURS = '22:00-06:00';
const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const DAY_WORDS: Record<string, number> = { lundi: 0, mardi: 1, mercredi: 2, jeudi: 3, vendredi: 4, samedi: 5, dimanche: 6 };
const NOT_GIVEN = new Set(['non renseigne', 'non renseignee', 'inconnu', '']);
const EVENTS = new Set(['evenements', 'evenement', "lors d'evenements"]);

const OPERATIONAL: Record<string, boolean> = {
  'en fonctionnement': true,
  'hors service': false,
  'en maintenance': false,
  'absent momentanement': false,
};

/** The items of a PostgreSQL array literal (`{a,"b c"}`) or a JSON array (`["a"]`), folded. */
function listItems(value: string): string[] {
  const inner = value
    .trim()
    .replace(/^[{[]/, '')
    .replace(/[}\]]$/, '');
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of inner) {
    if (character === '"') quoted = !quoted;
    else if (character === ',' && !quoted) {
      items.push(current);
      current = '';
    } else current += character;
  }
  items.push(current);
  return items.map(fold).filter((item) => item !== '');
}

/** Weekday indices as a compact `opening_hours` selector: `Mo-Fr`, `Mo,We,Fr`, `Sa,Su`. */
function weekdaySelector(days: number[]): string {
  const parts: string[] = [];
  for (let start = 0; start < days.length; ) {
    let end = start;
    while (end + 1 < days.length && days[end + 1] === days[end]! + 1) end++;
    // Two neighbours read better as a list (Sa,Su) than as a range (Sa-Su).
    if (end - start >= 2) parts.push(`${WEEKDAYS[days[start]!]}-${WEEKDAYS[days[end]!]}`);
    else for (let index = start; index <= end; index++) parts.push(WEEKDAYS[days[index]!]!);
    start = end + 1;
  }
  return parts.join(',');
}

/**
 * Translates Géo'DAE's availability into `opening_hours`: `{7j/7}` + `{24h/24}`
 * becomes `24/7`, `{lundi,…,vendredi}` + `{heures ouvrables}` becomes
 * `Mo-Fr 09:00-17:00`, `{"jours fériés"}` adds `PH`. Known days with unknown hours
 * become `unknown` on those days (and closed on the others); unknown days give
 * `null`; availability only "during events" gives `unknown "événements"`.
 * @throws RowRejected for a day or hour value the register does not define.
 */
export function geodaeSchedule(daysValue: string | null, hoursValue: string | null, options: Pick<GeodaeImportOptions, 'businessHours' | 'nightHours'> = {}): string | null {
  const days = new Set<number>();
  let publicHolidays = false;
  let events = false;
  for (const item of listItems(daysValue ?? '')) {
    if (item === '7j/7' || item === '7/7') for (let day = 0; day < 7; day++) days.add(day);
    else if (item in DAY_WORDS) days.add(DAY_WORDS[item]!);
    else if (item === 'jours feries' || item === 'jour ferie') publicHolidays = true;
    else if (EVENTS.has(item)) events = true;
    else if (!NOT_GIVEN.has(item)) throw new RowRejected(`c_disp_j "${daysValue}" contains "${item}", which is not a day Géo'DAE defines.`);
  }
  const ranges: string[] = [];
  let allDay = false;
  for (const item of listItems(hoursValue ?? '')) {
    if (item === '24h/24' || item === '24/24') allDay = true;
    else if (item === 'heures ouvrables') ranges.push(options.businessHours ?? DEFAULT_BUSINESS_HOURS);
    else if (item === 'heures de nuit') ranges.push(options.nightHours ?? DEFAULT_NIGHT_HOURS);
    else if (EVENTS.has(item)) events = true;
    else if (!NOT_GIVEN.has(item)) throw new RowRejected(`c_disp_h "${hoursValue}" contains "${item}", which is not an hours value Géo'DAE defines.`);
  }
  if (days.size === 0 && !publicHolidays) return events ? 'unknown "événements"' : null;
  const time = allDay ? '00:00-24:00' : ranges.length > 0 ? ranges.join(',') : 'unknown';
  if (days.size === 7) return time === '00:00-24:00' ? '24/7' : `Mo-Su ${time}`;
  const selector = [weekdaySelector([...days].sort((a, b) => a - b)), publicHolidays ? 'PH' : ''].filter(Boolean).join(',');
  return `${selector} ${time}`;
}

function column(row: Record<string, string>, name: keyof typeof GEODAE_COLUMNS): string | null {
  return cleanText(row[name]);
}

function indoorOf(value: string | null): boolean | null {
  if (value === null) return null;
  const word = fold(value);
  if (word.startsWith('interieur')) return true;
  if (word.startsWith('exterieur')) return false;
  return null;
}

/**
 * Turns one CSV row (column name → value, names in lower case) into a record or
 * a rejection; `line` is reported with rejections.
 */
export function parseGeodaeRow(row: Record<string, string>, line: number, options: GeodaeImportOptions = {}): AedImportOutcome {
  let externalId: string | undefined;
  try {
    const id = column(row, 'c_gid') ?? column(row, 'gid');
    if (!id) throw new RowRejected('The row has no id (c_gid or gid).');
    externalId = `geodae:${id}`;
    const position = parseCoordinates(row.c_lat_coor1, row.c_long_coor1);
    const now = options.now ?? new Date();
    const freeAccess = parseYesNo(row.c_acc_lib);
    const state = column(row, 'c_etat_fonct');
    const description = [column(row, 'c_nom'), column(row, 'c_acc_complt')].filter(Boolean).join(' — ');
    const schedule = geodaeSchedule(column(row, 'c_disp_j'), column(row, 'c_disp_h'), options);
    const record: AedImportRecord = {
      externalId,
      lat: position.lat,
      lon: position.lon,
      locationDescription: description || null,
      indoor: indoorOf(column(row, 'c_acc')),
      floor: column(row, 'c_acc_etg'),
      access: freeAccess === null ? null : freeAccess ? 'PUBLIC' : 'RESTRICTED',
      locked: null,
      phone: column(row, 'c_expt_tel1'),
      owner: column(row, 'c_expt_rais'),
      brand: column(row, 'c_fab_rais'),
      model: column(row, 'c_modele'),
      serial: column(row, 'c_num_serie'),
      reference: null,
      schedule: parseSchedule(schedule, { countryCode: 'FR' }, { latitude: position.lat, longitude: position.lon }),
      batteryExpiresOn: parseExpiryDate(row.c_dtpr_bat, 'Battery expiry date (c_dtpr_bat)', now),
      padsExpireOn: parseExpiryDate(row.c_dtpr_lcad, 'Pads expiry date (c_dtpr_lcad)', now),
      lastCheckedOn: parseCheckDate(row.c_dermnt, 'Last maintenance date (c_dermnt)', now),
      operational: state === null ? null : (OPERATIONAL[fold(state)] ?? null),
    };
    return { ok: true, record };
  } catch (error) {
    if (!(error instanceof RowRejected)) throw error;
    return { ok: false, rejection: { source: 'geodae', line, ...(externalId ? { externalId } : {}), reason: error.message } };
  }
}

/** The separator used more often in the header line. */
function detectDelimiter(firstChunk: string): ',' | ';' {
  const header = firstChunk.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function checkHeader(names: string[], delimiter: string): void {
  const missing = [
    names.includes('c_gid') || names.includes('gid') ? undefined : 'c_gid or gid',
    names.includes('c_lat_coor1') ? undefined : 'c_lat_coor1',
    names.includes('c_long_coor1') ? undefined : 'c_long_coor1',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(
      `The Géo'DAE CSV lacks the column(s) ${missing.join(', ')} (separator "${delimiter}"; header read: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}).`,
    );
  }
}

/**
 * Yields one outcome per data row of a Géo'DAE CSV, streaming: `input` may be
 * the whole text, a Buffer, or a byte/text stream such as `fs.createReadStream`.
 * Rows the CSV reader cannot split (a stray quote) are rejected with their line.
 * @throws Error if the header lacks the id or coordinate columns.
 */
export async function* parseGeodaeCsv(
  input: string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: GeodaeImportOptions = {},
): AsyncGenerator<AedImportOutcome> {
  const source = typeof input === 'string' || input instanceof Uint8Array ? [input] : input;
  const chunks = (async function* () {
    yield* source;
  })();
  const first = await chunks.next();
  if (first.done) return;
  const delimiter = options.delimiter ?? detectDelimiter(Buffer.from(first.value).toString('utf8', 0, 64 * 1024));
  const malformed: AedImportRejection[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      malformed.push({ source: 'geodae', line: error?.lines, reason: `The CSV row cannot be read: ${error?.message ?? 'malformed'}.` });
      return undefined;
    },
  });
  const stream = Readable.from(
    (async function* () {
      yield first.value;
      yield* chunks;
    })(),
  );
  stream.on('error', (error) => parser.destroy(error));
  stream.pipe(parser);

  // The reader reports unreadable rows as soon as it meets them, possibly before
  // handing over the good rows above them; keep file order.
  const malformedBefore = function* (line: number): Generator<AedImportOutcome> {
    while (malformed.length > 0 && (malformed[0]!.line ?? 0) < line) yield { ok: false, rejection: malformed.shift()! };
  };
  let names: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* malformedBefore(info.lines);
    if (!names) {
      names = record.map((name) => name.trim().toLowerCase());
      checkHeader(names, delimiter);
      continue;
    }
    if (record.length !== names.length) {
      yield { ok: false, rejection: { source: 'geodae', line: info.lines, reason: `The row has ${record.length} fields where the header has ${names.length}.` } };
      continue;
    }
    const row: Record<string, string> = {};
    names.forEach((name, index) => (row[name] = record[index]!));
    yield parseGeodaeRow(row, info.lines, options);
  }
  yield* malformedBefore(Number.POSITIVE_INFINITY);
}
