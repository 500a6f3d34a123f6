import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IssuetrackError } from '../errors.js';
import { mergeCrontab } from './render-cron.js';
import type { UnitFile } from './render-systemd.js';

/**
 * Merges the issuetrack block into the user's crontab through the `crontab` command, keeping
 * every other line. Idempotent. Throws IssuetrackError (exit 1) when `crontab` is missing or fails.
 */
export function installCrontab(block: string): void {
  const current = spawnSync('crontab', ['-l'], { encoding: 'utf8' });
  if (current.error) throw new IssuetrackError(`cannot run crontab (${(current.error as NodeJS.ErrnoException).code}); add the lines of \`issuetrack schedule --cron\` yourself`);
  // `crontab -l` exits 1 with "no crontab for USER" when there is none yet.
  const existing = current.status === 0 ? current.stdout : '';
  const written = spawnSync('crontab', ['-'], { input: mergeCrontab(existing, block), encoding: 'utf8' });
  if (written.status !== 0) throw new IssuetrackError(`crontab refused the new table: ${(written.stderr || '').trim().split('\n')[0]}`);
}

/** Writes unit files into `dir` (each atomically). Returns their paths. */
export function writeUnitFiles(dir: string, units: readonly UnitFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  return units.map((unit) => {
    const path = join(dir, unit.name);
    writeFileSync(`${path}.tmp`, unit.content, { mode: 0o644 });
    renameSync(`${path}.tmp`, path);
    return path;
  });
}

/**
 * Reloads systemd and enables the timers for this user. Returns null on success, or the reason
 * it could not (no systemctl, no user manager): the caller then prints the commands to run.
 */
export function enableUserTimers(timers: readonly string[]): string | null {
  for (const args of [['--user', 'daemon-reload'], ['--user', 'enable', '--now', ...timers]]) {
    const result = spawnSync('systemctl', args, { encoding: 'utf8' });
    if (result.error) return `systemctl not available (${(result.error as NodeJS.ErrnoException).code})`;
    if (result.status !== 0) return (result.stderr || `systemctl ${args.join(' ')} exited ${result.status}`).trim().split('\n')[0]!;
  }
  return null;
}
