import { defineConfig } from 'vitest/config';

export default defineConfig({
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
