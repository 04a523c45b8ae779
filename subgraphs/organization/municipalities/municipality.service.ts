/** Rules for municipalities, independent of GraphQL. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { countryCodeRefusal } from '../../../common/country.ts';
import { badInput, conflict, notFound } from '../../../common/errors.ts';
import { isTimeZone } from '../../../common/zoned-time.ts';
import { checkPosition } from '../../../common/geo.type.ts';
import { parseId } from '../../../common/ids.ts';
import { boundaryContains, boundaryOverlap, boundingBox, parseBoundary, type Boundary, type BoundingBox } from './boundary.ts';
import { sql, statement, type SqlQuery } from '../../../common/sql.ts';
import { Municipality } from './municipality.entity.ts';
import { getSecurityRegion, parseCode } from '../regions/security-region.service.ts';

export interface NewMunicipality {
  name: string;
  code: string;
  countryCode: string;
  timeZone: string;
  population?: number | null;
  regionId?: string | null;
  /** A GeoJSON Polygon or MultiPolygon, validated here. */
  boundary?: unknown;
}

/** Changes to a municipality: an absent field stays as it is; null clears it. */
export interface MunicipalityChanges {
  name?: string;
  /** A correction of the official code; unique. */
  code?: string;
  /** A correction of the country (ISO 3166-1 alpha-2); the other subgraphs' copies follow (volunteers and AEDs refresh them). */
  countryCode?: string;
  timeZone?: string;
  population?: number | null;
  regionId?: string | null;
  boundary?: unknown;
}

function checkName(value: string): string {
  const name = value.trim();
  if (!name) throw badInput('A municipality needs a name.');
  return name;
}

function checkCountryCode(code: string): string {
  const refusal = countryCodeRefusal(code);
  if (refusal) throw badInput(`${refusal}.`, { field: 'countryCode', reason: 'INVALID_COUNTRY_CODE' });
  return code;
}

/** Throws CONFLICT when another municipality (not `exceptId`) has the code. */
async function refuseTakenCode(em: EntityManager, code: string, exceptId?: string): Promise<void> {
  const taken = await em.count(Municipality, exceptId ? { code, id: { $ne: exceptId } } : { code });
  if (taken) throw conflict(`A municipality with code ${code} already exists.`, { field: 'code' });
}

function checkTimeZone(zone: string): string {
  if (!isTimeZone(zone)) throw badInput(`"${zone}" is not an IANA time zone.`);
  return zone;
}

function checkPopulation(population: number | null | undefined): number | null {
  if (population != null && (!Number.isInteger(population) || population < 0)) {
    throw badInput('population must be a whole number of 0 or more.');
  }
  return population ?? null;
}

/** The stored form of a boundary: the geometry and its bounding box (all null to clear). */
function boundaryColumns(value: unknown) {
  if (value === null) return { boundary: null, minLatitude: null, maxLatitude: null, minLongitude: null, maxLongitude: null };
  const boundary = parseBoundary(value);
  return { boundary, ...boundingBox(boundary) };
}

/**
 * Throws BAD_USER_INPUT naming the first municipality (not `exceptId`) whose
 * boundary overlaps this one: neighbours may share their border, but a
 * position must belong to one municipality, or its dispatcher is refused.
 */
async function refuseOverlap(em: EntityManager, columns: ReturnType<typeof boundaryColumns>, exceptId?: string): Promise<void> {
  if (!columns.boundary) return;
  const box = columns as BoundingBox;
  const neighbours = await em.find(
    Municipality,
    {
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
      boundary: { $ne: null },
      minLatitude: { $lte: box.maxLatitude },
      maxLatitude: { $gte: box.minLatitude },
      minLongitude: { $lte: box.maxLongitude },
      maxLongitude: { $gte: box.minLongitude },
    },
    { orderBy: { code: 'asc' } },
  );
  for (const neighbour of neighbours) {
    const point = boundaryOverlap(columns.boundary, neighbour.boundary!);
    if (!point) continue;
    throw badInput(
      `The boundary overlaps that of ${neighbour.name} (${neighbour.code}), e.g. at latitude ${point.latitude.toFixed(6)}, longitude ${point.longitude.toFixed(6)}; neighbouring boundaries may touch but not overlap.`,
      { field: 'boundary', reason: 'BOUNDARY_OVERLAP', municipalityId: neighbour.id },
    );
  }
}

