import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { pipeline, type PipelineResult } from '../pipeline/pipeline-task.js';
import { runTask } from '../worker/run-task.js';
import { createZendeskClient, positiveSetting, tuningFromSettings } from '../zendesk/zendesk-client.js';
import { DEFAULT_CONCURRENCY } from '../zendesk/sync-task.js';
import { summariseAnalyze } from './analyze.js';

export interface PipelineCommandOptions {
  backfillDays?: number;
  batchSize: number;
  concurrency: number;
  maxCost?: number;
  batch?: boolean;
  redact: boolean;
  nameWithClaude?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack pipeline`: sync, analyze and trends under one lease (the daily job). */
export async function pipelineCommand(opts: PipelineCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const zendesk = createZendeskClient(deps.config, deps.clock, tuningFromSettings(deps.config.setting));
  const syncConcurrency = Math.min(64, Math.max(1, Math.floor(positiveSetting(deps.config.setting, 'ISSUETRACK_ZENDESK_CONCURRENCY') ?? DEFAULT_CONCURRENCY)));
  const options = {
    sync: { backfillDays: opts.backfillDays, concurrency: syncConcurrency },
    analyze: { batchSize: opts.batchSize, concurrency: opts.concurrency, maxCost: opts.maxCost, batch: Boolean(opts.batch), redact: opts.redact !== false },
    trends: { nameWithClaude: Boolean(opts.nameWithClaude) },
  };
  const params = {
    backfill_days: opts.backfillDays ?? null,
    batch_size: opts.batchSize,
    concurrency: opts.concurrency,
    max_cost: opts.maxCost ?? null,
    batch: options.analyze.batch,
    redact: options.analyze.redact,
    name_with_claude: options.trends.nameWithClaude,
  };
  const outcome = await runTask(deps, 'pipeline', params, (ctx) => pipeline(ctx, options, zendesk));
  renderRun(term, outcome, opts, summarisePipeline);
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
