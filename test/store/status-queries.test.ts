import { describe, expect, it } from 'vitest';
import { readRunMetrics, readTotals } from '../../src/store/status-queries.js';
import { tempStore } from '../helpers/store.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('status queries', () => {
  it('counts live tickets, their analyses, issues and unmerged themes; deleted tickets do not count', async () => {
    const store = tempStore();
    const { sqlite } = store;
    const ticket = sqlite.prepare(
      `INSERT INTO tickets (id, status, tags, created_at, updated_at, generated_timestamp, deleted, synced_at) VALUES (?, 'open', '[]', 'x', 'x', 1, ?, 'x')`,
    );
    const analysis = sqlite.prepare(
      `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at) VALUES (?, ?, 'h', 'v', 'm', 1, 'x')`,
    );
    for (const [id, deleted, status] of [[1, 0, 'analyzed'], [2, 0, 'failed'], [3, 1, 'analyzed'], [4, 0, null], [5, 1, null]] as const) {
      ticket.run(id, deleted);
      if (status) analysis.run(id, status);
    }
    sqlite.prepare(`INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (1, 0, 't', 'bug', 'low', 'x')`).run();
    sqlite.prepare(`INSERT INTO clusters (id, category, title, created_at, updated_at) VALUES (1, 'bug', 'a', 'x', 'x'), (2, 'bug', 'b', 'x', 'x')`).run();
    sqlite.prepare(`UPDATE clusters SET merged_into = 1 WHERE id = 2`).run();
    expect(await readTotals(store)).toEqual({ tickets: 3, tickets_analyzed: 1, issues: 1, clusters: 1 });
  });

  it('reports runs of the last day and per-task success over the week, ignoring runs still going', async () => {
    const store = tempStore();
    const { sqlite } = store;
    const run = sqlite.prepare(`INSERT INTO runs (id, task, status, params, pid, host, started_at, duration_ms) VALUES (?, ?, ?, '{}', 1, 'h', ?, ?)`);
    const ago = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
    run.run('a', 'sync', 'completed', ago(1), 1000);
    run.run('b', 'sync', 'failed', ago(2), 3000);
    run.run('c', 'sync', 'completed', ago(50), 2000);
    run.run('d', 'trends', 'running', ago(0.1), null);
    run.run('e', 'trends', 'completed', ago(24 * 8), 10); // older than a week
    expect(await readRunMetrics(store, NOW)).toEqual({
      runs_24h: 3,
      failed_24h: 1,
      by_task: { sync: { runs_7d: 3, completed_7d: 2, success_rate_7d: 2 / 3, avg_duration_ms_7d: 2000 } },
    });
  });
});
