import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { acquireLease } from '../../src/worker/lease.js';
import { nextFire, parseCron } from '../../src/schedule/cron-expression.js';
import { isoWithOffset } from '../../src/schedule/local-time.js';
import { writeInstall, writeScheduleRow } from '../../src/store/schedule-queries.js';
import { runTask } from '../../src/worker/run-task.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { call, NOW, testAppOn } from './server-fixture.js';

describeEachDialect('GET /api/tasks/scheduler/status', (dialect) => {
  it('shows the schedules kept in the database: a changed expression, a disabled job, the last run and whether they are installed', async () => {
    const { app, deps } = await testAppOn(dialect);
    await writeScheduleRow(deps.store, 'pipeline', { cron: '0 */6 * * *' }, new Date(NOW).toISOString());
    await writeScheduleRow(deps.store, 'trends', { enabled: false }, new Date(NOW).toISOString());
    await writeInstall(deps.store, 'cron', { block: '' }, new Date(NOW - 3_600_000).toISOString());
    const run = await runTask(deps, 'pipeline', {}, async () => ({}));
    const res = await call(app, { method: 'GET', url: '/api/tasks/scheduler/status' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ running: true, installed: { cron: new Date(NOW - 3_600_000).toISOString(), systemd: null } });
    const [pipeline, trends] = res.body.jobs;
    expect(pipeline).toMatchObject({ id: 'pipeline', trigger: '0 */6 * * *', default_schedule: '0 2 * * *', enabled: true, last_run: { run_id: run.record.run_id, status: 'completed' } });
    expect(pipeline.next_run).toBe(isoWithOffset(nextFire(parseCron('0 */6 * * *'), NOW)));
    expect(trends).toMatchObject({ id: 'trends', trigger: '30 * * * *', enabled: false, next_run: null, overdue: false });
  });
});

describeEachDialect('GET /api/tasks/worker/status tells the truth about a run that ended badly', (dialect) => {
  it('answers failed, in the source service\'s words, for a run cancelled by SIGTERM', async () => {
    const { app, deps } = await testAppOn(dialect);
    const controller = new AbortController();
    controller.abort(new InterruptedError('SIGTERM'));
    await runTask({ ...deps, signal: controller.signal }, 'sync', {}, async (ctx) => {
      ctx.signal.throwIfAborted();
      return {};
    });
    const res = await call(app, { method: 'GET', url: '/api/tasks/worker/status' });
    expect(res.body).toMatchObject({ status: 'failed', task: 'sync', error: 'cancelled: interrupted by SIGTERM' });
  });

  it('answers failed, abandoned, for a run whose process is gone, before any run takes the lease', async () => {
    const { app, deps } = await testAppOn(dialect);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid names no process
    const claim = await acquireLease(deps.store, { runId: 'r_dead', task: 'pipeline', params: {}, pid: dead, host: deps.host, nowMs: NOW, leaseMs: 60_000, isPidAlive: () => true });
    expect(claim.acquired).toBe(true);
    const res = await call(app, { method: 'GET', url: '/api/tasks/worker/status' });
    expect(res.body).toMatchObject({ status: 'failed', run_id: 'r_dead', error: `abandoned: process ${dead}@${deps.host} is gone` });
  });
});
