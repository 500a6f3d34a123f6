import { nextFire, parseCron } from '../schedule/cron-expression.js';

/**
 * Operations alerts about the scheduled jobs (src/schedule/jobs.ts) from the runs table: a job whose
 * last two finished runs failed (once per failing streak), and a job whose next run after its last
 * one is more than a grace period late (once per missed slot). Pure; `nowMs` is a parameter.
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
  /** Its runs, newest first, without the run that is checking. */
  runs: readonly JobRun[];
}

export interface JobAlertIntent {
  kind: JobAlertKind;
  job: string;
  schedule: string;
  idempotencyKey: string;
  /** Failed runs in a row (job_failing). */
  failures: number;
  lastError: string | null;
  lastRunAt: string | null;
  /** When the missed run was due (job_overdue). */
  expectedAt: string | null;
}

/**
 * A cancelled run (SIGINT, SIGTERM) neither breaks nor extends a failing streak. A job that never
 * ran is not overdue: nothing says it was ever scheduled here.
 */
export function planJobAlerts(jobs: readonly JobHistory[], nowMs: number, graceMs: number): JobAlertIntent[] {
  const out: JobAlertIntent[] = [];
  for (const job of jobs) {
    const finished = job.runs.filter((r) => r.status === 'completed' || r.status === 'failed');
    const streak: JobRun[] = [];
    for (const run of finished) {
      if (run.status !== 'failed') break;
      streak.push(run);
    }
    if (streak.length >= 2) {
      const first = streak[streak.length - 1]!;
      out.push({
        kind: 'job_failing', job: job.name, schedule: job.schedule, idempotencyKey: `job_failing:${job.name}:${first.id}`,
        failures: streak.length, lastError: streak[0]!.error, lastRunAt: streak[0]!.startedAt, expectedAt: null,
      });
    }
    const last = job.runs[0];
    if (!last) continue;
    const lastMs = Date.parse(last.startedAt);
    if (!Number.isFinite(lastMs)) continue;
    const dueMs = nextFire(parseCron(job.schedule), lastMs);
    if (nowMs > dueMs + graceMs) {
      const expectedAt = new Date(dueMs).toISOString();
      out.push({
        kind: 'job_overdue', job: job.name, schedule: job.schedule, idempotencyKey: `job_overdue:${job.name}:${expectedAt}`,
        failures: streak.length, lastError: last.error, lastRunAt: last.startedAt, expectedAt,
      });
    }
  }
  return out;
}
