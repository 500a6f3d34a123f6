import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { acquireLease, releaseLease } from '../../src/worker/lease.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { describeEachDialect, openTarget } from '../helpers/dialects.js';
import { createDatabase } from '../helpers/postgres.js';
import { listeningUrl } from '../helpers/serve.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeZendesk, zendeskEnv } from '../zendesk/sync-harness.js';

const run = promisify(execFile);

/** The source service's quick-reference commands, run literally with curl: body, then the status code on its own line. */
async function curl(args: string[]): Promise<{ code: number; body: string }> {
  const { stdout } = await run('curl', ['-s', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { code: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describeEachDialect("the source service's API, run with curl against `issuetrack serve`", (dialect) => {
  it('answers health, the two status routes, a started sync, a busy worker and a bad body as the source did', async () => {
    // The model dates its tickets from 20 days before nowS: 3 days ago, so `{"backfill_days": 7}` finds them all.
    const threeDaysAgoPlus20 = Math.floor(Date.now() / 1000) + 17 * 86_400;
    const fake = await fakeZendesk({ model: new ZendeskModel({ nowS: threeDaysAgoPlus20 }).seed(25) });
    const home = tempDir();
    const db = dialect === 'sqlite' ? join(home, 'it.db') : await createDatabase();
    const env = cliEnv(home, { ...zendeskEnv(fake), TZ: 'Europe/Berlin' });
    const child = spawnCli(['--db', db, 'serve', '--port', '0'], { env });
    const done = collect(child);
    const base = (await listeningUrl(child)).replace('127.0.0.1', 'localhost');

    expect((await curl([`${base}/health`])).code).toBe(200);

    const idle = await curl([`${base}/api/tasks/worker/status`]);
    expect(idle.code).toBe(200);
    expect(JSON.parse(idle.body)).toMatchObject({ status: 'idle', task: null, run_id: null, progress: null, result: null, error: null });
    // `watch -n 5 curl …` redraws it: one field per line, and a final newline.
    expect(idle.body.split('\n').length).toBeGreaterThan(10);
    expect(idle.body.endsWith('}\n')).toBe(true);

    const scheduler = JSON.parse((await curl([`${base}/api/tasks/scheduler/status`])).body);
    expect(scheduler.timezone).toBe('Europe/Berlin');
    expect(scheduler.jobs.map((j: { id: string }) => j.id)).toEqual(['pipeline', 'trends']);
    expect(scheduler.jobs[0]).toMatchObject({ name: 'pipeline', trigger: '0 2 * * *', enabled: true, last_run: null });
    expect(scheduler.jobs[0].next_run).toMatch(/^\d{4}-\d\d-\d\dT02:00:00\+0[12]:00$/);

    const started = await curl(['-X', 'POST', `${base}/api/tasks/sync`, '-H', 'Content-Type: application/json', '-d', '{"backfill_days": 7}']);
    expect(started.code).toBe(200);
    const { run_id: runId, status } = JSON.parse(started.body);
    expect(status).toBe('started');
    let worker: any;
    for (let i = 0; i < 400; i++) {
      worker = JSON.parse((await curl([`${base}/api/tasks/worker/status`])).body);
      if (worker.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(worker).toMatchObject({ status: 'completed', task: 'sync', run_id: runId, error: null });
    expect(worker.result).toMatchObject({ tickets_fetched: 25 });
    const afterRun = JSON.parse((await curl([`${base}/api/tasks/scheduler/status`])).body);
    expect(afterRun.jobs[0].last_run).toBeNull(); // a sync is not the pipeline job

    // Another process holds the lease (as cron's run would): the source's 400, naming the holder.
    const store = await openTarget(db);
    const claim = { runId: 'r_cron', task: 'pipeline', params: {}, pid: process.pid, host: hostname(), nowMs: Date.now(), leaseMs: 600_000, isPidAlive: () => true };
    expect((await acquireLease(store, claim)).acquired).toBe(true);
    const busy = await curl(['-X', 'POST', `${base}/api/tasks/pipeline`, '-H', 'Content-Type: application/json', '-d', '{"backfill_days": 7, "batch_size": 500}']);
    expect(busy.code).toBe(400);
    expect(JSON.parse(busy.body)).toMatchObject({ detail: 'Task already running', running: { task: 'pipeline', run_id: 'r_cron', pid: process.pid } });
    await releaseLease(store, { runId: 'r_cron', status: 'completed', result: {}, error: null, exitCode: 0, nowMs: Date.now(), startedMs: claim.nowMs });
    await store.close();

    const bad = await curl(['-X', 'POST', `${base}/api/tasks/analyze`, '-H', 'Content-Type: application/json', '-d', '{"batch_size": "lots"}']);
    expect(bad.code).toBe(400);
    expect(JSON.parse(bad.body).detail).toMatch(/batch_size/);

    const incremental = await curl(['-X', 'POST', `${base}/api/tasks/sync`, '-H', 'Content-Type: application/json', '-d', '{"backfill_days": null}']);
    expect(incremental.code).toBe(200);

    child.kill('SIGTERM');
    expect((await done).exitCode).toBe(143);
  });
});

describe('`issuetrack serve` as uvicorn ran the source service', () => {
  it('listens on port 8000 by default, as uvicorn did', async () => {
    const r = await runCli(['serve', '--help'], { env: cliEnv(tempDir()) });
    expect(r.stdout).toMatch(/--port <n>\s+port \(8000, as the FastAPI service it replaces\) \(default: 8000\)/);
  });
});
