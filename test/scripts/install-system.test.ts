import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliEnv } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// scripts/install-system.sh under --destdir: every file it places lands in a temp root, and the
// live-system steps (useradd, chown, systemctl, crontab) are skipped. The install from a real
// `npm pack` tarball is the CI step in .ci/run.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/install-system.sh');

function script(args: string[]) {
  const result = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An installed package as npm lays it out: this build's files, with node_modules linked rather than copied. */
function installedPackage(): string {
  const dir = join(tempDir(), 'issuetrack');
  for (const entry of ['bin', 'dist', 'systemd', 'crontab.example', 'package.json', 'README.md', 'LICENSE']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(root.length));
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('scripts/install-system.sh', () => {
  it('prints the plan and changes nothing with --dry-run', () => {
    const root = tempDir();
    const result = script(['install', '--dry-run', '--destdir', root, '--package-dir', installedPackage()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${root}/opt/issuetrack`);
    expect(result.stdout).toContain(`write ${root}/etc/issuetrack/env (mode 0600)`);
    expect(result.stdout).toContain('systemctl enable --now issuetrack-pipeline.timer issuetrack-trends.timer');
    expect(result.stdout).toContain('dry run: nothing was changed');
    expect(readdirSync(root)).toEqual([]);
  });

  it('places the package, the units with their user drop-ins, the state folders and a 0600 env file', () => {
    const root = tempDir();
    const result = script(['install', '--destdir', root, '--package-dir', installedPackage()]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readlinkSync(join(root, 'usr/local/bin/issuetrack'))).toBe('/opt/issuetrack/bin/issuetrack');
    expect(mode(join(root, 'etc/issuetrack/env'))).toBe(0o600);
    expect(mode(join(root, 'var/lib/issuetrack'))).toBe(0o750);
    expect(mode(join(root, 'var/log/issuetrack'))).toBe(0o750);
    for (const job of ['pipeline', 'trends']) {
      const unit = readFileSync(join(root, `etc/systemd/system/issuetrack-${job}.service`), 'utf8');
      expect(unit).toContain('ExecStart=/usr/bin/node /opt/issuetrack/bin/issuetrack');
      expect(readFileSync(join(root, `etc/systemd/system/issuetrack-${job}.service.d/10-user.conf`), 'utf8')).toContain('User=issuetrack');
      expect(existsSync(join(root, `etc/systemd/system/issuetrack-${job}.timer`))).toBe(true);
    }
    expect(existsSync(join(root, 'opt/issuetrack/crontab.example'))).toBe(true);
  });

  it('leaves a command that runs from its new place and creates the database where the units expect it', () => {
    const root = tempDir();
    expect(script(['install', '--destdir', root, '--package-dir', installedPackage()]).code).toBe(0);
    const db = join(root, 'var/lib/issuetrack/issuetrack.db');
    // A task creates it (status only reads, and never creates a file).
    const env = cliEnv(tempDir());
    const task = spawnSync(process.execPath, [join(root, 'opt/issuetrack/bin/issuetrack'), 'trends', '--db', db], { encoding: 'utf8', env });
    expect(task.status).toBe(0);
    expect(existsSync(db)).toBe(true);
    const run = spawnSync(process.execPath, [join(root, 'opt/issuetrack/bin/issuetrack'), 'status', '--json', '--db', db], { encoding: 'utf8', env });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).worker.status).toBe('completed');
  });

  it('upgrades in place keeping the credentials and the database, and uninstalls keeping them too', () => {
    const root = tempDir();
    expect(script(['install', '--destdir', root, '--package-dir', installedPackage()]).code).toBe(0);
    writeFileSync(join(root, 'etc/issuetrack/env'), 'ANTHROPIC_API_KEY=sk-ant-kept\n');
    writeFileSync(join(root, 'var/lib/issuetrack/issuetrack.db'), '');
    const again = script(['install', '--destdir', root, '--package-dir', installedPackage()]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(kept: /etc/issuetrack/env)');
    expect(readFileSync(join(root, 'etc/issuetrack/env'), 'utf8')).toBe('ANTHROPIC_API_KEY=sk-ant-kept\n');
    expect(readdirSync(join(root, 'opt'))).toEqual(['issuetrack']); // no .new or .old left behind

    expect(script(['uninstall', '--destdir', root]).code).toBe(0);
    expect(filesIn(root).sort()).toEqual(['/etc/issuetrack/env', '/var/lib/issuetrack/issuetrack.db']);
  });

  it('removes every file it placed with uninstall --purge', () => {
    const root = tempDir();
    expect(script(['install', '--destdir', root, '--package-dir', installedPackage()]).code).toBe(0);
    expect(script(['uninstall', '--purge', '--destdir', root]).code).toBe(0);
    expect(filesIn(root)).toEqual([]);
    expect(() => lstatSync(join(root, 'usr/local/bin/issuetrack'))).toThrow();
  });

  it('exits 64 on a usage mistake and 78 on a folder that is no installed package, with one line', () => {
    const usage = script(['install', '--frobnicate']);
    expect(usage).toMatchObject({ code: 64, stdout: '', stderr: 'install-system.sh: unknown argument: --frobnicate (see --help)\n' });
    const notPackage = script(['install', '--destdir', tempDir(), '--package-dir', tempDir()]);
    expect(notPackage.code).toBe(78);
    expect(notPackage.stderr).toMatch(/^install-system\.sh: not an installed issuetrack package .*\n$/);
  });
});
