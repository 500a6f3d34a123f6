import { expect, it } from 'vitest';
import { execute } from '../../src/store/raw-query.js';
import { readRunMetrics, readTotals } from '../../src/store/status-queries.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describeEachDialect('status queries', (dialect) => {
  it('counts live tickets, their analyses, issues and unmerged themes; deleted tickets do not count', async () => {
    const store = await tempStoreOf(dialect);
    for (const [id, deleted, status] of [[1, 0, 'analyzed'], [2, 0, 'failed'], [3, 1, 'analyzed'], [4, 0, null], [5, 1, null]] as const) {
      await execute(store, `INSERT INTO tickets (id, status, tags, created_at, updated_at, generated_timestamp, deleted, synced_at) VALUES (?, 'open', '[]', 'x', 'x', 1, ?, 'x')`, [id, deleted]);
      if (status) {
        await execute(store, `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at) VALUES (?, ?, 'h', 'v', 'm', 1, 'x')`, [id, status]);
      }
    }
    await execute(store, `INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (1, 0, 't', 'bug', 'low', 'x')`);
    await execute(store, `INSERT INTO clusters (id, category, title, created_at, updated_at) VALUES (1, 'bug', 'a', 'x', 'x'), (2, 'bug', 'b', 'x', 'x')`);
    await execute(store, `UPDATE clusters SET merged_into = 1 WHERE id = 2`);
    expect(await readTotals(store)).toEqual({ tickets: 3, tickets_analyzed: 1, issues: 1, clusters: 1 });
  });

  it('reports runs of the last day and per-task success over the week, ignoring runs still going', async () => {
    const store = await tempStoreOf(dialect);
    const run = (id: string, task: string, status: string, startedAt: string, durationMs: number | null) =>
      execute(store, `INSERT INTO runs (id, task, status, params, pid, host, started_at, duration_ms) VALUES (?, ?, ?, '{}', 1, 'h', ?, ?)`, [id, task, status, startedAt, durationMs]);
    const ago = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
    await run('a', 'sync', 'completed', ago(1), 1000);
    await run('b', 'sync', 'failed', ago(2), 3000);
    await run('c', 'sync', 'completed', ago(50), 2000);
    await run('d', 'trends', 'running', ago(0.1), null);
    await run('e', 'trends', 'completed', ago(24 * 8), 10); // older than a week
    expect(await readRunMetrics(store, NOW)).toEqual({
      runs_24h: 3,
      failed_24h: 1,
      by_task: { sync: { runs_7d: 3, completed_7d: 2, success_rate_7d: 2 / 3, avg_duration_ms_7d: 2000 } },
    });
  });
});
