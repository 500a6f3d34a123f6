import { expect, it } from 'vitest';
import { readClaudeSpend, readDurationBuckets, readLastSuccess, readLeaseRow, readRisingThemes, readRunCountsByTask } from '../../src/store/metrics-queries.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';

/*
 * The queries of GET /metrics on both databases: runs written through Kysely, the rollups kept by
 * each dialect's triggers (migrations 0005, 0011, 0012), the answers numbers on both.
 */
describeEachDialect('metrics queries', (dialect) => {
  it('count runs by task and outcome, bucket durations, and find the last success, the spend, the rising themes and the lease', async () => {
    const store = await tempStoreOf(dialect);
    const run = (id: string, task: string, status: string, started: string, ms: number | null, counts: [number | null, number | null, number | null] = [null, null, null]) =>
      store.db
        .insertInto('runs')
        .values({
          id, task, status: status as 'completed', params: '{}', pid: 1, host: 'h', started_at: started,
          finished_at: status === 'running' ? null : started.replace('T02', 'T03'), duration_ms: ms,
          tickets_synced: counts[0], tickets_processed: counts[1], issues_extracted: counts[2],
        })
        .execute();
    await run('r1', 'sync', 'completed', '2026-11-20T02:00:00.000Z', 800, [7, null, null]);
    await run('r2', 'sync', 'failed', '2026-11-21T02:00:00.000Z', 45_000, [2, null, null]);
    await run('r3', 'pipeline', 'completed', '2026-11-21T02:10:00.000Z', 4_000_000, [10, 9, 12]);
    await run('r4', 'analyze', 'cancelled', '2026-11-22T02:00:00.000Z', 3_000, [null, 4, 5]);
    await run('r5', 'analyze', 'running', '2026-11-23T02:00:00.000Z', null);
    await run('r6', 'sync', 'completed', '2026-11-23T02:00:00.000Z', 1_000, [1, null, null]);
    const usage = { run_id: null, ticket_id: null, purpose: 'analyze', model: 'm', mode: 'live' as const, input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, request_id: null };
    await store.db.insertInto('api_usage').values([{ ...usage, at: '2026-11-21T02:00:00Z', cost_usd: 0.25 }, { ...usage, at: '2026-11-22T02:00:00Z', cost_usd: null }, { ...usage, at: '2026-11-22T03:00:00Z', cost_usd: 0.5 }]).execute();
    const cluster = { category: 'bug', title: 't', created_at: 'x', updated_at: 'x' };
    await store.db.insertInto('clusters').values([{ ...cluster, rising: 1 }, { ...cluster, rising: 0 }, { ...cluster, rising: 1 }]).execute();
    await store.db.updateTable('clusters').set({ merged_into: 1 }).where('id', '=', 3).execute();

    expect(await readRunCountsByTask(store.db)).toEqual([
      { task: 'analyze', completed: 0, failed: 0, cancelled: 1, running: 1, tickets_synced: 0, tickets_processed: 4, issues_extracted: 5 },
      { task: 'pipeline', completed: 1, failed: 0, cancelled: 0, running: 0, tickets_synced: 10, tickets_processed: 9, issues_extracted: 12 },
      { task: 'sync', completed: 2, failed: 1, cancelled: 0, running: 0, tickets_synced: 10, tickets_processed: 0, issues_extracted: 0 },
    ]);
    expect(await readDurationBuckets(store.db, [1_000, 60_000])).toEqual([
      { task: 'analyze', cumulative: [0, 1], count: 1, sum_ms: 3_000 },
      { task: 'pipeline', cumulative: [0, 0], count: 1, sum_ms: 4_000_000 },
      { task: 'sync', cumulative: [2, 3], count: 3, sum_ms: 46_800 },
    ]);
    expect(await readLastSuccess(store.db)).toEqual([
      { task: 'pipeline', finished_at: '2026-11-21T03:10:00.000Z' },
      { task: 'sync', finished_at: '2026-11-23T03:00:00.000Z' },
    ]);
    expect(await readClaudeSpend(store.db)).toEqual({ cost_usd: 0.75, unpriced_calls: 1 });
    expect(await readRisingThemes(store.db)).toBe(1);
    expect(await readLeaseRow(store.db)).toEqual({ status: 'idle', pid: null, host: null, heartbeat_at: null, lease_expires_at: null });
  });
});
