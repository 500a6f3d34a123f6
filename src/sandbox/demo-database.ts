import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { inspectSchema } from '../store/inspect-sqlite.js';
import { BUSY_TIMEOUT_MS, newSqlite } from '../store/sqlite-file.js';
import type { DatabaseTarget } from '../store/database-target.js';
import { openStore, type Store } from '../store/open-store.js';
import type { PostgresTarget } from '../store/postgres/postgres-url.js';

/** The sync_state key an earlier demo left in its database: such a file may be reused. */
export const DEMO_MARKER_KEY = 'sandbox.demo_created_at';

/**
 * Opens the database the demo writes to. A database that already holds tickets is refused with
 * a ConfigError (exit 78) and left untouched, unless an earlier demo made it (its marker is in
 * sync_state): the demo's sample tickets must never mix with a real inbox. Otherwise opens and
 * migrates it as every command does, and records the marker (kept from the first demo).
 */
export async function openDemoStore(target: DatabaseTarget, nowIso: string): Promise<Store> {
  let store: Store;
  if (target.dialect === 'postgres') {
    store = await openDemoPostgres(target);
  } else {
    refuseForeignTickets(target.path);
    store = openStore(target.path);
  }
  try {
    await store.db
      .insertInto('sync_state')
      .values({ key: DEMO_MARKER_KEY, value: nowIso })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * The PostgreSQL side of openDemoStore: looks first through a read-only pool (nothing created or
 * migrated; another application's tables or a newer schema are refused there too), then opens
 * for writing. pg loads only here, for a demo given a postgres:// --db.
 */
async function openDemoPostgres(target: PostgresTarget): Promise<Store> {
  const { openPostgres } = await import('../store/postgres/open-postgres.js');
  const look = await openPostgres(target, { readOnly: true, allowMissing: true });
  try {
    if (look.exists) {
      const { rows } = await look.pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM tickets');
      const marked = (await look.pool.query('SELECT 1 FROM sync_state WHERE key = $1', [DEMO_MARKER_KEY])).rows.length > 0;
      refuseUnmarked(target.shown, rows[0]!.n, marked);
    }
  } finally {
    await look.close();
  }
  const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
  return openPostgresStore(target);
}

/** ConfigError (78) for a database holding tickets that no demo made; `shown` names it without a password. */
function refuseUnmarked(shown: string, tickets: number, marked: boolean): void {
  if (tickets > 0 && !marked) {
    throw new ConfigError(
      `${shown} already holds ${tickets} tickets that no demo made; the demo writes only to a new database or one an earlier demo made (leave out --db for a fresh one)`,
    );
  }
}

/**
 * Looks inside an existing SQLite file before anything migrates or writes to it. Raw SQL on
 * purpose: the file may hold an older schema or none, which Kysely's types cannot describe. The
 * handle only reads, but is not opened read-only: on a WAL database a read-only handle leaves
 * the -wal and -shm files it had to create behind, while the last read-write handle to close
 * removes them, so a refused file is left exactly as it was found.
 */
function refuseForeignTickets(path: string): void {
  if (!existsSync(path) || !statSync(path).isFile() || statSync(path).size === 0) return;
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = newSqlite(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new ConfigError(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    sqlite.pragma('query_only = ON');
    if (inspectSchema(sqlite, path).kind === 'empty') return; // throws for a foreign or non-SQLite file
    const hasTable = (name: string) => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    if (!hasTable('tickets')) return;
    const tickets = (sqlite.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    const marked = hasTable('sync_state') && sqlite.prepare('SELECT 1 FROM sync_state WHERE key = ?').get(DEMO_MARKER_KEY) !== undefined;
    refuseUnmarked(path, tickets, marked);
  } finally {
    sqlite.close();
  }
}
