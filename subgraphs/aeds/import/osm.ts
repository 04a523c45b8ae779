/**
 * Reads an OpenStreetMap defibrillator export: a GeoJSON FeatureCollection of
 * Point features carrying OSM tags, as produced by overpass-turbo's export
 * (tags directly in `properties`, id `node/123` in `id` or `properties['@id']`)
 * or by osmtogeojson (tags in `properties.tags`, id in `properties.type`/`id`).
 *
 * Tags read (https://wiki.openstreetmap.org/wiki/Tag:emergency=defibrillator):
 * `emergency=defibrillator` (required), `opening_hours`, `access`, `indoor`,
 * `level`, `locked`, `defibrillator:location` (or a language variant such as
 * `defibrillator:location:nl`, or `description`), `phone` (or `contact:phone`,
 * or `emergency:phone`), `operator`, `brand` (or `manufacturer`), `model`,
 * `serial_number`, `ref`, `operational_status`.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { HolidayRegion } from '../availability/availability.ts';
import {
  cleanText,
  fold,
  parseCoordinates,
  parseSchedule,
  parseYesNo,
  RowRejected,
  type AedAccess,
  type AedImportOptions,
  type AedImportOutcome,
  type AedImportRecord,
} from './record.ts';

/** Options for {@link parseOsmDefibrillators}. */
export interface OsmImportOptions extends AedImportOptions {
  /**
   * Country (and region) of the export, so that schedules using public holidays
   * (`PH off`) are checked against that country's holidays. Without it only
   * their syntax is checked.
   */
  region?: HolidayRegion;
}

const OSM_ID = /^(node|way|relation)\/(\d+)$/;

const ACCESS: Record<string, AedAccess> = {
  yes: 'PUBLIC',
  public: 'PUBLIC',
  permissive: 'PUBLIC',
  customers: 'RESTRICTED',
  permit: 'RESTRICTED',
  destination: 'RESTRICTED',
  designated: 'RESTRICTED',
  delivery: 'RESTRICTED',
  residents: 'RESTRICTED',
  members: 'RESTRICTED',
  private: 'PRIVATE',
  no: 'PRIVATE',
  employees: 'PRIVATE',
  staff: 'PRIVATE',
};

/** `indoor` also takes indoor-mapping values naming the kind of space, all of them inside. */
const INDOOR_SPACES = new Set(['room', 'area', 'corridor', 'level', 'wall', 'door']);

const OPERATIONAL: Record<string, boolean> = {
  ok: true,
  operational: true,
  broken: false,
  out_of_order: false,
  out_of_service: false,
  needs_maintenance: false,
  closed: false,
  missing: false,
};

type Tags = Record<string, unknown>;

function tagsOf(properties: Record<string, unknown>): Tags {
  const nested = properties.tags;
  return nested && typeof nested === 'object' && !Array.isArray(nested) ? (nested as Tags) : properties;
}

function osmIdOf(feature: Feature, properties: Record<string, unknown>): string | undefined {
  for (const candidate of [feature.id, properties['@id'], properties.id]) {
    if (typeof candidate === 'string' && OSM_ID.test(candidate.trim())) return candidate.trim();
  }
  // osmtogeojson: the element type and numeric id in separate properties.
  const type = properties.type;
  const id = properties.id ?? feature.id;
  if ((type === 'node' || type === 'way' || type === 'relation') && /^\d+$/.test(String(id))) return `${type}/${id}`;
  return undefined;
}

function locationDescriptionOf(tags: Tags): string | null {
  const exact = cleanText(tags['defibrillator:location']);
  if (exact) return exact;
  for (const [key, value] of Object.entries(tags)) {
    if (key.startsWith('defibrillator:location:')) {
      const localized = cleanText(value);
      if (localized) return localized;
    }
  }
  return cleanText(tags.description);
}

