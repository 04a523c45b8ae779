/**
 * Nearest-first search on PostgreSQL without PostGIS: a position becomes a
 * 3-D point on a spherical earth (earth-centred coordinates in metres) held
 * in the `cube` extension's type. The straight-line (chord) distance between
 * two such points grows strictly with their great-circle distance, so a GiST
 * index on the cube answers "within r metres" (`<@ cube_enlarge(centre, chord, 3)`)
 * and "nearest first" (`<->`, KNN) exactly, anywhere on earth, with only the
 * trusted `cube` extension (created in schema `public`; every use is
 * schema-qualified, so no search_path is assumed).
 */

/** Radius of the spherical earth in metres (IUGG mean radius). */
export const EARTH_RADIUS_METERS = 6_371_008.8;

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
