/**
 * Greedy placement on a small map (distances in metres from each cell's
 * centre; default policy, N = 1, so six minutes is 637 m):
 *
 *   A   two volunteers west of it and an AED open around the clock on their
 *       way: covered day and night.
 *   B   the same, but its AED is in an office: uncovered at night.
 *   C1, C2   300 m apart, two volunteers beyond C1 on the line from C2, no
 *       AED: an AED at C1 lies on the way to both, one at C2 only helps C2.
 */
import { describe, expect, it } from 'vitest';
import { WEEK_MASK_WORDS, weekMaskOf } from '../../../common/week.ts';
import { resolveDispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { offsetMeters, type LatLon } from '../../../common/earth.ts';
import { suggestAedPlacements } from './aed-placement.ts';
import { SIX_MINUTES_SECONDS } from './coverage-problem.ts';
import { NIGHT_HOURS } from '../../../common/night.ts';

const origin: LatLon = { lat: 51.58, lon: 5.19 };
const east = (meters: number) => offsetMeters(origin, 0, meters);
const ALWAYS = weekMaskOf(() => true);
const OFFICE = weekMaskOf((hour) => hour < 120 && hour % 24 >= 8 && hour % 24 < 18);

const cells = [east(0), east(3000), east(6000), east(6300)];
const volunteers = [east(-300), east(-500), east(3000 - 300), east(3000 - 500), east(6000 - 100), east(6000 - 200)];
const aeds: [LatLon, Uint32Array][] = [
  [east(-200), ALWAYS],
  [east(3000 - 200), OFFICE],
];

function pack(masks: Uint32Array[]): Uint32Array {
  const all = new Uint32Array(masks.length * WEEK_MASK_WORDS);
  masks.forEach((mask, index) => all.set(mask, index * WEEK_MASK_WORDS));
  return all;
}

describe('AED placement', () => {
  it('picks the obvious gap first, then the next, each counted with the previous in place, and stops when nothing helps', () => {
    const outcome = suggestAedPlacements({
      policy: resolveDispatchPolicy({ enoughAcceptances: 1 }),
      minimumVolunteers: 1,
      limitSeconds: SIX_MINUTES_SECONDS,
      cells: { latitudes: Float64Array.from(cells, (cell) => cell.lat), longitudes: Float64Array.from(cells, (cell) => cell.lon) },
      volunteers: {
        latitudes: Float64Array.from(volunteers, (volunteer) => volunteer.lat),
        longitudes: Float64Array.from(volunteers, (volunteer) => volunteer.lon),
        keys: Int32Array.from(volunteers, (_, index) => index),
        hours: pack(volunteers.map(() => ALWAYS)),
      },
      aeds: {
        latitudes: Float64Array.from(aeds, ([at]) => at.lat),
        longitudes: Float64Array.from(aeds, ([at]) => at.lon),
        hours: pack(aeds.map(([, hours]) => hours)),
      },
      nightHours: NIGHT_HOURS,
      weights: new Float64Array(cells.length).fill(1),
      count: 5,
    });
    // Night: only A of four cells.
    expect(outcome.nightCoveredShareBefore).toBeCloseTo(1 / 4, 10);
    expect(outcome.suggestions.map((suggestion) => suggestion.cell)).toEqual([2, 1]);
    expect(outcome.suggestions.map((suggestion) => suggestion.gainedCellHours)).toEqual([112, 56]);
    expect(outcome.suggestions[0]!.gainedShare).toBeCloseTo(2 / 4, 10);
    expect(outcome.suggestions[1]!.nightCoveredShareAfter).toBeCloseTo(1, 10);
  });
});