function indoorOf(value: unknown): boolean | null {
  const raw = cleanText(value);
  if (raw === null) return null;
  return INDOOR_SPACES.has(fold(raw)) ? true : parseYesNo(raw);
}

/** Looks up a tag value in `table`; of a `;`-separated list (OSM's way of giving several values) the first counts. */
function lookup<T>(table: Record<string, T>, value: unknown): T | null {
  const raw = cleanText(value);
  if (raw === null) return null;
  return table[fold(raw.split(';')[0]!)] ?? null;
}

/**
 * Turns one GeoJSON feature into a record or a rejection. `featureIndex` is its
 * position in the collection, reported with rejections.
 */
export function parseOsmFeature(feature: unknown, featureIndex: number, options: OsmImportOptions = {}): AedImportOutcome {
  let externalId: string | undefined;
  try {
    if (!feature || typeof feature !== 'object' || (feature as Feature).type !== 'Feature') throw new RowRejected('This is not a GeoJSON Feature.');
    const typed = feature as Feature;
    const properties = (typed.properties ?? {}) as Record<string, unknown>;
    const osmId = osmIdOf(typed, properties);
    if (!osmId) throw new RowRejected('The feature has no OpenStreetMap id such as "node/123".');
    externalId = `osm:${osmId}`;
    const tags = tagsOf(properties);
    if (cleanText(tags.emergency) !== 'defibrillator') {
      throw new RowRejected(`The feature is not tagged emergency=defibrillator (emergency=${cleanText(tags.emergency) ?? 'missing'}).`);
    }
    const geometry = typed.geometry;
    if (geometry?.type !== 'Point') {
      throw new RowRejected(`The geometry is ${geometry ? `a ${geometry.type}` : 'missing'}; export defibrillators as points (Overpass "out center").`);
    }
    const [lon, lat] = geometry.coordinates;
    const position = parseCoordinates(lat, lon);
    const record: AedImportRecord = {
      externalId,
      lat: position.lat,
      lon: position.lon,
      locationDescription: locationDescriptionOf(tags),
      indoor: indoorOf(tags.indoor),
      floor: cleanText(tags.level),
      access: lookup(ACCESS, tags.access),
      locked: parseYesNo(tags.locked),
      phone: cleanText(tags.phone) ?? cleanText(tags['contact:phone']) ?? cleanText(tags['emergency:phone']),
      owner: cleanText(tags.operator),
      brand: cleanText(tags.brand) ?? cleanText(tags.manufacturer),
      model: cleanText(tags.model),
      serial: cleanText(tags.serial_number),
      reference: cleanText(tags.ref),
      schedule: parseSchedule(cleanText(tags.opening_hours), options.region, { latitude: position.lat, longitude: position.lon }),
      batteryExpiresOn: null,
      padsExpireOn: null,
      lastCheckedOn: null,
      operational: lookup(OPERATIONAL, tags.operational_status),
    };
    return { ok: true, record };
  } catch (error) {
    if (!(error instanceof RowRejected)) throw error;
    return { ok: false, rejection: { source: 'osm', featureIndex, ...(externalId ? { externalId } : {}), reason: error.message } };
  }
}

/**
 * Yields one outcome per feature of an OSM defibrillator export, lazily, so a
 * caller can write records in batches. A file that is not a FeatureCollection at
 * all is an error, not a list of rejections.
 * @throws Error if `collection` is not a GeoJSON FeatureCollection.
 */
export function* parseOsmDefibrillators(collection: unknown, options: OsmImportOptions = {}): Generator<AedImportOutcome> {
  const typed = collection as FeatureCollection | null;
  if (!typed || typeof typed !== 'object' || typed.type !== 'FeatureCollection' || !Array.isArray(typed.features)) {
    throw new Error('The OSM export is not a GeoJSON FeatureCollection.');
  }
  for (let index = 0; index < typed.features.length; index++) {
    yield parseOsmFeature(typed.features[index], index, options);
  }
}
