import { alertsRequest } from '../alerts/alerts-step.js';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { analyze, type AnalyzeResult } from '../analysis/analyze-task.js';
import type { TaskContext, TaskName } from '../worker/run-task.js';
import { createZendeskClient, positiveSetting, tuningFromSettings } from '../zendesk/zendesk-client.js';
import { DEFAULT_CONCURRENCY, sync, type SyncResult } from '../zendesk/sync-task.js';
import { pipeline, type PipelineResult } from './pipeline-task.js';
import { trendsJob, type TrendsJobResult } from './trends-job.js';

/**
 * How a task request (CLI flags, or a POST /api/tasks/* body, both already validated) becomes a
 * run: the task, the params recorded in `runs`, and the function runTask calls. The one place
 * that knows this, so a run reads the same in `runs` whoever started it.
 */

/** What a started task runs: its recorded params and the function runTask calls. */
export interface TaskPlan<R extends Record<string, unknown> = Record<string, unknown>> {
  task: TaskName;
  params: Record<string, unknown>;
  run: (ctx: TaskContext) => Promise<R>;
  /** The configuration this run sees, when the request changed it (a model). */
  config?: Config;
}

export interface SyncBody {
  /** null or absent: incremental. */
  backfill_days?: number | null;
}

export interface AnalyzeBody {
  batch_size: number;
  concurrency: number;
  max_cost?: number;
  batch: boolean;
  redact: boolean;
  model?: string;
}

export interface TrendsBody {
  name_with_claude: boolean;
  consolidate_with_claude?: boolean;
  /** False (--no-alerts): alerts are recorded but not sent. Default true. */
  alerts?: boolean;
}

export type PipelineBody = SyncBody & AnalyzeBody & TrendsBody;

/** Throws ConfigError (before any lease) when Zendesk is not configured, as `sync` does. */
export function syncPlan(deps: Deps, body: SyncBody): TaskPlan<SyncResult> {
  const client = createZendeskClient(deps.config, deps.clock, tuningFromSettings(deps.config.setting));
  const concurrency = zendeskConcurrency(deps.config);
  return {
    task: 'sync',
    params: { backfill_days: body.backfill_days ?? null, concurrency },
    run: (ctx) => sync(ctx, { backfillDays: body.backfill_days ?? undefined, concurrency }, client),
  };
}

/** Never throws: a missing ANTHROPIC_API_KEY fails the run itself, as with `analyze`. */
export function analyzePlan(deps: Deps, body: AnalyzeBody): TaskPlan<AnalyzeResult> {
  const options = analyzeOptions(body);
  return {
    task: 'analyze',
    params: { batch_size: options.batchSize, concurrency: options.concurrency, max_cost: options.maxCost ?? null, batch: options.batch, redact: options.redact },
    run: (ctx) => analyze(ctx, options),
    config: withModel(deps.config, body.model),
  };
}

/** Throws ConfigError (before any lease) when an alert setting is malformed. */
export function trendsPlan(deps: Deps, body: TrendsBody): TaskPlan<TrendsJobResult> {
  const alerts = alertsRequest(deps.config, body.alerts !== false);
  return {
    task: 'trends',
    // consolidate_with_claude and alerts are recorded only when they differ from the default, so a default run's params read as before.
    params: {
      name_with_claude: body.name_with_claude,
      ...(body.consolidate_with_claude ? { consolidate_with_claude: true } : {}),
      ...(alerts.send ? {} : { alerts: false }),
    },
    run: (ctx) => trendsJob(ctx, { nameWithClaude: body.name_with_claude, consolidateWithClaude: Boolean(body.consolidate_with_claude) }, alerts),
  };
}

/** Throws ConfigError (before any lease) when Zendesk is not configured, as `pipeline` does. */
export function pipelinePlan(deps: Deps, body: PipelineBody): TaskPlan<PipelineResult> {
  const zendesk = createZendeskClient(deps.config, deps.clock, tuningFromSettings(deps.config.setting));
  const options = {
    sync: { backfillDays: body.backfill_days ?? undefined, concurrency: zendeskConcurrency(deps.config) },
    analyze: analyzeOptions(body),
    trends: { nameWithClaude: body.name_with_claude },
    alerts: alertsRequest(deps.config, body.alerts !== false),
  };
  return {
    task: 'pipeline',
    params: {
      backfill_days: body.backfill_days ?? null,
      batch_size: body.batch_size,
      concurrency: body.concurrency,
      max_cost: body.max_cost ?? null,
      batch: body.batch,
      redact: body.redact,
      name_with_claude: body.name_with_claude,
      ...(body.alerts === false ? { alerts: false } : {}), // recorded only under --no-alerts, as trends does
    },
    run: (ctx) => pipeline(ctx, options, zendesk),
    config: withModel(deps.config, body.model),
  };
}

function analyzeOptions(body: AnalyzeBody) {
  return { batchSize: body.batch_size, concurrency: body.concurrency, maxCost: body.max_cost, batch: body.batch, redact: body.redact };
}

/** Conversations fetched at once: ISSUETRACK_ZENDESK_CONCURRENCY, clamped to 1..64, as the CLI does. */
function zendeskConcurrency(config: Config): number {
  return Math.min(64, Math.max(1, Math.floor(positiveSetting(config.setting, 'ISSUETRACK_ZENDESK_CONCURRENCY') ?? DEFAULT_CONCURRENCY)));
}

/** The config with `model` as if given by --model; the same object when none was asked for. */
function withModel(config: Config, model: string | undefined): Config {
  if (!model) return config;
  return Object.freeze({ ...config, anthropic: Object.freeze({ ...config.anthropic, model, modelSource: 'flag' as const }) });
}
