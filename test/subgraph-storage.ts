/**
 * For tests of one subgraph's statements on real PostgreSQL: a database of
 * the file's own on the test run's server, with the subgraph's migrations
 * applied, opened before the file's tests and dropped after them.
 */
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, inject } from 'vitest';
import { dropDatabase, ensureDatabase, openSubgraphStorage } from '../common/database.ts';
import type { SubgraphDefinition } from '../common/subgraph-server.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

export interface SubgraphStorage {
  /** The subgraph's ORM on the database (set once the file's tests start). */
  orm: MikroORM;
  /** The database's URL. */
  url: string;
}

export function subgraphStorage(definition: Pick<SubgraphDefinition, 'storage'>): SubgraphStorage {
  const storage = {} as SubgraphStorage;
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  let serverUrl: string;
  beforeAll(async () => {
    serverUrl = inject('postgresServerUrl');
    storage.url = await ensureDatabase(serverUrl, name);
    storage.orm = await openSubgraphStorage(storage.url, definition.storage);
  });
  afterAll(async () => {
    await storage.orm?.close(true);
    await dropDatabase(serverUrl, name);
  });
  return storage;
}
