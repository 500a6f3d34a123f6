import type { Deps } from '../deps.js';
import { readJobStatuses, type JobStatus } from '../schedule/job-status.js';
import { readRunMetrics, readRunsPerDay, readTotals, readWorkerRow, type RunMetrics, type Totals } from '../store/status-queries.js';
import { dailyMetrics, firstDay, type DailyMetrics } from '../metrics/daily-metrics.js';
import { workerState, type WorkerState } from './worker-view.js';
import { readAnalysisStatus, type AnalysisStatus } from '../analysis/analysis-status.js';
import { readSkippedTickets, type SkippedTickets } from '../store/sync/skipped-tickets.js';
import { readAlertStatus, type AlertStatus } from '../alerts/alert-status.js';
import { VERSION } from '../version.js';
import { isPidAlive } from './pid.js';
import { abandonedReason } from './worker-truth.js';
import { readSchemaVersion } from '../store/schema-version.js';

export interface StatusReport {
  /** This issuetrack's package version. */
  version: string;
  /** The database's schema version (PRAGMA user_version; status refuses an older one rather than migrate it). */
  schema_version: number;
  /** Where the data comes from. exists false: nothing at that path (a typo, or no run yet). */
  database: { path: string; exists: boolean; writable: boolean };
  /**
   * `abandoned`: why a run the row says is running is not (its process is gone from this host,
   * or its lease expired); status then reads "failed" with error "abandoned: …", as the next
   * run will record it.
   */
  worker: WorkerState & { abandoned: string | null };
  jobs: JobStatus[];
  totals: Totals;
  /** daily: the source service's per-day run metrics, last 30 UTC days, with 7- and 30-day totals. */
  metrics: RunMetrics & { daily: DailyMetrics };
  /** Claude tokens and USD today (UTC) and over 30 days, and Message Batches not yet collected. */
  analysis: AnalysisStatus;
  /** Tickets sync skipped for their shape: how many in all, the latest 20 with their reasons. */
  skipped_tickets: SkippedTickets;
  /** Alert deliveries waiting, and those given up for good (a 4xx): what to fix. */
  alerts: AlertStatus;
}

/**
 * Everything `status` shows, read in one go. Read-only; never throws on an empty database.
 * Reads through store/raw-query.ts only, on either database: `status` opens the database
 * without Kysely (see store/status-queries.ts), so touching `deps.db` here would throw.
 */
export async function buildStatusReport(deps: Pick<Deps, 'store' | 'clock' | 'host'>): Promise<StatusReport> {
  const now = deps.clock.now();
  const store = deps.store;
  const today = new Date(now).toISOString().slice(0, 10);
  // Every read at once: on PostgreSQL they share round trips (store/postgres/read-batch.ts).
  const [row, totals, runMetrics, perDay, jobStatuses, schema_version, analysis, skipped_tickets, alerts] = await Promise.all([
    readWorkerRow(store),
    readTotals(store),
    readRunMetrics(store, now),
    readRunsPerDay(store, firstDay(now), today),
    readJobStatuses(store, now),
    readSchemaVersion(store),
    readAnalysisStatus(store, now),
    readSkippedTickets(store),
    readAlertStatus(store),
  ]);
  const metrics = { ...runMetrics, daily: dailyMetrics(perDay, now) };
  // Only a running row can be abandoned; asking deps.host for any other would load node:os for nothing.
  const abandoned = row.status === 'running' ? abandonedReason(row, { host: deps.host, nowMs: now, isPidAlive }) : null;
  const lost = (run: { run_id: string; status: string } | null) => Boolean(abandoned && run && run.status === 'running' && run.run_id === row.run_id);
  const jobs = jobStatuses.map((job) =>
    lost(job.last_run) ? { ...job, last_run: { ...job.last_run!, status: 'failed' as const, error: `abandoned: ${abandoned}` } } : job,
  );
  const worker = workerState(row, now);
  return {
    version: VERSION,
    schema_version,
    database: { path: deps.store.path, exists: deps.store.exists ?? true, writable: deps.store.writable ?? true },
    worker: abandoned ? { ...worker, status: 'failed', error: `abandoned: ${abandoned}`, abandoned } : { ...worker, abandoned: null },
    jobs,
    totals,
    metrics,
    analysis,
    skipped_tickets,
    alerts,
  };
}
