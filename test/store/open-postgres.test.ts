import pg from 'pg';
import { expect, it } from 'vitest';
import { AuthError, ConfigError, UnavailableError } from '../../src/errors.js';
import { SCHEMA_VERSION } from '../../src/store/migrate.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { queryAll } from '../../src/store/raw-query.js';
import { createDatabase, createPasswordRole, describePostgres, postgresServer, withClient } from '../helpers/postgres.js';
import { failure } from '../helpers/failure.js';

const target = (url: string, query = '') => parsePostgresUrl(url + query, undefined);

describePostgres('openPostgres', () => {
  it('migrates a new database fully in one go and records the version', async () => {
    const url = await createDatabase();
    const store = await openPostgresStore(target(url));
    try {
      const worker = await store.db.selectFrom('worker_status').selectAll().executeTakeFirstOrThrow();
      expect(worker.status).toBe('idle');
      const version = await withClient(url, (c) => c.query('SELECT version FROM issuetrack_schema'));
      expect(version.rows).toEqual([{ version: SCHEMA_VERSION }]);
    } finally {
      await store.close();
    }
  });

  it('talks UTF-8 even where the database defaults to another client encoding (read-batch.ts quoted literals depend on it)', async () => {
    const url = await createDatabase();
    await withClient(url, (c) => c.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET client_encoding = 'SJIS'`));
    for (const readOnly of [false, true]) {
      const store = await openPostgres(target(url), { readOnly });
      try {
        const [encoding, echo] = await Promise.all([
          queryAll<{ client_encoding: string }>(store, 'SHOW client_encoding', []),
          queryAll<{ v: string }>(store, 'SELECT ? AS v', ["\u00c1\\' OR 1=1 --"]),
        ]);
        expect(encoding).toEqual([{ client_encoding: 'UTF8' }]);
        expect(echo).toEqual([{ v: "\u00c1\\' OR 1=1 --" }]);
      } finally {
        await store.close();
      }
    }
  });

  it('migrates once when several processes open a new database at the same moment', async () => {
    const url = await createDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgres(target(url))));
    await Promise.all(stores.map((s) => s.close()));
    const rows = await withClient(url, (c) => c.query('SELECT count(*)::int AS n FROM worker_status'));
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it('reads 64-bit ids and sums as numbers, as SQLite gives them', async () => {
    const store = await openPostgresStore(target(await createDatabase()));
    try {
      await store.db.insertInto('users').values({ id: 9_007_199_254_740, name: 'n', email: null, role: null, organization_id: 1_263_792_648_170 }).execute();
      const row = await store.db.selectFrom('users').select(['id', 'organization_id']).executeTakeFirstOrThrow();
      expect(row).toEqual({ id: 9_007_199_254_740, organization_id: 1_263_792_648_170 });
      const { count } = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      expect(count).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer issuetrack and leaves it untouched', async () => {
    const url = await createDatabase();
    await withClient(url, (c) => c.query(`CREATE TABLE issuetrack_schema (id INTEGER PRIMARY KEY, version INTEGER); INSERT INTO issuetrack_schema VALUES (1, ${SCHEMA_VERSION + 5})`));
    const error = await failure(openPostgres(target(url)));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/written by a newer issuetrack \(schema \d+, this one knows up to \d+\)/);
    const tables = await withClient(url, (c) => c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"));
    expect(tables.rows).toEqual([{ tablename: 'issuetrack_schema' }]);
  });

  it("refuses another application's tables and creates none of its own", async () => {
    const url = await createDatabase();
    await withClient(url, (c) => c.query('CREATE TABLE tickets (id serial)'));
    const error = await failure(openPostgres(target(url)));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/holds another application's tables \(tickets\)/);
    const tables = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"));
    expect(tables.rows).toEqual([{ n: 1 }]);
  });

  it('opens read-only without creating anything, and the server refuses writes through it', async () => {
    const url = await createDatabase();
    const empty = await openPostgres(target(url), { readOnly: true, allowMissing: true });
    expect(empty.exists).toBe(false);
    await empty.close();
    expect(await failure(openPostgres(target(url), { readOnly: true }))).toBeInstanceOf(ConfigError);
    await (await openPostgres(target(url))).close(); // a task migrates
    const reader = await openPostgres(target(url), { readOnly: true });
    try {
      const error = await failure(reader.pool.query("INSERT INTO sync_state (key, value) VALUES ('k', 'v')"));
      expect((error as { code?: string }).code).toBe('25006'); // read_only_sql_transaction
    } finally {
      await reader.close();
    }
  });

  it('says 77 for a wrong password, without the password', async () => {
    const url = new URL(await createPasswordRole(await createDatabase(), 'right-password'));
    url.password = 'wrong-password';
    const error = await failure(openPostgres(target(url.toString())));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/refused the login/);
    expect(error.message).not.toContain('wrong-password');
  });

  it('says 78 for an unknown database and 69 for a server that is not there', async () => {
    const url = new URL(postgresServer().url);
    url.pathname = '/no_such_database';
    expect(await failure(openPostgres(target(url.toString())))).toBeInstanceOf(ConfigError);
    url.port = '1';
    expect(await failure(openPostgres(target(url.toString())))).toBeInstanceOf(UnavailableError);
  });

  it('speaks TLS with sslmode=require and verifies the server with verify-full and its CA', async (context) => {
    const { caFile } = postgresServer();
    if (!caFile) return context.skip('the test server has no TLS (no openssl)');
    const url = await createDatabase();
    for (const query of ['?sslmode=require', `?sslmode=verify-full&sslrootcert=${caFile}`]) {
      const store = await openPostgres(target(url, query));
      try {
        const { rows } = await store.pool.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
        expect(rows).toEqual([{ ssl: true }]);
      } finally {
        await store.close();
      }
    }
    // Verification against Node's public CAs fails: the server's certificate is from the test CA.
    expect(await failure(openPostgres(target(url, '?sslmode=verify-full')))).toBeInstanceOf(ConfigError);
  });
});

void pg;
