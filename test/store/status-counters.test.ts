import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { pgTransaction } from '../../src/store/postgres/pg-transaction.js';
import type { Store } from '../../src/store/store.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { readTotals } from '../../src/store/status-queries.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { trends } from '../../src/themes/trends-task.js';
import { runTask } from '../../src/worker/run-task.js';
import { analysisSetup, runAnalyze } from '../analysis/analysis-fixture.js';
import { tempStore } from '../helpers/store.js';
import { fakeZendesk, runSync, zendeskEnv } from '../zendesk/sync-harness.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The statements the random writes need, on either database. */
interface Db {
  run(sql: string, ...args: unknown[]): Promise<void>;
  get<T = unknown>(sql: string, ...args: unknown[]): Promise<T | undefined>;
  all<T = unknown>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** `fn` in one transaction: committed, or rolled back when it throws (and the error rethrown). */
  tx(fn: (db: Db) => Promise<void>): Promise<void>;
}

function sqliteDb(sqlite: BetterSqlite3.Database): Db {
  const db: Db = {
    run: async (sql, ...args) => void sqlite.prepare(sql).run(...args),
    get: async <T,>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).get(...args) as T | undefined,
    all: async <T,>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).all(...args) as T[],
    tx: async (fn) => {
      sqlite.exec('BEGIN');
      try {
        await fn(db);
        sqlite.exec('COMMIT');
      } catch (error) {
        sqlite.exec('ROLLBACK');
        throw error;
      }
    },
  };
  return db;
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function pgDb(client: Pick<PoolClient, 'query'>, pool?: Pool): Db {
  return {
    run: async (sql, ...args) => void (await client.query(numbered(sql), args)),
    get: async <T,>(sql: string, ...args: unknown[]) => (await client.query(numbered(sql), args)).rows[0] as T | undefined,
    all: async <T,>(sql: string, ...args: unknown[]) => (await client.query(numbered(sql), args)).rows as T[],
    tx: async (fn) => pgTransaction(pool!, (c) => fn(pgDb(c))),
  };
}

/** The random writes' view of `store`. */
function dbOf(store: Store): Db {
  return store.dialect === 'sqlite' ? sqliteDb(store.sqlite) : pgDb(store.pool, store.pool);
}

/** The totals counted from the rows themselves: what the counters must always equal. */
function realTotals(db: Db) {
  return db.get(
    `SELECT (SELECT count(*) FROM tickets WHERE deleted = 0) AS tickets,
      (SELECT count(*) FROM ticket_analyses a JOIN tickets t ON t.id = a.ticket_id WHERE a.status = 'analyzed' AND t.deleted = 0) AS tickets_analyzed,
      (SELECT count(*) FROM issues) AS issues,
      (SELECT count(*) FROM clusters WHERE merged_into IS NULL) AS clusters`,
  );
}

const count = (condition: string) => `count(CASE WHEN ${condition} THEN 1 END)`;

/** runs_daily as it must be: the same rollup computed from `runs` now (days without runs dropped). */
function realRunsDaily(db: Db) {
  return db.all(
    `SELECT substr(started_at, 1, 10) AS day, task, count(*) AS runs, ${count("status <> 'running'")} AS finished,
      ${count("status = 'completed'")} AS completed, ${count("status = 'failed'")} AS failed, ${count("status = 'cancelled'")} AS cancelled,
      coalesce(sum(CASE WHEN status <> 'running' THEN duration_ms END), 0) AS duration_ms_sum,
      ${count("status <> 'running' AND duration_ms IS NOT NULL")} AS durations,
      coalesce(sum(tickets_synced), 0) AS tickets_synced, coalesce(sum(tickets_processed), 0) AS tickets_processed,
      coalesce(sum(issues_extracted), 0) AS issues_extracted
     FROM runs GROUP BY substr(started_at, 1, 10), task ORDER BY 1, 2`,
  );
}

function storedRunsDaily(db: Db) {
  return db.all('SELECT * FROM runs_daily WHERE runs <> 0 ORDER BY day, task');
}

