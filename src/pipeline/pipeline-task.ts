import { withAlerts, type AlertsRequest, type AlertsResult } from '../alerts/alerts-step.js';
import { IssuetrackError, TaskFailedError, oneLineMessage } from '../errors.js';
import { analyze, type AnalyzeOptions, type AnalyzeResult } from '../analysis/analyze-task.js';
import { trends, type TrendsOptions, type TrendsResult } from '../themes/trends-task.js';
import type { TaskContext } from '../worker/run-task.js';
import { sync, type SyncOptions, type SyncResult } from '../zendesk/sync-task.js';
import type { ZendeskClient } from '../zendesk/zendesk-client.js';

export interface PipelineOptions {
  sync: SyncOptions;
  analyze: AnalyzeOptions;
  trends: TrendsOptions;
  /** Alerts around the trends step; null: none (--no-alerts records them unsent instead). */
  alerts?: AlertsRequest | null;
}

type Step<R> = R | { error: string; exit_code: number } | null;

/** `pipeline --json` result: each step's result, `{error, exit_code}` if it failed, null if skipped. */
export interface PipelineResult extends Record<string, unknown> {
  sync: Step<SyncResult>;
  analyze: Step<AnalyzeResult>;
  trends: Step<TrendsResult & { alerts: AlertsResult | null }>;
}

/**
 * sync → analyze → trends in one run under the caller's lease (the daily job).
 * A step that fails does not stop the steps after it: when Zendesk is down, yesterday's tickets
 * still get analysed and the themes still move. The run then fails with the first step's error
 * (and its exit code), its result showing what each step did. An interrupt or a lost lease
 * stops everything at once.
 */
export async function pipeline(ctx: TaskContext, opts: PipelineOptions, zendesk: ZendeskClient): Promise<PipelineResult> {
  const result: PipelineResult = { sync: null, analyze: null, trends: null };
  let firstFailure: IssuetrackError | undefined;
  const step = async <R>(name: keyof PipelineResult, run: () => Promise<R>) => {
    try {
      result[name] = (await run()) as never;
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      const failure = error instanceof IssuetrackError ? error : new TaskFailedError(oneLineMessage(error), { cause: error });
      result[name] = { error: failure.message, exit_code: failure.exitCode } as never;
      ctx.reporter.warn(`${name} failed: ${failure.message}`);
      firstFailure ??= failure;
    }
  };
  await step('sync', () => sync(ctx, opts.sync, zendesk));
  await step('analyze', () => analyze(ctx, opts.analyze));
  await step('trends', () => withAlerts(ctx, opts.alerts ?? null, 'pipeline', (onThemeOutcomes) => trends(ctx, { ...opts.trends, onThemeOutcomes })));
  if (firstFailure) {
    firstFailure.partialResult = result;
    throw firstFailure;
  }
  return result;
}
