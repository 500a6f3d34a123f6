import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import type { PipelineResult } from '../pipeline/pipeline-task.js';
import { pipelinePlan } from '../pipeline/task-plans.js';
import { runTask } from '../worker/run-task.js';
import { summariseAnalyze } from './analyze.js';

export interface PipelineCommandOptions {
  backfillDays?: number;
  batchSize: number;
  concurrency: number;
  maxCost?: number;
  batch?: boolean;
  redact: boolean;
  nameWithClaude?: boolean;
  /** False under --no-alerts. */
  alerts?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack pipeline`: sync, analyze and trends under one lease (the daily job). */
export async function pipelineCommand(opts: PipelineCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const plan = pipelinePlan(deps, {
    backfill_days: opts.backfillDays,
    batch_size: opts.batchSize,
    concurrency: opts.concurrency,
    max_cost: opts.maxCost,
    batch: Boolean(opts.batch),
    redact: opts.redact !== false,
    name_with_claude: Boolean(opts.nameWithClaude),
    alerts: opts.alerts !== false,
  });
  renderRun(term, await runTask(deps, plan.task, plan.params, plan.run), opts, summarisePipeline);
}

function summarisePipeline(r: PipelineResult): string {
  const part = (name: string, step: unknown, line: (s: never) => string) =>
    step === null ? `${name} skipped` : 'error' in (step as object) ? `${name} failed` : `${name}: ${line(step as never)}`;
  return [
    part('sync', r.sync, (s: { tickets_upserted: number; comments_fetched: number }) => `${s.tickets_upserted} tickets, ${s.comments_fetched} comments`),
    part('analyze', r.analyze, summariseAnalyze),
    part('trends', r.trends, (s: { clusters: number; rising: number[] }) => `${s.clusters} themes, ${s.rising.length} rising`),
  ].join('; ');
}
