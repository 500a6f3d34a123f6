import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { runTask } from '../../src/worker/run-task.js';
import { createDatabase, describePostgres, withClient } from '../helpers/postgres.js';
import { depsOver, testDeps } from '../helpers/store.js';

describe('runTask when the database itself fails', () => {
  it('names a lock held past the busy timeout (75), records the run failed and frees the lease', async () => {
    const deps = testDeps();
    deps.store.sqlite.pragma('busy_timeout = 50'); // the CLI waits 10 s; the behaviour is the same
    const blocker = new BetterSqlite3(deps.store.path);
    const outcome = await runTask(deps, 'trends', {}, async (ctx) => {
      blocker.exec('BEGIN IMMEDIATE'); // another process writing, and not letting go
      try {
        deps.store.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('k', 'v')").run();
      } finally {
        blocker.exec('ROLLBACK');
      }
      return {};
    });
    blocker.close();
    expect(outcome.error?.exitCode).toBe(75);
    expect(outcome.record).toMatchObject({ status: 'failed', error: 'database is locked by another process: database is locked (SQLITE_BUSY); try again later' });
    const worker = await deps.db.selectFrom('worker_status').select(['status', 'lease_expires_at']).executeTakeFirstOrThrow();
    expect(worker).toEqual({ status: 'failed', lease_expires_at: null });
  });

  it('keeps the cause when SQLite has already rolled the transaction back itself', async () => {
    const deps = testDeps();
    const outcome = await runTask(deps, 'trends', {}, async (ctx) => {
      await ctx.db.transaction().execute(async (trx) => {
        // What SQLite does on SQLITE_FULL or SQLITE_IOERR: the transaction is gone before we see the error.
        await sql`ROLLBACK`.execute(trx);
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      });
      return {};
    });
    expect(outcome.error?.exitCode).toBe(1);
    expect(outcome.record.error).toBe('database write failed, the disk is full: database or disk is full (SQLITE_FULL); free space and run again');
    expect(outcome.record.error).not.toContain('cannot rollback');
  });
});

describePostgres('runTask when the PostgreSQL server fails it', () => {
  /** Deps over a new database, and its superuser URL for a second, hostile client. */
  async function postgresDeps(via: (url: string) => string = (url) => url) {
    const url = await createDatabase();
    const store = await openPostgresStore(parsePostgresUrl(via(url), undefined));
    onTestFinished(() => store.close());
    return { url, deps: depsOver(store) };
  }

  it('names a lock held past lock_timeout (75), records the run failed and frees the lease', async () => {
    const { url, deps } = await postgresDeps();
    const outcome = await withClient(url, (blocker) =>
      runTask(deps, 'trends', {}, async (ctx) => {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE sync_state IN ACCESS EXCLUSIVE MODE'); // another process writing, and not letting go
        try {
          await ctx.db.transaction().execute(async (trx) => {
            await sql`SET LOCAL lock_timeout = '100ms'`.execute(trx); // the server's setting; the behaviour is the same
            await trx.insertInto('sync_state').values({ key: 'k', value: 'v' }).execute();
          });
        } finally {
          await blocker.query('ROLLBACK');
        }
        return {};
      }),
    );
    expect(outcome.error?.exitCode).toBe(75);
    expect(outcome.record).toMatchObject({ status: 'failed', error: 'database is busy: canceling statement due to lock timeout (PostgreSQL 55P03); try again later' });
    expect(await deps.db.selectFrom('worker_status').select(['status', 'lease_expires_at']).executeTakeFirstOrThrow()).toEqual({ status: 'failed', lease_expires_at: null });
  });

  it('answers a connection the server ended mid-run with 69, not a crash, records the run failed and frees the lease', async () => {
    const { url, deps } = await postgresDeps();
    const outcome = await runTask(deps, 'trends', {}, async (ctx) => {
      await ctx.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        // What a server restart or a failover does to a connection that is between two statements.
        await withClient(url, (admin) => admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]));
        await trx.insertInto('sync_state').values({ key: 'k', value: 'v' }).execute();
      });
      return {};
    });
    expect(outcome.error?.exitCode).toBe(69);
    expect(outcome.record.status).toBe('failed');
    expect(outcome.record.error).toMatch(/^lost the PostgreSQL server: .+; try again later$/);
    expect(await deps.db.selectFrom('worker_status').select(['status', 'lease_expires_at']).executeTakeFirstOrThrow()).toEqual({ status: 'failed', lease_expires_at: null });
  });

  it('answers a connection the network reset mid-run (ECONNRESET) with 69, records the run failed and frees the lease', async () => {
    const proxy = await resettingProxy();
    const { url, deps } = await postgresDeps((url) => {
      const through = new URL(url);
      proxy.target = { host: through.hostname, port: Number(through.port || 5432) };
      through.hostname = '127.0.0.1';
      through.port = String(proxy.port);
      return through.toString();
    });
    const outcome = await runTask(deps, 'trends', {}, async (ctx) => {
      // Outside a transaction: inside one, the failed ROLLBACK's "not queryable" is what surfaces.
      const slow = sql`SELECT pg_sleep(5)`.execute(ctx.db);
      await waitForQuery(url, 'SELECT pg_sleep(5)'); // reset while the server runs it
      proxy.resetAll(); // a TCP reset on every open connection, as a dropped NAT entry or a dying link sends
      await slow;
      return {};
    });
    expect(outcome.error?.exitCode).toBe(69);
    expect(outcome.record.status).toBe('failed');
    expect(outcome.record.error).toMatch(/^lost a network connection: .*\(ECONNRESET\); try again later$/);
    expect(await deps.db.selectFrom('worker_status').select(['status', 'lease_expires_at']).executeTakeFirstOrThrow()).toEqual({ status: 'failed', lease_expires_at: null });
  });
});

/** A TCP proxy on loopback to `target` that can reset (RST) every connection it holds. */
async function resettingProxy() {
  const sockets = new Set<Socket>();
  const proxy = {
    port: 0,
    target: { host: '127.0.0.1', port: 5432 },
    resetAll: () => {
      for (const socket of sockets) socket.resetAndDestroy();
    },

  };
  const server = createServer((client) => {
    const upstream = connect(proxy.target.port, proxy.target.host);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(a);
      a.on('close', () => sockets.delete(a));
      a.on('error', () => b.destroy());
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  onTestFinished(() => {
    proxy.resetAll();
    server.close();
  });
  return proxy;
}

/** Waits until the server at `url` is running `query` for some session. */
async function waitForQuery(url: string, query: string): Promise<void> {
  await withClient(url, async (admin) => {
    for (;;) {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query = $1", [query]);
      if (rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
}
