import { describe, expect, it } from 'vitest';
import { checkPlace, PLACE_TOLERANCE_METERS } from './place.ts';

const at = new Date('2026-12-06T10:00:00Z');
const check = (distanceOutside: number | null, overrideReason?: string) =>
  checkPlace({ distanceOutside, what: 'The home address', field: 'homeAddress.position', overrideReason, by: 'chair-1', at });

describe('checkPlace', () => {
  it('accepts inside, within the tolerance, and where no boundary is known, recording nothing', () => {
    expect(check(0)).toBeNull();
    expect(check(PLACE_TOLERANCE_METERS)).toBeNull();
    expect(check(null)).toBeNull();
  });

  it('refuses farther out without a reason, saying how far', () => {
    expect(() => check(900_000)).toThrow("The home address lies 900 km outside its municipality's boundary (1.0 km is allowed)");
    expect(() => check(1_500, '   ')).toThrow(/1\.5 km outside/);
  });

  it('records who accepted it farther out, and why', () => {
    expect(check(2_400, ' lives on a houseboat  moored across the border ')).toEqual({
      reason: 'lives on a houseboat moored across the border',
      by: 'chair-1',
      at,
      distanceMeters: 2400,
    });
  });
});
