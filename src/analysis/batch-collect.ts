import type Anthropic from '@anthropic-ai/sdk';
import { isoAt } from '../clock.js';
import { addSpend, emptySpend, type AnalysisEnv, type SpendTotals } from './analysis-env.js';
import { priceOf } from './pricing.js';
import { withTransientRetries } from './retry-transient.js';
import { saveAnswerIn, saveFailure, type AnalysisKey } from './save-analysis.js';
import { loadTicketsById } from './select-tickets.js';
import { submitBatches } from './batch-submit.js';
import { recordUsage } from './usage-store.js';
import { checkAnswer } from './validate-answer.js';

/** Resubmissions of an errored or expired request before the ticket is recorded failed. */
export const MAX_BATCH_ATTEMPTS = 3;

export interface BatchCollectResult extends SpendTotals {
  batches_open: number;
  batches_collected: number;
  tickets_analyzed: number;
  issues_extracted: number;
  tickets_failed: number;
  tickets_resubmitted: number;
  /** Id of the batch holding the resubmitted requests, if any. */
  resubmitted_batch_id: string | null;
}

type BatchLine = Anthropic.Messages.MessageBatchIndividualResponse;

/**
 * Collects every tracked Message Batch that has ended: validates and stores each result,
 * records its usage (at batch price), records invalid, refused or cut-off answers failed after
 * one resubmission, and resubmits errored (other than invalid_request) and expired requests as
 * a new batch, up to MAX_BATCH_ATTEMPTS. Batches still in progress are left for a later call.
 *
 * Safe to call from any task (analyze runs it first; the hourly `trends` job or `pipeline` may
 * call it too) and at any time: each result is stored once (batch_items.collected), a crash
 * mid-way loses nothing, and tickets dropped by a failure here are simply pending again.
 * Throws AuthError (77) on a rejected key, UnavailableError (69) when the API stays down; the
 * abort reason on abort.
 */
export async function collectEndedBatches(env: AnalysisEnv): Promise<BatchCollectResult> {
  const result: BatchCollectResult = {
    batches_open: 0,
    batches_collected: 0,
    tickets_analyzed: 0,
    issues_extracted: 0,
    tickets_failed: 0,
    tickets_resubmitted: 0,
    resubmitted_batch_id: null,
    ...emptySpend(true),
  };
  const open = await env.db.selectFrom('message_batches').selectAll().where('status', '!=', 'collected').orderBy('created_at').execute();
  const resubmit = new Map<number, number>(); // ticket id -> next attempt
  for (const row of open) {
    const remote = await withTransientRetries(env.claude, env.signal, () => env.claude.client.messages.batches.retrieve(row.id, {}, { signal: env.signal }));
    if (remote.processing_status !== 'ended') {
      result.batches_open++;
      if (remote.processing_status !== row.status) {
        await env.db.updateTable('message_batches').set({ status: remote.processing_status }).where('id', '=', row.id).execute();
      }
      continue;
    }
    await env.db.updateTable('message_batches').set({ status: 'ended', ended_at: remote.ended_at ?? isoAt(env.clock.now()) }).where('id', '=', row.id).execute();
    const items = new Map(
      (await env.db.selectFrom('batch_items').selectAll().where('batch_id', '=', row.id).execute()).map((i) => [i.custom_id, i]),
    );
    const createdAt = new Map(
      (
        await env.db
          .selectFrom('tickets')
          .select(['id', 'created_at'])
          .where('id', 'in', [...new Set([...items.values()].map((i) => i.ticket_id)), -1])
          .execute()
      ).map((t) => [t.id, t.created_at]),
    );
    const lines = await withTransientRetries(env.claude, env.signal, () => env.claude.client.messages.batches.results(row.id, {}, { signal: env.signal }));
    for await (const line of lines as AsyncIterable<BatchLine>) {
      const item = items.get(line.custom_id);
      if (!item || item.collected) continue;
      items.delete(line.custom_id);
      const key: AnalysisKey = {
        ticketId: item.ticket_id,
        ticketCreatedAt: createdAt.get(item.ticket_id) ?? isoAt(env.clock.now()),
        inputHash: item.input_hash,
        sourceStamp: item.source_stamp,
        promptVersion: row.prompt_version,
        model: row.model,
        mode: 'batch',
      };
      const outcome = await storeLine(env, row.id, key, line, item.attempt, result, offeredThemes(item.theme_ids));
      if (outcome.resubmit) resubmit.set(item.ticket_id, item.attempt + 1);
    }
    // A request with no line at all is treated as expired.
    for (const item of items.values()) {
      if (item.collected) continue;
      if (item.attempt + 1 < MAX_BATCH_ATTEMPTS) resubmit.set(item.ticket_id, item.attempt + 1);
      else await failItem(env, row, item, 'batch result missing', result);
      await markCollected(env, item.batch_id, item.custom_id);
    }
    await env.db.updateTable('message_batches').set({ status: 'collected', collected_at: isoAt(env.clock.now()) }).where('id', '=', row.id).execute();
    result.batches_collected++;
  }
  if (resubmit.size) {
    const again = await loadTicketsById(env.db, [...resubmit.keys()], { redact: env.redact, signal: env.signal });
    const ids = await submitBatches(env, again, (id) => resubmit.get(id) ?? 1);
    result.resubmitted_batch_id = ids[0] ?? null;
    result.tickets_resubmitted = again.length;
    result.batches_open += ids.length;
  }
  if (!priceOf(env.model) && result.cost_usd === 0 && result.input_tokens > 0) result.cost_usd = null;
  return result;
}

