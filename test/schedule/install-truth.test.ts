import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { fakeCrontab, fakeSystemctl, privateFile } from '../helpers/fake-schedulers.js';
import { listeningUrl } from '../helpers/serve.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * `status` and GET /api/tasks/scheduler/status report what cron or systemd really fires, from
 * the record --install wrote, and say when the database's schedule waits for an install.
 * `crontab` and `systemctl` are stand-ins on PATH (test/helpers/fake-schedulers.ts).
 */

/** The scheduler route's answer from a real `serve` over `db`. */
async function schedulerRoute(db: string, env: Record<string, string>): Promise<any> {
  const child = spawnCli(['--db', db, 'serve', '--port', '0'], { env });
  const done = collect(child);
  try {
    const base = await listeningUrl(child);
    const res = await fetch(`${base}/api/tasks/scheduler/status`);
    expect(res.status).toBe(200);
    return await res.json();
  } finally {
    child.kill('SIGTERM');
    await done;
  }
}

const statusJobs = async (db: string, env: Record<string, string>) => JSON.parse((await runCli(['status', '--json', '--db', db], { env })).stdout).jobs;
const hour = (iso: string) => Number(iso.slice(11, 13));

describe('what is really installed', () => {
  it('reports the installed trigger and a pending install after `schedule set` without reinstalling, until --install applies it', async () => {
    const home = tempDir();
    const { bin } = fakeCrontab(home);
    const db = join(home, 'it.db');
    const env = cliEnv(home, { PATH: `${bin}:${process.env.PATH}`, TZ: 'UTC' });
    const secrets = privateFile(home);
    expect((await runCli(['schedule', 'set', 'pipeline', '0 */6 * * *', '--db', db], { env })).exitCode).toBe(0);
    expect((await runCli(['schedule', '--cron', '--install', '--secrets-file', secrets, '--db', db], { env })).exitCode).toBe(0);
    const set = await runCli(['schedule', 'set', 'pipeline', '0 2 * * *', '--db', db], { env });
    expect(set).toMatchObject({
      exitCode: 0,
      stdout: 'pipeline: 0 2 * * * (UTC), not installed yet\n',
      stderr: `schedule changed, run \`issuetrack schedule --cron --install --secrets-file ${secrets}\` to apply\n`,
    });

    const [pipeline] = await statusJobs(db, env);
    expect(pipeline).toMatchObject({ schedule: '0 2 * * *', installed_in: 'cron', installed_trigger: '0 */6 * * *', pending_install: true });
    expect(hour(pipeline.next_run) % 6).toBe(0); // 00, 06, 12 or 18: cron still fires every 6 hours
    const text = await runCli(['status', '--db', db], { env });
    expect(text.stdout).toContain(`pipeline: schedule changed (installed: 0 */6 * * *), run \`issuetrack schedule --cron --install --secrets-file ${secrets}\` to apply\n`);
    const route = await schedulerRoute(db, env);
    expect(route).toMatchObject({ running: true, pending_install: true });
    expect(route.jobs[0]).toMatchObject({ trigger: '0 2 * * *', installed_trigger: '0 */6 * * *', pending_install: true });
    expect(hour(route.jobs[0].next_run) % 6).toBe(0);
    // A monitor hears of it: a warning, since the jobs still run on the old schedule.
    const check = await runCli(['status', '--check', '--db', db], { env });
    expect(check).toMatchObject({ exitCode: 1, stdout: `WARNING: pipeline schedule changed, not installed: run issuetrack schedule --cron --install --secrets-file ${secrets}\n` });

    expect((await runCli(['schedule', '--cron', '--install', '--secrets-file', secrets, '--db', db], { env })).exitCode).toBe(0);
    const [applied] = await statusJobs(db, env);
    expect(applied).toMatchObject({ installed_trigger: '0 2 * * *', pending_install: false, apply_with: null });
    expect(applied.next_run).toMatch(/T02:00:00\+00:00$/);
    expect((await runCli(['status', '--db', db], { env })).stdout).not.toContain('schedule changed');
  });

  it('records systemd timers that could not be enabled as not running, and --uninstall still removes their files', async () => {
    const home = tempDir();
    const systemctl = fakeSystemctl(home);
    systemctl.loseUserManager();
    const db = join(home, 'it.db');
    const env = cliEnv(home, { PATH: `${systemctl.bin}:${process.env.PATH}` });
    const dir = join(home, 'config', 'systemd', 'user');
    const failed = await runCli(['schedule', '--systemd', '--install', '--db', db], { env });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/could not enable the timers \(Failed to connect to bus: No medium found\)/);
    expect(readdirSync(dir).sort()).toEqual(['issuetrack-pipeline.service', 'issuetrack-pipeline.timer', 'issuetrack-trends.service', 'issuetrack-trends.timer']);

    const route = await schedulerRoute(db, env);
    expect(route).toMatchObject({ running: false, installed: { cron: null, systemd: null }, pending_install: false });
    expect(route.jobs[0]).toMatchObject({ installed_in: null, installed_trigger: null });

    const removed = await runCli(['schedule', '--systemd', '--uninstall', '--db', db], { env });
    expect(removed.exitCode).toBe(0);
    expect(removed.stderr).toBe(`removed 4 unit files from ${dir}; their timers were never enabled (systemctl: Failed to connect to bus: No medium found)\n`);
    expect(readdirSync(dir)).toEqual([]);
    const again = await runCli(['schedule', '--systemd', '--uninstall', '--db', db], { env });
    expect(again).toMatchObject({ exitCode: 0, stderr: 'no systemd install is recorded in this database; nothing to remove\n' });
  });

  it('removes a job disabled since the last systemd install on re-install, and --uninstall removes exactly what was installed', async () => {
    const home = tempDir();
    const systemctl = fakeSystemctl(home);
    const db = join(home, 'it.db');
    const env = cliEnv(home, { PATH: `${systemctl.bin}:${process.env.PATH}` });
    const dir = join(home, 'config', 'systemd', 'user');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'backup.service'), '[Service]\nExecStart=/usr/local/bin/backup\n');
    writeFileSync(join(dir, 'backup.timer'), '[Timer]\nOnCalendar=daily\n');

    expect((await runCli(['schedule', '--systemd', '--install', '--db', db], { env })).exitCode).toBe(0);
    expect(systemctl.calls()).toEqual(['--user daemon-reload', '--user enable --now issuetrack-pipeline.timer issuetrack-trends.timer']);
    expect((await statusJobs(db, env)).map((j: any) => [j.name, j.installed_in, j.installed_trigger])).toEqual([
      ['pipeline', 'systemd', '0 2 * * *'],
      ['trends', 'systemd', '30 * * * *'],
    ]);

    expect((await runCli(['schedule', 'disable', 'trends', '--db', db], { env })).stderr).toBe('schedule changed, run `issuetrack schedule --systemd --install` to apply\n');
    expect((await runCli(['schedule', '--systemd', '--install', '--db', db], { env })).exitCode).toBe(0);
    expect(systemctl.calls().slice(2)).toEqual(['--user disable --now issuetrack-trends.timer', '--user daemon-reload', '--user daemon-reload', '--user enable --now issuetrack-pipeline.timer']);
    expect(readdirSync(dir).sort()).toEqual(['backup.service', 'backup.timer', 'issuetrack-pipeline.service', 'issuetrack-pipeline.timer']);
    expect((await statusJobs(db, env))[1]).toMatchObject({ name: 'trends', installed_in: null, pending_install: false, next_run: null });

    const removed = await runCli(['schedule', '--systemd', '--uninstall', '--db', db], { env });
    expect(removed).toMatchObject({ exitCode: 0, stderr: `disabled issuetrack-pipeline.timer and removed 2 unit files from ${dir}\n` });
    expect(systemctl.calls().slice(6)).toEqual(['--user disable --now issuetrack-pipeline.timer', '--user daemon-reload']);
    expect(readdirSync(dir).sort()).toEqual(['backup.service', 'backup.timer']);
    expect(existsSync(join(dir, 'issuetrack-pipeline.timer'))).toBe(false);
    expect((await schedulerRoute(db, env)).running).toBe(false);
  });
});
