/**
 * Operations alerts about the scheduled jobs from the runs table: a job whose last two finished
 * runs failed (once per failing streak), and a job that is overdue (once per stretch since its
 * last success). "Overdue" is schedule/overdue.ts's verdict, passed in: one definition for
 * `status`, the scheduler route and alerts. Pure; disabled jobs never alert.
 */

export type JobAlertKind = 'job_failing' | 'job_overdue';

export interface JobRun {
  id: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  startedAt: string;
  error: string | null;
}

export interface JobHistory {
  name: string;
  schedule: string;
  enabled: boolean;
  /** Its runs, newest first, without the run that is checking. */
  runs: readonly JobRun[];
  /** schedule/overdue.ts's verdict, and what it was measured from. */
  overdue: boolean;
  lastSuccessAt: string | null;
  periodMs: number;
}

export interface JobAlertIntent {
  kind: JobAlertKind;
  job: string;
  schedule: string;
  idempotencyKey: string;
  /** Failed runs in a row. */
  failures: number;
  lastError: string | null;
  lastRunAt: string | null;
  /** When a run was last due after the last success (job_overdue). */
  expectedAt: string | null;
}

/** A cancelled run (SIGINT, SIGTERM) neither breaks nor extends a failing streak. */
export function planJobAlerts(jobs: readonly JobHistory[]): JobAlertIntent[] {
  const out: JobAlertIntent[] = [];
  for (const job of jobs) {
    if (!job.enabled) continue;
    const finished = job.runs.filter((r) => r.status === 'completed' || r.status === 'failed');
    const streak: JobRun[] = [];
    for (const run of finished) {
      if (run.status !== 'failed') break;
      streak.push(run);
    }
    const last = job.runs[0];
    if (streak.length >= 2) {
      const first = streak[streak.length - 1]!;
      out.push({
        kind: 'job_failing', job: job.name, schedule: job.schedule, idempotencyKey: `job_failing:${job.name}:${first.id}`,
        failures: streak.length, lastError: streak[0]!.error, lastRunAt: streak[0]!.startedAt, expectedAt: null,
      });
    }
    if (job.overdue) {
      const successMs = job.lastSuccessAt ? Date.parse(job.lastSuccessAt) : NaN;
      out.push({
        kind: 'job_overdue', job: job.name, schedule: job.schedule, idempotencyKey: `job_overdue:${job.name}:${job.lastSuccessAt ?? 'never'}`,
        failures: streak.length, lastError: last?.error ?? null, lastRunAt: last?.startedAt ?? null,
        expectedAt: Number.isFinite(successMs) ? new Date(successMs + job.periodMs).toISOString() : null,
      });
    }
  }
  return out;
}
