import { describe, expect, it } from 'vitest';
import { cellToChildren, cellToParent, getPentagons, latLngToCell } from 'h3-js';
import { isNightHour } from '../../../common/night.ts';
import { hasHour, WEEK_MASK_WORDS, weekMaskOf } from '../../../common/week.ts';
import { coverageChangeFeatures } from './coverage-change.ts';
import { coverageOfDate, parentShares, parentsOf, type WeekCoverage } from './coverage-day.ts';

// Two cells of one parent (resolution 8), and one of another parent far away.
const PARENT = latLngToCell(51.5794, 5.1893, 8);
const [A, B] = cellToChildren(PARENT, 9).sort();
const FAR = latLngToCell(51.7, 5.3, 9);

/** A week of 2026-12-07 (Monday) in which each cell is covered in the hours `covered(cell)` says. */
function week(cells: string[], covered: (cell: string, hour: number) => boolean): WeekCoverage {
  const volunteerHours = new Uint32Array(cells.length * WEEK_MASK_WORDS);
  const aedHours = new Uint32Array(cells.length * WEEK_MASK_WORDS);
  cells.forEach((cell, index) => {
    volunteerHours.set(
      weekMaskOf(() => true),
      index * WEEK_MASK_WORDS,
    );
    aedHours.set(
      weekMaskOf((hour) => covered(cell, hour)),
      index * WEEK_MASK_WORDS,
    );
  });
  return { weekStartsOn: '2026-12-07', resolution: 9, cells, volunteerHours, aedHours };
}

describe('coverageOfDate', () => {
  const cells = [A!, B!, FAR].sort();
  // A: every hour. B: Tuesdays 09:00–12:59 and 02:00. FAR: never.
  const coverage = week(cells, (cell, hour) => cell === A || (cell === B && (hour === 24 + 2 || (hour >= 24 + 9 && hour < 24 + 13))));

  it('counts the covered hours of the date alone, by day and at night, per parent cell', () => {
    const tuesday = coverageOfDate(coverage, '2026-12-08');
    expect(tuesday.grid).toEqual({ resolution: 8, cells: [PARENT, latLngToCell(51.7, 5.3, 8)].sort(), children: expect.any(Uint8Array) });
    const parent = tuesday.grid.cells.indexOf(PARENT);
    expect(tuesday.grid.children[parent]).toBe(2);
    expect(tuesday.dayHours[parent]).toBe(16 + 4);
    expect(tuesday.nightHours[parent]).toBe(8 + 1);
    expect(tuesday.dayHours[1 - parent]).toBe(0);
    expect(parentShares(tuesday.grid, tuesday.dayHours, tuesday.nightHours, parent)).toEqual({ day: 20 / 32, night: 9 / 16 });
    expect(tuesday.dayCoveredShare).toBeCloseTo(20 / 48, 12);
    expect(tuesday.nightCoveredShare).toBeCloseTo(9 / 24, 12);
  });

  it('counts, on every date of the week, exactly the hours both masks hold, each on its own (random masks)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Siblings of one parent, so their counts add up in one place: each hour of each cell covered by volunteers, AEDs, both or neither.
    const siblings = cellToChildren(PARENT, 9).sort();
    const volunteerHours = new Uint32Array(siblings.length * WEEK_MASK_WORDS);
    const aedHours = new Uint32Array(siblings.length * WEEK_MASK_WORDS);
    siblings.forEach((_, index) => {
      volunteerHours.set(
        weekMaskOf(() => random() < 0.7),
        index * WEEK_MASK_WORDS,
      );
      aedHours.set(
        weekMaskOf(() => random() < 0.7),
        index * WEEK_MASK_WORDS,
      );
    });
    const randomWeek: WeekCoverage = { weekStartsOn: '2026-12-07', resolution: 9, cells: siblings, volunteerHours, aedHours };
    for (let day = 0; day < 7; day++) {
      let dayHours = 0;
      let nightHours = 0;
      siblings.forEach((_, index) => {
        for (let hour = day * 24; hour < day * 24 + 24; hour++) {
          if (!hasHour(volunteerHours, hour, index * WEEK_MASK_WORDS) || !hasHour(aedHours, hour, index * WEEK_MASK_WORDS)) continue;
          if (isNightHour(hour)) nightHours++;
          else dayHours++;
        }
      });
      const ofDate = coverageOfDate(randomWeek, `2026-12-${String(7 + day).padStart(2, '0')}`);
      expect([ofDate.dayHours[0], ofDate.nightHours[0]]).toEqual([dayHours, nightHours]);
    }
  });

  it('does not take another day of the week', () => {
    const wednesday = coverageOfDate(coverage, '2026-12-09');
    expect(wednesday.dayCoveredShare).toBeCloseTo(16 / 48, 12);
    expect(() => coverageOfDate(coverage, '2026-12-14')).toThrow(RangeError);
  });
});

describe('coverageChangeFeatures', () => {
  it('gives each cell its shares on both dates and the change; a side without a snapshot is null', () => {
    const before = coverageOfDate(
      week([A!, B!].sort(), () => false),
      '2026-12-08',
    );
    const after = coverageOfDate(
      week([A!, B!].sort(), (cell) => cell === A),
      '2026-12-08',
    );
    const [feature] = coverageChangeFeatures(before, after).features;
    expect(feature!.geometry.type).toBe('Polygon');
    expect(feature!.properties).toEqual({
      cell: PARENT,
      dayCoveredShareSince: 0,
      dayCoveredShareUntil: 0.5,
      dayCoveredShareChange: 0.5,
      nightCoveredShareSince: 0,
      nightCoveredShareUntil: 0.5,
      nightCoveredShareChange: 0.5,
    });
    expect(coverageChangeFeatures(null, after).features[0]!.properties).toMatchObject({ dayCoveredShareSince: null, dayCoveredShareUntil: 0.5, dayCoveredShareChange: null });
  });
});

describe('parentsOf', () => {
  /** A pseudo-random number from 0 to 1, the same every run. */
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  it('gives every cell the parent cellToParent gives it, at every resolution, in index order or not', () => {
    for (let resolution = 1; resolution <= 15; resolution++) {
      // Whole families (siblings next to one another), lone cells all over the globe, and the pentagons' children.
      const cells = new Set<string>(getPentagons(resolution - 1).flatMap((pentagon) => cellToChildren(pentagon, resolution)));
      for (let i = 0; i < 300; i++) {
        const cell = latLngToCell(-90 + 180 * random(), -180 + 360 * random(), resolution);
        cells.add(cell);
        if (i % 10 === 0) for (const sibling of cellToChildren(cellToParent(cell, resolution - 1), resolution)) cells.add(sibling);
      }
      const sorted = [...cells].sort();
      const shuffled = [...cells].sort(() => random() - 0.5);
      for (const order of [sorted, shuffled]) expect(parentsOf(order, resolution - 1)).toEqual(order.map((cell) => cellToParent(cell, resolution - 1)));
    }
  });
});
