import { describe, expect, it } from 'vitest';
import { acquireLease, releaseLease, renewLease, writeProgress, type LeaseClaim } from '../../src/worker/lease.js';
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

describe('worker lease', () => {
  it('grants the lease on an idle worker and records a running run', () => {
    const { sqlite } = tempStore();
    expect(acquireLease(sqlite, claim())).toEqual({ acquired: true, tookOverRunId: null, tookOverReason: null });
    const worker = sqlite.prepare('SELECT * FROM worker_status').get() as Record<string, unknown>;
    expect(worker).toMatchObject({ status: 'running', task: 'sync', run_id: 'r_a', pid: 100, host: 'host-a' });
    const run = sqlite.prepare('SELECT * FROM runs').get() as Record<string, unknown>;
    expect(run).toMatchObject({ id: 'r_a', status: 'running', params: '{"backfill_days":3}' });
  });

  it('names the holder when the lease is held by a live run', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    const second = acquireLease(sqlite, claim({ runId: 'r_b', pid: 200, nowMs: T0 + 1000 }));
    expect(second).toEqual({
      acquired: false,
      holder: { task: 'sync', runId: 'r_a', pid: 100, host: 'host-a', startedAt: '2026-11-28T12:00:00.000Z', heartbeatAt: '2026-11-28T12:00:00.000Z' },
    });
  });

  it('takes over from a holder whose process is gone on this host and records it abandoned', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    const result = acquireLease(sqlite, claim({ runId: 'r_b', pid: 200, nowMs: T0 + 1000, isPidAlive: (pid) => pid !== 100 }));
    expect(result).toMatchObject({ acquired: true, tookOverRunId: 'r_a' });
    const old = sqlite.prepare("SELECT * FROM runs WHERE id = 'r_a'").get() as Record<string, unknown>;
    expect(old.status).toBe('failed');
    expect(old.error).toMatch(/^abandoned: process 100@host-a is gone/);
    expect(old.duration_ms).toBe(1000);
  });

  it('does not probe the pid of a holder on another host; it waits for the lease to expire', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    const probe = (pid: number) => pid !== 100;
    expect(acquireLease(sqlite, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 59_000, isPidAlive: probe })).acquired).toBe(false);
    const late = acquireLease(sqlite, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 61_000, isPidAlive: probe }));
    expect(late).toMatchObject({ acquired: true, tookOverRunId: 'r_a' });
    expect((sqlite.prepare("SELECT error FROM runs WHERE id = 'r_a'").get() as { error: string }).error).toMatch(/^abandoned: no heartbeat since/);
  });

  it('keeps the lease alive through heartbeats', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    expect(renewLease(sqlite, 'r_a', T0 + 50_000, 60_000)).toBe(true);
    expect(acquireLease(sqlite, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 100_000 })).acquired).toBe(false);
  });

  it('tells a run that lost its lease so it can abort', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    acquireLease(sqlite, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 61_000 }));
    expect(renewLease(sqlite, 'r_a', T0 + 62_000, 60_000)).toBe(false);
    expect(writeProgress(sqlite, 'r_a', { phase: 'tickets', done: 1 })).toBe(false);
  });

  it('records progress on the worker row', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    expect(writeProgress(sqlite, 'r_a', { phase: 'comments', done: 5, total: 20, message: '3/s' })).toBe(true);
    expect(sqlite.prepare('SELECT progress_phase, progress_done, progress_total, progress_message FROM worker_status').get()).toEqual({
      progress_phase: 'comments',
      progress_done: 5,
      progress_total: 20,
      progress_message: '3/s',
    });
  });

  it('records the outcome and frees the lease on release', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    releaseLease(sqlite, { runId: 'r_a', status: 'completed', result: { tickets_fetched: 3 }, error: null, exitCode: 0, nowMs: T0 + 5000, startedMs: T0 });
    expect(sqlite.prepare('SELECT status, error, lease_expires_at FROM worker_status').get()).toEqual({ status: 'completed', error: null, lease_expires_at: null });
    expect(sqlite.prepare('SELECT status, result, duration_ms, exit_code FROM runs').get()).toEqual({
      status: 'completed',
      result: '{"tickets_fetched":3}',
      duration_ms: 5000,
      exit_code: 0,
    });
    expect(acquireLease(sqlite, claim({ runId: 'r_b', nowMs: T0 + 6000 })).acquired).toBe(true);
  });

  it('leaves the new holder alone when a run that lost its lease releases late', () => {
    const { sqlite } = tempStore();
    acquireLease(sqlite, claim());
    acquireLease(sqlite, claim({ runId: 'r_b', host: 'host-b', nowMs: T0 + 61_000 }));
    releaseLease(sqlite, { runId: 'r_a', status: 'completed', result: {}, error: null, exitCode: 0, nowMs: T0 + 70_000, startedMs: T0 });
    expect(sqlite.prepare('SELECT status, run_id FROM worker_status').get()).toEqual({ status: 'running', run_id: 'r_b' });
    expect((sqlite.prepare("SELECT status FROM runs WHERE id = 'r_a'").get() as { status: string }).status).toBe('failed');
  });

  it('refuses to run inside an open transaction, where it would silently become a savepoint', () => {
    const { sqlite } = tempStore();
    sqlite.exec('BEGIN');
    expect(() => acquireLease(sqlite, claim())).toThrow(/open transaction/);
    sqlite.exec('ROLLBACK');
  });
});
