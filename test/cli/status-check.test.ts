import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { writeInstall } from '../../src/store/schedule-queries.js';
import { acquireLease, releaseLease } from '../../src/worker/lease.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { openTarget } from '../helpers/dialects.js';
import { createDatabase, describePostgres, withClient } from '../helpers/postgres.js';

const HOUR = 3_600_000;

/** Records a finished run of `task` that started `agoMs` ago. */
async function seedRun(db: string, task: string, status: 'completed' | 'failed', agoMs: number, runId: string) {
  const store = /^postgres/.test(db) ? await openTarget(db) : openStore(db);
  const startedMs = Date.now() - agoMs;
  await acquireLease(store, { runId, task, params: {}, pid: process.pid, host: hostname(), nowMs: startedMs, leaseMs: 60_000, isPidAlive: () => true });
  await releaseLease(store, { runId, status, result: {}, error: status === 'failed' ? 'Zendesk went away' : null, exitCode: status === 'failed' ? 69 : 0, nowMs: startedMs + 1000, startedMs });
  return store;
}

describe('issuetrack status --check', () => {
  it('is critical (exit 2) with no database, and creates none', async () => {
    const home = tempDir();
    const db = join(home, 'typo.db');
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stdout: `CRITICAL: no database at ${db}\n`, stderr: '' });
    expect(existsSync(db)).toBe(false);
  });

  it('is ok (exit 0) on a healthy database', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    await (await seedRun(db, 'pipeline', 'completed', HOUR, 'r_ok')).close();
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'OK: 2 jobs on schedule, worker completed\n', stderr: '' });
  });

  it('warns (exit 1) when a job\'s last run failed', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    await (await seedRun(db, 'trends', 'failed', HOUR, 'r_bad')).close();
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 1, stdout: 'WARNING: trends last run failed: Zendesk went away\n' });
  });

  it('is critical (exit 2) when an installed job has not succeeded within its period and grace, and says so in JSON', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = await seedRun(db, 'pipeline', 'completed', 30 * HOUR, 'r_old');
    await writeInstall(store, 'cron', { block: '' }, new Date(Date.now() - 40 * HOUR).toISOString());
    await store.close();
    const r = await runCli(['--db', db, 'status', '--check', '--json'], { env: cliEnv(home) });
    expect(r.exitCode).toBe(2);
    const check = JSON.parse(r.stdout);
    expect(check).toMatchObject({ level: 'critical', exit_code: 2 });
    expect(check.problems.map((p: { message: string }) => p.message)).toContainEqual(expect.stringMatching(/^pipeline overdue: last success \S+, runs 0 2 \* \* \*/));
    expect(check.problems.map((p: { message: string }) => p.message)).toContainEqual(expect.stringMatching(/^trends overdue: last success never/));
    const status = JSON.parse((await runCli(['--db', db, 'status', '--json'], { env: cliEnv(home) })).stdout);
    expect(status.jobs.map((j: { overdue: boolean }) => j.overdue)).toEqual([true, true]);
  });
});

describePostgres('issuetrack status --check on PostgreSQL', () => {
  it('is critical (exit 2) on a database without issuetrack tables, and creates none', async () => {
    const url = await createDatabase();
    const r = await runCli(['--db', url, 'status', '--check'], { env: cliEnv(tempDir()) });
    expect(r).toMatchObject({ exitCode: 2, stderr: '' });
    expect(r.stdout).toMatch(/^CRITICAL: no database at postgresql:\/\/\S+\n$/);
    const tables = await withClient(url, (client) => client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()"));
    expect(tables.rows[0].n).toBe(0);
  });

  it('is ok (exit 0) on a healthy database, and warns (exit 1) once its last run failed', async () => {
    const url = await createDatabase();
    await (await seedRun(url, 'pipeline', 'completed', HOUR, 'r_ok')).close();
    const home = tempDir();
    expect(await runCli(['--db', url, 'status', '--check'], { env: cliEnv(home) })).toMatchObject({ exitCode: 0, stdout: 'OK: 2 jobs on schedule, worker completed\n', stderr: '' });
    await (await seedRun(url, 'trends', 'failed', HOUR / 2, 'r_bad')).close();
    expect(await runCli(['--db', url, 'status', '--check'], { env: cliEnv(home) })).toMatchObject({ exitCode: 1, stdout: 'WARNING: trends last run failed: Zendesk went away\n' });
  });
});
