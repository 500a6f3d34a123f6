import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { createDatabase, createPasswordRole, describePostgres, withClient } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

describePostgres('the CLI on a PostgreSQL URL', () => {
  it("reads a SQLAlchemy URL from the source service's .env, and never prints or logs the password", async () => {
    const url = new URL(await createPasswordRole(await createDatabase(), 'pw-in-dotenv'));
    const home = tempDir();
    writeFileSync(join(home, '.env'), `DATABASE_URL=${url.toString().replace(/^postgres(ql)?:/, 'postgresql+psycopg2:')}\n`);
    const env = cliEnv(home);
    const ok = await runCli(['issues', '--json'], { env, cwd: home });
    expect(ok.stderr).toMatch(/no issuetrack tables in postgresql:\/\/user_[0-9a-f]+@127\.0\.0\.1:\d+\/test_[0-9a-f]+ yet/);
    expect(ok.exitCode).toBe(78);
    url.password = 'not-the-password';
    const refused = await runCli(['trends', '--json'], { env: { ...env, DATABASE_URL: url.toString() }, cwd: home });
    expect(refused.exitCode).toBe(77);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/^issuetrack: PostgreSQL at postgresql:\/\/user_\w+@127\.0\.0\.1:\d+\/test_\w+ refused the login/);
    const log = readFileSync(join(home, 'state', 'issuetrack', 'issuetrack.log'), 'utf8');
    for (const text of [ok.stdout, ok.stderr, refused.stdout, refused.stderr, log]) {
      expect(text).not.toContain('pw-in-dotenv');
      expect(text).not.toContain('not-the-password');
    }
  });

  it('creates nothing when a read-only command finds an empty database (78)', async () => {
    const url = await createDatabase();
    const env = cliEnv(tempDir(), { DATABASE_URL: url });
    expect((await runCli(['issues', '--json'], { env })).exitCode).toBe(78);
    const tables = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"));
    expect(tables.rows).toEqual([{ n: 0 }]);
  });

  it('status reports an empty database as missing and creates nothing; one a newer issuetrack wrote is 78 and left as it was', async () => {
    const url = await createDatabase();
    const env = cliEnv(tempDir(), { DATABASE_URL: url });
    const empty = await runCli(['status', '--json'], { env });
    expect(empty.exitCode).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ database: { exists: false }, totals: { tickets: 0 } });
    const none = await withClient(url, (c) => c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"));
    expect(none.rows).toEqual([{ n: 0 }]);
    expect((await runCli(['trends'], { env })).exitCode).toBe(0);
    await withClient(url, (c) => c.query('UPDATE issuetrack_schema SET version = version + 5'));
    const before = await withClient(url, (c) => c.query('SELECT (SELECT version FROM issuetrack_schema) AS version, (SELECT row_to_json(w)::text FROM worker_status w) AS worker'));
    const newer = await runCli(['status', '--json'], { env });
    expect(newer.exitCode).toBe(78);
    expect(newer.stderr).toMatch(/^issuetrack: database postgresql:\/\/\S+ was written by a newer issuetrack/);
    const after = await withClient(url, (c) => c.query('SELECT (SELECT version FROM issuetrack_schema) AS version, (SELECT row_to_json(w)::text FROM worker_status w) AS worker'));
    expect(after.rows).toEqual(before.rows);
  });

  it('runs a task, then status, doctor and issues answer from the same database, none showing the password', async () => {
    const url = await createPasswordRole(await createDatabase(), 'pw-for-status');
    const env = cliEnv(tempDir(), { DATABASE_URL: url });
    expect((await runCli(['trends'], { env })).exitCode).toBe(0);
    const status = await runCli(['status', '--json'], { env });
    expect(status.exitCode).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report.database).toEqual({ path: expect.stringMatching(/^postgresql:\/\/user_\w+@127\.0\.0\.1:\d+\/test_\w+$/), exists: true, writable: true });
    expect(report.worker).toMatchObject({ status: 'completed', task: 'trends' });
    expect(report.jobs.find((j: { name: string }) => j.name === 'trends').last_run).toMatchObject({ status: 'completed' });
    const doctor = await runCli(['doctor'], { env });
    expect(doctor.stdout).toMatch(/^database\tpass\tpostgresql:\/\/user_\w+@127\.0\.0\.1:\d+\/test_\w+ \(schema \d+, 0 tickets\)$/m);
    const issues = await runCli(['issues', '--json'], { env });
    expect(JSON.parse(issues.stdout)).toEqual([]);
    for (const r of [status, doctor, issues]) expect(r.stdout + r.stderr).not.toContain('pw-for-status');
  });
});
