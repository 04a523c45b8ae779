/**
 * A latitude/longitude box that one subgraph asks another to read in bulk
 * (the inputs of six-minute coverage), and the sphere around it through
 * which the `cube` GiST indexes (common/earth.ts) find what lies inside.
 */
import { chordOfDistance, distanceOfChord, earthPoint } from './earth.ts';
import { badInput } from './errors.ts';

/** A box in WGS 84 degrees. */
export interface Area {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Largest box read at once, in degrees each way: a security region with room to spare. */
export const MAXIMUM_AREA_DEGREES = 3;

/** Throws BAD_USER_INPUT unless `area` is a sensible box of at most {@link MAXIMUM_AREA_DEGREES} each way. */
export function checkArea(area: Area): void {
  const { south, west, north, east } = area;
  const finite = [south, west, north, east].every(Number.isFinite);
  if (!finite || south < -90 || north > 90 || west < -180 || east > 180 || south > north || west > east) {
    throw badInput('The area must be south ≤ north within ±90 and west ≤ east within ±180 degrees.');
  }
  if (north - south > MAXIMUM_AREA_DEGREES || east - west > MAXIMUM_AREA_DEGREES) {
    throw badInput(`The area may span at most ${MAXIMUM_AREA_DEGREES} degrees each way.`);
  }
}

/**
 * The earth point of the box's centre and the chord that reaches its
 * farthest corner (plus a metre): `earth_position <@ cube_enlarge(centre,
 * chord, 3)` then holds everything in the box, and an exact test on
 * latitude and longitude cuts the rest.
 */
export function sphereAround(area: Area): { centre: [number, number, number]; chord: number } {
  const centre = earthPoint((area.south + area.north) / 2, (area.west + area.east) / 2);
  const chordTo = (latitude: number, longitude: number) => {
    const [x, y, z] = earthPoint(latitude, longitude);
    return Math.hypot(x - centre[0], y - centre[1], z - centre[2]);
  };
  const farthest = Math.max(chordTo(area.south, area.west), chordTo(area.north, area.east), chordTo(area.south, area.east), chordTo(area.north, area.west));
  return { centre, chord: chordOfDistance(distanceOfChord(farthest) + 1) };
}
