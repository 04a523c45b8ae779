import { describe, expect, it } from 'vitest';
import { boundaryContains, boundaryOverlap, boundingBox, distanceOutside, parseBoundary, type Boundary } from './boundary.ts';

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('parseBoundary', () => {
  it('accepts a polygon with a hole and drops altitude and foreign members', () => {
    const boundary = parseBoundary({
      type: 'Polygon',
      coordinates: [square(5, 51, 1).map(([x, y]) => [x, y, 12]), square(5.4, 51.4, 0.2)],
      bbox: [5, 51, 6, 52],
    });
    expect(boundary).toEqual({ type: 'Polygon', coordinates: [square(5, 51, 1), square(5.4, 51.4, 0.2)] });
  });

  it('accepts a MultiPolygon of separate islands', () => {
    expect(parseBoundary({ type: 'MultiPolygon', coordinates: [[square(5, 51, 0.1)], [square(6, 52, 0.1)]] }).type).toBe('MultiPolygon');
  });

  it.each([
    ['not an object', 'Polygon', /geometry object/],
    ['a point', { type: 'Point', coordinates: [5, 51] }, /type must be/],
    ['an open ring', { type: 'Polygon', coordinates: [square(5, 51, 1).slice(0, 4)] }, /not closed/],
    [
      'too few positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 51],
            [6, 51],
            [5, 51],
          ],
        ],
      },
      /at least 4/,
    ],
    [
      'a latitude out of range',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 91],
            [6, 51],
            [6, 52],
            [5, 91],
          ],
        ],
      },
      /latitude/,
    ],
    [
      'NaN',
      {
        type: 'Polygon',
        coordinates: [
          [
            [Number.NaN, 51],
            [6, 51],
            [6, 52],
            [Number.NaN, 51],
          ],
        ],
      },
      /longitude/,
    ],
    [
      'a bow tie',
      {
        type: 'Polygon',
        coordinates: [
          [
            [5, 51],
            [6, 52],
            [6, 51],
            [5, 52],
            [5, 51],
          ],
        ],
      },
      /intersects itself/,
    ],
    ['overlapping polygons', { type: 'MultiPolygon', coordinates: [[square(5, 51, 1)], [square(5.5, 51.5, 1)]] }, /intersects itself|overlap/],
    ['a hole outside its shell', { type: 'Polygon', coordinates: [square(5, 51, 1), square(7, 53, 0.1)] }, /overlap|hole/],
    ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, /at least one polygon/],
  ])('refuses %s with BAD_USER_INPUT', (_name, value, message) => {
    expect(() => parseBoundary(value)).toThrow(message);
    try {
      parseBoundary(value);
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('boundaryContains', () => {
  const boundary = parseBoundary({ type: 'Polygon', coordinates: [square(5, 51, 1), square(5.4, 51.4, 0.2)] });

  it('finds points inside the shell and outside the hole', () => {
    expect(boundaryContains(boundary, 51.2, 5.2)).toBe(true);
    expect(boundaryContains(boundary, 51.5, 5.5)).toBe(false);
    expect(boundaryContains(boundary, 52.5, 5.5)).toBe(false);
  });

  it('gives the bounding box of the outer rings', () => {
    expect(boundingBox(boundary)).toEqual({ minLatitude: 51, maxLatitude: 52, minLongitude: 5, maxLongitude: 6 });
  });
});

describe('boundaryOverlap', () => {
  const polygon = (...rings: number[][][]): Boundary => ({ type: 'Polygon', coordinates: rings });
  const base = polygon(square(5, 51, 1));

  it.each([
    ['apart', polygon(square(7, 51, 1))],
    ['sharing an edge', polygon(square(6, 51, 1))],
    ['sharing part of an edge, with corners on it', polygon(square(6, 51.25, 0.5))],
    ['touching at a corner', polygon(square(6, 52, 1))],
    ['inside its hole', polygon(square(5.4, 51.4, 0.2))],
    [
      'an L around it, sharing two edges',
      polygon([
        [6, 51],
        [7, 51],
        [7, 53],
        [5, 53],
        [5, 52],
        [6, 52],
        [6, 51],
      ]),
    ],
  ])('is null for neighbours %s', (_, other) => {
    const withHole = polygon(square(5, 51, 1), square(5.4, 51.4, 0.2));
    expect(boundaryOverlap(withHole, other)).toBeNull();
    expect(boundaryOverlap(other, withHole)).toBeNull();
  });

  it.each([
    ['crossing edges', polygon(square(5.5, 51.5, 1))],
    ['inside', polygon(square(5.2, 51.2, 0.2))],
    ['around it', polygon(square(4, 50, 3))],
    ['the same', polygon(square(5, 51, 1))],
    ['on the same side of a shared edge', polygon(square(5, 51, 0.5))],
    [
      'corners on the other’s edges, through its inside',
      polygon([
        [5, 51.5],
        [5.5, 51],
        [6, 51.5],
        [5.5, 52],
        [5, 51.5],
      ]),
    ],
    ['one polygon of a MultiPolygon', { type: 'MultiPolygon', coordinates: [[square(8, 51, 1)], [square(5.9, 51.9, 0.2)]] } as Boundary],
  ])('names a point inside both for %s', (_, other) => {
    for (const [first, second] of [
      [base, other],
      [other, base],
    ]) {
      const point = boundaryOverlap(first!, second!);
      expect(point).not.toBeNull();
      expect(boundaryContains(base, point!.latitude, point!.longitude) || boundaryContains(other, point!.latitude, point!.longitude)).toBe(true);
    }
  });
});

describe('distanceOutside', () => {
  const boundary: Boundary = { type: 'Polygon', coordinates: [square(5, 51, 1)] };

  it('is 0 inside and on the boundary', () => {
    expect(distanceOutside(boundary, 51.5, 5.5)).toBe(0);
    expect(distanceOutside(boundary, 51, 5.5)).toBe(0);
  });

  it('is the distance to the nearest edge outside: 0.01° of latitude is about 1,112 m', () => {
    expect(distanceOutside(boundary, 52.01, 5.5)).toBeCloseTo(1112, -1);
    expect(distanceOutside(boundary, 59.86, 17.64) / 1000).toBeGreaterThan(900);
  });
});
