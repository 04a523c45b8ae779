/**
 * The dispatch lane's connections plan prepared statements once (generic
 * plans, common/database.ts DISPATCH_LANE_PLANS), while the subgraph's main
 * pool keeps PostgreSQL's default. Against a real PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase, openDispatchLane, openSubgraphStorage } from '../common/database.ts';
import { organizationSubgraph } from '../subgraphs/organization/index.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

describe('the dispatch lane', () => {
  let serverUrl: string;
  let name: string;
  let storage: MikroORM;
  let lane: MikroORM;

  beforeAll(async () => {
    serverUrl = inject('postgresServerUrl');
    name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
    const url = await ensureDatabase(serverUrl, name);
    storage = await openSubgraphStorage(url, organizationSubgraph.storage);
    lane = await openDispatchLane(url, organizationSubgraph.storage);
  });

  afterAll(async () => {
    await lane?.close(true);
    await storage?.close(true);
    await dropDatabase(serverUrl, name);
  });

  const planCacheMode = async (orm: MikroORM) => (await orm.em.fork().execute<{ plan_cache_mode: string }[]>('show plan_cache_mode'))[0]!.plan_cache_mode;

  it('plans its statements once, on every connection', async () => {
    // Three at once: each on a connection of its own.
    expect(await Promise.all([planCacheMode(lane), planCacheMode(lane), planCacheMode(lane)])).toEqual(Array(3).fill('force_generic_plan'));
  });

  it('leaves the main pool to PostgreSQL’s choice', async () => {
    expect(await planCacheMode(storage)).toBe('auto');
  });
});
