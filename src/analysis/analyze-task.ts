import { UsageError } from '../errors.js';
import type { TaskContext } from '../worker/run-task.js';
import { addSpend, emptySpend, type AnalysisEnv } from './analysis-env.js';
import { analyzeLive } from './analyze-live.js';
import { collectEndedBatches, type BatchCollectResult } from './batch-collect.js';
import { submitBatches } from './batch-submit.js';
import { BATCH_LIMITS, type BatchLimits } from './batch-split.js';
import { Budget } from './budget.js';
import { estimateTokens } from './build-input.js';
import { createClaudeClient, type ClaudeClient } from './claude-client.js';
import { AdaptiveLimiter } from './limiter.js';
import { estimateCallUsd, priceOf } from './pricing.js';
import { PROMPT_VERSION, systemPromptChars } from './prompt.js';
import { countTickets, selectTickets, streamTickets } from './select-tickets.js';
import { loadThemeShortlister } from '../themes/theme-shortlist.js';

export interface AnalyzeOptions {
  /** Most tickets to analyse (or submit) in this run. */
  batchSize: number;
  /** Most requests in flight at once. */
  concurrency: number;
  /** USD ceiling for this run's new calls; undefined for none. */
  maxCost?: number;
  /** Submit as a Message Batch instead of live calls. */
  batch?: boolean;
  /** Redact personal data before sending (default true). */
  redact: boolean;
  /** Limits of one Message Batch; the documented ones unless a test makes them small. */
  batchLimits?: BatchLimits;
}

/** `analyze --json` result. The first six fields are the stable contract (DESIGN.md). */
export interface AnalyzeResult extends Record<string, unknown> {
  tickets_analyzed: number;
  issues_extracted: number;
  tickets_failed: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  model: string;
  mode: 'live' | 'batch';
  prompt_version: string;
  tickets_selected: number;
  tickets_deferred: number;
  /** Analysed live with more than 10 issues in the answer: the 10 most severe were kept. */
  tickets_cut: number;
  /** Calls whose answer came with a thinking block (billed as output; 0 with thinking disabled). */
  thinking_calls: number;
  tickets_submitted: number;
  /** The first batch submitted by this run (null for none); batch_ids has every one. */
  batch_id: string | null;
  batch_ids: string[];
  batches_collected: number;
  batches_open: number;
  tickets_resubmitted: number;
  peak_in_flight: number;
  failures: Array<{ ticket_id: number; reason: string }>;
}

/**
 * The analyze task: collect ended Message Batches, select tickets that need analysis, then
 * analyse them live (bounded by --concurrency and --max-cost) or submit them as one batch.
 * Returns counts; per-ticket failures are data (tickets_failed), not exceptions. Throws
 * ConfigError (no key, unknown model), UsageError (--max-cost with an unpriced model),
 * AuthError, UnavailableError, or the abort reason.
 * `claude` may be injected (tests); otherwise it is built from config.
 */
export async function analyze(ctx: TaskContext, opts: AnalyzeOptions, claude?: ClaudeClient): Promise<AnalyzeResult> {
  const client = claude ?? (await createClaudeClient(ctx.config));
  const model = client.model;
  if (opts.maxCost !== undefined && !priceOf(model)) {
    throw new UsageError(`--max-cost needs a price for model ${model}, and issuetrack has none; drop --max-cost or use a known model`);
  }
  // One index of the live themes for the whole run: each ticket is then offered its ~20 closest.
  const shortlister = await loadThemeShortlister(ctx.db);
  const env: AnalysisEnv = {
    db: ctx.db, clock: ctx.clock, signal: ctx.signal, reporter: ctx.reporter, runId: ctx.runId, claude: client, model, redact: opts.redact,
    shortlist: (text) => shortlister.shortlist(text),
  };
  const mode = opts.batch ? 'batch' : 'live';

  ctx.progress({ phase: 'collecting batches' });
  const collected: BatchCollectResult = await collectEndedBatches(env);

  // A batch run splits by the Batches API limits (batch-split.ts); a live run takes the tickets
  // as they are selected.
  const selection = { limit: opts.batchSize, promptVersion: PROMPT_VERSION, model, redact: opts.redact, signal: ctx.signal };
  const budget = new Budget(opts.maxCost ?? null);
  const spend = addSpend(emptySpend(priceOf(model) !== undefined), collected);
  const result: AnalyzeResult = {
    tickets_analyzed: collected.tickets_analyzed,
    issues_extracted: collected.issues_extracted,
    tickets_failed: collected.tickets_failed,
    ...spend,
    model,
    mode,
    prompt_version: PROMPT_VERSION,
    tickets_selected: 0,
    tickets_deferred: 0,
    tickets_cut: 0,
    thinking_calls: 0,
    tickets_submitted: 0,
    batch_id: null,
    batch_ids: [],
    batches_collected: collected.batches_collected,
    batches_open: collected.batches_open,
    tickets_resubmitted: collected.tickets_resubmitted,
    peak_in_flight: 0,
    failures: [],
  };

  if (opts.batch) {
    ctx.progress({ phase: 'selecting tickets' });
    const selected = await selectTickets(ctx.db, selection);
    result.tickets_selected = selected.length;
    // A batch is priced before it is sent: cut it where the estimate would pass --max-cost.
    const systemTokens = estimateTokens('x'.repeat(systemPromptChars()));
    let take = 0;
    while (take < selected.length) {
      const estimate = estimateCallUsd(model, systemTokens + estimateTokens(selected[take]!.input.text), 600, 'batch') ?? 0;
      if (!budget.tryReserve(estimate)) break;
      take++;
    }
    ctx.progress({ phase: 'submitting batch', done: 0, total: take });
    result.batch_ids = await submitBatches(env, selected.slice(0, take), undefined, opts.batchLimits ?? BATCH_LIMITS);
    result.batch_id = result.batch_ids[0] ?? null;
    result.tickets_submitted = take;
    result.tickets_deferred = selected.length - take;
    result.batches_open += result.batch_ids.length;
    return result;
  }

  const limiter = new AdaptiveLimiter({ maxConcurrency: opts.concurrency, clock: ctx.clock });
  // Selection goes on while the calls run; the phase says analysing once the first ticket is done.
  // Its size is counted first, so progress has a total, and a watching monitor a percent, from
  // the first ticket on (the selection itself learns its size only at its end). Cheap: one COUNT
  // over the same condition that stops at --batch-size matches (1 ms with 500 to do among 100k
  // tickets); its worst case, 100k tickets and none to do, scans them as the selection then does
  // too (0.29-0.39 s beside the selection's 0.41-0.54 s, SQLite, a loaded 2-core machine).
  const expected = await countTickets(ctx.db, selection);
  ctx.progress({ phase: 'selecting tickets', done: 0, total: expected });
  const live = await analyzeLive(env, streamTickets(ctx.db, selection), {
    limiter,
    budget,
    expected,
    onDone: (done, total) => ctx.progress({ phase: 'analysing', done, total }),
  });
  result.tickets_selected = live.tickets_selected;
  result.tickets_analyzed += live.tickets_analyzed;
  result.issues_extracted += live.issues_extracted;
  result.tickets_failed += live.tickets_failed;
  result.tickets_deferred = live.tickets_deferred;
  result.tickets_cut = live.tickets_cut;
  result.thinking_calls = live.thinking_calls;
  result.peak_in_flight = live.peak_in_flight;
  result.failures = live.failures;
  addSpend(result, live);
  return result;
}
