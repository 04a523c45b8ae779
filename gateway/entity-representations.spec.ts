import { describe, expect, it } from 'vitest';
import { fanOut, uniqueRepresentations } from './entity-representations.ts';

const a = { __typename: 'Municipality', id: 'a' };
const b = { __typename: 'Municipality', id: 'b' };

describe('duplicate representations', () => {
  it('are sent once each, in the order of their first appearance', () => {
    const { unique, answeredBy } = uniqueRepresentations([a, b, { ...a }, b, a]);
    expect(unique).toEqual([a, b]);
    expect(answeredBy).toEqual([0, 1, 0, 1, 0]);
  });

  it('get their answers back in the order asked, each position its own object', () => {
    const { answeredBy } = uniqueRepresentations([a, b, a, a]);
    const { entities } = fanOut([{ name: 'A' }, { name: 'B' }], undefined, answeredBy);
    expect(entities).toEqual([{ name: 'A' }, { name: 'B' }, { name: 'A' }, { name: 'A' }]);
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[3]).not.toBe(entities[2]);
  });

  it("repeat an entity's error at every position it answers, and pass other errors once", () => {
    const { answeredBy } = uniqueRepresentations([a, b, a]);
    const { entities, errors } = fanOut([null, { name: 'B' }], [{ message: 'gone', path: ['_entities', 0, 'name'] }, { message: 'whole fetch' }], answeredBy);
    expect(entities).toEqual([null, { name: 'B' }, null]);
    expect(errors).toEqual([{ message: 'gone', path: ['_entities', 0, 'name'] }, { message: 'gone', path: ['_entities', 2, 'name'] }, { message: 'whole fetch' }]);
  });
});
