import { describe, expect, it } from 'vitest';
import { chordOfDistance, destinationPoint, distanceMeters, distanceOfChord, earthPoint, EARTH_RADIUS_METERS, isValidLatLon, offsetMeters } from './earth.ts';

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

const amsterdam = { lat: 52.3731, lon: 4.8922 };
const utrecht = { lat: 52.0907, lon: 5.1214 };

describe('distances on the earth', () => {
  it('measures great-circle distances with the haversine formula', () => {
    expect(distanceMeters(amsterdam, amsterdam)).toBe(0);
    // One degree of latitude on the mean-radius sphere: 6371008.8 × π / 180 = 111195.08 m.
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195.08, 1);
    // Amsterdam Centraal to Utrecht Centraal, about 34.9 km as the crow flies.
    expect(distanceMeters(amsterdam, utrecht) / 1000).toBeCloseTo(34.9, 0);
    expect(distanceMeters(amsterdam, utrecht)).toBe(distanceMeters(utrecht, amsterdam));
  });

  it('places points at a distance and bearing, and back again', () => {
    for (const bearing of [0, 45, 90, 200, 315]) {
      const point = destinationPoint(amsterdam, bearing, 750);
      expect(distanceMeters(amsterdam, point)).toBeCloseTo(750, 6);
    }
    expect(destinationPoint({ lat: 0, lon: 179.999 }, 90, 1000).lon).toBeLessThan(-179);
  });

  it('offsets by metres north and east like a neighbourhood map (3-4-5 triangle)', () => {
    const north = offsetMeters(amsterdam, 300, 0);
    const east = offsetMeters(amsterdam, 0, 400);
    expect(distanceMeters(amsterdam, north)).toBeCloseTo(300, 3);
    expect(distanceMeters(amsterdam, east)).toBeCloseTo(400, 3);
    expect(distanceMeters(north, east)).toBeCloseTo(500, 1);
  });

  it('tells usable positions from nonsense', () => {
    expect(isValidLatLon(amsterdam)).toBe(true);
    expect(isValidLatLon({ lat: 91, lon: 0 })).toBe(false);
    expect(isValidLatLon({ lat: 0, lon: -181 })).toBe(false);
    expect(isValidLatLon({ lat: Number.NaN, lon: 0 })).toBe(false);
  });
});
