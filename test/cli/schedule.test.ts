import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { fakeCrontab, privateFile } from '../helpers/fake-schedulers.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createDatabase, createPasswordRole, describePostgres } from '../helpers/postgres.js';

describe('issuetrack schedule', () => {
  it('prints crontab lines that run this node and this CLI by absolute path', async () => {
    const home = tempDir();
    const result = await runCli(['schedule'], { env: cliEnv(home) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^0 2 \\* \\* \\* ISSUETRACK_TRIGGER=cron ${process.execPath} \\S+/bin/issuetrack pipeline$`, 'm'));
    expect(result.stdout).toMatch(/^30 \* \* \* \* .* trends$/m);
  });

  it('names the database in the jobs when it is not the default one', async () => {
    const home = tempDir();
    const result = await runCli(['schedule', '--cron', '--db', join(home, 'team.db')], { env: cliEnv(home) });
    expect(result.stdout).toContain(` pipeline --db ${join(home, 'team.db')}\n`);
  });

  it('installs into the crontab once, keeping the lines already there', async () => {
    const home = tempDir();
    const { bin, table } = fakeCrontab(home);
    writeFileSync(table, 'MAILTO=ops@example.com\n15 3 * * * /usr/local/bin/backup\n');
    const env = cliEnv(home, { PATH: `${bin}:${process.env.PATH}` });
    const secrets = privateFile(home);
    for (let i = 0; i < 2; i++) {
      const result = await runCli(['schedule', '--cron', '--install', '--secrets-file', secrets], { env });
      expect(result.exitCode).toBe(0);
    }
    const text = readFileSync(table, 'utf8');
    expect(text.startsWith('MAILTO=ops@example.com\n15 3 * * * /usr/local/bin/backup\n')).toBe(true);
    expect(text.match(/ pipeline$/gm)).toHaveLength(1);
    expect(text).toContain(`. ${join(home, 'env')} && set +a`);
  });

  it('writes user units but fails (exit 1) saying how to enable them when systemctl is not there', async () => {
    const home = tempDir();
    const emptyBin = join(home, 'nobin');
    mkdirSync(emptyBin);
    const result = await runCli(['schedule', '--systemd', '--install'], { env: cliEnv(home, { PATH: emptyBin }) });
    expect(result.exitCode).toBe(1);
    const dir = join(home, 'config', 'systemd', 'user');
    for (const name of ['issuetrack-pipeline.service', 'issuetrack-pipeline.timer', 'issuetrack-trends.service', 'issuetrack-trends.timer']) {
      expect(existsSync(join(dir, name))).toBe(true);
    }
    expect(result.stderr).toMatch(/systemctl --user enable --now issuetrack-pipeline.timer issuetrack-trends.timer/);
  });

  it('exits 64 when asked for both formats', async () => {
    const result = await runCli(['schedule', '--cron', '--systemd'], { env: cliEnv(tempDir()) });
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe('issuetrack: choose one of --cron and --systemd\n');
  });

  it('installs from the schedules in the database, leaves disabled jobs out, and --uninstall removes exactly its block', async () => {
    const home = tempDir();
    const { bin, table } = fakeCrontab(home);
    const mine = 'MAILTO=ops@example.com\n15 3 * * * /usr/local/bin/backup\n';
    writeFileSync(table, mine);
    const env = cliEnv(home, { PATH: `${bin}:${process.env.PATH}`, TZ: 'Europe/Berlin' });
    const set = await runCli(['schedule', 'set', 'pipeline', '0  */6 * * *'], { env });
    expect(set.exitCode).toBe(0);
    expect(set.stdout).toMatch(/^pipeline: 0 \*\/6 \* \* \* \(Europe\/Berlin\), next run \d{4}-\d\d-\d\dT\d\d:00:00\+0[12]:00\n$/);
    expect((await runCli(['schedule', 'disable', 'trends'], { env })).stdout).toBe('trends: 30 * * * * (Europe/Berlin), disabled\n');
    const installed = await runCli(['schedule', '--cron', '--install', '--secrets-file', privateFile(home)], { env });
    expect(installed.exitCode).toBe(0);
    expect(installed.stderr).toBe('installed 1 crontab lines for: pipeline (times in Europe/Berlin)\n');
    const text = readFileSync(table, 'utf8');
    expect(text).toMatch(/^0 \*\/6 \* \* \* set -a .* ISSUETRACK_TRIGGER=cron \S+ \S+ pipeline$/m);
    expect(text).not.toMatch(/issuetrack trends/);
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status.jobs.map((j: any) => [j.name, j.schedule, j.enabled, j.timezone])).toEqual([
      ['pipeline', '0 */6 * * *', true, 'Europe/Berlin'],
      ['trends', '30 * * * *', false, 'Europe/Berlin'],
    ]);
    expect(status.jobs[1].next_run).toBeNull();
    const removed = await runCli(['schedule', '--cron', '--uninstall'], { env });
    expect(removed.exitCode).toBe(0);
    expect(readFileSync(table, 'utf8')).toBe(mine);
  });

  it.each([
    ['missing', null],
    ['group-readable', 0o640],
    ['world-readable', 0o604],
  ])('refuses a %s secrets file with exit 78 and installs nothing', async (_name, mode) => {
    const home = tempDir();
    const { bin, table } = fakeCrontab(home);
    const path = mode === null ? join(home, 'absent') : privateFile(home, mode);
    const result = await runCli(['schedule', '--cron', '--install', '--secrets-file', path], { env: cliEnv(home, { PATH: `${bin}:${process.env.PATH}` }) });
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toMatch(/^issuetrack: secrets file \S+ (does not exist|is readable by group or others)[^\n]*\n$/);
    expect(existsSync(table)).toBe(false);
  });

  it.each([
    [['set', 'pipeline', '0 25 * * *'], /bad hour field/],
    [['set', 'trends', '--every', '7m'], /minutes must divide the hour/],
    [['set', 'nightly', '0 2 * * *'], /no job "nightly"; the jobs are pipeline, trends/],
    [['set', 'pipeline'], /give one of a cron expression, --every or --default/],
  ])('exits 64 for schedule %j', async (args, message) => {
    const result = await runCli(['schedule', ...args], { env: cliEnv(tempDir()) });
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toMatch(message);
  });
});

describePostgres('issuetrack schedule on PostgreSQL', () => {
  /** A 0600 secrets file holding `lines`. */
  function secretsWith(home: string, lines: string): string {
    const path = join(home, 'env');
    writeFileSync(path, lines, { mode: 0o600 });
    chmodSync(path, 0o600);
    return path;
  }

  it('installs only with a secrets file that names this very database, and never writes its URL or password', async () => {
    const home = tempDir();
    const { bin, table } = fakeCrontab(home);
    const url = await createPasswordRole(await createDatabase(), 'pw-not-in-crontab');
    const other = await createDatabase();
    const env = cliEnv(home, { PATH: `${bin}:${process.env.PATH}`, DATABASE_URL: url });
    const refusals: Array<[string | null, RegExp]> = [
      [null, /^issuetrack: scheduled jobs on PostgreSQL read their database from a secrets file .* pass --secrets-file FILE\n$/],
      ['ZENDESK_SUBDOMAIN=acme\n', /^issuetrack: secrets file \S+ sets neither ISSUETRACK_DB nor DATABASE_URL: the jobs would use the default SQLite file, not postgresql:\/\/\S+; add DATABASE_URL to it\n$/],
      [`DATABASE_URL=${other}\n`, /^issuetrack: secrets file \S+ names the database postgresql:\/\/\S+, not postgresql:\/\/\S+, which this command uses; the jobs would run against postgresql:\/\/\S+\n$/],
    ];
    for (const [lines, message] of refusals) {
      const args = ['schedule', '--cron', '--install', ...(lines === null ? [] : ['--secrets-file', secretsWith(home, lines)])];
      const result = await runCli(args, { env });
      expect(result).toMatchObject({ exitCode: 78, stdout: '' });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('pw-not-in-crontab');
      expect(existsSync(table)).toBe(false);
    }
    const installed = await runCli(['schedule', '--cron', '--install', '--secrets-file', secretsWith(home, `DATABASE_URL=${url}\n`)], { env });
    expect(installed).toMatchObject({ exitCode: 0 });
    const text = readFileSync(table, 'utf8');
    expect(text).toMatch(/ pipeline$/m);
    expect(text).not.toContain('pw-not-in-crontab');
    expect(text).not.toContain('postgresql://');
  });
});
