import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { runTask } from '../worker/run-task.js';
import { analyze, type AnalyzeResult } from '../analysis/analyze-task.js';

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
  const options = { batchSize: opts.batchSize, concurrency: opts.concurrency, maxCost: opts.maxCost, batch: Boolean(opts.batch), redact: opts.redact !== false };
  const params = { batch_size: options.batchSize, concurrency: options.concurrency, max_cost: options.maxCost ?? null, batch: options.batch, redact: options.redact };
  const outcome = await runTask(deps, 'analyze', params, (ctx) => analyze(ctx, options));
  renderRun(term, outcome, opts, summariseAnalyze);
}

/** One line for people: "analysed 480, failed 2, 731 issues, $0.0712". */
export function summariseAnalyze(r: AnalyzeResult): string {
  const cost = r.cost_usd === null ? `${r.input_tokens + r.output_tokens} tokens (no price for ${r.model})` : `$${r.cost_usd.toFixed(4)}`;
  const parts = [`analysed ${r.tickets_analyzed}`, `failed ${r.tickets_failed}`, `${r.issues_extracted} issues`, cost];
  if (r.batch_id) parts.push(`submitted ${r.tickets_submitted} as batch ${r.batch_id}`);
  if (r.batches_open) parts.push(`${r.batches_open} batches open`);
  if (r.tickets_deferred) parts.push(`${r.tickets_deferred} left for a later run`);
  return parts.join(', ');
}
