import { describe, expect, it } from 'vitest';
import { destinationPoint, distanceMeters, isValidLatLon, offsetMeters } from './geo.ts';

const amsterdam = { lat: 52.3731, lon: 4.8922 };
const utrecht = { lat: 52.0907, lon: 5.1214 };

describe('geo', () => {
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
