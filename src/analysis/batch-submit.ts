import type Anthropic from '@anthropic-ai/sdk';
import { isoAt } from '../clock.js';
import type { AnalysisEnv } from './analysis-env.js';
import { analysisParams, PROMPT_VERSION } from './prompt.js';
import { withTransientRetries } from './retry-transient.js';
import type { SelectedTicket } from './select-tickets.js';

/** The Batches API limit is 100 000 requests (or 256 MB) per batch. */
export const MAX_BATCH_REQUESTS = 100_000;

/** custom_id of a ticket's request: must match ^[a-zA-Z0-9_-]{1,64}$. */
export function customIdOf(ticketId: number): string {
  return `t${ticketId}`;
}

/**
 * Submits `selected` as one Message Batch (half price; results within 24 h) and records the
 * batch and its items before returning, so that later runs collect it and the selection skips
 * its tickets meanwhile. Returns the batch id, or null when there was nothing to submit.
 * Throws UnavailableError/AuthError when the API refuses; then nothing was recorded and the
 * tickets stay pending. (A crash between the API's answer and our insert leaves a batch we do
 * not track: its tickets are submitted again, paid twice, but nothing is lost.)
 */
export async function submitBatch(env: AnalysisEnv, selected: SelectedTicket[], attemptOf: (ticketId: number) => number = () => 0): Promise<string | null> {
  if (selected.length === 0) return null;
  const offered = new Map(selected.map(({ ticket, input }) => [ticket.id, env.shortlist?.(input.text) ?? []]));
  const requests = selected.map(({ ticket, input }) => ({
    custom_id: customIdOf(ticket.id),
    params: analysisParams(env.model, input.text, offered.get(ticket.id)) as unknown as Anthropic.MessageCreateParamsNonStreaming,
  }));
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
