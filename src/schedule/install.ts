import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IssuetrackError } from '../errors.js';
import { mergeCrontab, removeCrontabBlock } from './render-cron.js';
import type { UnitFile } from './render-systemd.js';

/**
 * Merges the issuetrack block into the user's crontab through the `crontab` command, keeping
 * every other line. Idempotent. Throws IssuetrackError (exit 1) when `crontab` is missing or fails.
 */
export function installCrontab(block: string): void {
  writeCrontab(mergeCrontab(readCrontab(), block));
}

/** Takes the issuetrack block out of the user's crontab, keeping every other line. Returns whether there was one. */
export function uninstallCrontab(): boolean {
  const existing = readCrontab();
  const without = removeCrontabBlock(existing);
  if (without === existing) return false;
  writeCrontab(without);
  return true;
}

function readCrontab(): string {
  const current = spawnSync('crontab', ['-l'], { encoding: 'utf8' });
  if (current.error) throw new IssuetrackError(`cannot run crontab (${(current.error as NodeJS.ErrnoException).code}); add or remove the lines of \`issuetrack schedule --cron\` yourself`);
  // `crontab -l` exits 1 with "no crontab for USER" when there is none yet.
  return current.status === 0 ? current.stdout : '';
}

function writeCrontab(text: string): void {
  const written = spawnSync('crontab', ['-'], { input: text, encoding: 'utf8' });
  if (written.error || written.status !== 0) throw new IssuetrackError(`crontab refused the new table: ${(written.stderr || String(written.error ?? '')).trim().split('\n')[0]}`);
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

/** Deletes exactly these files (those an install recorded); a file already gone is fine. */
export function removeUnitFiles(paths: readonly string[]): void {
  for (const path of paths) rmSync(path, { force: true });
}

/**
 * Reloads systemd and enables the timers for this user. Returns null on success, or the reason
 * it could not (no systemctl, no user manager).
 */
export function enableUserTimers(timers: readonly string[]): string | null {
  return systemctl([['--user', 'daemon-reload'], ['--user', 'enable', '--now', ...timers]]);
}

/** Stops and disables the timers, then reloads. Returns null on success, or the reason it could not. */
export function disableUserTimers(timers: readonly string[]): string | null {
  return systemctl([['--user', 'disable', '--now', ...timers], ['--user', 'daemon-reload']]);
}

function systemctl(calls: string[][]): string | null {
  for (const args of calls) {
    const result = spawnSync('systemctl', args, { encoding: 'utf8' });
    if (result.error) return `systemctl not available (${(result.error as NodeJS.ErrnoException).code})`;
    if (result.status !== 0) return (result.stderr || `systemctl ${args.join(' ')} exited ${result.status}`).trim().split('\n')[0]!;
  }
  return null;
}
