import { describe, expect, it } from 'vitest';
import { coalescedFeedReads, type FeedRead } from './feed.ts';

describe('coalesced feed reads', () => {
  it('answers the reads of feeds woken together with one query, each its own rows', async () => {
    const queries: FeedRead[][] = [];
    const read = coalescedFeedReads<string>(async (reads) => {
      queries.push([...reads]);
      return reads.map((one) => [`${one.key} after ${one.after}`]);
    });
    const answers = await Promise.all([read({ key: 'anna', after: 7n, limit: 200 }), read({ key: 'bram', after: 3n, limit: 200 }), read({ key: 'anna', after: 9n, limit: 200 })]);
    expect(answers).toEqual([['anna after 7'], ['bram after 3'], ['anna after 9']]);
    expect(queries).toHaveLength(1);
    // Nothing is remembered: a later read queries again.
    await read({ key: 'anna', after: 7n, limit: 200 });
    expect(queries).toHaveLength(2);
  });
});
