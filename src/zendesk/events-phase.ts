import type { CommentRow } from '../store/sync/sync-rows.js';
import { readEventsState } from '../store/sync/sync-queries.js';
import type { CommentEventWriter } from '../store/sync/sync-writers.js';
import type { TaskContext } from '../worker/run-task.js';
import type { TicketEventsPage, ZendeskChildEvent, ZendeskTicketEvent, ZendeskUser } from './zendesk-types.js';
import { EXPORT_MAX_PAGES, pagingGuard } from './paging-guard.js';
import { readAhead, type ReadAhead } from './read-ahead.js';
import { eventCommentRow, userRows } from './sync-rows.js';
import { USERS_PER_REQUEST, type ZendeskClient } from './zendesk-client.js';

/*
 * Conversations in bulk: the comments of many tickets from the incremental ticket events export
 * with the comment_events side-load (GET /api/v2/incremental/ticket_events.json, time-based:
 * start_time inclusive, up to 1000 events a page, next start_time = end_time, pages overlap at
 * their edge timestamp, stop on end_of_stream only; it shares the incremental exports' 10
 * requests a minute; research/zendesk.md §1, developer.zendesk.com incremental_exports). One
 * request brings up to 1000 events of as many tickets, where the per-ticket comments endpoint
 * costs a request per ticket from the account's shared budget. What the stream cannot answer
 * (see src/store/sync/sync-writers.ts) is left stale for comments-phase.ts to fetch whole.
 */

/** Zendesk refuses a start_time under a minute old (research/zendesk.md §1). */
const LAST_MINUTE_S = 61;
const PROGRESS_EVERY_MS = 200;

/** A comment child event with the ticket it belongs to. */
export interface CommentEvent {
  ticketId: number;
  comment: ZendeskChildEvent & { id: number };
}

export interface EventCounts {
  comment_event_pages: number;
  comments_from_events: number;
  conversations_from_events: number;
  users_fetched: number;
}

/**
 * Applies the ticket events export from its stored position to the end of the stream, page by
 * page, each page committed by `writer` with the position after it (a kill resumes from the last
 * page, and re-applying a page changes nothing). Without a stored position it starts at `initialStart`
 * (the ticket export's watermark before this run, else its start time), which also becomes the
 * origin from which a first-seen ticket's whole conversation is in the stream; `restartAt`
 * (--backfill-days) moves both back. Throws the client's errors, and UnavailableError (69) from
 * the paging guard when a page ends where it started without ending the stream.
 */
export async function applyCommentEvents(
  ctx: TaskContext,
  client: ZendeskClient,
  writer: CommentEventWriter,
  opts: { initialStart: number; restartAt?: number },
): Promise<EventCounts> {
  if (opts.restartAt !== undefined) await writer.restart(opts.restartAt);
  let state = await readEventsState(ctx.db);
  if (state.start === undefined || state.origin === undefined) {
    await writer.restart(opts.initialStart);
    state = await readEventsState(ctx.db);
  }
  const nowS = Math.floor(ctx.clock.now() / 1000);
  const start = Math.min(state.start!, nowS - LAST_MINUTE_S);
  ctx.progress({ phase: 'sync: comments', done: 0, message: 'reading comment events' });
  const ahead = readAhead(ctx.signal);
  try {
    return await eventPages(ctx, client, writer, { start, origin: state.origin! }, ahead);
  } finally {
    ahead.dispose();
  }
}

