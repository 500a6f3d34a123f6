import type { StatusReport } from './status-report.js';

export type CheckLevel = 'ok' | 'warning' | 'critical';

export interface HealthCheck {
  level: CheckLevel;
  /** Exit status for Nagios-style monitors: 0 ok, 1 warning, 2 critical. */
  exit_code: 0 | 1 | 2;
  problems: Array<{ level: Exclude<CheckLevel, 'ok'>; message: string }>;
  /** The one line `status --check` prints. */
  line: string;
}

const DAY = 86_400_000;

/**
 * Judges a status report as healthchecks.io and Nagios would. Critical, as issue 9 lists them:
 * an overdue job, a last run that failed, a stale lease, a Message Batch open over 24 h (the
 * no-database case is noDatabase). A warning: a schedule changed in the database and not yet
 * installed. Pure.
 */
export function judgeHealth(report: StatusReport, nowMs: number): HealthCheck {
  const problems: HealthCheck['problems'] = [];
  const enabled = report.jobs.filter((j) => j.enabled);
  for (const job of report.jobs) {
    if (job.overdue) problems.push({ level: 'critical', message: `${job.name} overdue: last success ${job.last_success_at ?? 'never'}, runs ${job.schedule} (${job.timezone})` });
    // Critical, not a warning: the issue lists "last run failed" among the critical conditions,
    // and a failed nightly pipeline is what the monitor is there to page about; waiting for it
    // to become overdue would hide it for up to a day.
    if (job.enabled && job.last_run && job.last_run.status === 'failed') problems.push({ level: 'critical', message: `${job.name} last run failed: ${job.last_run.error ?? 'no message'}` });
    // A warning: the jobs still run, on the schedule installed before, so nothing is missed yet;
    // but the schedule someone set is not the one that fires until the install is run again.
    if (job.pending_install) problems.push({ level: 'warning', message: `${job.name} schedule changed, not installed: run ${job.apply_with}` });
  }
  const w = report.worker;
  if (w.stale) problems.push({ level: 'critical', message: `stale lease: ${w.task} run ${w.run_id} stopped heartbeating at ${w.heartbeat_at}` });
  // A task no enabled job runs (sync or analyze from a script, a crontab line of one's own) has
  // no last_run above: the worker row is its only trace, as long as no later run replaces it.
  // Critical for the same reason as a job's; a stale lease already says so (and reads failed).
  else if (w.status === 'failed' && w.task && !enabled.some((j) => j.name === w.task)) {
    problems.push({ level: 'critical', message: `${w.task} last run failed: ${w.error ?? 'no message'}` });
  }
  for (const batch of report.analysis.open_batches) {
    // Critical: the Batches API ends a batch within 24 h, so one still open has results nobody
    // collected (or a collect that keeps failing), and its tickets stay out of every analysis.
    if (nowMs - Date.parse(batch.created_at) > DAY) problems.push({ level: 'critical', message: `Message Batch ${batch.id} open since ${batch.created_at}` });
  }
  return verdict(problems, `${enabled.length} ${enabled.length === 1 ? 'job' : 'jobs'} on schedule, worker ${w.status}`);
}

/**
 * The verdict when the check could not read the database at all (a folder that is not one, a
 * file that is not SQLite, a server that does not answer, a login refused): critical, naming
 * the cause in the line as our errors word it (host and database, never a password). Pure.
 */
export function cannotRead(cause: string): HealthCheck {
  return verdict([{ level: 'critical', message: `cannot read the database: ${cause}` }], '');
}

/** The verdict for a database that is not there: critical. Pure. */
export function noDatabase(path: string): HealthCheck {
  return verdict([{ level: 'critical', message: `no database at ${path}` }], '');
}

function verdict(problems: HealthCheck['problems'], okText: string): HealthCheck {
  const level: CheckLevel = problems.some((p) => p.level === 'critical') ? 'critical' : problems.length ? 'warning' : 'ok';
  const exit_code = level === 'critical' ? 2 : level === 'warning' ? 1 : 0;
  const line = level === 'ok' ? `OK: ${okText}` : `${level.toUpperCase()}: ${problems.map((p) => p.message).join('; ')}`;
  return { level, exit_code, problems, line };
}
