import type { Deps } from '../deps.js';
import { readJobStatuses, type JobStatus } from '../schedule/job-status.js';
import { readRunMetrics, readTotals, readWorkerRow, type RunMetrics, type Totals } from '../store/status-queries.js';
import { workerState, type WorkerState } from './worker-view.js';
import { readAnalysisStatus, type AnalysisStatus } from '../analysis/analysis-status.js';
import { readSkippedTickets, type SkippedTickets } from '../zendesk/skipped-tickets.js';
import { readAlertStatus, type AlertStatus } from '../alerts/alert-status.js';
import { VERSION } from '../version.js';

export interface StatusReport {
  /** This issuetrack's package version. */
  version: string;
  /** The database's schema version (PRAGMA user_version; opening it migrated it to this build's). */
  schema_version: number;
  worker: WorkerState;
  jobs: JobStatus[];
  totals: Totals;
  metrics: RunMetrics;
  /** Claude tokens and USD today (UTC) and over 30 days, and Message Batches not yet collected. */
  analysis: AnalysisStatus;
  /** Tickets sync skipped for their shape: how many in all, the latest 20 with their reasons. */
  skipped_tickets: SkippedTickets;
  /** Alert deliveries waiting, and those given up for good (a 4xx): what to fix. */
  alerts: AlertStatus;
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
    version: VERSION,
    schema_version: sqlite.pragma('user_version', { simple: true }) as number,
    worker: workerState(row, now),
    jobs,
    totals,
    metrics,
    analysis: readAnalysisStatus(sqlite, now),
    skipped_tickets: readSkippedTickets(sqlite),
    alerts: readAlertStatus(sqlite),
  };
}