export async function createMunicipality(em: EntityManager, input: NewMunicipality): Promise<Municipality> {
  const name = checkName(input.name);
  const code = parseCode(input.code, 'municipality');
  checkCountryCode(input.countryCode);
  checkTimeZone(input.timeZone);
  const population = checkPopulation(input.population);
  const boundary = input.boundary == null ? {} : boundaryColumns(input.boundary);
  if (input.boundary != null) await refuseOverlap(em, boundary as ReturnType<typeof boundaryColumns>);
  const regionId = input.regionId == null ? null : (await getSecurityRegion(em, input.regionId)).id;
  await refuseTakenCode(em, code);
  const municipality = em.create(Municipality, {
    name,
    code,
    countryCode: input.countryCode,
    timeZone: input.timeZone,
    population,
    regionId,
    ...boundary,
  });
  await em.flush();
  return municipality;
}

export async function updateMunicipality(em: EntityManager, id: string, changes: MunicipalityChanges): Promise<Municipality> {
  const municipality = await getMunicipality(em, id);
  // Everything is checked before anything is assigned, so a refusal changes nothing.
  const update: Partial<Municipality> = {};
  if (changes.name !== undefined) update.name = checkName(changes.name);
  if (changes.code !== undefined) update.code = parseCode(changes.code, 'municipality');
  if (changes.countryCode !== undefined) update.countryCode = checkCountryCode(changes.countryCode);
  if (changes.timeZone !== undefined) update.timeZone = checkTimeZone(changes.timeZone);
  if (changes.population !== undefined) update.population = checkPopulation(changes.population);
  if (changes.boundary !== undefined) {
    const columns = boundaryColumns(changes.boundary);
    await refuseOverlap(em, columns, municipality.id);
    Object.assign(update, columns);
  }
  if (changes.regionId !== undefined) {
    update.regionId = changes.regionId === null ? null : (await getSecurityRegion(em, changes.regionId)).id;
  }
  if (update.code !== undefined && update.code !== municipality.code) await refuseTakenCode(em, update.code, municipality.id);
  em.assign(municipality, update);
  await em.flush();
  return municipality;
}

export async function getMunicipality(em: EntityManager, id: string): Promise<Municipality> {
  const municipality = await em.findOne(Municipality, { id: parseId(id, 'Municipality') });
  if (!municipality) throw notFound('Municipality', id);
  return municipality;
}

/** The municipalities with these ids, in the order given; NOT_FOUND names the first that does not exist. */
export async function getMunicipalities(em: EntityManager, ids: string[]): Promise<Municipality[]> {
  const wanted = [...new Set(ids.map((id) => parseId(id, 'Municipality')))];
  const found = new Map((await em.find(Municipality, { id: { $in: wanted } })).map((row) => [row.id, row]));
  const missing = wanted.find((id) => !found.has(id));
  if (missing) throw notFound('Municipality', missing);
  return wanted.map((id) => found.get(id)!);
}

/** Where a position lies: the municipality's id, region, zone and country. */
export type Place = Pick<Municipality, 'id' | 'regionId' | 'timeZone' | 'countryCode'>;

/** The municipalities whose bounding box holds the point, by code; prepared, as locate runs on every report. */
const MUNICIPALITIES_AROUND = statement(
  'organization.municipalities-around',
  `select id, region_id, time_zone, country_code, boundary from organization.municipality
   where min_latitude <= ? and max_latitude >= ? and min_longitude <= ? and max_longitude >= ?
   order by code`,
);

/**
 * The municipality whose boundary contains the position, or null. Where two
 * boundaries share an edge the point lies on, the lower code wins, so the
 * answer never depends on row order. Read without the ORM: the dispatch path
 * asks it for every report, and building the ORM's query cost it 1.7 ms.
 */
export async function placeAt(em: EntityManager, position: { latitude: number; longitude: number }): Promise<Place | null> {
  const { latitude, longitude } = checkPosition(position);
  const candidates = await sql<{ id: string; region_id: string | null; time_zone: string; country_code: string; boundary: Boundary | null }>(em, MUNICIPALITIES_AROUND, [
    latitude,
    latitude,
    longitude,
    longitude,
  ]);
  const found = candidates.find((candidate) => candidate.boundary && boundaryContains(candidate.boundary, latitude, longitude));
  return found ? { id: found.id, regionId: found.region_id, timeZone: found.time_zone, countryCode: found.country_code } : null;
}

/** Runs the locate's read once, at 0° 0° where no municipality lies (common/database.ts `warmDispatchLane`). */
export async function warmPlaceAt(query: SqlQuery): Promise<void> {
  await query(MUNICIPALITIES_AROUND, [0, 0, 0, 0]);
}

/** The municipality (entity) whose boundary contains the position, or null (see {@link placeAt}). */
export async function municipalityAt(em: EntityManager, position: { latitude: number; longitude: number }): Promise<Municipality | null> {
  const place = await placeAt(em, position);
  return place ? em.findOneOrFail(Municipality, { id: place.id }) : null;
}
