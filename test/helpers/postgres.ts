import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject, it } from 'vitest';
import { PASSWORD_GROUP } from './postgres-server.js';
import './postgres-context.js';

/** Suites that need PostgreSQL fail instead of skipping when it is missing, in CI or when asked to. */
function postgresRequired(): boolean {
  return Boolean(process.env.ISSUETRACK_REQUIRE_POSTGRES || process.env.CI);
}

/** The run's server (see postgres-global-setup.ts), or why there is none. */
export function postgresUnavailable(): string | undefined {
  const context = inject('postgres');
  return 'unavailable' in context ? context.unavailable : undefined;
}

/**
 * describe() for a suite that needs PostgreSQL. Without a server it skips, printing one line on
 * stderr that names the suite and the reason; with ISSUETRACK_REQUIRE_POSTGRES=1 (or CI) it fails
 * instead, so CI cannot pass without having looked.
 */
export function describePostgres(name: string, fn: () => void): void {
  const why = postgresUnavailable();
  if (why === undefined) {
    describe(name, fn);
  } else if (postgresRequired()) {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error(`PostgreSQL is required here (ISSUETRACK_REQUIRE_POSTGRES or CI is set) and none could start: ${why}`);
      });
    });
  } else {
    // Skipped, not failed, only where no server could start and nothing requires one (a
    // developer's machine without Debian's postgresql; `why` says what was missing). CI sets
    // ISSUETRACK_REQUIRE_POSTGRES, so there this branch is never taken.
    process.stderr.write(`\n*** SKIPPING PostgreSQL suite "${name}": ${why} ***\n\n`);
    describe.skip(name, fn);
  }
}

/** The run's server: superuser URL and the CA its TLS certificate chains to. Throws without one. */
export function postgresServer(): { url: string; caFile?: string } {
  const context = inject('postgres');
  if ('unavailable' in context) throw new Error(`no PostgreSQL server: ${context.unavailable}`);
  return context;
}

/** Runs `fn` with one connected client, closed afterwards. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `url` with its database (path) replaced, and optionally its user and password. */
export function databaseUrl(url: string, database: string, login?: { user: string; password: string }): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  if (login) {
    next.username = login.user;
    next.password = login.password;
  }
  return next.toString();
}

/** A new, empty database on the run's server (one per test file is the habit); its superuser URL. */
export async function createDatabase(): Promise<string> {
  const { url } = postgresServer();
  const name = `test_${randomBytes(8).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE DATABASE ${name}`));
  return databaseUrl(url, name);
}

/**
 * A login role that must give its password (the server trusts every other role on loopback),
 * made owner of `databaseUrl`'s database so it may create tables there. Returns its URL.
 */
export async function createPasswordRole(databaseUrlOfRole: string, password = randomBytes(12).toString('hex')): Promise<string> {
  const database = new URL(databaseUrlOfRole).pathname.slice(1);
  const user = `user_${randomBytes(6).toString('hex')}`;
  await withClient(postgresServer().url, async (client) => {
    await client.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password.replaceAll("'", "''")}' IN ROLE ${PASSWORD_GROUP}`);
    await client.query(`ALTER DATABASE ${database} OWNER TO ${user}`);
  });
  return databaseUrl(databaseUrlOfRole, database, { user, password });
}
