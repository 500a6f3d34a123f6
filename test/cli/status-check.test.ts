import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
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

/** A loopback port nothing listens on (one the system just handed out and took back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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

  it('is critical (exit 2) when a job\'s last run failed', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    await (await seedRun(db, 'trends', 'failed', HOUR, 'r_bad')).close();
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stdout: 'CRITICAL: trends last run failed: Zendesk went away\n' });
  });

  it('is critical (exit 2) when the last run of a task no job runs failed', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    await (await seedRun(db, 'pipeline', 'completed', 2 * HOUR, 'r_ok')).close();
    await (await seedRun(db, 'sync', 'failed', HOUR, 'r_sync')).close();
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stdout: 'CRITICAL: sync last run failed: Zendesk went away\n', stderr: '' });
  });

  it('is critical (exit 2) while a run holds a lease it stopped renewing', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = openStore(db);
    // Another host's run (its pid cannot be checked from here) whose lease ran out an hour ago.
    const startedMs = Date.now() - 2 * HOUR;
    await acquireLease(store, { runId: 'r_stuck', task: 'sync', params: {}, pid: 4242, host: 'elsewhere', nowMs: startedMs, leaseMs: HOUR, isPidAlive: () => true });
    await store.close();
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stderr: '' });
    expect(r.stdout).toBe(`CRITICAL: stale lease: sync run r_stuck stopped heartbeating at ${new Date(startedMs).toISOString()}\n`);
  });

  it('is critical (exit 2) with a Message Batch open over 24 h, and ok with one open for less', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = await seedRun(db, 'pipeline', 'completed', HOUR, 'r_ok');
    const batch = (id: string, agoMs: number) => ({ id, status: 'in_progress' as const, model: 'claude-haiku-4-5', prompt_version: 'v1', request_count: 3, run_id: null, created_at: new Date(Date.now() - agoMs).toISOString(), expires_at: null, ended_at: null, collected_at: null });
    await store.db.insertInto('message_batches').values(batch('msgbatch_recent', 23 * HOUR)).execute();
    expect(await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) })).toMatchObject({ exitCode: 0 });
    const old = batch('msgbatch_old', 25 * HOUR);
    await store.db.insertInto('message_batches').values(old).execute();
    await store.close();
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stdout: `CRITICAL: Message Batch msgbatch_old open since ${old.created_at}\n` });
  });

  it('counts one job in the singular', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    await (await seedRun(db, 'pipeline', 'completed', HOUR, 'r_ok')).close();
    expect((await runCli(['--db', db, 'schedule', 'disable', 'trends'], { env: cliEnv(home) })).exitCode).toBe(0);
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'OK: 1 job on schedule, worker completed\n' });
  });

  it('is critical (exit 2), not 78, when the database folder does not exist', async () => {
    const home = tempDir();
    const db = join(home, 'no', 'such', 'folder', 'it.db');
    const r = await runCli(['--db', db, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stdout: `CRITICAL: no database at ${db}\n`, stderr: '' });
    expect(existsSync(join(home, 'no'))).toBe(false);
  });

  it('is critical (exit 2), not 78, on a file that is not SQLite, and leaves it as it was', async () => {
    const home = tempDir();
    const path = join(home, 'precious.csv');
    writeFileSync(path, 'id,name\n1,keep me\n');
    const r = await runCli(['--db', path, 'status', '--check'], { env: cliEnv(home) });
    expect(r).toMatchObject({ exitCode: 2, stdout: `CRITICAL: cannot read the database: not an SQLite database: ${path} (left untouched)\n`, stderr: '' });
    expect(readFileSync(path, 'utf8')).toBe('id,name\n1,keep me\n');
  });

  it('is critical (exit 2), not 69, when PostgreSQL does not answer, and never prints the password', async () => {
    const port = await closedPort();
    const url = `postgresql://monitor:s3cret-pw@127.0.0.1:${port}/issuetrack`;
    const cause = new RegExp(`^cannot read the database: cannot reach PostgreSQL at postgresql://monitor@127\\.0\\.0\\.1:${port}/issuetrack: `);
    const line = await runCli(['--db', url, 'status', '--check'], { env: cliEnv(tempDir()) });
    expect(line).toMatchObject({ exitCode: 2, stderr: '' });
    expect(line.stdout).toMatch(/^CRITICAL: [^\n]+\n$/);
    expect(line.stdout.slice('CRITICAL: '.length)).toMatch(cause);
    const json = await runCli(['--db', url, 'status', '--check', '--json'], { env: cliEnv(tempDir()) });
    expect(json).toMatchObject({ exitCode: 2, stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({ level: 'critical', exit_code: 2, problems: [{ level: 'critical', message: expect.stringMatching(cause) }] });
    for (const out of [line.stdout, json.stdout]) expect(out).not.toContain('s3cret-pw');
  });

  it('is critical (exit 2), not 78, on a URL it refuses, and never prints the password', async () => {
    const r = await runCli(['--db', 'postgresql://monitor:s3cret-pw@127.0.0.1:5432/issuetrack?sslmode=bogus', 'status', '--check'], { env: cliEnv(tempDir()) });
    expect(r).toMatchObject({ exitCode: 2, stderr: '' });
    expect(r.stdout).toMatch(/^CRITICAL: cannot read the database: .*sslmode.*\n$/);
    expect(r.stdout).not.toContain('s3cret-pw');
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

  it('is ok (exit 0) on a healthy database, and critical (exit 2) once its last run failed', async () => {
    const url = await createDatabase();
    await (await seedRun(url, 'pipeline', 'completed', HOUR, 'r_ok')).close();
    const home = tempDir();
    expect(await runCli(['--db', url, 'status', '--check'], { env: cliEnv(home) })).toMatchObject({ exitCode: 0, stdout: 'OK: 2 jobs on schedule, worker completed\n', stderr: '' });
    await (await seedRun(url, 'trends', 'failed', HOUR / 2, 'r_bad')).close();
    expect(await runCli(['--db', url, 'status', '--check'], { env: cliEnv(home) })).toMatchObject({ exitCode: 2, stdout: 'CRITICAL: trends last run failed: Zendesk went away\n' });
  });
});
