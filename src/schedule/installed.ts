import type { ScheduleInstallsTable } from '../store/schema-schedules.js';
import { parseCron } from './cron-expression.js';
import { CRON_BEGIN } from './render-cron.js';
import type { ScheduledJob } from './scheduled-jobs.js';

/** A job as an install put it into cron or systemd: what the scheduler really fires. */
export interface InstalledJob {
  name: string;
  schedule: string;
}

/** What `schedule --cron --install` records (schedule_installs.items). */
export interface CronRecord {
  block: string;
  /** Absent in records written before installs kept their jobs: read from `block` then. */
  jobs?: InstalledJob[];
  secrets_file?: string | null;
}

/** What `schedule --systemd --install` records (schedule_installs.items). */
export interface SystemdRecord {
  dir: string;
  files: string[];
  timers: string[];
  /** Absent in records written before installs kept their jobs: unknown then. */
  jobs?: InstalledJob[];
  secrets_file?: string | null;
  /** False while, or when, `systemctl --user enable` did not succeed: the files are there, nothing fires. Absent in older records (enabled). */
  enabled?: boolean;
}

/** One install record, read for status: where, since when, whether it fires, and which jobs at which times. */
export interface Installed {
  kind: 'cron' | 'systemd';
  installedAt: string;
  /** Whether the scheduler fires these jobs (a systemd install whose timers could not be enabled does not). */
  enabled: boolean;
  /** null: an older systemd record that did not keep them (reinstalling records them). */
  jobs: InstalledJob[] | null;
  secretsFile: string | null;
}

/** The enabled jobs as an install records them. Pure. */
export function installedJobs(jobs: readonly ScheduledJob[]): InstalledJob[] {
  return jobs.filter((job) => job.enabled).map((job) => ({ name: job.name, schedule: job.schedule }));
}

/** Reads an install row. Pure; never throws (a record it cannot read counts as an install of unknown jobs). */
export function parseInstall(row: ScheduleInstallsTable): Installed {
  let items: Partial<CronRecord & SystemdRecord> = {};
  try {
    items = JSON.parse(row.items) as typeof items;
  } catch {
    // keep {}: the install happened, what it holds is unknown
  }
  const jobs = readable(items.jobs ?? (row.kind === 'cron' && typeof items.block === 'string' ? jobsInCronBlock(items.block) : null));
  return {
    kind: row.kind,
    installedAt: row.installed_at,
    enabled: row.kind === 'cron' || items.enabled !== false,
    jobs,
    secretsFile: items.secrets_file ?? null,
  };
}

/** The jobs when each names a valid expression, else null (unknown): status must not fail on an edited record. */
function readable(jobs: unknown): InstalledJob[] | null {
  if (!Array.isArray(jobs)) return null;
  for (const job of jobs as Array<Partial<InstalledJob>>) {
    if (typeof job?.name !== 'string' || typeof job.schedule !== 'string') return null;
    try {
      parseCron(job.schedule);
    } catch {
      return null;
    }
  }
  return jobs as InstalledJob[];
}

/**
 * The jobs of a crontab block as render-cron.ts writes it: a `# NAME: description` line, then
 * the job's line unless it was disabled. null for a block not written by render-cron.ts. Pure.
 */
export function jobsInCronBlock(block: string): InstalledJob[] | null {
  const lines = block.split('\n');
  if (lines[0] !== CRON_BEGIN) return null;
  const jobs: InstalledJob[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    const named = /^# ([a-z][a-z0-9-]*): /.exec(lines[i]!);
    const next = lines[i + 1]!;
    if (named && next && !next.startsWith('#')) jobs.push({ name: named[1]!, schedule: next.trim().split(/\s+/).slice(0, 5).join(' ') });
  }
  return jobs;
}
