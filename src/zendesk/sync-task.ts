import { openSyncWriters } from '../store/sync/open-sync-writers.js';
import { readExportState } from '../store/sync/sync-queries.js';
import type { TaskContext } from '../worker/run-task.js';
import { syncConversations } from './comments-phase.js';
import { applyCommentEvents } from './events-phase.js';
import { exportTickets } from './export-phase.js';
import type { ZendeskClient } from './zendesk-client.js';

export interface SyncOptions {
  /** Restart the export from now − N days (1..3650) instead of the stored cursor. */
  backfillDays?: number;
  /** Conversations fetched at once. */
  concurrency?: number;
}

/** `sync --json` result. The first four fields are stable (DESIGN.md); the rest may grow. */
export interface SyncResult extends Record<string, unknown> {
  tickets_fetched: number;
  tickets_upserted: number;
  tickets_deleted: number;
  comments_fetched: number;
  /** Tickets of a shape the store cannot take, skipped and recorded (status shows them). */
  tickets_skipped: number;
  skipped: Array<{ id: string | null; reason: string }>;
  conversations_synced: number;
  pages: number;
  requests: number;
  retries: number;
  rate_limited: number;
  rate_limit_wait_ms: number;
  comment_event_pages: number;
  conversations_from_events: number;
  conversations_fetched: number;
  users_fetched: number;
}

export const DEFAULT_CONCURRENCY = 8;

/**
 * The sync task: the incremental ticket export, then the conversations of every new or changed
 * ticket, from the ticket events export where it can answer and whole per ticket where it cannot
 * (events-phase.ts). Each export keeps its own stored position. Crash-only: every write is a transaction that leaves a state the next run completes
 * from, so it is safe to kill at any instant and to run again. Throws AuthError, UnavailableError
 * or the abort reason; whatever was stored before stays.
 */
export async function sync(ctx: TaskContext, opts: SyncOptions, client: ZendeskClient): Promise<SyncResult> {
  const writers = await openSyncWriters(ctx.store);
  const before = await readExportState(ctx.db);
  const exported = await exportTickets(ctx, client, writers.tickets, { backfillDays: opts.backfillDays });
  // A stream started now covers every change after the last stored ticket version (the previous
  // run fetched every conversation up to it), or, on a first run, the export's whole window.
  const initialStart = before.watermark ?? (await readExportState(ctx.db)).startTime ?? Math.floor(ctx.clock.now() / 1000);
  const restartAt = opts.backfillDays === undefined ? undefined : Math.floor(ctx.clock.now() / 1000) - opts.backfillDays * 86_400;
  const events = await applyCommentEvents(ctx, client, writers.commentEvents, { initialStart, restartAt });
  const comments = await syncConversations(ctx, client, writers.tickets, opts.concurrency ?? DEFAULT_CONCURRENCY);
  return {
    tickets_fetched: exported.tickets_fetched,
    tickets_upserted: exported.tickets_upserted,
    tickets_deleted: exported.tickets_deleted + comments.tickets_gone,
    comments_fetched: events.comments_from_events + comments.comments_fetched,
    tickets_skipped: exported.tickets_skipped,
    skipped: exported.skipped,
    conversations_synced: events.conversations_from_events + comments.conversations_synced,
    pages: exported.pages,
    requests: client.stats.requests,
    retries: client.stats.retries,
    rate_limited: client.stats.rateLimited,
    rate_limit_wait_ms: Math.round(client.limiter.waitedMs),
    comment_event_pages: events.comment_event_pages,
    conversations_from_events: events.conversations_from_events,
    conversations_fetched: comments.conversations_synced,
    users_fetched: events.users_fetched,
  };
}

/** One line for people: "312 tickets (4 deleted), 1840 comments". */
export function summariseSync(r: SyncResult): string {
  const deleted = r.tickets_deleted ? ` (${r.tickets_deleted} deleted)` : '';
  return `${r.tickets_upserted} tickets changed${deleted} of ${r.tickets_fetched} fetched, ${r.comments_fetched} comments from ${r.conversations_synced} conversations`;
}
