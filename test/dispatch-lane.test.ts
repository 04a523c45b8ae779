import type { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { openDispatchLane, openSubgraphStorage } from '../common/database.ts';
import { organizationSubgraph } from '../subgraphs/organization/index.ts';
import { testDatabase } from './subgraph-storage.ts';

describe('the dispatch lane', () => {
  const db = testDatabase(async (url) => ({
    storage: await openSubgraphStorage(url, organizationSubgraph.storage),
    lane: await openDispatchLane(url, organizationSubgraph.storage),
  }));

  const planCacheMode = async (orm: MikroORM) => (await orm.em.fork().execute<{ plan_cache_mode: string }[]>('show plan_cache_mode'))[0]!.plan_cache_mode;

  it('plans its statements once, on every connection', async () => {
    // Three at once: each on a connection of its own.
    expect(await Promise.all([planCacheMode(db.lane), planCacheMode(db.lane), planCacheMode(db.lane)])).toEqual(Array(3).fill('force_generic_plan'));
  });

  it('leaves the main pool to PostgreSQL’s choice', async () => {
    expect(await planCacheMode(db.storage)).toBe('auto');
  });
});
