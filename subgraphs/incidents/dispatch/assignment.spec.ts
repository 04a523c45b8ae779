import { describe, expect, it } from 'vitest';
import { assignMaximumAtMinimumCost, type AssignmentOption } from './assignment.ts';

const option = (left: number, right: number, ...cost: number[]): AssignmentOption => ({ left, right, cost });
const pairs = (chosen: AssignmentOption[]) => chosen.map((choice) => `${choice.left}-${choice.right}`);

describe('assignMaximumAtMinimumCost', () => {
  it('prefers more pairs over a cheaper first pair (where greedy would stop at one)', () => {
    // Left 0 can take right 0 (cost 1) or right 1 (cost 2); left 1 only right 0 (cost 5).
    const options = [option(0, 0, 1), option(0, 1, 2), option(1, 0, 5)];
    expect(pairs(assignMaximumAtMinimumCost({ leftCount: 2, rightCapacity: [1, 1], options, maxPairs: 2 }))).toEqual(['0-1', '1-0']);
  });

  it('takes the cheapest selection of the allowed size', () => {
    const options = [option(0, 0, 1), option(0, 1, 2), option(1, 0, 5)];
    expect(pairs(assignMaximumAtMinimumCost({ leftCount: 2, rightCapacity: [1, 1], options, maxPairs: 1 }))).toEqual(['0-0']);
  });

  it('honours capacities on the right and uses later cost elements only to break ties', () => {
    const options = [option(0, 0, 3, 0), option(1, 0, 3, -1), option(2, 0, 4, -9)];
    expect(pairs(assignMaximumAtMinimumCost({ leftCount: 3, rightCapacity: [1], options, maxPairs: 3 }))).toEqual(['1-0']);
    expect(pairs(assignMaximumAtMinimumCost({ leftCount: 3, rightCapacity: [2], options, maxPairs: 3 }))).toEqual(['0-0', '1-0']);
  });

  it('returns nothing when there is nothing to assign', () => {
    expect(assignMaximumAtMinimumCost({ leftCount: 3, rightCapacity: [], options: [], maxPairs: 3 })).toEqual([]);
    expect(assignMaximumAtMinimumCost({ leftCount: 1, rightCapacity: [1], options: [option(0, 0, 1)], maxPairs: 0 })).toEqual([]);
  });
});
