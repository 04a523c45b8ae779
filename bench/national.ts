/**
 * What the benchmarks need to know about a generated data set: where to
 * report incidents, where people are, which volunteers share their position.
 * The country is regenerated from the seed (cheap and deterministic); rows
 * only the database knows are read from it.
 */
import pg from 'pg';
import type { BenchSite } from './dispatch.bench.ts';
import { municipalitySampler, offset, placeInMunicipality, type SyntheticCountry, type SyntheticRegion } from './generate/country.ts';
import { Random } from '../common/random.ts';

/** The region with the most people, its ambulance service, and places to report incidents there: its towns' centres. */
export function dispatchSites(country: SyntheticCountry, count: number): { region: SyntheticRegion; sites: BenchSite[] } {
  const population = new Map<string, number>();
  for (const municipality of country.municipalities) population.set(municipality.regionId, (population.get(municipality.regionId) ?? 0) + municipality.population);
  const region = [...country.regions].sort((a, b) => population.get(b.id)! - population.get(a.id)!)[0]!;
  const towns = country.municipalities
    .filter((municipality) => municipality.regionId === region.id)
    .flatMap((municipality) => municipality.towns.map((town) => ({ municipality, town })))
    .sort((a, b) => b.town.population - a.town.population)
    .slice(0, count);
  return {
    region,
    sites: towns.map(({ municipality, town }, index) => {
      // A few hundred metres off the centre, so that no two rounds alert exactly the same people.
      const [latitude, longitude] = offset(town.latitude, town.longitude, 150 * Math.cos(index), 150 * Math.sin(index));
      return { latitude, longitude, address: `Kerkstraat ${index + 1}, ${municipality.name.replace('Gemeente ', 'Plaats ')}` };
    }),
  };
}

/** Points where people are (towns weighted by population, some countryside), at instants spread over the coming week. */
export function pointsNearPopulation(country: SyntheticCountry, seed: number, from: Date): () => { latitude: number; longitude: number; at: Date } {
  const random = Random.stream(seed, 'search points');
  const sample = municipalitySampler(country);
  return () => {
    const [latitude, longitude] = placeInMunicipality(random, sample(random));
    return { latitude, longitude, at: new Date(from.getTime() + random.next() * 7 * 86_400_000) };
  };
}

/** A volunteer who may be alerted and reports positions. */
export interface BenchVolunteer {
  id: string;
  homeLatitude: number;
  homeLongitude: number;
}

/** Active volunteers (the first `count` by id, so every run picks the same ones); `sharing` only those sharing their position. */
export async function activeVolunteers(databaseUrl: string, count: number, sharing: boolean): Promise<BenchVolunteer[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; home_latitude: number; home_longitude: number }>(
      `select id::text, home_latitude, home_longitude from volunteers.volunteer
       where status = 'ACTIVE' and ($2::boolean is false or location_sharing) order by id limit $1`,
      [count, sharing],
    );
    return rows.map((row) => ({ id: row.id, homeLatitude: row.home_latitude, homeLongitude: row.home_longitude }));
  } finally {
    await client.end();
  }
}
