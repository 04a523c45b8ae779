/**
 * The grid coverage is measured on: H3 hexagonal cells (h3-js) covering a
 * municipality's boundary, each cell's centre standing for a patient there.
 * A cell belongs to the municipality when its centre lies inside the
 * boundary (H3's `polygonToCells`), so neighbouring municipalities share no
 * cell. Hexagons have one kind of neighbour (every centre equally far from
 * the six around it), which suits distances in all directions.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { cellToBoundary, cellToLatLng, getHexagonAreaAvg, polygonToCells, UNITS } from 'h3-js';
import type { Area } from '../../../common/area.ts';
import { METERS_PER_DEGREE } from '../../../common/earth.ts';
import { badInput } from '../../../common/errors.ts';

/** Cell resolutions offered: 7 (about 5 km² a cell) to 10 (about 0.015 km²); 9 (about 0.1 km², 170 m edges) by default. */
export const RESOLUTIONS = { minimum: 7, maximum: 10, default: 9 } as const;

/** More cells than this for one municipality is a resolution too fine for it. */
export const MAXIMUM_CELLS = 60_000;

/** A municipality's boundary, as the organization subgraph keeps it. */
export type Boundary = Polygon | MultiPolygon;

/** The cells of a municipality and their centres. */
export interface Grid {
  cells: string[];
  latitudes: Float64Array;
  longitudes: Float64Array;
}

/** BAD_USER_INPUT unless `resolution` is one of {@link RESOLUTIONS}. */
export function checkResolution(resolution: number): number {
  if (!Number.isInteger(resolution) || resolution < RESOLUTIONS.minimum || resolution > RESOLUTIONS.maximum) {
    throw badInput(`resolution must be a whole number from ${RESOLUTIONS.minimum} (cells of about 5 km²) to ${RESOLUTIONS.maximum} (about 0.015 km²).`, {
      field: 'resolution',
    });
  }
  return resolution;
}

function polygonsOf(boundary: Boundary): number[][][][] {
  return boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
}

function boundingBoxOf(boundary: Boundary): Area {
  const box = { south: 90, north: -90, west: 180, east: -180 };
  for (const polygon of polygonsOf(boundary)) {
    for (const [longitude, latitude] of polygon[0]!) {
      box.south = Math.min(box.south, latitude!);
      box.north = Math.max(box.north, latitude!);
      box.west = Math.min(box.west, longitude!);
      box.east = Math.max(box.east, longitude!);
    }
  }
  return box;
}

/** The square kilometres of the boundary's bounding box, for a quick upper bound on the number of cells. */
function boundingSquareKilometres(boundary: Boundary): number {
  const { south, north, west, east } = boundingBoxOf(boundary);
  const middle = ((south + north) / 2) * (Math.PI / 180);
  return (north - south) * 111.2 * (east - west) * 111.2 * Math.cos(middle);
}

/**
 * The box around the boundary widened by `meters` on every side: everything
 * within that distance of a cell centre (which all lie inside the boundary).
 */
export function areaAround(boundary: Boundary, meters: number): Area {
  const box = boundingBoxOf(boundary);
  // A few metres more than asked: the box is measured on a sphere, the peers' distances too, but rounding is not.
  const latitudeMargin = (meters + 10) / METERS_PER_DEGREE;
  const widest = Math.max(Math.abs(box.south), Math.abs(box.north)) + latitudeMargin;
  const longitudeMargin = (meters + 10) / (METERS_PER_DEGREE * Math.cos((Math.min(widest, 89) * Math.PI) / 180));
  return {
    south: Math.max(-90, box.south - latitudeMargin),
    north: Math.min(90, box.north + latitudeMargin),
    west: Math.max(-180, box.west - longitudeMargin),
    east: Math.min(180, box.east + longitudeMargin),
  };
}

/**
 * The cells at `resolution` whose centres lie inside the boundary, in H3
 * index order (the same boundary always gives the same list).
 * @throws BAD_USER_INPUT when that would be more than {@link MAXIMUM_CELLS}.
 */
export function gridOf(boundary: Boundary, resolution: number): Grid {
  const estimate = boundingSquareKilometres(boundary) / getHexagonAreaAvg(resolution, UNITS.km2);
  if (estimate > MAXIMUM_CELLS * 1.5) {
    throw badInput(`At resolution ${resolution} this municipality has about ${Math.round(estimate)} cells; choose a coarser resolution.`, { field: 'resolution' });
  }
  const cells = new Set<string>();
  for (const polygon of polygonsOf(boundary)) for (const cell of polygonToCells(polygon, resolution, true)) cells.add(cell);
  if (cells.size > MAXIMUM_CELLS) {
    throw badInput(`At resolution ${resolution} this municipality has ${cells.size} cells, more than ${MAXIMUM_CELLS}; choose a coarser resolution.`, { field: 'resolution' });
  }
  const sorted = [...cells].sort();
  const latitudes = new Float64Array(sorted.length);
  const longitudes = new Float64Array(sorted.length);
  sorted.forEach((cell, index) => {
    const [latitude, longitude] = cellToLatLng(cell);
    latitudes[index] = latitude;
    longitudes[index] = longitude;
  });
  return { cells: sorted, latitudes, longitudes };
}

/** A cell's outline as a closed GeoJSON ring ([longitude, latitude]). */
export function cellOutline(cell: string): number[][] {
  return cellToBoundary(cell, true);
}

/** A cell's centre. */
export function cellCentre(cell: string): { latitude: number; longitude: number } {
  const [latitude, longitude] = cellToLatLng(cell);
  return { latitude, longitude };
}
