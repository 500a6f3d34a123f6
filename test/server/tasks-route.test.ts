import { expect, it } from 'vitest';
import { runTask } from '../../src/worker/run-task.js';
import type { Deps } from '../../src/deps.js';
import type { LogEntry } from '../../src/output/log-file.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { call, gate, seedThemes, testAppOn } from './server-fixture.js';

const json = (url: string, payload: unknown) => ({ method: 'POST' as const, url, payload: payload as object, headers: { 'content-type': 'application/json' } });

/** Polls GET /api/runs/{id} until the run has finished (bounded). */
async function finishedRun(app: Awaited<ReturnType<typeof testAppOn>>['app'], runId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await call(app, { method: 'GET', url: `/api/runs/${runId}` });
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} still running`);
}

describeEachDialect('POST /api/tasks/*', (dialect) => {
  it('starts trends with 200 and a run id, and the run reaches completed', async () => {
    const { app, deps } = await testAppOn(dialect);
    await seedThemes(deps); // themes exist; a second run places nothing new
    const res = await call(app, json('/api/tasks/trends', {}));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'started', task: 'trends', run_id: expect.stringMatching(/^r_/), message: 'trends task started' });
    expect(res.headers.location).toBe(`/api/runs/${res.body.run_id}`);
    const run = await finishedRun(app, res.body.run_id);
    expect(run).toMatchObject({ run_id: res.body.run_id, task: 'trends', status: 'completed', error: null, params: { name_with_claude: false } });
    expect(run.result).toMatchObject({ clusters: 3, issues_placed: 0 });
  });

  it('takes a POST without a body as every option at its default', async () => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, { method: 'POST', url: '/api/tasks/trends' });
    expect(res.status).toBe(200);
    expect((await finishedRun(app, res.body.run_id)).status).toBe('completed');
  });

  it('answers 400 "Task already running" naming the holder while another run holds the lease', async () => {
    const { app, deps } = await testAppOn(dialect);
    const release = gate();
    const started = gate();
    const holder = runTask(deps, 'sync', {}, async (ctx) => {
      started.open();
      await release.promise;
      return { run: ctx.runId };
    });
    await started.promise;
    const res = await call(app, json('/api/tasks/trends', {}));
    release.open();
    const held = await holder;
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      detail: 'Task already running',
      running: { task: 'sync', run_id: held.record.run_id, pid: process.pid, host: 'test-host', started_at: held.record.started_at },
      statusCode: 400,
      error: 'Bad Request',
    });
    expect(res.body.message).toContain(`worker busy: sync run ${held.record.run_id} by ${process.pid}@test-host`);
    const runs = await deps.db.selectFrom('runs').select('task').execute();
    expect(runs).toEqual([{ task: 'sync' }]); // the refused start left no run behind
  });

  it('starts again once the holder has finished', async () => {
    const { app, deps } = await testAppOn(dialect);
    await runTask(deps, 'sync', {}, async () => ({}));
    expect((await call(app, json('/api/tasks/trends', {}))).status).toBe(200);
  });

  it.each([
    ['an out-of-range backfill_days', '/api/tasks/sync', { backfill_days: 0 }, /backfill_days must be >= 1/],
    ['a backfill_days past ten years', '/api/tasks/pipeline', { backfill_days: 3651 }, /backfill_days must be <= 3650/],
    ['a fractional batch_size', '/api/tasks/analyze', { batch_size: 2.5 }, /batch_size must be integer/],
    ['a concurrency above 64', '/api/tasks/analyze', { concurrency: 65 }, /concurrency must be <= 64/],
    ['a max_cost of zero', '/api/tasks/analyze', { max_cost: 0 }, /max_cost must be >= 0.0001/],
    ['a misspelt option', '/api/tasks/analyze', { batch_sise: 10 }, /body: unknown field "batch_sise"/],
    ['an option of another task', '/api/tasks/trends', { backfill_days: 3 }, /unknown field "backfill_days"/],
    ['a body that is not an object', '/api/tasks/trends', [1, 2], /body must be object/],
  ])('answers 400 to %s', async (_name, url, payload, message) => {
    const { app, deps } = await testAppOn(dialect, { env: { ZENDESK_SUBDOMAIN: 'acme' } });
    const res = await call(app, json(url, payload));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(res.body.message).toMatch(message);
    expect(res.body.detail).toBe(res.body.message);
    expect(await deps.db.selectFrom('runs').selectAll().execute()).toEqual([]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, { method: 'POST', url: '/api/tasks/trends', payload: '{"name_with_claude":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
  });

  it('takes an empty JSON body (curl -H "Content-Type: application/json" without -d) as every option at its default', async () => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, { method: 'POST', url: '/api/tasks/trends', payload: '', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect((await finishedRun(app, res.body.run_id)).params).toEqual({ name_with_claude: false });
  });

  it('answers 400 naming the fix to a body that is not sent as JSON (curl -d without -H), and never reads it as JSON', async () => {
    const { app, deps } = await testAppOn(dialect);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await call(app, { method: 'POST', url: '/api/tasks/trends', payload: '{}', headers: { 'content-type': type } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.detail).toBe(`the body must be JSON, sent with Content-Type: application/json (got ${type})`);
    }
    expect(await deps.db.selectFrom('runs').selectAll().execute()).toEqual([]);
  });

  it('refuses a JSON body that would poison a prototype', async () => {
    const { app, deps } = await testAppOn(dialect);
    const res = await call(app, { method: 'POST', url: '/api/tasks/trends', payload: '{"__proto__": {"name_with_claude": true}}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await deps.db.selectFrom('runs').selectAll().execute()).toEqual([]);
  });

  it('answers 503 and starts nothing when Zendesk is not configured for sync', async () => {
    const { app, deps } = await testAppOn(dialect);
    const res = await call(app, json('/api/tasks/sync', {}));
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/no Zendesk host/);
    expect(res.body.detail).toMatch(/no Zendesk host/);
    expect(await deps.db.selectFrom('runs').selectAll().execute()).toEqual([]);
  });

  it('logs a task route it cannot serve with its task, trigger and exit code, as the CLI logs a failed task command', async () => {
    const entries: LogEntry[] = [];
    const deps: Deps = { ...(await testDepsOf(dialect)), log: { write: (entry: LogEntry) => void entries.push(entry) } };
    const { app } = await testAppOn(dialect, { deps });
    expect((await call(app, json('/api/tasks/sync', {}))).status).toBe(503);
    expect(entries).toEqual([
      expect.objectContaining({ level: 'error', event: 'server_error', run_id: null, task: 'sync', trigger: 'serve', exit_code: 78, message: expect.stringMatching(/^POST \/api\/tasks\/sync: .*no Zendesk host/) }),
    ]);
  });

  it('records the options a run was started with, as the CLI records its flags', async () => {
    const { app, deps } = await testAppOn(dialect);
    // analyze without ANTHROPIC_API_KEY fails inside the run, as `analyze` does, after the 200.
    const res = await call(app, json('/api/tasks/analyze', { batch_size: 50, max_cost: 1.5, redact: false }));
    expect(res.status).toBe(200);
    const run = await finishedRun(app, res.body.run_id);
    expect(run.params).toEqual({ batch_size: 50, concurrency: 8, max_cost: 1.5, batch: false, redact: false });
    const stored = await deps.db.selectFrom('runs').select('params').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.params)).toEqual(run.params);
  });
});
