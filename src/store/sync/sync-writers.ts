import type { SkippedTicket } from './skipped-tickets.js';
import type { CommentRow, TicketRow, UserRow } from './sync-rows.js';

/*
 * What the phases of `sync` write, through interfaces: each has one implementation per database
 * (sqlite-*.ts: synchronous prepared statements in one better-sqlite3 transaction; postgres-*.ts:
 * multi-row statements, a page in one transaction or one statement), chosen by
 * openSyncWriters (open-sync-writers.ts), so the phases never ask which database they run on.
 * Callers await every call.
 */

/** A writer answers at once (SQLite) or after a round trip (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

export interface PageOutcome {
  upserted: number;
  deleted: number;
}

/** One ticket's fetched conversation, ready to store. `gts` is the version it belongs to. */
export interface Conversation {
  ticketId: number;
  gts: number;
  /** Each with ticket_id = ticketId. */
  comments: readonly CommentRow[];
  users: readonly UserRow[];
}

/** Tickets of an export page that failed the shape check, recorded with the page. */
export interface RejectedTickets {
  skipped: readonly SkippedTicket[];
  runId: string | null;
}

/** The writes of the ticket export and of the per-ticket conversation fetches. */
export interface TicketWriter {
  /**
   * Restarts the export from `startTime` (unix seconds): forgets the cursor. Used by
   * --backfill-days and the first run; committed at once so a crash resumes the backfill.
   */
  restartExport(startTime: number): Awaitable<void>;
  /**
   * Stores one export page and the cursor after it, atomically. A duplicate or older copy of a
   * ticket (same or lower generated_timestamp) changes nothing; deleted tickets (deleted = 1) lose
   * their comments (Zendesk no longer serves them). Idempotent: applying a page twice changes
   * nothing the second time. `rejected` is added to the skipped record (skipped-tickets.ts) in
   * the same transaction.
   */
  applyExportPage(tickets: readonly TicketRow[], afterCursor: string | null, syncedAt: string, rejected?: RejectedTickets): Awaitable<PageOutcome>;
  /**
   * Replaces the stored conversations of several tickets in one transaction and marks each
   * current as of its `gts`. Returns the number of comments written.
   */
  saveConversations(batch: readonly Conversation[]): Awaitable<number>;
  /** A ticket Zendesk answers 404 for is deleted. Returns true when it was not marked yet. */
  markGone(ticketId: number): Awaitable<boolean>;
}

/*
 * What makes a stored conversation complete without asking Zendesk for it (the comment-events
 * writers mark it so):
 * - the ticket had a complete conversation once (comments_synced_gts >= 0, set by a whole fetch
 *   or by the events phase) and every comment event since has been applied; or it was first seen
 *   (comments_synced_gts NULL) and was created at or after `origin`, the time from which the
 *   event stream has been applied without a break, so its whole life is in the stream;
 * - the stream has been applied past the ticket's version (generated_timestamp < position);
 * - no event named it while it was not stored yet, and no comment of it was redacted: those go
 *   to a refetch row (sync_state key comment_events.refetch.<id>) and the ticket to a whole fetch.
 * comments_synced_gts = -1 (a deleted ticket, whose comments were dropped) is no baseline, so a
 * restored ticket is fetched whole too. Everything else stays stale and the comments phase fetches
 * it whole: the per-ticket endpoint answers only what the stream cannot.
 */

export interface EventsPageInput {
  /** The page's comments, each with the ticket it belongs to (ticket_id). */
  comments: readonly CommentRow[];
  /** Tickets with a CommentRedactionEvent: their stored text is out of date. */
  redacted: readonly number[];
  users: readonly UserRow[];
  /** Every event before this instant (unix seconds) is now applied: the next start_time. */
  position: number;
  origin: number;
}

export interface EventsPageOutcome {
  comments: number;
  conversations: number;
}

/** The writes of the comment-events phase. */
export interface CommentEventWriter {
  /** The ids among `ids` that the users table lacks. Read-only. */
  unknownUsers(ids: readonly number[]): Awaitable<number[]>;
  /** Sets where the stream (re)starts and the origin it has been applied from since. */
  restart(startTime: number): Awaitable<void>;
  /**
   * Applies one page: users, the comments of stored live tickets (a stored comment is never
   * overwritten), refetch rows for the rest, marks every conversation it completes, and stores
   * the position, atomically. Idempotent.
   */
  applyPage(input: EventsPageInput): Awaitable<EventsPageOutcome>;
}

/** The writers of one sync run, over one store. */
export interface SyncWriters {
  tickets: TicketWriter;
  commentEvents: CommentEventWriter;
}
