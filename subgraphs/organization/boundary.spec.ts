import { describe, expect, it } from 'vitest';
import { boundaryContains, boundingBox, parseBoundary } from './boundary.ts';

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
    ['too few positions', { type: 'Polygon', coordinates: [[[5, 51], [6, 51], [5, 51]]] }, /at least 4/],
    ['a latitude out of range', { type: 'Polygon', coordinates: [[[5, 91], [6, 51], [6, 52], [5, 91]]] }, /latitude/],
    ['NaN', { type: 'Polygon', coordinates: [[[Number.NaN, 51], [6, 51], [6, 52], [Number.NaN, 51]]] }, /longitude/],
    ['a bow tie', { type: 'Polygon', coordinates: [[[5, 51], [6, 52], [6, 51], [5, 52], [5, 51]]] }, /intersects itself/],
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
