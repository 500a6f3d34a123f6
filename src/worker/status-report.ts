import type { Deps } from '../deps.js';
import { JOBS } from '../schedule/jobs.js';
import { nextRun } from '../schedule/next-run.js';
import { percentOf } from '../output/reporter.js';
import { readLastRun, readRunMetrics, readTotals, readWorkerRow, type RunMetrics, type Totals } from '../store/status-queries.js';
import type { RunStatus } from '../store/schema-core.js';
import { readAnalysisStatus, type AnalysisStatus } from '../analysis/analysis-status.js';

export interface StatusReport {
  worker: {
    status: string;
    task: string | null;
    run_id: string | null;
    progress: { phase: string | null; done: number | null; total: number | null; percent: number | null; message: string | null } | null;
    started_at: string | null;
    finished_at: string | null;
    heartbeat_at: string | null;
    heartbeat_age_s: number | null;
    lease_expires_at: string | null;
    /** True when a run says "running" but its lease has expired: the next task takes it over. */
    stale: boolean;
    pid: number | null;
    host: string | null;
    error: string | null;
  };
  jobs: Array<{
    name: string;
    schedule: string;
    command: string;
    next_run: string;
    last_run: { run_id: string; status: RunStatus; started_at: string; finished_at: string | null; duration_ms: number | null; error: string | null } | null;
  }>;
  totals: Totals;
  metrics: RunMetrics;
  /** Claude tokens and USD today (UTC) and over 30 days, and Message Batches not yet collected. */
  analysis: AnalysisStatus;
}

/**
 * Everything `status` shows, read in one go. Read-only; never throws on an empty database.
 * Reads through `store.sqlite` only: `status` opens the database without Kysely (see
 * store/status-queries.ts), so touching `deps.db` here would throw.
 */
export async function buildStatusReport(deps: Pick<Deps, 'store' | 'clock'>): Promise<StatusReport> {
  const now = deps.clock.now();
  const sqlite = deps.store.sqlite;
  const row = readWorkerRow(sqlite);
  const totals = readTotals(sqlite);
  const metrics = readRunMetrics(sqlite, now);
  const jobs = JOBS.map((job) => {
        const last = readLastRun(sqlite, job.command);
        return {
          name: job.name,
          schedule: job.schedule,
          command: `issuetrack ${job.command}`,
          next_run: nextRun(job.schedule, now),
          last_run: last
            ? {
                run_id: last.id,
                status: last.status,
                started_at: last.started_at,
                finished_at: last.finished_at,
                duration_ms: last.duration_ms,
                error: last.error,
              }
            : null,
        };
      });
  const running = row.status === 'running';
  const hasProgress = row.progress_phase !== null;
  return {
    worker: {
      status: row.status,
      task: row.task,
      run_id: row.run_id,
      progress: hasProgress
        ? {
            phase: row.progress_phase,
            done: row.progress_done,
            total: row.progress_total,
            percent: row.progress_done != null && row.progress_total ? percentOf(row.progress_done, row.progress_total) : null,
            message: row.progress_message,
          }
        : null,
      started_at: row.started_at,
      finished_at: row.finished_at,
      heartbeat_at: row.heartbeat_at,
      heartbeat_age_s: row.heartbeat_at ? Math.max(0, Math.round((now - Date.parse(row.heartbeat_at)) / 1000)) : null,
      lease_expires_at: row.lease_expires_at,
      stale: running && (!row.lease_expires_at || Date.parse(row.lease_expires_at) < now),
      pid: row.pid,
      host: row.host,
      error: row.error,
    },
    jobs,
    totals,
    metrics,
    analysis: readAnalysisStatus(sqlite, now),
  };
}
