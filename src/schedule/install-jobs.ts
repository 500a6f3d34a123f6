import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import { IssuetrackError, UsageError } from '../errors.js';
import { deleteInstall, readInstall, writeInstall } from '../store/schedule-queries.js';
import type { Store } from '../store/store.js';
import { disableUserTimers, enableUserTimers, installCrontab, removeUnitFiles, uninstallCrontab, writeUnitFiles } from './install.js';
import { installedJobs, type CronRecord, type SystemdRecord } from './installed.js';
import type { Invocation } from './invocation.js';
import { renderCrontab } from './render-cron.js';
import { renderSystemdUnits, type UnitFile } from './render-systemd.js';
import type { ScheduledJob } from './scheduled-jobs.js';

export type SchedulerKind = 'cron' | 'systemd';

export interface ScheduleTarget {
  store: Store;
  config: Config;
  invocation: Invocation;
  jobs: readonly ScheduledJob[];
  timeZone: string;
  nowIso: string;
}

/** The crontab block or the unit files for the jobs as scheduled in the database. Pure but for the config paths. */
export function renderSchedule(kind: SchedulerKind, target: Omit<ScheduleTarget, 'store' | 'nowIso'>): string {
  if (kind === 'cron') return renderCrontab(target.jobs, target.invocation, target.timeZone);
  return systemdUnits(target)
    .map((u) => `# ---- ${u.name} ----\n${u.content}`)
    .join('\n');
}

/**
 * Installs the jobs for this user and records what went where and at which times, so `status`
 * can tell what really fires and `uninstall` removes exactly that. Returns lines for stderr.
 * Throws IssuetrackError (exit 1) when crontab fails or the timers cannot be enabled (the unit
 * files are then written and recorded as not enabled, and the message says what to run),
 * UsageError (64) for a schedule systemd cannot express.
 */
export async function installSchedule(kind: SchedulerKind, target: ScheduleTarget): Promise<string[]> {
  const active = target.jobs.filter((j) => j.enabled);
  if (kind === 'cron') {
    const block = renderCrontab(target.jobs, target.invocation, target.timeZone);
    installCrontab(block);
    const record: CronRecord = { block, jobs: installedJobs(target.jobs), secrets_file: target.invocation.envFile ?? null };
    await writeInstall(target.store, 'cron', record, target.nowIso);
    return [`installed ${active.length} crontab lines for: ${active.map((j) => j.name).join(', ') || 'none (all disabled)'} (times in ${target.timeZone})`];
  }
  const units = systemdUnits(target);
  const dir = join(target.config.userConfigDir, 'systemd', 'user');
  const previous = await readSystemdRecord(target.store);
  const files = writeUnitFiles(dir, units);
  const timers = units.filter((u) => u.name.endsWith('.timer')).map((u) => u.name);
  if (previous) {
    // A job disabled since the last install: stop its timer and delete its files.
    const staleTimers = previous.timers.filter((t) => !timers.includes(t));
    if (staleTimers.length) disableUserTimers(staleTimers);
    removeUnitFiles(previous.files.filter((f) => !files.includes(f)));
  }
  const record: SystemdRecord = { dir, files, timers, jobs: installedJobs(target.jobs), secrets_file: target.invocation.envFile ?? null, enabled: false };
  // Recorded before enabling, as not enabled: the files are tracked for --uninstall whatever
  // happens next, and status never says the timers fire before systemctl has said so.
  await writeInstall(target.store, 'systemd', record, target.nowIso);
  const problem = timers.length ? enableUserTimers(timers) : null;
  if (!problem) await writeInstall(target.store, 'systemd', { ...record, enabled: true }, target.nowIso);
  if (problem) {
    throw new IssuetrackError(
      `wrote ${files.length} unit files to ${dir} but could not enable the timers (${problem}); run: systemctl --user daemon-reload && systemctl --user enable --now ${timers.join(' ')}`,
    );
  }
  return [`wrote ${files.length} unit files to ${dir} and enabled ${timers.join(', ') || 'no timers (all jobs disabled)'} (times in ${target.timeZone})`];
}

/**
 * Removes what the last install of `kind` put in place: the crontab's issuetrack block, or the
 * recorded unit files after disabling their timers. Returns lines for stderr. Idempotent.
 * Throws IssuetrackError (exit 1) when crontab or systemctl fails on timers that were enabled
 * (the record is then kept); timers an install could not enable are disabled if systemctl can,
 * and their files removed either way.
 */
export async function uninstallSchedule(kind: SchedulerKind, store: Store): Promise<string[]> {
  if (kind === 'cron') {
    const removed = uninstallCrontab();
    await deleteInstall(store, 'cron');
    return [removed ? 'removed the issuetrack lines from the crontab; every other line is as it was' : 'the crontab has no issuetrack lines; nothing to remove'];
  }
  const record = await readSystemdRecord(store);
  if (!record) return ['no systemd install is recorded in this database; nothing to remove'];
  const problem = record.timers.length ? disableUserTimers(record.timers) : null;
  const wasEnabled = record.enabled !== false; // absent in older records, which were written once enabled
  if (problem && wasEnabled) throw new IssuetrackError(`could not disable ${record.timers.join(' ')} (${problem}); the unit files in ${record.dir} are left in place`);
  removeUnitFiles(record.files);
  await deleteInstall(store, 'systemd');
  if (problem) return [`removed ${record.files.length} unit files from ${record.dir}; their timers were never enabled (systemctl: ${problem})`];
  return [`disabled ${record.timers.join(', ') || 'no timers'} and removed ${record.files.length} unit files from ${record.dir}`];
}

function systemdUnits(target: Pick<ScheduleTarget, 'jobs' | 'invocation' | 'config'>): UnitFile[] {
  try {
    // The units may write the SQLite file's folder and the state folder; a PostgreSQL database needs no folder.
    const folders = target.config.database.dialect === 'sqlite' ? `${dirname(target.config.dbPath)} ${target.config.stateDir}` : target.config.stateDir;
    return renderSystemdUnits(target.jobs, target.invocation, folders);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; change it with \`issuetrack schedule set JOB "…"\``);
  }
}

async function readSystemdRecord(store: Store): Promise<SystemdRecord | undefined> {
  const row = await readInstall(store, 'systemd');
  return row ? (JSON.parse(row.items) as SystemdRecord) : undefined;
}
