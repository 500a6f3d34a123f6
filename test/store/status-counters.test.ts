import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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

type Sqlite = BetterSqlite3.Database;

/** The totals counted from the rows themselves: what the counters must always equal. */
function realTotals(sqlite: Sqlite) {
  return sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM tickets WHERE deleted = 0) AS tickets,
        (SELECT count(*) FROM ticket_analyses a JOIN tickets t ON t.id = a.ticket_id WHERE a.status = 'analyzed' AND t.deleted = 0) AS tickets_analyzed,
        (SELECT count(*) FROM issues) AS issues,
        (SELECT count(*) FROM clusters WHERE merged_into IS NULL) AS clusters`,
    )
    .get();
}

/** runs_daily as it must be: the same rollup computed from `runs` now (days without runs dropped). */
function realRunsDaily(sqlite: Sqlite) {
  return sqlite
    .prepare(
      `SELECT substr(started_at, 1, 10) AS day, task, count(*) AS runs, sum(status <> 'running') AS finished,
        sum(status = 'completed') AS completed, sum(status = 'failed') AS failed, sum(status = 'cancelled') AS cancelled,
        coalesce(sum(CASE WHEN status <> 'running' THEN duration_ms END), 0) AS duration_ms_sum,
        sum(status <> 'running' AND duration_ms IS NOT NULL) AS durations,
        coalesce(sum(tickets_synced), 0) AS tickets_synced, coalesce(sum(tickets_processed), 0) AS tickets_processed,
        coalesce(sum(issues_extracted), 0) AS issues_extracted
       FROM runs GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
}

