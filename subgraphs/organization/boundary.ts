/**
 * Municipality boundaries: GeoJSON Polygon or MultiPolygon geometries in WGS 84
 * (`[longitude, latitude]`), validated before anything is stored, and the
 * point-in-boundary test behind `municipalityAt` (which region, so which
 * ambulance services, a position belongs to).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import booleanValid from '@turf/boolean-valid';
import kinks from '@turf/kinks';
import { badInput } from '../../common/errors.ts';

export type Boundary = Polygon | MultiPolygon;

/** Enough for the most detailed Dutch municipality boundaries, small enough to refuse abuse. */
export const MAX_BOUNDARY_POSITIONS = 100_000;

/** The bounding box of a boundary, in degrees. */
export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
}

function invalid(reason: string): never {
  throw badInput(`The boundary is not a valid GeoJSON Polygon or MultiPolygon: ${reason}`, { field: 'boundary' });
}

function parsePosition(value: unknown, where: string): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) invalid(`${where} must be [longitude, latitude].`);
  const [longitude, latitude] = value as unknown[];
  if (typeof longitude !== 'number' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    invalid(`${where} has a longitude outside -180…180.`);
  }
  if (typeof latitude !== 'number' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    invalid(`${where} has a latitude outside -90…90.`);
  }
  // Altitude means nothing for a boundary; it is dropped.
  return [longitude, latitude];
}

function parseRing(value: unknown, where: string): Position[] {
  if (!Array.isArray(value)) invalid(`${where} must be an array of positions.`);
  const ring = value.map((position, index) => parsePosition(position, `${where}, position ${index}`));
  if (ring.length < 4) invalid(`${where} needs at least 4 positions (a closed triangle).`);
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) invalid(`${where} is not closed: its last position must equal its first.`);
  return ring;
}

function parsePolygon(value: unknown, where: string): Position[][] {
  if (!Array.isArray(value) || value.length === 0) invalid(`${where} must be a non-empty array of rings.`);
  return value.map((ring, index) => parseRing(ring, `${where}, ring ${index}`));
}

/**
 * Checks a GeoJSON geometry and returns it normalised (`type` and
 * `coordinates` only, no altitude). Throws BAD_USER_INPUT, saying why, for
 * anything but a well-formed Polygon or MultiPolygon whose rings are closed,
 * do not cross themselves or each other, and whose holes lie inside.
 */
export function parseBoundary(value: unknown): Boundary {
  if (!value || typeof value !== 'object' || Array.isArray(value)) invalid('expected a geometry object.');
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  let boundary: Boundary;
  if (type === 'Polygon') {
    boundary = { type, coordinates: parsePolygon(coordinates, 'the polygon') };
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) invalid('a MultiPolygon needs at least one polygon.');
    boundary = { type, coordinates: coordinates.map((polygon, index) => parsePolygon(polygon, `polygon ${index}`)) };
  } else {
    invalid(`type must be "Polygon" or "MultiPolygon", not ${JSON.stringify(type)}.`);
  }
  const positions = polygonsOf(boundary).flat(2).length;
  if (positions > MAX_BOUNDARY_POSITIONS) invalid(`it has ${positions} positions; at most ${MAX_BOUNDARY_POSITIONS} are accepted.`);
  const crossings = kinks(boundary).features;
  if (crossings.length > 0) {
    const [longitude, latitude] = crossings[0]!.geometry.coordinates;
    invalid(`it intersects itself (first at longitude ${longitude}, latitude ${latitude}).`);
  }
  // Catches what kinks does not, such as polygons of a MultiPolygon inside one another.
  if (!booleanValid(boundary)) invalid('its polygons or rings overlap.');
  // Rings do not cross (kinks), so a hole with a position inside its shell lies wholly inside it.
  for (const [shell, ...holes] of polygonsOf(boundary)) {
    if (holes.some((hole) => !hole.some(([longitude, latitude]) => inRing(shell!, longitude!, latitude!)))) {
      invalid('a hole lies outside its outer ring.');
    }
  }
  return boundary;
}

function polygonsOf(boundary: Boundary): Position[][][] {
  return boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
}

export function boundingBox(boundary: Boundary): BoundingBox {
  const box = { minLatitude: 90, maxLatitude: -90, minLongitude: 180, maxLongitude: -180 };
  for (const polygon of polygonsOf(boundary)) {
    // The outer ring bounds its holes.
    for (const [longitude, latitude] of polygon[0]!) {
      box.minLatitude = Math.min(box.minLatitude, latitude!);
      box.maxLatitude = Math.max(box.maxLatitude, latitude!);
      box.minLongitude = Math.min(box.minLongitude, longitude!);
      box.maxLongitude = Math.max(box.maxLongitude, longitude!);
    }
  }
  return box;
}

/** Even-odd ray casting: whether the point lies inside the ring (edges count as either). */
function inRing(ring: Position[], longitude: number, latitude: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]! as [number, number];
    const [xj, yj] = ring[j]! as [number, number];
    if (yi > latitude !== yj > latitude && longitude < ((xj - xi) * (latitude - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a position lies inside the boundary (inside an outer ring and outside its holes). */
export function boundaryContains(boundary: Boundary, latitude: number, longitude: number): boolean {
  return polygonsOf(boundary).some(
    ([shell, ...holes]) => inRing(shell!, longitude, latitude) && !holes.some((hole) => inRing(hole, longitude, latitude)),
  );
}
