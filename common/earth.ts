/**
 * Geometry on a spherical earth, the one sphere every subgraph measures on.
 * A sphere is off from the WGS84 ellipsoid by less than 0.5%, far below the
 * uncertainty of where a volunteer really is.
 *
 * Distances: great-circle (haversine) distance, a point at a bearing and
 * distance, and a local north/east offset, enough for dispatch decisions
 * within a few kilometres.
 *
 * Nearest-first search on PostgreSQL without PostGIS: a position becomes a
 * 3-D point on a spherical earth (earth-centred coordinates in metres) held
 * in the `cube` extension's type. The straight-line (chord) distance between
 * two such points grows strictly with their great-circle distance, so a GiST
 * index on the cube answers "within r metres" (`<@ cube_enlarge(centre, chord, 3)`)
 * and "nearest first" (`<->`, KNN) exactly, anywhere on earth, with only the
 * trusted `cube` extension (created in schema `public`; every use is
 * schema-qualified, so no search_path is assumed).
 */

/** Radius of the spherical earth in metres (IUGG mean radius, the usual choice for the haversine formula). */
export const EARTH_RADIUS_METERS = 6_371_008.8;

/** Metres per degree of latitude (and of longitude on the equator) on this sphere: 111,195.08. */
export const METERS_PER_DEGREE = (EARTH_RADIUS_METERS * Math.PI) / 180;

/** A WGS84 position in decimal degrees. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle ("as the crow flies") distance in metres between two positions (haversine formula). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  // min() guards against rounding pushing h a hair above 1 for antipodal points.
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The position reached from `origin` after `meters` along the initial compass
 * `bearingDegrees` (0 = north, 90 = east). Used to place things at known
 * distances, e.g. in tests and simulations.
 */
export function destinationPoint(origin: LatLon, bearingDegrees: number, meters: number): LatLon {
  const angular = meters / EARTH_RADIUS_METERS;
  const bearing = toRadians(bearingDegrees);
  const lat1 = toRadians(origin.lat);
  const lon1 = toRadians(origin.lon);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing));
  const lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1), Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2));
  // Normalise to [-180, 180) so positions near the antimeridian stay comparable.
  return { lat: toDegrees(lat2), lon: ((toDegrees(lon2) + 540) % 360) - 180 };
}

/**
 * The position `northMeters` north and `eastMeters` east of `origin` on a local
 * flat grid: the way a person reads a map of a neighbourhood. Off by at most a
 * few centimetres over the one or two kilometres a dispatch covers.
 */
export function offsetMeters(origin: LatLon, northMeters: number, eastMeters: number): LatLon {
  const lat = origin.lat + toDegrees(northMeters / EARTH_RADIUS_METERS);
  const lon = origin.lon + toDegrees(eastMeters / (EARTH_RADIUS_METERS * Math.cos(toRadians(origin.lat))));
  return { lat, lon };
}

/** Whether a value is a usable position: finite, latitude within ±90 and longitude within ±180. */
export function isValidLatLon(value: LatLon): boolean {
  return Number.isFinite(value.lat) && Number.isFinite(value.lon) && Math.abs(value.lat) <= 90 && Math.abs(value.lon) <= 180;
}

/** Earth-centred coordinates in metres of a WGS 84 position, on the spherical earth. */
export function earthPoint(latitude: number, longitude: number): [number, number, number] {
  const lat = (latitude * Math.PI) / 180;
  const lon = (longitude * Math.PI) / 180;
  return [EARTH_RADIUS_METERS * Math.cos(lat) * Math.cos(lon), EARTH_RADIUS_METERS * Math.cos(lat) * Math.sin(lon), EARTH_RADIUS_METERS * Math.sin(lat)];
}

/** SQL for the earth-centred `public.cube` of two SQL expressions giving latitude and longitude in degrees (immutable, fit for a generated column). */
export function earthPointSql(latitude: string, longitude: string): string {
  const r = EARTH_RADIUS_METERS;
  return (
    `public.cube(array[${r} * cos(radians(${latitude})) * cos(radians(${longitude})), ` +
    `${r} * cos(radians(${latitude})) * sin(radians(${longitude})), ${r} * sin(radians(${latitude}))]::float8[])`
  );
}

/** The chord length (what `<->` between two earth points returns) of a great-circle distance in metres. */
export function chordOfDistance(meters: number): number {
  const angle = Math.min(meters / EARTH_RADIUS_METERS, Math.PI);
  return 2 * EARTH_RADIUS_METERS * Math.sin(angle / 2);
}

/** The great-circle distance in metres of a chord length. */
export function distanceOfChord(chord: number): number {
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, chord / (2 * EARTH_RADIUS_METERS)));
}
