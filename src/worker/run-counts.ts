/**
 * What a run did, as the counts `status` and /metrics sum per day: read from the run's result,
 * at its top level (a sync or analyze run) or in the step of that name (a pipeline run, whose
 * result is {sync, analyze, trends}). A failed run's partial result counts too: its tickets were
 * really synced. Migration 0012 backfilled older runs by the same rules. Pure; never throws.
 */
export interface RunCounts {
  /** sync's tickets_upserted. */
  tickets_synced: number | null;
  /** analyze's tickets_analyzed + tickets_failed. */
  tickets_processed: number | null;
  /** analyze's issues_extracted. */
  issues_extracted: number | null;
}

export function runCounts(result: Record<string, unknown> | null): RunCounts {
  const field = (name: string, step: 'sync' | 'analyze'): number | null => {
    const top = result?.[name];
    if (typeof top === 'number') return top;
    const nested = result?.[step];
    const value = nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[name] : undefined;
    return typeof value === 'number' ? value : null;
  };
  const analyzed = field('tickets_analyzed', 'analyze');
  const failed = field('tickets_failed', 'analyze');
  return {
    tickets_synced: field('tickets_upserted', 'sync'),
    tickets_processed: analyzed == null || failed == null ? null : analyzed + failed,
    issues_extracted: field('issues_extracted', 'analyze'),
  };
}
