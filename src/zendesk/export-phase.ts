import { IssuetrackError } from '../errors.js';
import type { SkippedTicket } from '../store/sync/skipped-tickets.js';
import { readExportState } from '../store/sync/sync-queries.js';
import type { TicketWriter } from '../store/sync/sync-writers.js';
import type { TaskContext } from '../worker/run-task.js';
import { EXPORT_MAX_PAGES, pagingGuard, type PagingGuard } from './paging-guard.js';
import { readAhead, type ReadAhead } from './read-ahead.js';
import { ticketRow } from './sync-rows.js';
import { checkTicketShape } from './ticket-shape.js';
import type { ExportStart, ZendeskClient } from './zendesk-client.js';

export const FIRST_RUN_DAYS = 30;
/** Zendesk refuses a start_time less than 60 s old with 422 (research/zendesk.md §1). */
const START_TIME_MIN_AGE_S = 61;
const PROGRESS_EVERY_MS = 200;

export interface ExportCounts {
  tickets_fetched: number;
  tickets_upserted: number;
  tickets_deleted: number;
  /** Tickets of a shape the store cannot take (ticket-shape.ts); each is recorded with its reason. */
  tickets_skipped: number;
  /** The first 20 of them, as sent: id (or null) and reason. */
  skipped: SkippedTicket[];
  pages: number;
}

const SKIPPED_LISTED = 20;

/**
 * Follows the cursor-based incremental ticket export until end_of_stream, storing each page
 * with the cursor after it in one transaction, so a crash at any instant resumes from the last
 * stored page with nothing lost or doubled. Without a stored cursor (first run, --backfill-days,
 * or a first page that came back without one) it starts from the stored start time, kept more
 * than 60 s old. Throws the client's errors, and UnavailableError on a cursor that does not
 * advance (paging-guard.ts); what was committed stays.
 */
export async function exportTickets(
  ctx: TaskContext,
  client: ZendeskClient,
  writer: TicketWriter,
  opts: { backfillDays?: number },
): Promise<ExportCounts> {
  const nowS = Math.floor(ctx.clock.now() / 1000);
  if (opts.backfillDays !== undefined) await writer.restartExport(nowS - opts.backfillDays * 86_400);
  let state = await readExportState(ctx.db);
  if (state.cursor === undefined && state.startTime === undefined) {
    await writer.restartExport(nowS - FIRST_RUN_DAYS * 86_400);
    state = await readExportState(ctx.db);
  }
  const start: ExportStart = state.cursor !== undefined
    ? { cursor: state.cursor }
    : { startTime: Math.min(state.startTime ?? 0, nowS - START_TIME_MIN_AGE_S) };
  ctx.reporter.info('cursor' in start ? 'sync: resuming the ticket export from the stored cursor' : `sync: exporting tickets changed since ${new Date(start.startTime * 1000).toISOString()}`);

  const guard = pagingGuard(`the ticket export from ${client.host}`, { maxPages: EXPORT_MAX_PAGES, start: 'cursor' in start ? start.cursor : undefined });
  const ahead = readAhead(ctx.signal);
  try {
    return await exportPages(ctx, client, writer, start, guard, ahead);
  } finally {
    ahead.dispose();
  }
}

async function exportPages(ctx: TaskContext, client: ZendeskClient, writer: TicketWriter, start: ExportStart, guard: PagingGuard, ahead: ReadAhead): Promise<ExportCounts> {
  const counts: ExportCounts = { tickets_fetched: 0, tickets_upserted: 0, tickets_deleted: 0, tickets_skipped: 0, skipped: [], pages: 0 };
  const startedMs = ctx.clock.now();
  let lastProgressMs = 0;
  let next = ahead.start((signal) => client.exportTickets(start, signal));
  for (;;) {
    const page = await next;
    const afterCursor = page.after_cursor ?? cursorOf(page.after_url);
    // The next page is asked for while this one is written (read-ahead.ts); not a page the
    // guard will refuse after the write.
    if (!page.end_of_stream && afterCursor && guard.wouldAdvance(afterCursor)) next = ahead.start((signal) => client.exportTickets({ cursor: afterCursor }, signal));
    // One ticket of a broken shape is skipped and recorded, not allowed to fail the page.
    const checks = page.tickets.map(checkTicketShape);
    const syncedAt = new Date(ctx.clock.now()).toISOString();
    const tickets = checks.flatMap((c) => (c.ok ? [ticketRow(c.ticket, syncedAt)] : []));
    const skipped = checks.flatMap((c) => (c.ok ? [] : [c.skipped]));
    const outcome = await writer.applyExportPage(tickets, afterCursor, syncedAt, { skipped, runId: ctx.runId });
    counts.tickets_skipped += skipped.length;
    counts.skipped.push(...skipped.slice(0, SKIPPED_LISTED - counts.skipped.length));
    if (skipped.length) ctx.reporter.warn(`sync: skipped ${skipped.length} ticket(s) of the wrong shape, e.g. ${skipped[0]!.id ?? 'no id'}: ${skipped[0]!.reason}`);
    counts.pages++;
    counts.tickets_fetched += page.tickets.length;
    counts.tickets_upserted += outcome.upserted;
    counts.tickets_deleted += outcome.deleted;
    const now = ctx.clock.now();
    if (page.end_of_stream || now - lastProgressMs >= PROGRESS_EVERY_MS) {
      lastProgressMs = now;
      const rate = Math.round((counts.tickets_fetched * 1000) / Math.max(1, now - startedMs));
      ctx.progress({ phase: 'sync: tickets', done: counts.tickets_fetched, message: `${counts.pages} pages, ${rate}/s` });
    }
    // Stop on the flag only: pages can be empty long before the end (Airbyte manifest.yaml).
    if (page.end_of_stream) return counts;
    if (!afterCursor) throw new IssuetrackError(`the ticket export from ${client.host} gave no after_cursor before the end of the stream`);
    // After the page is stored: a stuck cursor ends the run with everything before it kept.
    guard.advance(afterCursor);
  }
}

/** The cursor inside an after_url, for a page that gave the link but not after_cursor itself. */
function cursorOf(afterUrl: string | null): string | null {
  if (!afterUrl) return null;
  try {
    return new URL(afterUrl, 'http://x').searchParams.get('cursor');
  } catch {
    return null;
  }
}
