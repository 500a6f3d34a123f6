import type { DurationBuckets, RunCountsByTask } from '../store/metrics-queries.js';
import type { MetricFamily, Sample } from './prometheus-text.js';

/*
 * What GET /metrics says, as metric families. Names follow Prometheus' conventions: an
 * `issuetrack_` prefix, base units (seconds, not ms) named in the suffix, `_total` on counters
 * (https://prometheus.io/docs/practices/naming/). Two choices worth knowing:
 * - The label is `task`, not `job`: Prometheus attaches its own `job` label (the scrape job) to
 *   every series, and would rename ours to `exported_job`.
 * - Themes appear as a count, never by title: titles are untrusted text of unbounded variety,
 *   and each label value is a new series in the scraper's storage.
 * Pure: the snapshot in, the families out.
 */

/** Run duration buckets, in seconds: a trends run takes seconds, a pipeline over a backlog hours. */
export const DURATION_BOUNDS_S = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600] as const;
export const DURATION_BOUNDS_MS = DURATION_BOUNDS_S.map((s) => s * 1000);

export interface MetricsSnapshot {
  runs: readonly RunCountsByTask[];
  /** Bucketed at DURATION_BOUNDS_MS. */
  durations: readonly DurationBuckets[];
  lastSuccess: ReadonlyArray<{ task: string; finished_at: string }>;
  claudeCostUsd: number;
  workerBusy: boolean;
  risingThemes: number;
}

const OUTCOMES = ['completed', 'failed', 'cancelled'] as const;

export function metricFamilies(s: MetricsSnapshot): MetricFamily[] {
  const total = (key: 'tickets_synced' | 'tickets_processed' | 'issues_extracted') => [{ value: s.runs.reduce((n, r) => n + r[key], 0) }];
  return [
    {
      name: 'issuetrack_runs_total',
      help: 'Finished runs, by task and outcome (completed, failed, cancelled), as recorded in the database.',
      type: 'counter',
      samples: s.runs.flatMap((r) => OUTCOMES.map((status) => ({ labels: { task: r.task, status }, value: r[status] }))),
    },
    {
      name: 'issuetrack_run_duration_seconds',
      help: 'Duration of finished runs, by task.',
      type: 'histogram',
      samples: s.durations.flatMap(histogramSamples),
    },
    { name: 'issuetrack_tickets_synced_total', help: 'Tickets created or changed in the database by sync runs (tickets_upserted).', type: 'counter', samples: total('tickets_synced') },
    { name: 'issuetrack_tickets_processed_total', help: 'Tickets the analysis finished with, analysed or given up on (tickets_analyzed + tickets_failed).', type: 'counter', samples: total('tickets_processed') },
    { name: 'issuetrack_issues_extracted_total', help: 'Product issues Claude extracted from tickets.', type: 'counter', samples: total('issues_extracted') },
    { name: 'issuetrack_claude_cost_usd_total', help: 'USD spent on Claude calls, at the prices issuetrack knows (calls of unpriced models count 0).', type: 'counter', samples: [{ value: s.claudeCostUsd }] },
    { name: 'issuetrack_worker_busy', help: '1 while a run holds the worker lease, else 0.', type: 'gauge', samples: [{ value: s.workerBusy ? 1 : 0 }] },
    {
      name: 'issuetrack_last_success_timestamp_seconds',
      help: 'Unix time the newest completed run of each task finished.',
      type: 'gauge',
      samples: s.lastSuccess.map((r) => ({ labels: { task: r.task }, value: Date.parse(r.finished_at) / 1000 })),
    },
    { name: 'issuetrack_rising_themes', help: 'Themes rising now.', type: 'gauge', samples: [{ value: s.risingThemes }] },
  ];
}

function histogramSamples(d: DurationBuckets): Sample[] {
  return [
    ...DURATION_BOUNDS_S.map((bound, i) => ({ suffix: '_bucket', labels: { task: d.task, le: String(bound) }, value: d.cumulative[i]! })),
    { suffix: '_bucket', labels: { task: d.task, le: '+Inf' }, value: d.count },
    { suffix: '_sum', labels: { task: d.task }, value: d.sum_ms / 1000 },
    { suffix: '_count', labels: { task: d.task }, value: d.count },
  ];
}
