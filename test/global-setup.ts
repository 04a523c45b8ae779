/**
 * Starts one PostgreSQL server for the test run: the one `DATABASE_URL` points
 * at, or an embedded one in a temporary directory. Test files create their own
 * databases on it (see `test/stack.ts`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropDatabasesLike, startEmbeddedPostgres } from '../common/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

/** Test databases are named with this prefix (test/stack.ts); leftovers are dropped after the run. */
export const TEST_DATABASE_PREFIX = 'heartsafe_test_';

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    const serverUrl = process.env.DATABASE_URL;
    project.provide('postgresServerUrl', serverUrl);
    // Test files leave a database still in use to the end; by now their processes are gone.
    return () => dropDatabasesLike(serverUrl, TEST_DATABASE_PREFIX);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'heartsafe-test-'));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data') });
  project.provide('postgresServerUrl', server.serverUrl);
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
