import { sql, type Kysely } from 'kysely';
import { describe, onTestFinished } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import type { Dialect } from '../../src/store/database-target.js';
import type { Database } from '../../src/store/schema.js';
import type { PostgresStore, Store } from '../../src/store/store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { join } from 'node:path';
import { createDatabase, describePostgres } from './postgres.js';
import { seedTicketsInto, type SeedTicket } from './seed-tickets.js';
import type { Deps } from '../../src/deps.js';
import { openStore } from '../../src/store/open-store.js';
import { depsOver, tempStore } from './store.js';

/** A migrated PostgreSQL store over a new database on the run's server, closed when the test finishes. */
export async function tempPostgresStore(): Promise<PostgresStore> {
  const store = await openPostgresStore(parsePostgresUrl(await createDatabase(), undefined));
  onTestFinished(() => store.close());
  return store;
}

/** A migrated store of `dialect`, closed when the test finishes. */
export async function tempStoreOf(dialect: Dialect): Promise<Store> {
  return dialect === 'sqlite' ? tempStore() : tempPostgresStore();
}

/** The config a command would resolve for `store` (its --db), for tests that build Deps by hand. */
export function configFor(store: Store, databaseUrl?: string) {
  return resolveConfig({ flags: { db: databaseUrl ?? store.path }, env: { HOME: '/nonexistent' }, cwd: '/' });
}

/**
 * The suite once per database: as is on SQLite, and on PostgreSQL through describePostgres
 * (skipped loudly without a server, failing in CI). `fn` receives the dialect to open stores of.
 */
export function describeEachDialect(name: string, fn: (dialect: Dialect) => void): void {
  describe(`${name} (sqlite)`, () => fn('sqlite'));
  describePostgres(`${name} (postgres)`, () => fn('postgres'));
}

/** Deps (see testDeps) over a new store of `dialect`. */
export async function testDepsOf(dialect: Dialect, overrides: Partial<Omit<Deps, 'store'>> & { env?: Record<string, string> } = {}): Promise<Deps> {
  return depsOver(await tempStoreOf(dialect), overrides);
}

/** Opens (and migrates) the store a --db value names: a PostgreSQL URL or an SQLite file. The caller closes it. */
export async function openTarget(target: string): Promise<Store> {
  return /^postgres(ql)?:\/\//.test(target) ? openPostgresStore(parsePostgresUrl(target, undefined)) : openStore(target);
}

/** A new database of `dialect` as --db and ISSUETRACK_DB take it: file `name` in `dir` (not created yet), or a new, empty PostgreSQL database's URL. */
export async function newDatabase(dialect: Dialect, dir: string, name = 'it.db'): Promise<string> {
  return dialect === 'sqlite' ? join(dir, name) : createDatabase();
}

/** newDatabase, migrated and holding `tickets` (see seedTicketsInto); closed again. */
export async function seededDatabase(dialect: Dialect, dir: string, tickets: SeedTicket[]): Promise<string> {
  const target = await newDatabase(dialect, dir);
  const store = await openTarget(target);
  try {
    await seedTicketsInto(store, tickets);
  } finally {
    await store.close();
  }
  return target;
}

/** openTarget for a test's own reads and writes beside the CLI: closed when the test finishes. It migrates a fresh database: open it once the CLI has, where that matters. */
export async function openReader(target: string): Promise<Store> {
  const store = await openTarget(target);
  onTestFinished(() => store.close());
  return store;
}

/** The rows a literal SQL query answers, on either database (tests' own checks; no parameters). */
export async function rowsOf<T = Record<string, unknown>>(db: Kysely<Database>, query: string): Promise<T[]> {
  return (await sql.raw<T>(query).execute(db)).rows;
}
