import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { analyzePlan } from '../pipeline/task-plans.js';
import { runTask } from '../worker/run-task.js';
import type { AnalyzeResult } from '../analysis/analyze-task.js';

export interface AnalyzeCommandOptions {
  batchSize: number;
  concurrency: number;
  maxCost?: number;
  batch?: boolean;
  redact: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack analyze`: the analyze task under the worker lease, rendered for people or --json. */
export async function analyzeCommand(opts: AnalyzeCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const plan = analyzePlan(deps, {
    batch_size: opts.batchSize,
    concurrency: opts.concurrency,
    max_cost: opts.maxCost,
    batch: Boolean(opts.batch),
    redact: opts.redact !== false,
  });
  renderRun(term, await runTask(deps, plan.task, plan.params, plan.run), opts, summariseAnalyze);
}

/** One line for people: "analysed 480, failed 2, 731 issues, $0.0712". */
export function summariseAnalyze(r: AnalyzeResult): string {
  const cost = r.cost_usd === null ? `${r.input_tokens + r.output_tokens} tokens (no price for ${r.model})` : `$${r.cost_usd.toFixed(4)}`;
  const parts = [`analysed ${r.tickets_analyzed}`, `failed ${r.tickets_failed}`, `${r.issues_extracted} issues`, cost];
  if (r.batch_id) parts.push(`submitted ${r.tickets_submitted} as ${r.batch_ids.length > 1 ? `${r.batch_ids.length} batches (${r.batch_ids.join(', ')})` : `batch ${r.batch_id}`}`);
  if (r.batches_open) parts.push(`${r.batches_open} batches open`);
  if (r.tickets_deferred) parts.push(`${r.tickets_deferred} left for a later run`);
  return parts.join(', ');
}