function storedRunsDaily(sqlite: Sqlite) {
  return sqlite.prepare('SELECT * FROM runs_daily WHERE runs <> 0 ORDER BY day, task').all();
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
function randomWrite(sqlite: Sqlite, rand: (n: number) => number): void {
  const id = 1 + rand(40);
  const s = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
  switch (rand(12)) {
    case 0: // sync's upsert: a new ticket, or a newer copy that may delete or undelete it
    case 1:
      s(
        `INSERT INTO tickets (id, status, tags, created_at, updated_at, generated_timestamp, deleted, synced_at)
         VALUES (?, 'open', '[]', 'x', 'x', ?, ?, 'x')
         ON CONFLICT (id) DO UPDATE SET deleted = excluded.deleted, generated_timestamp = excluded.generated_timestamp
         WHERE excluded.generated_timestamp > tickets.generated_timestamp`,
        id, rand(1000), rand(4) === 0 ? 1 : 0,
      );
      break;
    case 2: // sync marking a ticket gone
      s(`UPDATE tickets SET deleted = 1, status = 'deleted' WHERE id = ? AND deleted = 0`, id);
      break;
    case 3: // analysis saved, or re-analysed, or failed (an upsert, as save-analysis.ts writes it)
    case 4:
      if (sqlite.prepare('SELECT 1 FROM tickets WHERE id = ?').get(id)) {
        s(
          `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at)
           VALUES (?, ?, 'h', 'v', 'm', 0, 'x') ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status`,
          id, rand(3) === 0 ? 'failed' : 'analyzed',
        );
      }
      break;
    case 5: // re-analysis rewrites a ticket's issues
      if (sqlite.prepare('SELECT 1 FROM tickets WHERE id = ?').get(id)) {
        sqlite.transaction(() => {
          s('DELETE FROM issues WHERE ticket_id = ?', id);
          for (let p = rand(4); p > 0; p--) {
            s(`INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, ?, 't', 'bug', 'low', 'x')`, id, p);
          }
        })();
      }
      break;
    case 6: // a new theme
      s(`INSERT INTO clusters (category, title, created_at, updated_at) VALUES ('bug', 't', 'x', 'x')`);
      break;
    case 7: { // a merge, or (by hand) an unmerge
      const ids = sqlite.prepare('SELECT id FROM clusters ORDER BY id').pluck().all() as number[];
      if (ids.length >= 2) {
        const from = ids[rand(ids.length)]!;
        s('UPDATE clusters SET merged_into = ? WHERE id = ?', rand(3) === 0 ? null : ids[0] === from ? ids[1] : ids[0], from);
      }
      break;
    }
    case 8: // a hard delete: the ticket's analysis and issues go by ON DELETE CASCADE
      s('DELETE FROM tickets WHERE id = ?', id);
      break;
    case 9:
      s('DELETE FROM ticket_analyses WHERE ticket_id = ?', id);
      break;
    case 10: { // a theme nothing points at any more
      const loose = sqlite.prepare('SELECT id FROM clusters WHERE id NOT IN (SELECT merged_into FROM clusters WHERE merged_into IS NOT NULL) LIMIT 1').pluck().get();
      if (loose !== undefined) s('DELETE FROM clusters WHERE id = ?', loose);
      break;
    }
    case 11: // a transaction that fails half-way changes nothing, counters included
      expect(() =>
        sqlite.transaction(() => {
          s('UPDATE tickets SET deleted = 1 - deleted WHERE id = ?', id);
          s(`INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, 0, 't', 'bug', 'low', 'x')`, id);
          throw new Error('rolled back');
        })(),
      ).toThrow();
      break;
  }
}

describe('status counters', () => {
  it('equal the real counts after every write of a long random sequence', () => {
    const { sqlite } = tempStore();
    const rand = prng(14);
    for (let step = 0; step < 1500; step++) {
      randomWrite(sqlite, rand);
      expect(readTotals(sqlite), `after step ${step}`).toEqual(realTotals(sqlite));
    }
    expect(readTotals(sqlite).tickets).toBeGreaterThan(0);
  });

  it('are computed from the rows already there when an older database is migrated', () => {
    const path = join(tempDir(), 'old.db');
    const old = new BetterSqlite3(path);
    old.pragma('foreign_keys = ON');
    for (const m of migrations.filter((m) => m.version <= 5)) old.exec(m.sql);
    old.pragma('user_version = 5');
    const rand = prng(7);
    for (let i = 0; i < 300; i++) randomWrite(old, rand);
    old.prepare(`INSERT INTO runs (id, task, status, params, pid, host, started_at, finished_at, duration_ms) VALUES ('r1', 'sync', 'completed', '{}', 1, 'h', '2026-11-27T10:00:00Z', 'x', 500)`).run();
    const expected = realTotals(old);
    old.close();

    const store = openStore(path);
    try {
      expect(readTotals(store.sqlite)).toEqual(expected);
      expect(storedRunsDaily(store.sqlite)).toEqual(realRunsDaily(store.sqlite));
    } finally {
      void store.close();
    }
  });

  it('equal the real counts after a writer is killed in the middle of its writes', async () => {
    const { sqlite, path } = tempStore();
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
    expect(realTotals(sqlite)).toMatchObject({ tickets: expect.any(Number) });
    expect((realTotals(sqlite) as { issues: number }).issues).toBeGreaterThan(0);
    expect(readTotals(sqlite)).toEqual(realTotals(sqlite));
  });

  it('keep runs_daily equal to the runs it rolls up as runs start, finish, are rewritten and deleted', () => {
    const { sqlite } = tempStore();
    const rand = prng(9);
    const statuses = ['running', 'completed', 'failed', 'cancelled'];
    for (let step = 0; step < 600; step++) {
      const id = `r${rand(60)}`;
      const day = `2026-11-${String(20 + rand(8)).padStart(2, '0')}T0${rand(10)}:00:00Z`;
      const task = ['sync', 'analyze', 'trends'][rand(3)]!;
      switch (rand(4)) {
        case 0:
          sqlite.prepare(`INSERT OR IGNORE INTO runs (id, task, status, params, pid, host, started_at) VALUES (?, ?, 'running', '{}', 1, 'h', ?)`).run(id, task, day);
          break;
        case 1: // a run finishes (lease.ts writes status, finished_at, duration and counts together)
          sqlite
            .prepare(`UPDATE runs SET status = ?, finished_at = 'x', duration_ms = ?, tickets_synced = ?, tickets_processed = ?, issues_extracted = ? WHERE id = ?`)
            .run(statuses[1 + rand(3)], rand(2) ? 100 + rand(5000) : null, rand(2) ? rand(500) : null, rand(2) ? rand(400) : null, rand(3) ? rand(900) : null, id);
          break;
        case 2: // a rewrite by hand: moved to another day and task
          sqlite.prepare(`UPDATE runs SET started_at = ?, task = ? WHERE id = ?`).run(day, task, id);
          break;
        case 3:
          sqlite.prepare('DELETE FROM runs WHERE id = ?').run(id);
          break;
      }
      expect(storedRunsDaily(sqlite), `after step ${step}`).toEqual(realRunsDaily(sqlite));
    }
  });
});

describe('status counters under the real tasks', () => {
  it('equal the real counts through sync, analysis, re-analysis, deletions and trends', async () => {
    const { deps } = await analysisSetup();
    const model = new ZendeskModel().seed(120);
    const fake = await fakeZendesk({ model, duplicates: true });
    const check = () => expect(readTotals(deps.store.sqlite)).toEqual(realTotals(deps.store.sqlite));
    const trendsRun = async () => expect((await runTask(deps, 'trends', {}, (ctx) => trends(ctx))).error).toBeUndefined();

    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();
    check();
    expect((await runAnalyze(deps)).error).toBeUndefined();
    check();
    await trendsRun();
    check();
    expect(readTotals(deps.store.sqlite)).toMatchObject({ tickets: 120, tickets_analyzed: 120 });

    for (const id of model.ticketIds().slice(0, 10)) model.deleteTicket(id);
    for (const id of model.ticketIds().slice(10, 30)) model.addComment(id, { body: 'The invoice PDF export crashes again.' });
    model.addTicket();
    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();
    check();
    expect((await runAnalyze(deps)).error).toBeUndefined();
    check();
    await trendsRun();
    check();
    expect(readTotals(deps.store.sqlite)).toMatchObject({ tickets: 111, tickets_analyzed: 111 });
  });
});
