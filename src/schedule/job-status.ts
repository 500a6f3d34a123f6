import type { RunStatus, RunsTable } from '../store/schema-core.js';
import type { Store } from '../store/store.js';
import { readInstalls } from '../store/schedule-queries.js';
import { readLastRuns } from '../store/status-queries.js';
import { nextFire, parseCron } from './cron-expression.js';
import { isoWithOffset, scheduleTimeZone } from './local-time.js';
import { graceMs, isOverdue, periodMs } from './overdue.js';
import { installState, type InstallState } from './install-drift.js';
import { parseInstall, type Installed } from './installed.js';
import { JOBS } from './jobs.js';
import { readScheduledJobs } from './scheduled-jobs.js';

export interface LastRun {
  run_id: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  error: string | null;
}

/** One scheduled job as `status --json` and GET /api/tasks/scheduler/status show it. */
export interface JobStatus extends Omit<InstallState, 'firing'> {
  /** The job's name; `id` is the source service's word for it. */
  id: string;
  name: string;
  description: string;
  command: string;
  /** The five-field cron expression in the database; `trigger` repeats it under the source's name (see installed_trigger). */
  schedule: string;
  trigger: string;
  default_schedule: string;
  enabled: boolean;
  /** The zone the expression fires in (the machine's). */
  timezone: string;
  /**
   * ISO 8601 with the zone's offset: the next fire of `installed_trigger` when the job is
   * installed; with nothing installed, of `schedule`; null when it does not fire (disabled, or
   * left out of the install).
   */
  next_run: string | null;
  last_run: LastRun | null;
  last_success_at: string | null;
  /** The longest gap between fires, and the slack after it, in seconds. */
  period_s: number;
  grace_s: number;
  /** No success within period + grace (see schedule/overdue.ts). */
  overdue: boolean;
}

/** Every job as really scheduled (the database's rows over the defaults). Read-only; never throws on an empty database. */
export async function readJobStatuses(store: Store, nowMs: number): Promise<JobStatus[]> {
  return (await readSchedule(store, nowMs)).jobs;
}

/**
 * The jobs and the install records they are compared with (what --install put in place), in
 * one read. Read-only; never throws on an empty database.
 */
export async function readSchedule(store: Store, nowMs: number): Promise<{ jobs: JobStatus[]; installs: Installed[] }> {
  const timezone = scheduleTimeZone();
  // The runs are read with the schedules, not after them: a job's command is fixed (jobs.ts), only
  // its schedule and enabled flag come from the database.
  const commands = [...new Set(JOBS.map((job) => job.command))];
  const [rows, scheduled, runs] = await Promise.all([readInstalls(store), readScheduledJobs(store), readLastRuns(store, commands)]);
  const installs = rows.map(parseInstall);
  const since = installs.filter((i) => i.enabled).map((i) => Date.parse(i.installedAt));
  const scheduledSinceMs = since.length ? Math.min(...since) : null;
  const jobs = scheduled.map((job): JobStatus => {
    const { last, success } = runs.get(job.command)!;
    const successMs = success ? Date.parse(success.finished_at ?? success.started_at) : null;
    const { firing, ...install } = installState(job, installs);
    // Held to the period of what really fires.
    const period = periodMs(firing ?? job.schedule, nowMs);
    return {
      id: job.name,
      name: job.name,
      description: job.description,
      command: `issuetrack ${job.command}`,
      schedule: job.schedule,
      trigger: job.schedule,
      default_schedule: job.defaultSchedule,
      enabled: job.enabled,
      timezone,
      next_run: firing ? isoWithOffset(nextFire(parseCron(firing), nowMs)) : null,
      ...install,
      last_run: last ? lastRun(last) : null,
      last_success_at: success ? (success.finished_at ?? success.started_at) : null,
      period_s: Math.round(period / 1000),
      grace_s: Math.round(graceMs(period) / 1000),
      overdue: isOverdue({ enabled: firing !== null, periodMs: period, lastSuccessMs: successMs, scheduledSinceMs, nowMs }),
    };
  });
  return { jobs, installs };
}

function lastRun(row: RunsTable): LastRun {
  return { run_id: row.id, status: row.status, started_at: row.started_at, finished_at: row.finished_at, duration_ms: row.duration_ms, error: row.error };
}
