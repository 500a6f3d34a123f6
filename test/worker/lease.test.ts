import { describe, expect, it } from 'vitest';
import { queryOne } from '../../src/store/raw-query.js';
import type { Store } from '../../src/store/store.js';
import { acquireLease, releaseLease, renewLease, writeProgress, type LeaseClaim } from '../../src/worker/lease.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';
import { tempStore } from '../helpers/store.js';

const T0 = Date.parse('2026-11-28T12:00:00Z');

function claim(overrides: Partial<LeaseClaim> = {}): LeaseClaim {
  return {
    runId: 'r_a',
    task: 'sync',
    params: { backfill_days: 3 },
    pid: 100,
    host: 'host-a',
    nowMs: T0,
    leaseMs: 60_000,
    isPidAlive: () => true,
    ...overrides,
  };
}

const row = <T = Record<string, unknown>>(store: Store, sql: string) => queryOne<T>(store, sql);

describeEachDialect('worker lease', (dialect) => {
  it('grants the lease on an idle worker and records a running run', async () => {
    const store = await tempStoreOf(dialect);
    expect(await acquireLease(store, claim())).toEqual({ acquired: true, tookOverRunId: null, tookOverReason: null });
    expect(await row(store, 'SELECT * FROM worker_status')).toMatchObject({ status: 'running', task: 'sync', run_id: 'r_a', pid: 100, host: 'host-a' });
    expect(await row(store, 'SELECT * FROM runs')).toMatchObject({ id: 'r_a', status: 'running', params: '{"backfill_days":3}' });
  });

  it('names the holder when the lease is held by a live run', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    const second = await acquireLease(store, claim({ runId: 'r_b', pid: 200, nowMs: T0 + 1000 }));
    expect(second).toEqual({
      acquired: false,
      holder: { task: 'sync', runId: 'r_a', pid: 100, host: 'host-a', startedAt: '2026-11-28T12:00:00.000Z', heartbeatAt: '2026-11-28T12:00:00.000Z' },
    });
  });

  it('grants exactly one of eight claims made at the same moment', async () => {
    const store = await tempStoreOf(dialect);
    const claims = await Promise.all([...Array(8).keys()].map((i) => acquireLease(store, claim({ runId: `r_${i}`, pid: 100 + i, host: `host-${i % 2}` }))));
    expect(claims.filter((c) => c.acquired)).toHaveLength(1);
    expect(await row(store, 'SELECT count(*) AS n FROM runs')).toEqual({ n: 1 });
  });

  it('takes over from a holder whose process is gone on this host and records it abandoned', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    const result = await acquireLease(store, claim({ runId: 'r_b', pid: 200, nowMs: T0 + 1000, isPidAlive: (pid) => pid !== 100 }));
    expect(result).toMatchObject({ acquired: true, tookOverRunId: 'r_a' });
    const old = await row(store, "SELECT * FROM runs WHERE id = 'r_a'");
    expect(old!.status).toBe('failed');
    expect(old!.error).toMatch(/^abandoned: process 100@host-a is gone/);
    expect(old!.duration_ms).toBe(1000);
  });

  it('does not probe the pid of a holder on another host; it waits for the lease to expire', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    const probe = (pid: number) => pid !== 100;
    expect((await acquireLease(store, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 59_000, isPidAlive: probe }))).acquired).toBe(false);
    const late = await acquireLease(store, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 61_000, isPidAlive: probe }));
    expect(late).toMatchObject({ acquired: true, tookOverRunId: 'r_a' });
    expect((await row<{ error: string }>(store, "SELECT error FROM runs WHERE id = 'r_a'"))!.error).toMatch(/^abandoned: no heartbeat since/);
  });

  it('keeps the lease alive through heartbeats', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    expect(await renewLease(store, 'r_a', T0 + 50_000, 60_000)).toBe(true);
    expect((await acquireLease(store, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 100_000 }))).acquired).toBe(false);
  });

  it('tells a run that lost its lease so it can abort', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    await acquireLease(store, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 61_000 }));
    expect(await renewLease(store, 'r_a', T0 + 62_000, 60_000)).toBe(false);
    expect(await writeProgress(store, 'r_a', { phase: 'tickets', done: 1 })).toBe(false);
  });

  it('records progress on the worker row', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    expect(await writeProgress(store, 'r_a', { phase: 'comments', done: 5, total: 20, message: '3/s' })).toBe(true);
    expect(await row(store, 'SELECT progress_phase, progress_done, progress_total, progress_message FROM worker_status')).toEqual({
      progress_phase: 'comments',
      progress_done: 5,
      progress_total: 20,
      progress_message: '3/s',
    });
  });

  it('records the outcome and frees the lease on release', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    await releaseLease(store, { runId: 'r_a', status: 'completed', result: { tickets_fetched: 3 }, error: null, exitCode: 0, nowMs: T0 + 5000, startedMs: T0 });
    expect(await row(store, 'SELECT status, error, lease_expires_at FROM worker_status')).toEqual({ status: 'completed', error: null, lease_expires_at: null });
    expect(await row(store, 'SELECT status, result, duration_ms, exit_code FROM runs')).toEqual({
      status: 'completed',
      result: '{"tickets_fetched":3}',
      duration_ms: 5000,
      exit_code: 0,
    });
    expect((await acquireLease(store, claim({ runId: 'r_b', nowMs: T0 + 6000 }))).acquired).toBe(true);
  });

  it('leaves the new holder alone when a run that lost its lease releases late', async () => {
    const store = await tempStoreOf(dialect);
    await acquireLease(store, claim());
    await acquireLease(store, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 61_000 }));
    await releaseLease(store, { runId: 'r_a', status: 'completed', result: {}, error: null, exitCode: 0, nowMs: T0 + 70_000, startedMs: T0 });
    expect(await row(store, 'SELECT status, run_id FROM worker_status')).toEqual({ status: 'running', run_id: 'r_b' });
    expect((await row<{ status: string }>(store, "SELECT status FROM runs WHERE id = 'r_a'"))!.status).toBe('failed');
  });
});

describe('worker lease on SQLite', () => {
  it('refuses to run inside an open transaction, where it would silently become a savepoint', async () => {
    const store = tempStore();
    store.sqlite.exec('BEGIN');
    await expect(acquireLease(store, claim())).rejects.toThrow(/open transaction/);
    store.sqlite.exec('ROLLBACK');
  });
});
