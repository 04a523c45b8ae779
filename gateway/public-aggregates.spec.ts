import http from 'node:http';
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import { asksOnlyPublicAggregates, PublicAggregateCache } from './public-aggregates.ts';

const entities = (selection: string) => `query Q__aeds__1($representations:[_Any!]!){_entities(representations:$representations){${selection}}}`;

describe('which fetches ask only for public aggregates', () => {
  it('an _entities fetch of listed counts of their owner, without arguments', () => {
    expect(asksOnlyPublicAggregates('aeds', entities('...on Municipality{aedCount}'))).toBe(true);
    expect(asksOnlyPublicAggregates('aeds', entities('...on Municipality{__typename aedCount dispatchableAedCount}'))).toBe(true);
    expect(asksOnlyPublicAggregates('volunteers', entities('...on Municipality{volunteerCount alertableVolunteerCount}'))).toBe(true);
  });

  it('nothing that depends on the caller, an argument, an alias, another owner or another shape', () => {
    expect(asksOnlyPublicAggregates('volunteers', entities('...on Municipality{volunteerCount volunteers{name}}'))).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', entities('...on Municipality{dispatchableAedCount(at:"2026-01-01T00:00:00Z")}'))).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', entities('...on Municipality{count:aedCount}'))).toBe(false);
    expect(asksOnlyPublicAggregates('volunteers', entities('...on Municipality{aedCount}'))).toBe(false);
    expect(asksOnlyPublicAggregates('organization', entities('...on Municipality{aedCount}'))).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', entities('...on Aed{aedCount}'))).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', entities('__typename'))).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', '{ municipality(id: "x") { aedCount } }')).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', 'mutation { registerAed { id } }')).toBe(false);
    expect(asksOnlyPublicAggregates('aeds', 'not graphql')).toBe(false);
  });
});

/** An owner answering its count of changes as `state.version` says (undefined: it fails). */
async function owner(state: { version: string | undefined }) {
  const server = http.createServer((_req, res) => {
    if (state.version === undefined) res.writeHead(503).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version: state.version }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Long enough for several questions to the owner (every 10 ms here), even on a busy machine. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('the store of public aggregates', () => {
  it('drops what it holds when the owner’s count of changes moves, and keeps nothing a fetch begun before brings back', async () => {
    const state: { version: string | undefined } = { version: '7' };
    const aeds = await owner(state);
    const cache = new PublicAggregateCache({ subgraphUrls: { aeds: aeds.url }, pollMs: 10 });
    try {
      cache.start();
      await expect.poll(() => cache.keeps('aeds')).toBe(true);
      cache.keep('aeds', 'a', { aedCount: 1 }, cache.generation('aeds'));
      expect(cache.get('aeds', 'a')).toEqual({ aedCount: 1 });
      const begun = cache.generation('aeds');
      state.version = '8';
      await expect.poll(() => cache.get('aeds', 'a')).toBeUndefined();
      cache.keep('aeds', 'a', { aedCount: 1 }, begun);
      expect(cache.get('aeds', 'a')).toBeUndefined();
    } finally {
      cache.close();
      await aeds.close();
    }
  });

  it('while the owner cannot say, keeps what it holds (within its TTL) but nothing new, and drops it if the count moved meanwhile', async () => {
    const state: { version: string | undefined } = { version: '1' };
    const aeds = await owner(state);
    const cache = new PublicAggregateCache({ subgraphUrls: { aeds: aeds.url }, pollMs: 10 });
    try {
      cache.start();
      await expect.poll(() => cache.keeps('aeds')).toBe(true);
      cache.keep('aeds', 'a', { aedCount: 1 }, cache.generation('aeds'));
      state.version = undefined;
      await settle();
      expect(cache.get('aeds', 'a')).toEqual({ aedCount: 1 });
      cache.keep('aeds', 'b', { aedCount: 2 }, cache.generation('aeds'));
      expect(cache.get('aeds', 'b')).toBeUndefined();
      state.version = '2';
      await expect.poll(() => cache.get('aeds', 'a')).toBeUndefined();
    } finally {
      cache.close();
      await aeds.close();
    }
  });

  it('keeps nothing for a subgraph that owns no public aggregates, or before its owner answered', async () => {
    const cache = new PublicAggregateCache({ subgraphUrls: { organization: 'http://127.0.0.1:9/graphql' } });
    cache.keep('organization', 'k', { name: 'x' }, cache.generation('organization'));
    expect(cache.get('organization', 'k')).toBeUndefined();
    cache.keep('aeds', 'k', { aedCount: 1 }, cache.generation('aeds'));
    expect(cache.get('aeds', 'k')).toBeUndefined();
    expect(cache.keeps('aeds')).toBe(false);
  });
});
