/**
 * Starts one PostgreSQL server for the test run: the one `DATABASE_URL` points
 * at, or an embedded one in a temporary directory. Test files create their own
 * databases on it (see `test/stack.ts`).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../common/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('postgresServerUrl', process.env.DATABASE_URL);
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'heartsafe-test-'));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data') });
  project.provide('postgresServerUrl', server.serverUrl);
  return async () => {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  };
}
