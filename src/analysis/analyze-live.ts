import { isoAt } from '../clock.js';
import { ConfigError, UnavailableError } from '../errors.js';
import { addSpend, emptySpend, type AnalysisEnv, type SpendTotals } from './analysis-env.js';
import type { Budget } from './budget.js';
import { estimateTokens } from './build-input.js';
import { callClaude } from './call-claude.js';
import type { AdaptiveLimiter } from './limiter.js';
import { priceOf, estimateCallUsd } from './pricing.js';
import { analysisParams, MAX_OUTPUT_TOKENS, PROMPT_VERSION, systemPromptChars } from './prompt.js';
import { saveAnswerIn, saveFailure, type AnalysisKey } from './save-analysis.js';
import type { SelectedTicket } from './select-tickets.js';
import { recordUsage } from './usage-store.js';
import { checkAnswer } from './validate-answer.js';

export interface LiveResult extends SpendTotals {
  tickets_analyzed: number;
  issues_extracted: number;
  tickets_failed: number;
  /** Analysed, but the answer had more than 10 issues: the 10 most severe were kept. */
  tickets_cut: number;
  /** Answers that came with a thinking block (its tokens are billed inside output_tokens). */
  thinking_calls: number;
  /** Not started because the budget would pass --max-cost (they stay pending). */
  tickets_deferred: number;
  /** Tickets the selection handed out (analysed, failed or deferred). */
  tickets_selected: number;
  calls: number;
  peak_in_flight: number;
  failures: Array<{ ticket_id: number; reason: string }>;
}

/** Output tokens assumed for a call before any answer was seen. */
const FIRST_OUTPUT_GUESS = 600;

/**
 * Analyses the tickets of `selected` (streamTickets: taken as they are built) with live Messages
 * API calls, `limiter` bounding what is in flight. Every ticket ends analysed, failed with a
 * reason, or deferred (budget, or the run stopping because the API stayed unavailable for many
 * tickets in a row); none is dropped. `onDone` gets the count done and the total: `expected`
 * (countTickets, an upper bound) until the selection has ended, then how many it handed out;
 * a run that returns calls it once more with both final.
 * Throws AuthError/ConfigError (after in-flight calls settle), UnavailableError when the API
 * is down for `max(3, concurrency)` tickets in a row, and the abort reason.
 */
