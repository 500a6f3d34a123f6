import { describe, expect, it } from 'vitest';
import type { LeaseClaimRow } from '../../src/store/lease-rows.js';
import { claimOutcome, decideLeaseClaim } from '../../src/store/lease-takeover.js';
import type { WorkerStatusTable } from '../../src/store/schema-core.js';

const T0 = Date.parse('2026-11-28T12:00:00Z');

function workerRow(overrides: Partial<WorkerStatusTable> = {}): WorkerStatusTable {
  return {
    id: 1,
    status: 'idle',
    task: null,
    run_id: null,
    pid: null,
    host: null,
    started_at: null,
    finished_at: null,
    heartbeat_at: null,
    lease_expires_at: null,
    progress_phase: null,
    progress_done: null,
    progress_total: null,
    progress_message: null,
    error: null,
    ...overrides,
  };
}

const running = workerRow({ status: 'running', task: 'sync', run_id: 'r_old', pid: 100, host: 'host-a', started_at: '2026-11-28T11:59:00.000Z' });

function claimRow(staleReason: LeaseClaimRow['staleReason'] = () => null): LeaseClaimRow {
  return {
    runId: 'r_new',
    task: 'trends',
    params: '{}',
    pid: 200,
    host: 'host-b',
    startedAt: '2026-11-28T12:00:00.000Z',
    leaseExpiresAt: '2026-11-28T12:01:00.000Z',
    staleReason,
    nowMs: T0,
  };
}

describe('the lease takeover decision', () => {
  it('grants an idle worker without taking anything over: the new run and the worker row are written', () => {
    const decision = decideLeaseClaim(workerRow({ status: 'completed', run_id: 'r_done' }), claimRow(() => 'never asked'));
    expect(claimOutcome(decision)).toEqual({ acquired: true, tookOverRunId: null, tookOverReason: null });
    expect(decision.acquired && decision.statements.map((s) => s.sql.split(' ').slice(0, 3).join(' '))).toEqual(['INSERT INTO runs', 'UPDATE worker_status SET']);
    expect(decision.acquired && decision.statements[0]!.values).toEqual(['r_new', 'trends', '{}', 200, 'host-b', '2026-11-28T12:00:00.000Z']);
  });

  it('refuses while the running holder is alive and names it', () => {
    const seen: WorkerStatusTable[] = [];
    const decision = decideLeaseClaim(running, claimRow((row) => (seen.push(row), null)));
    expect(decision).toEqual({ acquired: false, holder: running });
    expect(seen).toEqual([running]);
  });

  it('takes over a stale holder: its run is recorded failed, abandoned with the reason, lasting until now', () => {
    const decision = decideLeaseClaim(running, claimRow(() => 'process 100@host-a is gone'));
    expect(claimOutcome(decision)).toEqual({ acquired: true, tookOverRunId: 'r_old', tookOverReason: 'process 100@host-a is gone' });
    if (!decision.acquired) throw new Error('refused');
    expect(decision.statements).toHaveLength(3);
    expect(decision.statements[0]!.sql).toMatch(/^UPDATE runs SET status = 'failed'/);
    expect(decision.statements[0]!.values).toEqual(['abandoned: process 100@host-a is gone', '2026-11-28T12:00:00.000Z', 60_000, 'r_old']);
  });

  it('records no duration for a stale holder whose start is unknown', () => {
    const decision = decideLeaseClaim({ ...running, started_at: null }, claimRow(() => 'no heartbeat since 2026-11-28T11:00:00.000Z'));
    expect(decision.acquired && decision.statements[0]!.values[2]).toBeNull();
  });

  it('gives every statement as many values as placeholders', () => {
    const decision = decideLeaseClaim(running, claimRow(() => 'gone'));
    if (!decision.acquired) throw new Error('refused');
    for (const { sql, values } of decision.statements) expect(values).toHaveLength(sql.split('?').length - 1);
  });
});
