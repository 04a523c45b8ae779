import { describe, expect, it } from 'vitest';
import { generateCountry, municipalitySampler, placeInMunicipality } from './country.ts';
import { Random } from '../../common/random.ts';

describe('synthetic country', () => {
  it('is deterministic for a seed', () => {
    expect(generateCountry(7)).toEqual(generateCountry(7));
    expect(generateCountry(7).municipalities[0].id).not.toBe(generateCountry(8).municipalities[0].id);
  });

  it('has 25 regions and about 340 municipalities with a plausible population', () => {
    const country = generateCountry();
    expect(country.regions).toHaveLength(25);
    expect(country.municipalities).toHaveLength(340);
    expect(new Set(country.municipalities.map((m) => m.regionId)).size).toBe(25);
    expect(country.population).toBeGreaterThan(5_000_000);
    expect(country.population).toBeLessThan(40_000_000);
  });

  it('places people inside their municipality, mostly in towns', () => {
    const country = generateCountry();
    const random = new Random(1);
    const sample = municipalitySampler(country);
    for (let i = 0; i < 2000; i++) {
      const municipality = sample(random);
      const [latitude, longitude] = placeInMunicipality(random, municipality);
      expect(latitude).toBeGreaterThanOrEqual(municipality.bounds.south);
      expect(latitude).toBeLessThanOrEqual(municipality.bounds.north);
      expect(longitude).toBeGreaterThanOrEqual(municipality.bounds.west);
      expect(longitude).toBeLessThanOrEqual(municipality.bounds.east);
    }
  });
});