export async function analyzeLive(
  env: AnalysisEnv,
  selected: AsyncIterable<SelectedTicket>,
  opts: {
    limiter: AdaptiveLimiter;
    budget: Budget;
    onDone?: (done: number, total: number | undefined) => void;
    /** How many tickets the selection will hand out at most, counted before it starts. */
    expected?: number;
    random?: () => number;
  },
): Promise<LiveResult> {
  const result: LiveResult = {
    tickets_analyzed: 0,
    issues_extracted: 0,
    tickets_failed: 0,
    tickets_cut: 0,
    thinking_calls: 0,
    tickets_deferred: 0,
    tickets_selected: 0,
    calls: 0,
    peak_in_flight: 0,
    failures: [],
    ...emptySpend(priceOf(env.model) !== undefined),
  };
  const systemTokens = estimateTokens('x'.repeat(systemPromptChars()));
  let outputSeen = 0;
  let answersSeen = 0;
  let done = 0;
  let downInARow = 0;
  const downLimit = Math.max(3, opts.limiter.maxConcurrency);
  // A request refused (400) before any call of the run was accepted is more likely the run's
  // fault (a bad --model, a parameter the model does not take) than the ticket's: leave such
  // tickets pending, and stop once downLimit of them are refused with none accepted, instead
  // of failing every ticket and paying to analyse them all again next time.
  let refusedBeforeAnyAccepted = 0;
  const refusedPending: Array<{ key: AnalysisKey; reason: string }> = [];
  let fatal: unknown;
  let stop = false;

  // Records a call's usage through `db`: the run's, or the transaction storing the answer.
  const record = (db: AnalysisEnv['db'], ticketId: number, message: { model: string; usage: Parameters<typeof recordUsage>[1]['usage'] }, requestId: string | null) =>
    recordUsage(db, {
      at: isoAt(env.clock.now()),
      runId: env.runId,
      ticketId,
      purpose: 'analyze',
      model: message.model || env.model,
      mode: 'live',
      usage: message.usage,
      requestId,
    });
  // Counts recorded usage in the result (once it is committed); returns its cost.
  const spend = (spent: Awaited<ReturnType<typeof recordUsage>>) => {
    addSpend(result, { ...spent.usage, cost_usd: spent.costUsd });
    outputSeen += spent.usage.output_tokens;
    answersSeen++;
    return spent.costUsd ?? 0;
  };

  const analyseOne = async (item: SelectedTicket): Promise<'done' | 'deferred' | 'pending'> => {
    const key: AnalysisKey = {
      ticketId: item.ticket.id,
      ticketCreatedAt: item.ticket.created_at,
      inputHash: item.input.hash,
      sourceStamp: item.ticket.source_stamp,
      promptVersion: PROMPT_VERSION,
      model: env.model,
      mode: 'live',
    };
    const themes = env.shortlist?.(item.input.text) ?? [];
    const offered = new Set(themes.map((t) => t.id));
    const promptTokens = systemTokens + estimateTokens(analysisParams(env.model, item.input.text, themes).messages[0]!.content);
    let reason = '';
    // One retry for an answer that is invalid, refused or cut off (then with more room).
    for (let answerTry = 0; answerTry < 2; answerTry++) {
      const params = analysisParams(env.model, item.input.text, themes);
      if (answerTry > 0 && reason.startsWith('max_tokens')) params.max_tokens = MAX_OUTPUT_TOKENS * 2;
      const expectedOut = answersSeen ? Math.ceil((outputSeen / answersSeen) * 1.5) : FIRST_OUTPUT_GUESS;
      const estimate = estimateCallUsd(env.model, promptTokens, expectedOut, 'live') ?? 0;
      if (!opts.budget.tryReserve(estimate)) return 'deferred';
      let actual = 0;
      try {
        const call = await callClaude(env.claude, opts.limiter, params, { signal: env.signal, random: opts.random, stillWanted: () => !stop });
        if (!call.ok) {
          if ('notSent' in call) return 'pending'; // the run stopped while it waited for a slot
          reason = call.reason;
          if (!call.unavailable && result.calls === 0) {
            refusedBeforeAnyAccepted++;
            refusedPending.push({ key, reason: call.reason });
            if (refusedBeforeAnyAccepted >= downLimit && !fatal) {
              fatal = new ConfigError(`Claude refused the first ${refusedBeforeAnyAccepted} requests of this run and accepted none; the tickets stay pending (check --model / ISSUETRACK_MODEL): ${call.reason}`);
              stop = true;
            }
            return 'pending';
          }
          downInARow = call.unavailable ? downInARow + 1 : 0;
          if (downInARow >= downLimit && !fatal) {
            fatal = new UnavailableError(`Claude unavailable for ${downInARow} tickets in a row; last: ${call.reason}`);
            stop = true;
          }
          break; // transient retries already happened inside callClaude
        }
        downInARow = 0;
        result.calls++;
        if (call.message.content.some((b) => b.type === 'thinking')) result.thinking_calls++;
        const check = checkAnswer(call.message, offered);
        if (check.ok) {
          // The usage and the answer in one transaction: one commit a ticket instead of two
          // (each rewrites the counters' pages in the WAL; bench/analyze.mjs).
          const stored = await env.db.transaction().execute(async (trx) => {
            const spent = await record(trx, item.ticket.id, call.message, call.requestId);
            return { spent, issues: await saveAnswerIn(trx, key, check.answer, isoAt(env.clock.now())) };
          });
          actual = spend(stored.spent);
          result.issues_extracted += stored.issues;
          result.tickets_analyzed++;
          if (check.answer.issues_dropped) result.tickets_cut++;
          return 'done';
        }
        actual = spend(await record(env.db, item.ticket.id, call.message, call.requestId));
        reason = check.reason;
      } finally {
        opts.budget.settle(estimate, actual);
      }
    }
    await saveFailure(env.db, key, reason, isoAt(env.clock.now()));
    result.tickets_failed++;
    if (result.failures.length < 20) result.failures.push({ ticket_id: item.ticket.id, reason });
    return 'done';
  };

  const source = selected[Symbol.asyncIterator]();
  let selectionEnded = false;
  const take = async (): Promise<SelectedTicket | undefined> => {
    const next = await source.next();
    if (next.done) {
      selectionEnded = true;
      return undefined;
    }
    result.tickets_selected++;
    return next.value;
  };

  const worker = async () => {
    while (!stop && !env.signal.aborted) {
      try {
        const item = await take();
        // Taken but not started (the run stopped meanwhile): it stays pending, counted deferred.
        if (!item || stop || env.signal.aborted) break;
        const outcome = await analyseOne(item);
        if (outcome === 'deferred') {
          stop = true; // this ticket, and all not yet taken, stay pending
          break;
        }
        if (outcome === 'pending') continue;
        // The selection is read as the calls go, so its exact size is known only at its end: until
        // then the count taken up front, so a monitor's percent moves from the first ticket on.
        opts.onDone?.(++done, selectionEnded ? result.tickets_selected : opts.expected);
      } catch (error) {
        fatal ??= error;
        stop = true;
      }
    }
  };
  // Twice as many workers as slots: the spares wait in limiter.acquire with their ticket built,
  // and take a slot the moment a response frees it, while the worker that got the response
  // stores it. With one worker a slot, each slot idled through that bookkeeping, and 16 in
  // flight averaged 15.3 (bench/analyze.mjs). The limiter still holds in flight at or under
  // its limit.
  await Promise.all(Array.from({ length: opts.limiter.maxConcurrency * 2 }, worker));
  // Stopped by the budget: count what the selection had left, as deferred (they stay pending).
  if (!fatal && !env.signal.aborted && opts.budget.stopped) {
    try {
      while (await take());
    } catch (error) {
      fatal = error;
    }
  }
  result.peak_in_flight = opts.limiter.peakInFlight;
  if (env.signal.aborted) throw env.signal.reason;
  if (fatal) throw fatal;
  // The run went on (later calls were accepted, or too few were refused to tell): those refusals
  // were the tickets' own, and they fail as any other refused ticket does.
  for (const { key, reason } of refusedPending) {
    await saveFailure(env.db, key, reason, isoAt(env.clock.now()));
    result.tickets_failed++;
    done++;
    if (result.failures.length < 20) result.failures.push({ ticket_id: key.ticketId, reason });
  }
  result.tickets_deferred = result.tickets_selected - done;
  // The last ticket may have finished before the selection was read to its end (total unknown
  // then), and the refusals above were not counted yet: the run's final count, exact.
  opts.onDone?.(done, result.tickets_selected);
  if (opts.budget.stopped) env.reporter.warn(`--max-cost reached: ${result.tickets_deferred} tickets left for a later run`);
  return result;
}
