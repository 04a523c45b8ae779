/**
 * Municipality boundaries: GeoJSON Polygon or MultiPolygon geometries in WGS 84
 * (`[longitude, latitude]`), validated before anything is stored, and the
 * point-in-boundary test behind `municipalityAt` (which region, so which
 * ambulance services, a position belongs to).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import booleanValid from '@turf/boolean-valid';
import kinks from '@turf/kinks';
import { METERS_PER_DEGREE } from '../../../common/earth.ts';
import { badInput } from '../../../common/errors.ts';

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
  return polygonsOf(boundary).some(([shell, ...holes]) => inRing(shell!, longitude, latitude) && !holes.some((hole) => inRing(hole, longitude, latitude)));
}

/** How far (in degrees, about 0.1 mm) a point may lie from an edge and still count as on it. */
const ON_EDGE_DEGREES = 1e-9;
/** How far (in degrees, about 1 cm) a point on a shared edge is moved to look at the interior beside it. */
const BESIDE_DEGREES = 1e-7;

type Point = [number, number];
type Edge = [Point, Point];

function edgesOf(boundary: Boundary): Edge[] {
  return polygonsOf(boundary).flatMap((rings) => rings.flatMap((ring) => ring.slice(1).map((position, index) => [ring[index]!, position] as unknown as Edge)));
}

/** Twice the signed area of the triangle o, a, b: > 0 when b lies left of o→a. */
function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function length([a, b]: Edge): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Distance of `p` from the line through the edge, signed by side. */
function sideOf(edge: Edge, p: Point): number {
  return cross(edge[0], edge[1], p) / length(edge);
}

function onEdge(edge: Edge, p: Point): boolean {
  const [a, b] = edge;
  const within =
    p[0] >= Math.min(a[0], b[0]) - ON_EDGE_DEGREES &&
    p[0] <= Math.max(a[0], b[0]) + ON_EDGE_DEGREES &&
    p[1] >= Math.min(a[1], b[1]) - ON_EDGE_DEGREES &&
    p[1] <= Math.max(a[1], b[1]) + ON_EDGE_DEGREES;
  return within && (length(edge) === 0 || Math.abs(sideOf(edge, p)) <= ON_EDGE_DEGREES);
}

/** Where the edges cross properly (each passes through the other's inside, not at an end), or null. */
function crossing(s: Edge, t: Edge): Point | null {
  if (length(s) === 0 || length(t) === 0) return null;
  const d1 = sideOf(t, s[0]);
  const d2 = sideOf(t, s[1]);
  const d3 = sideOf(s, t[0]);
  const d4 = sideOf(s, t[1]);
  const apart = (x: number, y: number) => Math.abs(x) > ON_EDGE_DEGREES && Math.abs(y) > ON_EDGE_DEGREES && Math.sign(x) !== Math.sign(y);
  if (!apart(d1, d2) || !apart(d3, d4)) return null;
  const f = d1 / (d1 - d2);
  return [s[0][0] + f * (s[1][0] - s[0][0]), s[0][1] + f * (s[1][1] - s[0][1])];
}

function boxesMeet(a: BoundingBox, b: BoundingBox): boolean {
  return a.minLatitude <= b.maxLatitude && b.minLatitude <= a.maxLatitude && a.minLongitude <= b.maxLongitude && b.minLongitude <= a.maxLongitude;
}

function edgeBox([a, b]: Edge): BoundingBox {
  return {
    minLatitude: Math.min(a[1], b[1]) - ON_EDGE_DEGREES,
    maxLatitude: Math.max(a[1], b[1]) + ON_EDGE_DEGREES,
    minLongitude: Math.min(a[0], b[0]) - ON_EDGE_DEGREES,
    maxLongitude: Math.max(a[0], b[0]) + ON_EDGE_DEGREES,
  };
}

/**
 * A point inside both boundaries, or null when they are apart or only touch
 * (share edges or corners from opposite sides). Neighbouring municipalities
 * share their border; a position may belong to one of them only.
 *
 * Interiors meet where edges cross properly, where a corner or a stretch of
 * one boundary's edge lies inside the other, or where both lie on the same
 * side of a shared stretch of edge; each edge is cut at the other boundary's
 * corners on it, and the middle of every piece is looked at.
 */
