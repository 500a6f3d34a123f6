import { collectOpenBatches } from '../analysis/collect-batches-task.js';
import type { BatchCollectResult } from '../analysis/batch-collect.js';
import { IssuetrackError, TaskFailedError, oneLineMessage } from '../errors.js';
import { trends, type TrendsOptions, type TrendsResult } from '../themes/trends-task.js';
import type { TaskContext } from '../worker/run-task.js';
import { withAlerts, type AlertsRequest, type AlertsResult } from '../alerts/alerts-step.js';

/** `trends --json` result: the themes' figures plus what batch collection did (null: none open). */
export interface TrendsJobResult extends TrendsResult {
  batches: BatchCollectResult | { error: string; exit_code: number } | null;
  /** What the run queued and delivered; null under `alerts: null`. */
  alerts: AlertsResult | null;
}

/**
 * The hourly job: collect the Message Batches that have ended (so `analyze --batch` backfills
 * land without anyone running analyze), then update themes and trends. When no batch is open
 * this costs one indexed query and never loads the SDK. A collection failure does not stop the
 * themes update; the run then fails with that error and its result shows both parts. Alerts (when
 * asked) are queued with the themes' numbers and delivered after them (src/alerts/alerts-step.ts).
 */
export async function trendsJob(ctx: TaskContext, opts: TrendsOptions, alerts: AlertsRequest | null = null): Promise<TrendsJobResult> {
  let batches: TrendsJobResult['batches'] = null;
  let failure: IssuetrackError | undefined;
  try {
    batches = await collectOpenBatches(ctx);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    failure = error instanceof IssuetrackError ? error : new TaskFailedError(oneLineMessage(error), { cause: error });
    batches = { error: failure.message, exit_code: failure.exitCode };
    ctx.reporter.warn(`collecting Message Batches failed: ${failure.message}`);
  }
  const themes = await withAlerts(ctx, alerts, 'trends', (onThemeOutcomes) => trends(ctx, { ...opts, onThemeOutcomes }));
  const result: TrendsJobResult = { ...themes, batches };
  if (failure) {
    failure.partialResult = result;
    throw failure;
  }
  return result;
}
