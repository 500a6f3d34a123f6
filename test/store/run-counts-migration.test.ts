import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { runCounts } from '../../src/worker/run-counts.js';
import { resultCounts, type RawRun } from '../helpers/stand-in-runs.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('migration 0012 (run counts)', () => {
  it('backfills what older runs did from their stored results, per run and per day', async () => {
    const path = join(tempDir(), 'v11.db');
    const old = new BetterSqlite3(path);
    for (const m of migrations.filter((m) => m.version <= 11)) old.exec(m.sql);
    old.pragma('user_version = 11');
    const insert = old.prepare(
      `INSERT INTO runs (id, task, status, params, result, pid, host, started_at, finished_at, duration_ms) VALUES (?, ?, ?, '{}', ?, 1, 'h', ?, ?, ?)`,
    );
    const rows: Array<[string, string, string, unknown, string, number | null]> = [
      ['r1', 'sync', 'completed', { tickets_fetched: 10, tickets_upserted: 8, tickets_deleted: 1, comments_fetched: 3 }, '2026-11-20T02:00:00Z', 1200],
      ['r2', 'analyze', 'completed', { tickets_analyzed: 6, issues_extracted: 9, tickets_failed: 2, cost_usd: 0.1 }, '2026-11-20T03:00:00Z', 5000],
      ['r3', 'pipeline', 'failed', { sync: { error: 'down', exit_code: 69 }, analyze: { tickets_analyzed: 4, issues_extracted: 4, tickets_failed: 0 }, trends: null }, '2026-11-20T04:00:00Z', 700],
      ['r4', 'pipeline', 'completed', { sync: { tickets_upserted: 30 }, analyze: { tickets_analyzed: 28, issues_extracted: 40, tickets_failed: 2 }, trends: { clusters: 3 } }, '2026-11-21T02:00:00Z', 90_000],
      ['r5', 'trends', 'completed', { clusters: 3, rising: [1] }, '2026-11-21T02:30:00Z', 300],
      ['r6', 'sync', 'failed', null, '2026-11-21T05:00:00Z', 100],
      ['r7', 'sync', 'running', null, '2026-11-22T05:00:00Z', null],
    ];
    for (const [id, task, status, result, started, ms] of rows) insert.run(id, task, status, result == null ? null : JSON.stringify(result), started, ms == null ? null : 'x', ms);
    old.prepare(`INSERT INTO runs (id, task, status, params, result, pid, host, started_at) VALUES ('r8', 'sync', 'completed', '{}', 'not json', 1, 'h', '2026-11-22T06:00:00Z')`).run();
    old.close();

    const store = openStore(path); // migrates
    try {
      const perRun = store.sqlite.prepare('SELECT * FROM runs ORDER BY id').all() as Array<Omit<RawRun, 'result'> & { id: string; result: string | null } & Record<string, number | null>>;
      const parse = (text: string | null) => {
        try {
          return text == null ? null : JSON.parse(text);
        } catch {
          return null; // 'not json' counts nothing
        }
      };
      for (const run of perRun) {
        const parsed = parse(run.result);
        // The SQL backfill and the code that records new runs read results alike.
        expect({ tickets_synced: run.tickets_synced, tickets_processed: run.tickets_processed, issues_extracted: run.issues_extracted }, run.id).toEqual(runCounts(parsed));
      }
      const daily = store.sqlite.prepare('SELECT day, sum(tickets_synced) AS synced, sum(tickets_processed) AS processed, sum(issues_extracted) AS issues FROM runs_daily GROUP BY day ORDER BY day').all();
      const expected = new Map<string, { day: string; synced: number; processed: number; issues: number }>();
      for (const run of perRun.map((r) => ({ ...r, result: parse(r.result) }))) {
        const day = run.started_at.slice(0, 10);
        const sums = expected.get(day) ?? { day, synced: 0, processed: 0, issues: 0 };
        const c = resultCounts(run);
        expected.set(day, { day, synced: sums.synced + c.synced, processed: sums.processed + c.processed, issues: sums.issues + c.issues });
      }
      expect(daily).toEqual([...expected.values()].sort((a, b) => a.day.localeCompare(b.day)));
      expect(daily[0]).toEqual({ day: '2026-11-20', synced: 8, processed: 12, issues: 13 });
    } finally {
      await store.close();
    }
  });
});
