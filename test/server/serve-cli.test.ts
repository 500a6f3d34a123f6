import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { describeEachDialect, openTarget } from '../helpers/dialects.js';
import { createDatabase } from '../helpers/postgres.js';
import { seedTicketsInto } from '../helpers/seed-tickets.js';
import { startStalledServer } from '../helpers/stalled-server.js';
import { listeningUrl } from '../helpers/serve.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('issuetrack serve (subprocess)', () => {
  it('refuses 0.0.0.0 without ISSUETRACK_API_TOKEN: exit 78, one line', async () => {
    const home = tempDir();
    const r = await runCli(['--db', join(home, 'it.db'), 'serve', '--host', '0.0.0.0', '--port', '0'], { env: cliEnv(home) });
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^issuetrack: refusing to serve on 0\.0\.0\.0 without ISSUETRACK_API_TOKEN[^\n]*\n$/);
  });
});

describeEachDialect('issuetrack serve (subprocess) over a database', (dialect) => {
  /** A new database for `serve`: a file in `home`, or a new PostgreSQL database's URL. */
  const newDatabase = async (home: string) => (dialect === 'sqlite' ? join(home, 'it.db') : await createDatabase());

  it('serves on a free loopback port, answers /api/health over HTTP, and exits 143 on SIGTERM', async () => {
    const home = tempDir();
    const child = spawnCli(['--db', await newDatabase(home), 'serve', '--port', '0'], { env: cliEnv(home) });
    const done = collect(child);
    const base = await listeningUrl(child);
    expect(Number(new URL(base).port)).toBeGreaterThan(0);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy', ok: true, version: expect.any(String) });
    child.kill('SIGTERM');
    const r = await done;
    expect(r.exitCode).toBe(143);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`issuetrack: serving ${base} (docs at /docs)\nissuetrack: interrupted by SIGTERM\n`);
  });

  it('wants the bearer token over HTTP when one is set, and never prints it', async () => {
    const home = tempDir();
    const token = 'serve-cli-token-4f1d2a9c';
    const child = spawnCli(['--db', await newDatabase(home), 'serve', '--port', '0', '--verbose'], { env: cliEnv(home, { ISSUETRACK_API_TOKEN: token }) });
    const done = collect(child);
    const base = await listeningUrl(child);
    expect((await fetch(`${base}/api/status`)).status).toBe(401);
    expect((await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    child.kill('SIGINT');
    const r = await done;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/ info GET \/api\/status 401 [\d.]+ ms\n/);
    expect(r.stderr).toMatch(/ info GET \/api\/status 200 [\d.]+ ms\n/);
    expect(r.stderr).not.toContain(token);
  });

  it('cancels the run it started when SIGTERM arrives, records it and frees the lease', async () => {
    const home = tempDir();
    const db = await newDatabase(home);
    const store = await openTarget(db);
    await seedTicketsInto(store, [{ id: 1, subject: 'Export to CSV times out', description: 'The CSV export of a large report never finishes.' }]);
    await store.close();
    const claude = await startStalledServer();
    const env = cliEnv(home, { ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: claude.url });
    const child = spawnCli(['--db', db, 'serve', '--port', '0'], { env });
    const done = collect(child);
    const base = await listeningUrl(child);
    const started = await fetch(`${base}/api/tasks/analyze`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"batch_size":5}' });
    expect(started.status).toBe(200);
    const { run_id: runId } = (await started.json()) as { run_id: string };
    for (let i = 0; i < 200 && claude.requests() === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(claude.requests()).toBeGreaterThan(0); // the run is in flight, holding the lease
    const busy = await fetch(`${base}/api/tasks/trends`, { method: 'POST' });
    expect(busy.status).toBe(400);
    const refusal = (await busy.json()) as { detail: string; message: string; running: { task: string; run_id: string } };
    expect(refusal).toMatchObject({ detail: 'Task already running', running: { task: 'analyze', run_id: runId } });
    expect(refusal.message).toContain(`analyze run ${runId}`);

    child.kill('SIGTERM');
    const r = await done;
    expect(r.exitCode).toBe(143);
    const status = JSON.parse((await runCli(['--db', db, 'status', '--json'], { env })).stdout);
    expect(status.worker).toMatchObject({ status: 'cancelled', run_id: runId, error: 'cancelled: interrupted by SIGTERM' });
    const after = await openTarget(db);
    const run = await after.db.selectFrom('runs').select(['status', 'exit_code']).where('id', '=', runId).executeTakeFirstOrThrow();
    await after.close();
    expect(run).toEqual({ status: 'cancelled', exit_code: 143 });
  });
});
