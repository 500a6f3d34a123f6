import type Anthropic from '@anthropic-ai/sdk';
import { isoAt } from '../clock.js';
import type { AnalysisEnv } from './analysis-env.js';
import { analysisParams, PROMPT_VERSION } from './prompt.js';
import { BATCH_LIMITS, splitBySizeAndCount, type BatchLimits } from './batch-split.js';
import { classifyClaudeError } from './claude-errors.js';
import { withTransientRetries } from './retry-transient.js';
import type { SelectedTicket } from './select-tickets.js';

export { MAX_BATCH_REQUESTS } from './batch-split.js';

type BatchRequest = { custom_id: string; params: Anthropic.MessageCreateParamsNonStreaming };

/** custom_id of a ticket's request: must match ^[a-zA-Z0-9_-]{1,64}$. */
export function customIdOf(ticketId: number): string {
  return `t${ticketId}`;
}

/**
 * Submits `selected` as Message Batches (half price; results within 24 h), as many as the
 * documented limits need (batch-split.ts: 100 000 requests or 256 MB each), and records each
 * batch and its items before going on, so that later runs collect them and the selection skips
 * their tickets meanwhile. A batch the API still finds too large (413) is halved and sent
 * again, so one oversized run never becomes a 413 resent every night. Returns the batch ids
 * (empty when there was nothing to submit). Throws UnavailableError/AuthError when the API
 * refuses; batches submitted before that stay recorded, the rest of the tickets stay pending.
 * (A crash between the API's answer and our insert leaves a batch we do not track: its tickets
 * are submitted again, paid twice, but nothing is lost.)
 */
export async function submitBatches(
  env: AnalysisEnv,
  selected: SelectedTicket[],
  attemptOf: (ticketId: number) => number = () => 0,
  limits: BatchLimits = BATCH_LIMITS,
): Promise<string[]> {
  const offered = new Map(selected.map(({ ticket, input }) => [ticket.id, env.shortlist?.(input.text) ?? []]));
  const requests: BatchRequest[] = selected.map(({ ticket, input }) => ({
    custom_id: customIdOf(ticket.id),
    params: analysisParams(env.model, input.text, offered.get(ticket.id)) as unknown as Anthropic.MessageCreateParamsNonStreaming,
  }));
  const sizes = requests.map((r) => Buffer.byteLength(JSON.stringify(r)));
  const ids: string[] = [];
  for (const [start, end] of splitBySizeAndCount(sizes, limits)) {
    ids.push(...(await submitHalvingOnTooLarge(env, selected.slice(start, end), requests.slice(start, end), attemptOf, offered)));
  }
  return ids;
}

type Offered = ReadonlyMap<number, ReadonlyArray<{ id: number }>>;

async function submitHalvingOnTooLarge(env: AnalysisEnv, selected: SelectedTicket[], requests: BatchRequest[], attemptOf: (ticketId: number) => number, offered: Offered): Promise<string[]> {
  try {
    return [await submitOne(env, selected, requests, attemptOf, offered)];
  } catch (error) {
    const tooLarge = classifyClaudeError((error as { cause?: unknown }).cause ?? error).status === 413;
    if (!tooLarge || requests.length < 2) throw error;
    const half = Math.ceil(requests.length / 2);
    env.reporter.warn(`Message Batch of ${requests.length} requests refused as too large (413); sending it as two`);
    return [
      ...(await submitHalvingOnTooLarge(env, selected.slice(0, half), requests.slice(0, half), attemptOf, offered)),
      ...(await submitHalvingOnTooLarge(env, selected.slice(half), requests.slice(half), attemptOf, offered)),
    ];
  }
}

async function submitOne(env: AnalysisEnv, selected: SelectedTicket[], requests: BatchRequest[], attemptOf: (ticketId: number) => number, offered: Offered): Promise<string> {
  const batch = await withTransientRetries(env.claude, env.signal, () =>
    env.claude.client.messages.batches.create({ requests }, { signal: env.signal }),
  );
  const nowIso = isoAt(env.clock.now());
  await env.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_batches')
      .values({
        id: batch.id,
        status: batch.processing_status,
        model: env.model,
        prompt_version: PROMPT_VERSION,
        request_count: requests.length,
        run_id: env.runId,
        created_at: nowIso,
        expires_at: batch.expires_at ?? null,
        ended_at: batch.ended_at ?? null,
        collected_at: null,
      })
      .execute();
    // Chunked: SQLite caps bound variables per statement.
    for (let i = 0; i < selected.length; i += 2000) {
      await trx
        .insertInto('batch_items')
        .values(
          selected.slice(i, i + 2000).map(({ ticket, input }) => ({
            batch_id: batch.id,
            custom_id: customIdOf(ticket.id),
            ticket_id: ticket.id,
            input_hash: input.hash,
            source_stamp: ticket.source_stamp,
            attempt: attemptOf(ticket.id),
            collected: 0,
            theme_ids: offered.get(ticket.id)!.length ? JSON.stringify(offered.get(ticket.id)!.map((t) => t.id)) : null,
          })),
        )
        .execute();
    }
  });
  env.reporter.info(`submitted Message Batch ${batch.id} with ${requests.length} tickets`);
  return batch.id;
}
