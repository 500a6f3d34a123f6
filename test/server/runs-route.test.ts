import { expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import { runTask } from '../../src/worker/run-task.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';
import { call, NOW, testAppOn } from './server-fixture.js';

describeEachDialect('GET /api/runs', (dialect) => {
  it('lists runs newest first, each as the --json run record plus its params', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    const first = await runTask(deps, 'sync', { backfill_days: 2 }, async () => ({ tickets_fetched: 3 }));
    clock.advance(60_000);
    const second = await runTask(deps, 'trends', {}, async () => {
      throw new UnavailableError('api.anthropic.com: 529 after 6 tries');
    });
    const { app } = await testAppOn(dialect, { deps });
    const res = await call(app, { method: 'GET', url: '/api/runs' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { ...second.record, params: {} },
      { ...first.record, params: { backfill_days: 2 } },
    ]);
  });

  it('keeps to limit, task and status', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    for (const task of ['sync', 'trends', 'sync', 'trends'] as const) {
      await runTask(deps, task, {}, async () => ({}));
      clock.advance(1000);
    }
    const { app } = await testAppOn(dialect, { deps });
    expect((await call(app, { method: 'GET', url: '/api/runs?limit=3' })).body).toHaveLength(3);
    const syncs = (await call(app, { method: 'GET', url: '/api/runs?task=sync' })).body;
    expect(syncs.map((r: { task: string }) => r.task)).toEqual(['sync', 'sync']);
    expect((await call(app, { method: 'GET', url: '/api/runs?status=failed' })).body).toEqual([]);
  });

  it('answers 400 to a limit out of range', async () => {
    const { app } = await testAppOn(dialect);
    expect((await call(app, { method: 'GET', url: '/api/runs?limit=0' })).status).toBe(400);
    expect((await call(app, { method: 'GET', url: '/api/runs?limit=many' })).status).toBe(400);
  });
});

describeEachDialect('GET /api/runs/{run_id}', (dialect) => {
  it('shows a run while it goes on, with status running and no result yet', async () => {
    const { app, deps } = await testAppOn(dialect);
    let runId = '';
    let release!: () => void;
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const held = runTask(deps, 'sync', { backfill_days: 5 }, (ctx) => {
      runId = ctx.runId;
      begun();
      return new Promise<Record<string, unknown>>((resolve) => (release = () => resolve({})));
    });
    await started; // the lease is taken asynchronously (it may be a round trip to PostgreSQL)
    const res = await call(app, { method: 'GET', url: `/api/runs/${runId}` });
    release();
    await held;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      run_id: runId,
      task: 'sync',
      status: 'running',
      started_at: new Date(NOW).toISOString(),
      finished_at: null,
      duration_ms: null,
      result: null,
      error: null,
      params: { backfill_days: 5 },
    });
  });

  it('answers 404 for a run that does not exist', async () => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, { method: 'GET', url: '/api/runs/r_nope' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'no run r_nope (see GET /api/runs)', statusCode: 404, error: 'Not Found', message: 'no run r_nope (see GET /api/runs)' });
  });
});