/** The theme ids a request was offered (batch_items.theme_ids); unreadable counts as none. */
function offeredThemes(json: string | null): ReadonlySet<number> {
  try {
    const ids: unknown = JSON.parse(json ?? '[]');
    return new Set(Array.isArray(ids) ? ids.filter((id): id is number => Number.isSafeInteger(id)) : []);
  } catch {
    return new Set();
  }
}

async function markCollected(env: AnalysisEnv, batchId: string, customId: string): Promise<void> {
  await env.db.updateTable('batch_items').set({ collected: 1 }).where('batch_id', '=', batchId).where('custom_id', '=', customId).execute();
}

async function failItem(
  env: AnalysisEnv,
  row: { model: string; prompt_version: string },
  item: { ticket_id: number; input_hash: string; source_stamp: string },
  reason: string,
  result: BatchCollectResult,
): Promise<void> {
  const key: AnalysisKey = {
    ticketId: item.ticket_id,
    ticketCreatedAt: '',
    inputHash: item.input_hash,
    sourceStamp: item.source_stamp,
    promptVersion: row.prompt_version,
    model: row.model,
    mode: 'batch',
  };
  await saveFailure(env.db, key, reason, isoAt(env.clock.now()));
  result.tickets_failed++;
}

/** Stores one result line; says whether the request should go into the resubmission batch. */
async function storeLine(
  env: AnalysisEnv,
  batchId: string,
  key: AnalysisKey,
  line: BatchLine,
  attempt: number,
  result: BatchCollectResult,
  offered: ReadonlySet<number>,
): Promise<{ resubmit: boolean }> {
  const nowIso = isoAt(env.clock.now());
  const r = line.result;
  const customId = line.custom_id;
  if (r.type === 'succeeded') {
    const check = checkAnswer(r.message, offered);
    const retryInvalid = !check.ok && attempt < 1;
    await env.db.transaction().execute(async (trx) => {
      const spent = await recordUsage(trx, {
        at: nowIso,
        runId: env.runId,
        ticketId: key.ticketId,
        purpose: 'analyze',
        model: r.message.model || key.model,
        mode: 'batch',
        usage: r.message.usage,
        requestId: r.message.id,
      });
      addSpend(result, { ...spent.usage, cost_usd: spent.costUsd });
      if (check.ok) {
        result.issues_extracted += await saveAnswerIn(trx, key, check.answer, nowIso);
        result.tickets_analyzed++;
      }
      await trx.updateTable('batch_items').set({ collected: 1 }).where('batch_id', '=', batchId).where('custom_id', '=', customId).execute();
    });
    if (!check.ok && !retryInvalid) {
      await saveFailure(env.db, key, check.reason, nowIso);
      result.tickets_failed++;
    }
    return { resubmit: retryInvalid };
  }
  let reason: string;
  let retryable: boolean;
  if (r.type === 'errored') {
    const type = r.error?.error?.type ?? 'unknown_error';
    reason = `batch request errored: ${type}: ${r.error?.error?.message ?? ''}`.trim();
    retryable = type !== 'invalid_request_error';
  } else {
    reason = `batch request ${r.type}`;
    retryable = true;
  }
  await markCollected(env, batchId, customId);
  if (retryable && attempt + 1 < MAX_BATCH_ATTEMPTS) return { resubmit: true };
  await saveFailure(env.db, key, reason, nowIso);
  result.tickets_failed++;
  return { resubmit: false };
}
