import { expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { InterruptedError, LeaseHeldError } from '../../src/errors.js';
import type { TaskPlan } from '../../src/pipeline/task-plans.js';
import { runLauncher, ServerClosingError } from '../../src/server/run-launcher.js';
import { sleep } from '../../src/sleep.js';
import { runTask } from '../../src/worker/run-task.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { gate } from './server-fixture.js';

/** A plan that runs until `release` opens, or until its signal aborts. */
function heldPlan(release: Promise<void>): TaskPlan {
  return {
    task: 'sync',
    params: { held: true },
    run: async (ctx) => {
      await Promise.race([release, sleep(60_000, ctx.signal)]);
      return { done: 1 };
    },
  };
}

const worker = (deps: Deps) => deps.db.selectFrom('worker_status').select(['status', 'run_id']).executeTakeFirstOrThrow();

describeEachDialect('runLauncher', (dialect) => {
  it('resolves with the run id once the lease is taken, while the run goes on', async () => {
    const deps = await testDepsOf(dialect);
    const launcher = runLauncher(deps);
    const release = gate();
    const { runId, finished } = await launcher.start(heldPlan(release.promise));
    expect(await worker(deps)).toEqual({ status: 'running', run_id: runId });
    release.open();
    expect((await finished).record).toMatchObject({ run_id: runId, status: 'completed', result: { done: 1 } });
    expect((await worker(deps)).status).toBe('completed');
  });

  it('rejects with LeaseHeldError while another run holds the lease', async () => {
    const deps = await testDepsOf(dialect);
    const release = gate();
    const entered = gate();
    const holder = runTask(deps, 'trends', {}, async () => (entered.open(), await release.promise, {}));
    await entered.promise;
    await expect(runLauncher(deps).start(heldPlan(Promise.resolve()))).rejects.toBeInstanceOf(LeaseHeldError);
    release.open();
    await holder;
  });

  it('cancels a run in progress on stopAll and resolves once it has released the lease', async () => {
    const deps = await testDepsOf(dialect);
    const launcher = runLauncher(deps);
    const { runId, finished } = await launcher.start(heldPlan(new Promise(() => {})));
    await launcher.stopAll();
    expect(await worker(deps)).toEqual({ status: 'cancelled', run_id: runId });
    expect((await finished).record).toMatchObject({ status: 'cancelled', error: 'cancelled: the server closed' });
  });

  it('cancels its runs with the process signal\'s reason (exit 143 for SIGTERM)', async () => {
    const controller = new AbortController();
    const deps = await testDepsOf(dialect, { signal: controller.signal });
    const launcher = runLauncher(deps);
    const { finished } = await launcher.start(heldPlan(new Promise(() => {})));
    controller.abort(new InterruptedError('SIGTERM'));
    const outcome = await finished;
    expect(outcome.record).toMatchObject({ status: 'cancelled', error: 'cancelled: interrupted by SIGTERM' });
    expect(outcome.error?.exitCode).toBe(143);
  });

  it('refuses new runs once stopping', async () => {
    const deps = await testDepsOf(dialect);
    const launcher = runLauncher(deps);
    await launcher.stopAll();
    await expect(launcher.start(heldPlan(Promise.resolve()))).rejects.toBeInstanceOf(ServerClosingError);
    expect(await deps.db.selectFrom('runs').selectAll().execute()).toEqual([]);
  });

  // Each database keeps its own promise about connections: a new one per run on SQLite, the pool on PostgreSQL.
  if (dialect === 'sqlite') it('gives each run its own database connection, closed when the run ends', async () => {
    const deps = await testDepsOf(dialect);
    let seen: unknown;
    const launcher = runLauncher(deps);
    const { finished } = await launcher.start({
      task: 'trends',
      params: {},
      run: async (ctx) => {
        seen = ctx.store.dialect === 'sqlite' ? ctx.store.sqlite : undefined;
        return {};
      },
    });
    await finished;
    expect(seen).not.toBe(deps.store.dialect === 'sqlite' ? deps.store.sqlite : undefined);
    expect((seen as { open: boolean }).open).toBe(false);
  });

  if (dialect === 'postgres') it("runs on the server's pool and leaves it open when the run ends", async () => {
    const deps = await testDepsOf(dialect);
    let seen: unknown;
    const { finished } = await runLauncher(deps).start({
      task: 'trends',
      params: {},
      run: async (ctx) => {
        seen = ctx.store.dialect === 'postgres' ? ctx.store.pool : undefined;
        return {};
      },
    });
    await finished;
    expect(seen).toBe(deps.store.dialect === 'postgres' ? deps.store.pool : undefined);
    expect(await worker(deps)).toMatchObject({ status: 'completed' }); // the pool still answers
  });
});