export function boundaryOverlap(a: Boundary, b: Boundary): { latitude: number; longitude: number } | null {
  const boxA = boundingBox(a);
  const boxB = boundingBox(b);
  if (!boxesMeet(boxA, boxB)) return null;
  const near = (edges: Edge[], box: BoundingBox) => edges.filter((edge) => boxesMeet(edgeBox(edge), box));
  const edgesA = near(edgesOf(a), boxB);
  const edgesB = near(edgesOf(b), boxA);
  const found = (point: Point) => ({ latitude: point[1], longitude: point[0] });

  for (const s of edgesA) {
    for (const t of edgesB) {
      const point = boxesMeet(edgeBox(s), edgeBox(t)) ? crossing(s, t) : null;
      if (point) return found(point);
    }
  }
  const strictlyInside = (boundary: Boundary, edges: Edge[], p: Point) => boundaryContains(boundary, p[1], p[0]) && !edges.some((edge) => onEdge(edge, p));
  for (const [own, other, ownEdges, otherEdges] of [
    [a, b, edgesA, edgesB],
    [b, a, edgesB, edgesA],
  ] as const) {
    const otherCorners = otherEdges.map((edge) => edge[0]);
    for (const edge of ownEdges) {
      const [start, end] = edge;
      if (strictlyInside(other, otherEdges, start)) return found(start);
      const box = edgeBox(edge);
      const span = length(edge);
      if (span === 0) continue;
      const cuts = [
        0,
        1,
        ...otherCorners
          .filter((corner) => corner[0] >= box.minLongitude && corner[0] <= box.maxLongitude && corner[1] >= box.minLatitude && corner[1] <= box.maxLatitude)
          .filter((corner) => onEdge(edge, corner))
          .map((corner) => Math.hypot(corner[0] - start[0], corner[1] - start[1]) / span),
      ].sort((x, y) => x - y);
      for (let index = 1; index < cuts.length; index += 1) {
        // A corner at an end, or two corners at one place, cut no piece.
        if ((cuts[index]! - cuts[index - 1]!) * span <= ON_EDGE_DEGREES) continue;
        const f = (cuts[index - 1]! + cuts[index]!) / 2;
        const middle: Point = [start[0] + f * (end[0] - start[0]), start[1] + f * (end[1] - start[1])];
        if (strictlyInside(other, otherEdges, middle)) return found(middle);
        if (!otherEdges.some((otherEdge) => onEdge(otherEdge, middle))) continue;
        // A shared stretch: look just beside it, on the own boundary's inside.
        const normal: Point = [(-(end[1] - start[1]) / span) * BESIDE_DEGREES, ((end[0] - start[0]) / span) * BESIDE_DEGREES];
        const left: Point = [middle[0] + normal[0], middle[1] + normal[1]];
        const right: Point = [middle[0] - normal[0], middle[1] - normal[1]];
        const beside = boundaryContains(own, left[1], left[0]) ? left : right;
        if (boundaryContains(other, beside[1], beside[0])) return found(middle);
      }
    }
  }
  return null;
}

/**
 * How far in metres a position lies outside the boundary: 0 inside or on it,
 * else the distance to its nearest edge. Measured in a flat projection around
 * the position, which is exact enough for a tolerance of hundreds of metres
 * and still names "900 km" as about 900 km.
 */
export function distanceOutside(boundary: Boundary, latitude: number, longitude: number): number {
  if (boundaryContains(boundary, latitude, longitude)) return 0;
  const scale = Math.cos((latitude * Math.PI) / 180);
  const project = ([x, y]: Point): Point => [(x - longitude) * scale * METERS_PER_DEGREE, (y - latitude) * METERS_PER_DEGREE];
  let nearest = Infinity;
  for (const [from, to] of edgesOf(boundary)) {
    const [ax, ay] = project(from);
    const [bx, by] = project(to);
    const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
    const f = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / lengthSquared));
    nearest = Math.min(nearest, Math.hypot(ax + f * (bx - ax), ay + f * (by - ay)));
  }
  return nearest;
}
