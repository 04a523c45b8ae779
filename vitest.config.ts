import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS (`main`) and ESM (`module`) builds. Node loads the CJS one for
    // the libraries; without this alias Vite would give our code the ESM one, and
    // graphql refuses schemas "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['common/**/*.spec.ts', 'gateway/**/*.spec.ts', 'subgraphs/**/*.spec.ts', 'bench/**/*.spec.ts', 'test/**/*.test.ts'],
    // One PostgreSQL for the whole run (embedded unless DATABASE_URL is set); each file gets its own database.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
