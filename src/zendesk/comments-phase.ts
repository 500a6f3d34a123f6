import { setMaxListeners } from 'node:events';
import { countStaleConversations, readStaleConversations } from '../store/sync/sync-queries.js';
import type { Conversation, TicketWriter } from '../store/sync/sync-writers.js';
import type { TaskContext } from '../worker/run-task.js';
import { commentRow, userRows } from './sync-rows.js';
import type { ZendeskClient } from './zendesk-client.js';

const CHUNK = 1000;
/** Conversations are committed in batches: one transaction per ticket would dominate the cost. */
const FLUSH_EVERY = 200;
const FLUSH_EVERY_MS = 500;
const PROGRESS_EVERY_MS = 200;

export interface CommentCounts {
  comments_fetched: number;
  conversations_synced: number;
  tickets_gone: number;
}

/**
 * Fetches the conversation of every ticket whose comments lag its last change (new, changed,
 * or left over by an earlier run that stopped), `concurrency` tickets at a time, and stores each
 * with the ticket version it belongs to. A 404 marks the ticket deleted. On failure the fetched
 * conversations are stored before the error is rethrown; the rest wait for the next run.
 */
export async function syncConversations(
  ctx: TaskContext,
  client: ZendeskClient,
  writer: TicketWriter,
  concurrency: number,
): Promise<CommentCounts> {
  const counts: CommentCounts = { comments_fetched: 0, conversations_synced: 0, tickets_gone: 0 };
  const total = await countStaleConversations(ctx.db);
  if (total === 0) return counts;

  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one wait per worker; see run-task.ts on why this cap goes

  const onRunAbort = () => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onRunAbort();
  ctx.signal.addEventListener('abort', onRunAbort, { once: true });

  let queue: Array<{ id: number; gts: number }> = [];
  let afterId = 0;
  let exhausted = false;
  let refill: Promise<void> | undefined;
  const next = async (): Promise<{ id: number; gts: number } | undefined> => {
    while (queue.length === 0 && !exhausted) {
      refill ??= readStaleConversations(ctx.db, afterId, CHUNK).then((rows) => {
        queue = rows;
        if (rows.length < CHUNK) exhausted = true;
        if (rows.length) afterId = rows[rows.length - 1]!.id;
        refill = undefined;
      });
      await refill;
    }
    return queue.shift();
  };

  let buffer: Conversation[] = [];
  let lastFlushMs = ctx.clock.now();
  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    // Timed from when the batch is taken: on PostgreSQL the write awaits a round trip, and with the
    // time set after it every worker finishing a ticket meanwhile saw a stale time and flushed a
    // batch of one (one transaction per ticket, queued behind each other).
    lastFlushMs = ctx.clock.now();
    counts.comments_fetched += await writer.saveConversations(batch);
    counts.conversations_synced += batch.length;
  };

  const startedMs = ctx.clock.now();
  let done = 0;
  let lastProgressMs = 0;
  const report = (force = false) => {
    const now = ctx.clock.now();
    if (!force && now - lastProgressMs < PROGRESS_EVERY_MS) return;
    lastProgressMs = now;
    const rate = Math.round((done * 1000) / Math.max(1, now - startedMs));
    ctx.progress({ phase: 'sync: comments', done, total, message: `${rate} tickets/s, ${counts.comments_fetched + countBuffered(buffer)} comments` });
  };

  const worker = async () => {
    for (let item = await next(); item && !stop.signal.aborted; item = await next()) {
      const conversation = await client.ticketConversation(item.id, stop.signal);
      if (conversation === 'not-found') {
        if (await writer.markGone(item.id)) counts.tickets_gone++;
      } else {
        const comments = conversation.comments.map((m) => commentRow(item.id, m));
        buffer.push({ ticketId: item.id, gts: item.gts, comments, users: userRows(conversation.users) });
        if (buffer.length >= FLUSH_EVERY || ctx.clock.now() - lastFlushMs >= FLUSH_EVERY_MS) await flush();
      }
      done++;
      report();
    }
  };

  let firstError: unknown;
  const workers = Array.from({ length: Math.max(1, concurrency) }, () =>
    worker().catch((error: unknown) => {
      firstError ??= error;
      stop.abort(error);
    }),
  );
  try {
    await Promise.all(workers);
  } finally {
    ctx.signal.removeEventListener('abort', onRunAbort);
    await flush();
  }
  if (ctx.signal.aborted) throw ctx.signal.reason;
  if (firstError !== undefined) throw firstError;
  report(true);
  return counts;
}

function countBuffered(buffer: readonly Conversation[]): number {
  let n = 0;
  for (const c of buffer) n += c.comments.length;
  return n;
}
