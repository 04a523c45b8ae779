/**
 * For tests of subgraphs' statements on real PostgreSQL: a database of the
 * file's own on the test run's server, created before the file's tests with
 * what they open on it (subgraphs' ORMs, which apply their migrations; a
 * dispatch lane), and closed and dropped after them.
 */
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, inject } from 'vitest';
import { dropDatabase, ensureDatabase, openSubgraphStorage } from '../common/database.ts';
import type { SubgraphDefinition } from '../common/subgraph-server.ts';
import { TEST_DATABASE_PREFIX } from './global-setup.ts';

interface Closable {
  close(force?: boolean): Promise<unknown>;
}

/** What `open` opened on the database (set once the file's tests start), and the database's URL. */
export function testDatabase<T extends Record<string, Closable>>(open: (url: string) => Promise<T>): T & { url: string } {
  const opened = {} as T & { url: string };
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  let serverUrl: string;
  let closables: Closable[] = [];
  beforeAll(async () => {
    serverUrl = inject('postgresServerUrl');
    opened.url = await ensureDatabase(serverUrl, name);
    const things = await open(opened.url);
    closables = Object.values(things);
    Object.assign(opened, things);
  });
  afterAll(async () => {
    for (const closable of closables) await closable.close(true);
    await dropDatabase(serverUrl, name);
  });
  return opened;
}

/** A database with one subgraph's migrations applied, and its ORM as `orm`. */
export function subgraphStorage(definition: Pick<SubgraphDefinition, 'storage'>): { orm: MikroORM; url: string } {
  return testDatabase(async (url) => ({ orm: await openSubgraphStorage(url, definition.storage) }));
}
