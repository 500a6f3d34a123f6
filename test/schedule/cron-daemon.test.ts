import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * A real cron daemon runs an installed line. It edits the crontab of the user running the tests
 * and starts Debian's `cron`, so it runs only where that is wanted: .ci/run installs cron and sets
 * ISSUETRACK_TEST_REAL_CRON=1 (a clean CI machine, as root). The user's crontab is restored after.
 */
const wanted = process.env.ISSUETRACK_TEST_REAL_CRON === '1';

describe.runIf(wanted)('a real cron daemon', () => {
  it('runs the installed trends line within two minutes, and --uninstall leaves the crontab as it was', async () => {
    const before = spawnSync('crontab', ['-l'], { encoding: 'utf8' });
    const original = before.status === 0 ? before.stdout : null;
    // Debian's cron daemonises and writes its pid file; start it unless one runs already.
    const pidFile = '/var/run/crond.pid';
    const startedCron = !existsSync(pidFile) || spawnSync('kill', ['-0', readFileSync(pidFile, 'utf8').trim()]).status !== 0;
    if (startedCron) expect(spawnSync('cron', []).status).toBe(0);
    const home = tempDir();
    const db = join(home, 'cron.db');
    const env = cliEnv(home);
    const secrets = join(home, 'env');
    writeFileSync(secrets, `HOME=${home}\nXDG_STATE_HOME=${home}/state\n`, { mode: 0o600 });
    chmodSync(secrets, 0o600);
    try {
      expect((await runCli(['--db', db, 'schedule', 'set', 'trends', '* * * * *'], { env })).exitCode).toBe(0);
      const installed = await runCli(['--db', db, 'schedule', '--cron', '--install', '--secrets-file', secrets], { env });
      expect(installed.exitCode).toBe(0);
      let runs: Array<{ task: string; status: string }> = [];
      for (let i = 0; i < 130 && !runs.some((r) => r.status === 'completed'); i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const store = openStore(db);
        runs = store.sqlite.prepare('SELECT task, status FROM runs').all() as typeof runs;
        await store.close();
      }
      expect(runs).toContainEqual({ task: 'trends', status: 'completed' });
      // The log says cron started it, as `tail -f … | grep` users read it.
      const { entries } = JSON.parse((await runCli(['--db', db, 'logs', '--json', '--task', 'trends'], { env })).stdout);
      expect(entries).toContainEqual(expect.objectContaining({ event: 'run_end', task: 'trends', trigger: 'cron', outcome: 'completed', exit_code: 0 }));
    } finally {
      await runCli(['--db', db, 'schedule', '--cron', '--uninstall'], { env });
      const after = spawnSync('crontab', ['-l'], { encoding: 'utf8' });
      if (original === null) {
        expect(after.stdout).toBe('');
        spawnSync('crontab', ['-r']);
      } else expect(after.stdout).toBe(original);
      if (startedCron && existsSync(pidFile)) spawnSync('kill', [readFileSync(pidFile, 'utf8').trim()]);
    }
  }, 180_000);
});
