import type { Deps } from '../deps.js';
import { readJobStatuses, type JobStatus } from '../schedule/job-status.js';
import { readRunMetrics, readTotals, readWorkerRow, type RunMetrics, type Totals } from '../store/status-queries.js';
import { workerState, type WorkerState } from './worker-view.js';
import { readAnalysisStatus, type AnalysisStatus } from '../analysis/analysis-status.js';

export interface StatusReport {
  worker: WorkerState;
  jobs: JobStatus[];
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
  const jobs = readJobStatuses(sqlite, now);
  return {
    worker: workerState(row, now),
    jobs,
    totals,
    metrics,
    analysis: readAnalysisStatus(sqlite, now),
  };
}
