import { describe, expect, it } from 'vitest';
import { chordOfDistance, distanceOfChord, earthPoint, EARTH_RADIUS_METERS } from './earth.ts';

function chord(a: [number, number], b: [number, number]): number {
  const [x1, y1, z1] = earthPoint(...a);
  const [x2, y2, z2] = earthPoint(...b);
  return Math.hypot(x1 - x2, y1 - y2, z1 - z2);
}

describe('earth positions', () => {
  it('turns a chord into the great-circle distance and back', () => {
    // Amsterdam Centraal to Utrecht Centraal: about 35.2 km as the crow flies.
    const distance = distanceOfChord(chord([52.3789, 4.9003], [52.0894, 5.1101]));
    expect(distance).toBeGreaterThan(35_100);
    expect(distance).toBeLessThan(35_300);
    expect(chordOfDistance(distance)).toBeCloseTo(chord([52.3789, 4.9003], [52.0894, 5.1101]), 6);
  });

  it('is exact across the antimeridian and at the poles', () => {
    // One degree of longitude on the equator, across 180°.
    expect(distanceOfChord(chord([0, 179.5], [0, -179.5]))).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_METERS, 3);
    expect(distanceOfChord(chord([90, 0], [-90, 0]))).toBeCloseTo(Math.PI * EARTH_RADIUS_METERS, 3);
  });

  it('caps distances beyond half the circumference', () => {
    expect(chordOfDistance(1e9)).toBeCloseTo(2 * EARTH_RADIUS_METERS, 6);
  });
});
