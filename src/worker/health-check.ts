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
 * Judges a status report as healthchecks.io and Nagios would: critical for an overdue job or a
 * stale lease, warning for a job whose last run failed or a Message Batch open over 24 h. Pure.
 */
export function judgeHealth(report: StatusReport, nowMs: number): HealthCheck {
  const problems: HealthCheck['problems'] = [];
  for (const job of report.jobs) {
    if (job.overdue) problems.push({ level: 'critical', message: `${job.name} overdue: last success ${job.last_success_at ?? 'never'}, runs ${job.schedule} (${job.timezone})` });
    if (job.enabled && job.last_run && job.last_run.status === 'failed') problems.push({ level: 'warning', message: `${job.name} last run failed: ${job.last_run.error ?? 'no message'}` });
  }
  if (report.worker.stale) problems.push({ level: 'critical', message: `stale lease: ${report.worker.task} run ${report.worker.run_id} stopped heartbeating at ${report.worker.heartbeat_at}` });
  for (const batch of report.analysis.open_batches) {
    if (nowMs - Date.parse(batch.created_at) > DAY) problems.push({ level: 'warning', message: `Message Batch ${batch.id} open since ${batch.created_at}` });
  }
  return verdict(problems, `${report.jobs.filter((j) => j.enabled).length} jobs on schedule, worker ${report.worker.status}`);
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
