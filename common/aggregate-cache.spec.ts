import { describe, expect, it } from 'vitest';
import { AggregateCache } from './aggregate-cache.ts';

describe('aggregate cache', () => {
  it('computes once for callers asking together and while young, again once older than its bound', async () => {
    const cache = new AggregateCache<number>(1000);
    let computed = 0;
    const compute = async () => ++computed;
    const together = await Promise.all([cache.get('m', compute, 0), cache.get('m', compute, 0), cache.get('m', compute, 999)]);
    expect(together).toEqual([1, 1, 1]);
    expect(await cache.get('m', compute, 1000)).toBe(2);
    expect(await cache.get('other', compute, 1000)).toBe(3);
  });

  it('keeps no failure: the next caller computes again', async () => {
    const cache = new AggregateCache<number>(1000);
    await expect(cache.get('m', async () => Promise.reject(new Error('database away')), 0)).rejects.toThrow('database away');
    expect(await cache.get('m', async () => 7, 1)).toBe(7);
  });

  it('forgets the oldest entries beyond its size', async () => {
    const cache = new AggregateCache<string>(1000, 2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key, 0);
    expect(await cache.get('a', async () => 'recomputed', 1)).toBe('recomputed');
    expect(await cache.get('c', async () => 'recomputed', 1)).toBe('c');
  });
});

describe('aggregate computations', () => {
  it('take turns, so that many at once never crowd the event loop together', async () => {
    const cache = new AggregateCache<number>(1000);
    let running = 0;
    let most = 0;
    const compute = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return most;
    };
    await Promise.all(['a', 'b', 'c', 'd'].map((key) => cache.get(key, compute)));
    expect(most).toBe(1);
  });
});
