import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A stand-in `crontab` on PATH that keeps the table in a file, as the real one keeps it per user. */
function fakeCrontab(home: string): { bin: string; table: string } {
  const bin = join(home, 'bin');
  const table = join(home, 'crontab.txt');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'crontab'),
    `#!/bin/sh
if [ "$1" = "-l" ]; then [ -f "${table}" ] || { echo "no crontab for tester" >&2; exit 1; }; cat "${table}"; exit 0; fi
if [ "$1" = "-" ]; then cat > "${table}"; exit 0; fi
exit 2
`,
  );
  chmodSync(join(bin, 'crontab'), 0o755);
  return { bin, table };
}

describe('issuetrack schedule', () => {
  it('prints crontab lines that run this node and this CLI by absolute path', async () => {
    const home = tempDir();
    const result = await runCli(['schedule'], { env: cliEnv(home) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^0 2 \\* \\* \\* ${process.execPath} \\S+/bin/issuetrack pipeline$`, 'm'));
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
    for (let i = 0; i < 2; i++) {
      const result = await runCli(['schedule', '--cron', '--install', '--secrets-file', join(home, 'env')], { env });
      expect(result.exitCode).toBe(0);
    }
    const text = readFileSync(table, 'utf8');
    expect(text.startsWith('MAILTO=ops@example.com\n15 3 * * * /usr/local/bin/backup\n')).toBe(true);
    expect(text.match(/ pipeline$/gm)).toHaveLength(1);
    expect(text).toContain(`. ${join(home, 'env')} && set +a`);
  });

  it('writes user units and says how to enable them when systemctl is not there', async () => {
    const home = tempDir();
    const emptyBin = join(home, 'nobin');
    mkdirSync(emptyBin);
    const result = await runCli(['schedule', '--systemd', '--install'], { env: cliEnv(home, { PATH: emptyBin }) });
    expect(result.exitCode).toBe(0);
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
});