/** A small seeded PRNG (mulberry32), so a failure replays. */
function prng(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** The writes the tasks make (sync's upsert and deletion marking, analyze's upsert and issue rewrite, trends' merges), plus hard deletes and cascades no task makes today. */
async function randomWrite(db: Db, rand: (n: number) => number): Promise<void> {
  const id = 1 + rand(40);
  const s = (sql: string, ...args: unknown[]) => db.run(sql, ...args);
  switch (rand(14)) {
    case 0: // sync's upsert: a new ticket, or a newer copy that may delete or undelete it
    case 1:
      await s(
        `INSERT INTO tickets (id, status, tags, created_at, updated_at, generated_timestamp, deleted, synced_at)
         VALUES (?, 'open', '[]', 'x', 'x', ?, ?, 'x')
         ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted, generated_timestamp = excluded.generated_timestamp
         WHERE excluded.generated_timestamp > tickets.generated_timestamp`,
        id, rand(1000), rand(4) === 0 ? 1 : 0,
      );
      break;
    case 2: // sync marking a ticket gone
      await s(`UPDATE tickets SET deleted = 1, status = 'deleted' WHERE id = ? AND deleted = 0`, id);
      break;
    case 3: // analysis saved, or re-analysed, or failed (an upsert, as save-analysis.ts writes it)
    case 4:
      if (await db.get('SELECT 1 FROM tickets WHERE id = ?', id)) {
        await s(
          `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at)
           VALUES (?, ?, 'h', 'v', 'm', 0, 'x') ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status`,
          id, rand(3) === 0 ? 'failed' : 'analyzed',
        );
      }
      break;
    case 5: // re-analysis rewrites a ticket's issues
      if (await db.get('SELECT 1 FROM tickets WHERE id = ?', id)) {
        await db.tx(async (t) => {
          await t.run('DELETE FROM issues WHERE ticket_id = ?', id);
          for (let p = rand(4); p > 0; p--) {
            await t.run(`INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, ?, 't', 'bug', 'low', 'x')`, id, p);
          }
        });
      }
      break;
    case 6: // a new theme
      await s(`INSERT INTO clusters (category, title, created_at, updated_at) VALUES ('bug', 't', 'x', 'x')`);
      break;
    case 7: { // a merge, or (by hand) an unmerge
      const ids = (await db.all<{ id: number }>('SELECT id FROM clusters ORDER BY id')).map((r) => r.id);
      if (ids.length >= 2) {
        const from = ids[rand(ids.length)]!;
        await s('UPDATE clusters SET merged_into = ? WHERE id = ?', rand(3) === 0 ? null : ids[0] === from ? ids[1] : ids[0], from);
      }
      break;
    }
    case 8: // a hard delete: the ticket's analysis and issues go by ON DELETE CASCADE
      await s('DELETE FROM tickets WHERE id = ?', id);
      break;
    case 9:
      await s('DELETE FROM ticket_analyses WHERE ticket_id = ?', id);
      break;
    case 10: { // a theme nothing points at any more
      const loose = await db.get<{ id: number }>('SELECT id FROM clusters WHERE id NOT IN (SELECT merged_into FROM clusters WHERE merged_into IS NOT NULL) LIMIT 1');
      if (loose !== undefined) await s('DELETE FROM clusters WHERE id = ?', loose.id);
      break;
    }
    case 12: { // sync's PostgreSQL writer: one statement for many tickets, new and known, live and deleted
      const rows = [0, 1, 2].map((k) => [1 + ((id + k * 13) % 40), rand(1000), rand(4) === 0 ? 1 : 0]);
      await s(
        `INSERT INTO tickets (id, status, tags, created_at, updated_at, generated_timestamp, deleted, synced_at)
         VALUES (?, 'open', '[]', 'x', 'x', ?, ?, 'x'), (?, 'open', '[]', 'x', 'x', ?, ?, 'x'), (?, 'open', '[]', 'x', 'x', ?, ?, 'x')
         ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted, generated_timestamp = excluded.generated_timestamp
         WHERE excluded.generated_timestamp > tickets.generated_timestamp`,
        ...rows.flat(),
      );
      break;
    }
    case 13: // analyses and issues of several tickets in one statement each (db copy's shape)
      await s(
        `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at)
         SELECT id, CASE WHEN id % 3 = 0 THEN 'failed' ELSE 'analyzed' END, 'h', 'v', 'm', 0, 'x' FROM tickets WHERE id >= ? AND id < ?
         ON CONFLICT (ticket_id) DO NOTHING`,
        id, id + 5,
      );
      await s(`INSERT INTO issues (ticket_id, position, title, category, severity, created_at) SELECT id, 9, 't', 'bug', 'low', 'x' FROM tickets WHERE id >= ? AND id < ?`, id, id + 3);
      if (rand(2) === 0) await s('DELETE FROM issues WHERE ticket_id >= ? AND ticket_id < ?', id, id + 4);
      break;
    case 11: // a transaction that fails half-way changes nothing, counters included
      await expect(
        db.tx(async (t) => {
          await t.run('UPDATE tickets SET deleted = 1 - deleted WHERE id = ?', id);
          await t.run(`INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, 0, 't', 'bug', 'low', 'x')`, id);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow();
      break;
  }
}

describeEachDialect('status counters', (dialect) => {
  it('equal the real counts after every write of a long random sequence', async () => {
    const store = await tempStoreOf(dialect);
    const db = dbOf(store);
    const rand = prng(14);
    for (let step = 0; step < 1500; step++) {
      await randomWrite(db, rand);
      expect(await readTotals(store), `after step ${step}`).toEqual(await realTotals(db));
    }
    expect((await readTotals(store)).tickets).toBeGreaterThan(0);
  });

  it('keep runs_daily equal to the runs it rolls up as runs start, finish, are rewritten and deleted', async () => {
    const db = dbOf(await tempStoreOf(dialect));
    const rand = prng(9);
    const statuses = ['running', 'completed', 'failed', 'cancelled'];
    for (let step = 0; step < 600; step++) {
      const id = `r${rand(60)}`;
      const day = `2026-11-${String(20 + rand(8)).padStart(2, '0')}T0${rand(10)}:00:00Z`;
      const task = ['sync', 'analyze', 'trends'][rand(3)]!;
      switch (rand(4)) {
        case 0:
          await db.run(`INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES (?, ?, 'running', '{}', 1, 'h', ?) ON CONFLICT (id) DO NOTHING`, id, task, day);
          break;
        case 1: // a run finishes (lease.ts writes status, finished_at, duration and counts together)
          await db.run(
            `UPDATE runs SET status = ?, finished_at = 'x', duration_ms = ?, tickets_synced = ?, tickets_processed = ?, issues_extracted = ? WHERE id = ?`,
            statuses[1 + rand(3)], rand(2) ? 100 + rand(5000) : null, rand(2) ? rand(500) : null, rand(2) ? rand(400) : null, rand(3) ? rand(900) : null, id,
          );
          break;
        case 2: // a rewrite by hand: moved to another day and task
          await db.run(`UPDATE runs SET started_at = ?, task = ? WHERE id = ?`, day, task, id);
          break;
        case 3:
          await db.run('DELETE FROM runs WHERE id = ?', id);
          break;
      }
      expect(await storedRunsDaily(db), `after step ${step}`).toEqual(await realRunsDaily(db));
    }
  });
});

describe('status counters on SQLite', () => {
  it('are computed from the rows already there when an older database is migrated', async () => {
    const path = join(tempDir(), 'old.db');
    const old = new BetterSqlite3(path);
    old.pragma('foreign_keys = ON');
    for (const m of migrations.filter((m) => m.version <= 5)) old.exec(m.sql);
    old.pragma('user_version = 5');
    const rand = prng(7);
    for (let i = 0; i < 300; i++) await randomWrite(sqliteDb(old), rand);
    old.prepare(`INSERT INTO runs (id, task, status, params, pid, host, started_at, finished_at, duration_ms) VALUES ('r1', 'sync', 'completed', '{}', 1, 'h', '2026-11-27T10:00:00Z', 'x', 500)`).run();
    const expected = await realTotals(sqliteDb(old));
    old.close();

    const store = openStore(path);
    try {
      expect(await readTotals(store)).toEqual(expected);
      expect(await storedRunsDaily(dbOf(store))).toEqual(await realRunsDaily(dbOf(store)));
    } finally {
      void store.close();
    }
  });

  it('equal the real counts after a writer is killed in the middle of its writes', async () => {
    const store = tempStore();
    const { path } = store;
    const db = dbOf(store);
    // A separate process upserts tickets, analyses and issues in small transactions until killed.
    const script = `
      const B = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const db = new B(${JSON.stringify(path)}); db.pragma('foreign_keys = ON');
      const t = db.prepare("INSERT INTO tickets (id, status, tags, created_at, updated_at, generated_timestamp, deleted, synced_at) VALUES (?, 'open', '[]', 'x', 'x', ?, ?, 'x') ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted, generated_timestamp = excluded.generated_timestamp");
      const a = db.prepare("INSERT OR IGNORE INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at) VALUES (?, 'analyzed', 'h', 'v', 'm', 0, 'x')");
      const i = db.prepare("INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, 0, 't', 'bug', 'low', 'x')");
      const page = db.transaction((n) => { for (let k = 0; k < 50; k++) { const id = (n * 37 + k) % 5000; t.run(id, n, (n + k) % 5 === 0 ? 1 : 0); a.run(id); i.run(id); } });
      process.stdout.write('ready\\n');
      for (let n = 1; ; n++) page(n);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await realTotals(db)).toMatchObject({ tickets: expect.any(Number) });
    expect(((await realTotals(db)) as { issues: number }).issues).toBeGreaterThan(0);
    expect(await readTotals(store)).toEqual(await realTotals(db));
  });
});

describe('status counters under the real tasks', () => {
  it('equal the real counts through sync, analysis, re-analysis, deletions and trends', async () => {
    const { deps } = await analysisSetup();
    const model = new ZendeskModel().seed(120);
    const fake = await fakeZendesk({ model, duplicates: true });
    const check = async () => expect(await readTotals(deps.store)).toEqual(await realTotals(dbOf(deps.store)));
    const trendsRun = async () => expect((await runTask(deps, 'trends', {}, (ctx) => trends(ctx))).error).toBeUndefined();

    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();
    await check();
    expect((await runAnalyze(deps)).error).toBeUndefined();
    await check();
    await trendsRun();
    await check();
    expect(await readTotals(deps.store)).toMatchObject({ tickets: 120, tickets_analyzed: 120 });

    for (const id of model.ticketIds().slice(0, 10)) model.deleteTicket(id);
    for (const id of model.ticketIds().slice(10, 30)) model.addComment(id, { body: 'The invoice PDF export crashes again.' });
    model.addTicket();
    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();
    await check();
    expect((await runAnalyze(deps)).error).toBeUndefined();
    await check();
    await trendsRun();
    await check();
    expect(await readTotals(deps.store)).toMatchObject({ tickets: 111, tickets_analyzed: 111 });
  });
});