async function eventPages(ctx: TaskContext, client: ZendeskClient, writer: CommentEventWriter, from: { start: number; origin: number }, ahead: ReadAhead): Promise<EventCounts> {
  const { origin } = from;
  let start = from.start;
  const counts: EventCounts = { comment_event_pages: 0, comments_from_events: 0, conversations_from_events: 0, users_fetched: 0 };
  const startedMs = ctx.clock.now();
  let lastProgressMs = 0;
  let events = 0;
  const guard = pagingGuard(`the ticket events export from ${client.host}`, { maxPages: EXPORT_MAX_PAGES, start: String(start) });
  let next = ahead.start((signal) => readPage(client, writer, start, new Set(), signal));
  for (;;) {
    const { page, comments, redacted, lastTimestamp, users } = await next;
    // Mid-stream, events at end_time may continue on the next page. At the end of the stream every
    // event up to the last one served is in (a timestamp is never split at the end), and none
    // between it and the left-out minute: the position moves just past it, and no further.
    const position = page.end_of_stream ? Math.max(start, lastTimestamp + 1) : page.end_time;
    // A page that ends where it began (or before) would be asked for again for ever.
    if (!page.end_of_stream) guard.advance(String(Math.max(position, start)));
    // The next page and its unknown users are asked for while this one is written (read-ahead.ts);
    // the users this page brings count as known there, as they will be once it is committed.
    if (!page.end_of_stream) {
      const written = new Set(users.flatMap((u) => (u.id == null ? [] : [u.id])));
      next = ahead.start((signal) => readPage(client, writer, position, written, signal));
    }
    counts.users_fetched += users.length;
    const outcome = await writer.applyPage({ comments, redacted, users: userRows(users), position, origin });
    counts.comment_event_pages++;
    counts.comments_from_events += outcome.comments;
    counts.conversations_from_events += outcome.conversations;
    events += page.ticket_events.length;
    const now = ctx.clock.now();
    if (page.end_of_stream || now - lastProgressMs >= PROGRESS_EVERY_MS) {
      lastProgressMs = now;
      const rate = Math.round((events * 1000) / Math.max(1, now - startedMs));
      ctx.progress({ phase: 'sync: comments', done: counts.conversations_from_events, message: `${events} ticket events, ${rate}/s` });
    }
    if (page.end_of_stream) return counts;
    start = position;
  }
}

interface ReadPage {
  page: TicketEventsPage;
  /** The page's comments as rows, built here, while the page before is written. */
  comments: CommentRow[];
  /** Tickets with a CommentRedactionEvent: their stored text is out of date. */
  redacted: number[];
  lastTimestamp: number;
  /** The comment authors neither stored nor in `written`, as Zendesk gave them. */
  users: ZendeskUser[];
}

/**
 * The events page from `start` with its comments, and the profiles of their authors that the users
 * table lacks, leaving out `written` (those the page before brings, written meanwhile). Only reads:
 * the users are stored with the page, by the caller.
 */
async function readPage(client: ZendeskClient, writer: CommentEventWriter, start: number, written: ReadonlySet<number>, signal: AbortSignal): Promise<ReadPage> {
  const page = await client.ticketEvents(start, signal);
  const { comments, redacted, lastTimestamp } = commentEventsOf(page.ticket_events);
  const authors = [...new Set(comments.map((c) => c.comment.author_id).filter((id): id is number => typeof id === 'number' && !written.has(id)))];
  const missing = await writer.unknownUsers(authors);
  const users: ZendeskUser[] = [];
  for (let i = 0; i < missing.length; i += USERS_PER_REQUEST) users.push(...(await client.usersByIds(missing.slice(i, i + USERS_PER_REQUEST), signal)));
  return { page, comments: comments.map((c) => eventCommentRow(c.ticketId, c.comment)), redacted, lastTimestamp, users };
}

/**
 * The comments and redactions of a page's events, and its latest timestamp. An event whose
 * ticket_id is not a positive whole number is left out (its timestamp still counts, so the
 * position moves past it): stored, it would make a refetch key of NULL and fail its page on every
 * run, as a ticket of the wrong shape would (ticket-shape.ts). Pure.
 */
export function commentEventsOf(events: readonly ZendeskTicketEvent[]): { comments: CommentEvent[]; redacted: number[]; lastTimestamp: number } {
  const comments: CommentEvent[] = [];
  const redacted = new Set<number>();
  let lastTimestamp = -1;
  for (const event of events) {
    if (event.timestamp > lastTimestamp) lastTimestamp = event.timestamp;
    if (!Number.isSafeInteger(event.ticket_id) || event.ticket_id <= 0) continue;
    for (const child of event.child_events ?? []) {
      if (child.event_type === 'Comment' && typeof child.id === 'number') comments.push({ ticketId: event.ticket_id, comment: { ...child, id: child.id } });
      else if (child.event_type === 'CommentRedactionEvent') redacted.add(event.ticket_id);
    }
  }
  return { comments, redacted: [...redacted], lastTimestamp };
}
