import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runTask } from '../../src/worker/run-task.js';
import { testDeps } from '../helpers/store.js';

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
