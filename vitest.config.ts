import { defineConfig } from 'vitest/config';
import { migrations } from './src/store/migrations.js';

export default defineConfig({
  // What build.mjs puts in every bundle (src/version.ts, src/store/schema-latest.ts), so src/
  // under test reads the same constants.
  define: { __ISSUETRACK_SCHEMA_VERSION__: String(migrations.at(-1)!.version) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Subprocess-heavy suites share 2 cores; more forks only add contention.
    maxWorkers: 2,
    // One throwaway PostgreSQL server per run for the suites that run on both databases.
    globalSetup: ['test/helpers/postgres-global-setup.ts'],
  },
});
