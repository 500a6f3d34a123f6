import { expect, it } from 'vitest';
import { readWorkerStatusView } from '../../src/worker/worker-view.js';
import { runTask } from '../../src/worker/run-task.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';
import { waitFor } from '../helpers/wait-for.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describeEachDialect('the worker status view (GET /api/tasks/worker/status)', (dialect) => {
  it('shows a running run with its progress and percent, and no result yet', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    let seen: Awaited<ReturnType<typeof readWorkerStatusView>> | undefined;
    await runTask(deps, 'sync', {}, async (ctx) => {
      ctx.progress({ phase: 'tickets', done: 30, total: 120, message: 'page 2' });
      clock.advance(90_000);
      // On PostgreSQL the progress write is a round trip that progress() does not wait for.
      seen = await waitFor('the progress to be recorded', async () => {
        const view = await readWorkerStatusView(deps.store, clock.now());
        return view.progress?.done === 30 ? view : undefined;
      });
      return { tickets_fetched: 120 };
    });
    expect(seen).toMatchObject({
      status: 'running',
      task: 'sync',
      progress: { phase: 'tickets', done: 30, total: 120, percent: 25, message: 'page 2' },
      elapsed_s: 90,
      result: null,
      error: null,
    });
  });

  it('shows the result and the final progress once the run has completed', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    const outcome = await runTask(deps, 'trends', {}, async (ctx) => {
      ctx.progress({ phase: 'themes', done: 4, total: 4 });
      clock.advance(2_000);
      return { clusters: 4 };
    });
    clock.advance(60_000);
    expect(await readWorkerStatusView(deps.store, clock.now())).toMatchObject({
      status: 'completed',
      run_id: outcome.record.run_id,
      progress: { phase: 'themes', percent: 100 },
      elapsed_s: 2,
      result: { clusters: 4 },
      finished_at: outcome.record.finished_at,
    });
  });

  it('gives a heartbeat age while a run holds the lease, and none once it has ended', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    let during: number | null = null;
    await runTask(deps, 'sync', {}, async () => {
      clock.advance(7_000);
      during = (await readWorkerStatusView(deps.store, clock.now())).heartbeat_age_s;
      return {};
    });
    clock.advance(3_600_000);
    const after = await readWorkerStatusView(deps.store, clock.now());
    expect(during).toBe(7);
    expect(after).toMatchObject({ status: 'completed', heartbeat_age_s: null, heartbeat_at: expect.any(String) });
  });

  it('shows failed with the error', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await runTask(deps, 'sync', {}, async () => {
      throw new Error('Zendesk went away');
    });
    expect(await readWorkerStatusView(deps.store, NOW)).toMatchObject({ status: 'failed', error: 'Zendesk went away', result: null });
  });

  it('is idle with nothing else on a new database', async () => {
    const deps = await testDepsOf(dialect);
    expect(await readWorkerStatusView(deps.store, NOW)).toMatchObject({ status: 'idle', task: null, run_id: null, progress: null, elapsed_s: null, result: null });
  });
});
