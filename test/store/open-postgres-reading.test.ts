import { expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { SCHEMA_VERSION } from '../../src/store/migrate.js';
import { openPostgres, openPostgresReading } from '../../src/store/postgres/open-postgres.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { GateClosedError } from '../../src/store/postgres/read-batch.js';
import { queryOne } from '../../src/store/raw-query.js';
import type { PostgresStore } from '../../src/store/store.js';
import { createDatabase, describePostgres, withClient } from '../helpers/postgres.js';
import { failure } from '../helpers/failure.js';

const target = (url: string) => parsePostgresUrl(url, undefined);

/** A database a task migrated, at `version` if given (a newer issuetrack's, say). */
async function migrated(version?: number): Promise<string> {
  const url = await createDatabase();
  await (await openPostgres(target(url))).close();
  if (version !== undefined) await withClient(url, (c) => c.query(`UPDATE issuetrack_schema SET version = ${version}`));
  return url;
}

/** The worker row's status, read on the store, counting what the pool sends from the moment the read starts. */
function readWorker(seen: { queries: number; read?: Promise<unknown> }) {
  return (store: PostgresStore) => {
    const pool = store.pool as unknown as { query: (...args: unknown[]) => unknown };
    const query = pool.query.bind(pool);
    pool.query = (...args: unknown[]) => {
      seen.queries++;
      return query(...args);
    };
    seen.read = queryOne<{ status: string }>(store, 'SELECT status FROM worker_status WHERE id = ?', [1]);
    return seen.read;
  };
}

describePostgres('openPostgresReading', () => {
  it("sends the schema check and the command's first reads in one round trip", async () => {
    const url = await migrated();
    const seen = { queries: 0 };
    const { store, read } = await openPostgresReading(target(url), {}, readWorker(seen));
    try {
      expect(store.exists).toBe(true);
      expect(await read).toEqual({ status: 'idle' });
      expect(seen.queries).toBe(1);
      // The server's view: the connection's last message held both, the check first.
      const database = new URL(url).pathname.slice(1);
      const { rows } = await withClient(url, (c) => c.query('SELECT query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]));
      expect(rows).toHaveLength(1);
      expect(rows[0].query).toMatch(/^SELECT version FROM issuetrack_schema .*;\s*SELECT status FROM worker_status/s);
    } finally {
      await store.close();
    }
  });

  it('refuses a database a newer issuetrack wrote (78) before the reads see a row of it, and leaves it as it was', async () => {
    const url = await migrated(SCHEMA_VERSION + 5);
    const seen: { queries: number; read?: Promise<unknown> } = { queries: 0 };
    const error = await failure(openPostgresReading(target(url), { allowMissing: true }, readWorker(seen)));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/written by a newer issuetrack/);
    expect(await failure(seen.read!)).toBeInstanceOf(GateClosedError);
    const version = await withClient(url, (c) => c.query('SELECT version FROM issuetrack_schema'));
    expect(version.rows).toEqual([{ version: SCHEMA_VERSION + 5 }]);
  });

  it('refuses an older schema (78), as a read-only open does', async () => {
    const error = await failure(openPostgresReading(target(await migrated(SCHEMA_VERSION - 1)), {}, readWorker({ queries: 0 })));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/run a task once/);
  });

  it('finds an empty database missing with allowMissing (no read to use) and refuses it (78) without', async () => {
    const url = await createDatabase();
    const { store, read } = await openPostgresReading(target(url), { allowMissing: true }, readWorker({ queries: 0 }));
    expect(store.exists).toBe(false);
    expect(read).toBeUndefined();
    await store.close();
    expect(await failure(openPostgresReading(target(url), {}, readWorker({ queries: 0 })))).toBeInstanceOf(ConfigError);
    const tables = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"));
    expect(tables.rows).toEqual([{ n: 0 }]);
  });
});
