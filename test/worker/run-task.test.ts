import { expect, it, vi } from 'vitest';
import { InterruptedError, LeaseHeldError, UnavailableError } from '../../src/errors.js';
import { sleep } from '../../src/sleep.js';
import { runTask } from '../../src/worker/run-task.js';
import { execute } from '../../src/store/raw-query.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';
import { waitFor } from '../helpers/wait-for.js';

describeEachDialect('runTask', (dialect) => {
  const testDeps = (overrides: Parameters<typeof testDepsOf>[1] = {}) => testDepsOf(dialect, overrides);

  it('records a completed run with its params, result and duration', async () => {
    const deps = await testDeps();
    const outcome = await runTask(deps, 'sync', { backfill_days: 2 }, async () => ({ tickets_fetched: 7 }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.record).toMatchObject({ task: 'sync', status: 'completed', result: { tickets_fetched: 7 }, error: null });
    const run = await deps.db.selectFrom('runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ id: outcome.record.run_id, status: 'completed', params: '{"backfill_days":2}', result: '{"tickets_fetched":7}', exit_code: 0 });
    const worker = await deps.db.selectFrom('worker_status').selectAll().executeTakeFirstOrThrow();
    expect(worker).toMatchObject({ status: 'completed', task: 'sync', run_id: outcome.record.run_id, lease_expires_at: null });
  });

  it('records a failed run with the error and its exit code, and frees the lease', async () => {
    const deps = await testDeps();
    const outcome = await runTask(deps, 'sync', {}, async () => {
      throw new UnavailableError('zendesk.example: 503 after 6 tries');
    });
    expect(outcome.error?.exitCode).toBe(69);
    expect(outcome.record).toMatchObject({ status: 'failed', error: 'zendesk.example: 503 after 6 tries' });
    const run = await deps.db.selectFrom('runs').select(['status', 'exit_code']).executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'failed', exit_code: 69 });
    const worker = await deps.db.selectFrom('worker_status').select(['status', 'error']).executeTakeFirstOrThrow();
    expect(worker).toEqual({ status: 'failed', error: 'zendesk.example: 503 after 6 tries' });
  });

  it('turns a foreign error into a task failure with exit code 1', async () => {
    const outcome = await runTask(await testDeps(), 'trends', {}, async () => {
      throw new TypeError('boom\nsecond line');
    });
    expect(outcome.error?.exitCode).toBe(1);
    expect(outcome.record.error).toBe('boom');
  });

  it('records a run cancelled by SIGTERM and exits 143', async () => {
    const controller = new AbortController();
    const deps = await testDeps({ signal: controller.signal });
    const outcome = runTask(deps, 'sync', {}, async (ctx) => {
      await sleep(60_000, ctx.signal);
      return {};
    });
    setTimeout(() => controller.abort(new InterruptedError('SIGTERM')), 20);
    const { record, error } = await outcome;
    expect(record.status).toBe('cancelled');
    expect(record.error).toBe('cancelled: interrupted by SIGTERM');
    expect(error?.exitCode).toBe(143);
    const worker = await deps.db.selectFrom('worker_status').select(['status', 'lease_expires_at']).executeTakeFirstOrThrow();
    expect(worker).toEqual({ status: 'cancelled', lease_expires_at: null });
  });

  it('throws a busy error naming the holder while another run holds the lease', async () => {
    const deps = await testDeps();
    let release!: () => void;
    let holds!: () => void;
    const held = new Promise<void>((resolve) => (holds = resolve));
    const holding = runTask(deps, 'pipeline', {}, () => {
      holds();
      return new Promise<Record<string, unknown>>((resolve) => (release = () => resolve({})));
    });
    // Once the first holds the lease: on PostgreSQL a claim is a round trip, and two claims sent
    // together may be decided in either order (a fast machine let the second win).
    await held;
    const second = runTask({ ...deps, pid: deps.pid }, 'trends', {}, async () => ({}));
    await expect(second).rejects.toBeInstanceOf(LeaseHeldError);
    await expect(second).rejects.toThrow(new RegExp(`worker busy: pipeline run r_\\S+ by ${deps.pid}@test-host since 20`));
    release();
    await holding;
  });

  it('aborts the task when another process takes its lease over', async () => {
    const deps = await testDeps({ leaseMs: 150 });
    const outcome = runTask(deps, 'sync', {}, async (ctx) => {
      // Another host steals the lease, as it would after our heartbeat stopped.
      await execute(deps.store, "UPDATE worker_status SET run_id = 'r_other', host = 'elsewhere'");
      await sleep(10_000, ctx.signal);
      return {};
    });
    const { record, error } = await outcome;
    expect(record.status).toBe('failed');
    expect(error?.message).toMatch(/lost the worker lease/);
  });

  it('writes progress to the worker row for status to read', async () => {
    const deps = await testDeps();
    let seen: unknown;
    await runTask(deps, 'sync', {}, async (ctx) => {
      ctx.progress({ phase: 'tickets', done: 40, total: 100, message: '12/s' });
      // Written in the background (writes queue in order): the run goes on meanwhile.
      await vi.waitFor(async () => {
        seen = await deps.db.selectFrom('worker_status').select(['progress_phase', 'progress_done', 'progress_total']).executeTakeFirst();
        expect(seen).toEqual({ progress_phase: 'tickets', progress_done: 40, progress_total: 100 });
      });
      return {};
    });
    expect(seen).toEqual({ progress_phase: 'tickets', progress_done: 40, progress_total: 100 });
  });

  it('leaves the last progress in the worker row once a run completes, however soon it came after the one before', async () => {
    // A clock that stands still: every update after the first falls inside the write throttle.
    const deps = await testDeps({ clock: manualClock() });
    await runTask(deps, 'sync', {}, async (ctx) => {
      for (let done = 1; done <= 16; done++) ctx.progress({ phase: 'sync: comments', done, total: 16 });
      return {};
    });
    const row = await deps.db.selectFrom('worker_status').select(['status', 'progress_phase', 'progress_done', 'progress_total']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'completed', progress_phase: 'sync: comments', progress_done: 16, progress_total: 16 });
  });

  it('leaves the last progress a failed run reached', async () => {
    const deps = await testDeps({ clock: manualClock() });
    await runTask(deps, 'analyze', {}, async (ctx) => {
      for (let done = 1; done <= 53; done++) ctx.progress({ phase: 'analysing', done, total: 60 });
      throw new UnavailableError('Claude unavailable for 16 tickets in a row');
    });
    const row = await deps.db.selectFrom('worker_status').select(['status', 'progress_done', 'progress_total']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', progress_done: 53, progress_total: 60 });
  });

  it('gives a completed run\'s last count without a total that count as its total', async () => {
    const deps = await testDeps({ clock: manualClock() });
    await runTask(deps, 'sync', {}, async (ctx) => {
      ctx.progress({ phase: 'sync: tickets', done: 40, message: '1 page' });
      return {};
    });
    const row = await deps.db.selectFrom('worker_status').select(['progress_done', 'progress_total', 'progress_message']).executeTakeFirstOrThrow();
    expect(row).toEqual({ progress_done: 40, progress_total: 40, progress_message: '1 page' });
  });

  it('writes progress the throttle held back while the run goes quiet', async () => {
    const deps = await testDeps({ clock: manualClock() });
    const outcome = await runTask(deps, 'sync', {}, async (ctx) => {
      ctx.progress({ phase: 'sync: tickets', done: 100 });
      ctx.progress({ phase: 'sync: tickets', done: 200 });
      // No further update comes (a long page): the held one lands on its own.
      await waitFor('the held progress to be written', async () => {
        const row = await deps.db.selectFrom('worker_status').select('progress_done').executeTakeFirstOrThrow();
        return row.progress_done === 200;
      });
      return {};
    });
    // A wait that timed out would fail the run, not the test.
    expect(outcome.record).toMatchObject({ status: 'completed', error: null });
  });
});
