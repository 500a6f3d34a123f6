import type { TestProject } from 'vitest/node';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';
import './postgres-context.js';

/**
 * One throwaway PostgreSQL server per test run (vitest globalSetup), stopped and deleted when
 * the run ends. ISSUETRACK_TEST_POSTGRES_URL points the tests at a server of your own instead
 * (a superuser URL: each test file creates its own database there). When no server can start,
 * tests learn why through `inject('postgres')` and describePostgres skips or fails their suites.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PostgresServer | undefined;
  const external = process.env.ISSUETRACK_TEST_POSTGRES_URL;
  if (external) {
    project.provide('postgres', { url: external });
  } else {
    try {
      server = await startPostgresServer();
      project.provide('postgres', { url: server.url, caFile: server.caFile, version: server.version });
    } catch (error) {
      project.provide('postgres', { unavailable: error instanceof Error ? error.message : String(error) });
    }
  }
  return async () => {
    await server?.stop();
  };
}
