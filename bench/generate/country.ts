/**
 * A deterministic synthetic country shaped like the Netherlands: 25 security
 * regions, about 340 municipalities (rectangular boundaries on a grid), each
 * with a town and villages of realistic size, and countryside in between.
 * Volunteers, AEDs and incidents are placed where people live.
 */
import { METERS_PER_DEGREE } from '../../common/earth.ts';
import { Random } from '../../common/random.ts';

export interface Town {
  latitude: number;
  longitude: number;
  population: number;
  /** Rough radius of the built-up area, in metres. */
  radiusMeters: number;
}

export interface SyntheticMunicipality {
  id: string;
  name: string;
  code: string;
  regionId: string;
  population: number;
  /** GeoJSON Polygon ring (counter-clockwise, closed). */
  boundary: { type: 'Polygon'; coordinates: [number, number][][] };
  bounds: { south: number; west: number; north: number; east: number };
  towns: Town[];
}

export interface SyntheticRegion {
  id: string;
  name: string;
  code: string;
  ambulanceServiceId: string;
}

export interface SyntheticCountry {
  regions: SyntheticRegion[];
  municipalities: SyntheticMunicipality[];
  population: number;
}

const SOUTH = 50.8;
const NORTH = 53.4;
const WEST = 3.6;
const EAST = 7.1;
const ROWS = 20;
const COLUMNS = 17;
/** 20 × 17 = 340 municipalities, grouped in 5 × 5 blocks of regions. */
const REGION_ROWS = 5;
const REGION_COLUMNS = 5;

/** Moves a point by metres north and east. */
export function offset(latitude: number, longitude: number, northMeters: number, eastMeters: number): [number, number] {
  const lat = latitude + northMeters / METERS_PER_DEGREE;
  const lon = longitude + eastMeters / (METERS_PER_DEGREE * Math.cos((latitude * Math.PI) / 180));
  return [lat, lon];
}

export function generateCountry(seed = 2026): SyntheticCountry {
  const random = new Random(seed);
  const regions: SyntheticRegion[] = Array.from({ length: REGION_ROWS * REGION_COLUMNS }, (_, index) => ({
    id: random.uuid(),
    name: `Veiligheidsregio ${index + 1}`,
    code: `VR${String(index + 1).padStart(2, '0')}`,
    ambulanceServiceId: random.uuid(),
  }));
  const latStep = (NORTH - SOUTH) / ROWS;
  const lonStep = (EAST - WEST) / COLUMNS;
  const municipalities: SyntheticMunicipality[] = [];
  for (let row = 0; row < ROWS; row++) {
    for (let column = 0; column < COLUMNS; column++) {
      const index = row * COLUMNS + column;
      const south = SOUTH + row * latStep;
      const west = WEST + column * lonStep;
      const north = south + latStep;
      const east = west + lonStep;
      const region = regions[Math.floor((row * REGION_ROWS) / ROWS) * REGION_COLUMNS + Math.floor((column * REGION_COLUMNS) / COLUMNS)];
      // Municipal populations are heavy-tailed: a few cities, many small places.
      const townPopulation = Math.round(Math.min(900_000, 8_000 * Math.exp(random.normal() * 1.0 + 0.6)));
      const towns: Town[] = [];
      const place = (population: number) => {
        const latitude = random.between(south + latStep * 0.2, north - latStep * 0.2);
        const longitude = random.between(west + lonStep * 0.2, east - lonStep * 0.2);
        // Built-up density of about 4,000 inhabitants per km².
        towns.push({ latitude, longitude, population, radiusMeters: Math.sqrt(population / 4000 / Math.PI) * 1000 });
      };
      place(townPopulation);
      const villages = random.integer(1, 4);
      for (let v = 0; v < villages; v++) place(Math.round(random.between(800, 6000)));
      const population = towns.reduce((sum, town) => sum + town.population, 0) + Math.round(random.between(500, 4000));
      municipalities.push({
        id: random.uuid(),
        name: `Gemeente ${index + 1}`,
        code: `GM${String(index + 1).padStart(4, '0')}`,
        regionId: region.id,
        population,
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [west, south],
              [east, south],
              [east, north],
              [west, north],
              [west, south],
            ],
          ],
        },
        bounds: { south, west, north, east },
        towns,
      });
    }
  }
  return { regions, municipalities, population: municipalities.reduce((sum, m) => sum + m.population, 0) };
}

/**
 * A point where people are: in a town (weighted by population, denser near
 * the centre) or, for `countrysideShare` of draws, anywhere in the municipality.
 */
export function placeInMunicipality(random: Random, municipality: SyntheticMunicipality, countrysideShare = 0.12): [number, number] {
  const { bounds } = municipality;
  if (random.chance(countrysideShare)) {
    return [random.between(bounds.south, bounds.north), random.between(bounds.west, bounds.east)];
  }
  const total = municipality.towns.reduce((sum, town) => sum + town.population, 0);
  let draw = random.next() * total;
  let town = municipality.towns[0];
  for (const candidate of municipality.towns) {
    draw -= candidate.population;
    if (draw <= 0) {
      town = candidate;
      break;
    }
  }
  const distance = Math.abs(random.normal()) * town.radiusMeters * 0.6;
  const bearing = random.next() * 2 * Math.PI;
  const [latitude, longitude] = offset(town.latitude, town.longitude, distance * Math.cos(bearing), distance * Math.sin(bearing));
  return [Math.min(Math.max(latitude, bounds.south), bounds.north), Math.min(Math.max(longitude, bounds.west), bounds.east)];
}

/** Chooses a municipality with probability proportional to its population. */
export function municipalitySampler(country: SyntheticCountry): (random: Random) => SyntheticMunicipality {
  const cumulative: number[] = [];
  let sum = 0;
  for (const municipality of country.municipalities) {
    sum += municipality.population;
    cumulative.push(sum);
  }
  return (random) => {
    const draw = random.next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < draw) low = middle + 1;
      else high = middle;
    }
    return country.municipalities[low];
  };
}
