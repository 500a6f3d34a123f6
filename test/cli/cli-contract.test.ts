import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

function setup() {
  const home = tempDir();
  return { home, env: cliEnv(home), db: join(home, 'it.db') };
}

describe('the CLI contract', () => {
  it('prints the status shape with both scheduled jobs on a new database', async () => {
    const { env, db } = setup();
    const result = await runCli(['status', '--json', '--db', db], { env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(Object.keys(status)).toEqual(expect.arrayContaining(['worker', 'jobs', 'totals', 'metrics']));
    expect(Object.keys(status.worker)).toEqual(
      expect.arrayContaining(['status', 'task', 'run_id', 'progress', 'started_at', 'finished_at', 'heartbeat_at', 'pid', 'host', 'error']),
    );
    expect(status.worker.status).toBe('idle');
    expect(status.jobs.map((j: { name: string }) => j.name)).toEqual(['pipeline', 'trends']);
    for (const job of status.jobs) {
      expect(Object.keys(job)).toEqual(expect.arrayContaining(['name', 'schedule', 'next_run', 'last_run']));
      expect(Date.parse(job.next_run)).toBeGreaterThan(Date.now());
      expect(job.last_run).toBeNull();
    }
    expect(status.totals).toEqual({ tickets: 0, tickets_analyzed: 0, issues: 0, clusters: 0 });
  });

  it('creates the default database under XDG_DATA_HOME on the first task', async () => {
    const { env, home } = setup();
    const result = await runCli(['trends', '--json'], { env });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(home, 'data', 'issuetrack', 'issuetrack.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('exits 64 with one line on an unknown flag', async () => {
    const { env, db } = setup();
    const result = await runCli(['status', '--bogus', '--db', db], { env });
    expect(result.exitCode).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual(["issuetrack: unknown option '--bogus' (see --help)"]);
  });

  it('exits 64 with one line on an out-of-range number', async () => {
    const { env, db } = setup();
    const result = await runCli(['sync', '--backfill-days', '5000', '--db', db], { env });
    expect(result.exitCode).toBe(64);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/expected a whole number from 1 to 3650, got 5000/);
  });

  it('exits 78 with one line when the database folder does not exist', async () => {
    const { env, home } = setup();
    const result = await runCli(['issues', '--db', join(home, 'no', 'such', 'dir', 'x.db')], { env });
    expect(result.exitCode).toBe(78);
    expect(result.stderr.trimEnd().split('\n')).toEqual([`issuetrack: database folder does not exist: ${join(home, 'no', 'such', 'dir')}`]);
  });

  it('status says there is no database when the folder does not exist either, and creates nothing', async () => {
    const { env, home } = setup();
    const db = join(home, 'no', 'such', 'dir', 'x.db');
    const result = await runCli(['status', '--json', '--db', db], { env });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(result.stdout).database).toMatchObject({ path: db, exists: false });
    expect(existsSync(join(home, 'no'))).toBe(false);
  });

  it('exits 78 on a file that is not SQLite and leaves it untouched', async () => {
    const { env, home } = setup();
    const path = join(home, 'precious.csv');
    writeFileSync(path, 'id,name\n1,keep me\n');
    const result = await runCli(['status', '--db', path], { env });
    expect(result.exitCode).toBe(78);
    expect(result.stderr.trimEnd().split('\n')).toEqual([`issuetrack: not an SQLite database: ${path} (left untouched)`]);
    expect(readFileSync(path, 'utf8')).toBe('id,name\n1,keep me\n');
  });

  it('exits 78 on a database from a newer issuetrack', async () => {
    const { env, db } = setup();
    const newer = new BetterSqlite3(db);
    newer.pragma('user_version = 999');
    newer.close();
    const result = await runCli(['status', '--db', db], { env });
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toMatch(/newer issuetrack/);
  });

  it('takes the database from DATABASE_URL as a sqlite: URL', async () => {
    const { env, home } = setup();
    const result = await runCli(['trends', '--json'], { env: { ...env, DATABASE_URL: `sqlite://${join(home, 'url.db')}` } });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(home, 'url.db')).subarray(0, 6).toString()).toBe('SQLite');
  });

  it('still prints one JSON object on stdout when a --json command fails', async () => {
    const { env, home } = setup();
    const result = await runCli(['issues', '--json', '--db', join(home, 'missing', 'x.db')], { env });
    expect(result.exitCode).toBe(78);
    expect(JSON.parse(result.stdout)).toEqual({ error: { message: expect.stringMatching(/database folder does not exist/), exit_code: 78 } });
  });

  it('adds the stack trace only with --debug', async () => {
    const { env, home } = setup();
    const path = join(home, 'x.txt');
    writeFileSync(path, 'not sqlite');
    const plain = await runCli(['status', '--db', path], { env });
    const debug = await runCli(['status', '--db', path, '--debug'], { env });
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(debug.stderr).toMatch(/ConfigError: not an SQLite database[\s\S]*\n\s+at /);
  });

  it('shows help with examples and exits 0', async () => {
    const { env } = setup();
    const result = await runCli(['--help'], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Examples:/);
    for (const command of ['sync', 'analyze', 'trends', 'pipeline', 'status', 'issues', 'export', 'schedule', 'serve', 'doctor', 'demo']) {
      expect(result.stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
    }
  });

  it('never prints configured secrets', async () => {
    const { env, db } = setup();
    const secrets = { ZENDESK_API_TOKEN: 'zd-secret-1', ANTHROPIC_API_KEY: 'sk-ant-secret-2', ZENDESK_CLIENT_SECRET: 'cs-secret-3', ISSUETRACK_API_TOKEN: 'srv-secret-4' };
    const runs = await Promise.all([
      runCli(['status', '--json', '--db', db], { env: { ...env, ...secrets } }),
      runCli(['status', '--db', db, '--debug', '--bogus'], { env: { ...env, ...secrets } }),
    ]);
    for (const run of runs) for (const value of Object.values(secrets)) expect(run.stdout + run.stderr).not.toContain(value);
  });
});
