import type BetterSqlite3 from 'better-sqlite3';
import { commentText } from './html-text.js';
import type { ZendeskChildEvent, ZendeskUser } from './zendesk-types.js';

/*
 * The writes of the comment-events phase (events-phase.ts), raw SQL in one better-sqlite3
 * transaction per page for the same reason as ticket-writer.ts: a page's comments and the
 * position after it commit together or not at all.
 *
 * What makes a stored conversation complete without asking Zendesk for it:
 * - the ticket had a complete conversation once (comments_synced_gts >= 0, set by a whole fetch
 *   or by this phase) and every comment event since has been applied; or it was first seen
 *   (comments_synced_gts NULL) and was created at or after `origin`, the time from which the
 *   event stream has been applied without a break, so its whole life is in the stream;
 * - the stream has been applied past the ticket's version (generated_timestamp < position);
 * - no event named it while it was not stored yet, and no comment of it was redacted: those go
 *   to a refetch row (sync_state key comment_events.refetch.<id>) and the ticket to a whole fetch.
 * comments_synced_gts = -1 (a deleted ticket, whose comments were dropped) is no baseline, so a
 * restored ticket is fetched whole too. Everything else stays stale and comments-phase.ts fetches
 * it whole: the per-ticket endpoint answers only what the stream cannot.
 */

export const STATE_EVENTS_START = 'comment_events.start_time';
export const STATE_EVENTS_ORIGIN = 'comment_events.origin';
export const REFETCH_PREFIX = 'comment_events.refetch.';

/** The sync_state key saying ticket `id` must be fetched whole. */
export function refetchKey(ticketId: number): string {
  return `${REFETCH_PREFIX}${ticketId}`;
}

/** A comment child event with the ticket it belongs to. */
export interface CommentEvent {
  ticketId: number;
  comment: ZendeskChildEvent & { id: number };
}

export interface EventsPageInput {
  comments: readonly CommentEvent[];
  /** Tickets with a CommentRedactionEvent: their stored text is out of date. */
  redacted: readonly number[];
  users: readonly ZendeskUser[];
  /** Every event before this instant (unix seconds) is now applied: the next start_time. */
  position: number;
  origin: number;
}

export interface EventsPageOutcome {
  comments: number;
  conversations: number;
}

/** A writer answers at once (SQLite) or after a round trip (PostgreSQL). */
export type Awaitable<T> = T | Promise<T>;

/** What the comment-events phase writes, on either database (see postgres-comment-event-writer.ts). */
export interface EventWriter {
  unknownUsers(ids: readonly number[]): Awaitable<number[]>;
  restart(startTime: number): Awaitable<void>;
  applyPage(input: EventsPageInput): Awaitable<EventsPageOutcome>;
}

export class CommentEventWriter implements EventWriter {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #ticketState: BetterSqlite3.Statement;
  readonly #upsertUser: BetterSqlite3.Statement;
  readonly #insertComment: BetterSqlite3.Statement;
  readonly #recount: BetterSqlite3.Statement;
  readonly #refetch: BetterSqlite3.Statement;
  readonly #markCurrent: BetterSqlite3.Statement;
  readonly #setState: BetterSqlite3.Statement;
  readonly #knownUsers: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    this.#ticketState = sqlite.prepare('SELECT deleted FROM tickets WHERE id = ?').pluck();
    this.#upsertUser = sqlite.prepare(`
      INSERT INTO users (id, name, email, role, organization_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
        organization_id = excluded.organization_id`);
    // OR IGNORE: a comment already stored (an overlapping page, a whole fetch that came first, a
    // redacted text) is never overwritten by what the stream carries.
    this.#insertComment = sqlite.prepare(`
      INSERT OR IGNORE INTO comments (id, ticket_id, author_id, author_role, public, body, created_at)
      VALUES (?, ?, ?, COALESCE((SELECT role FROM users WHERE id = ?), 'unknown'), ?, ?, ?)`);
    this.#recount = sqlite.prepare('UPDATE tickets SET comment_count = (SELECT count(*) FROM comments WHERE ticket_id = ?) WHERE id = ?');
    // Keys are built here: a JS number binds as a REAL, and 7.0 || '' is '7.0', not '7'.
    this.#refetch = sqlite.prepare(`INSERT OR IGNORE INTO sync_state (key, value) VALUES (?, '')`);
    // The first two terms repeat tickets_comments_stale's WHERE so SQLite walks that partial index.
    this.#markCurrent = sqlite.prepare(`
      UPDATE tickets SET comments_synced_gts = generated_timestamp,
        comment_count = (SELECT count(*) FROM comments c WHERE c.ticket_id = tickets.id)
      WHERE deleted = 0 AND (comments_synced_gts IS NULL OR comments_synced_gts <> generated_timestamp)
        AND generated_timestamp < @position
        AND (comments_synced_gts >= 0 OR (comments_synced_gts IS NULL AND CAST(strftime('%s', created_at) AS INTEGER) >= @origin))
        AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.key = '${REFETCH_PREFIX}' || tickets.id)`);
    this.#setState = sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.#knownUsers = sqlite.prepare('SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))').pluck();
  }

  /** The ids among `ids` that the users table lacks. Read-only. */
  unknownUsers(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    const known = new Set(this.#knownUsers.all(JSON.stringify(ids)) as number[]);
    return ids.filter((id) => !known.has(id));
  }

  /** Sets where the stream (re)starts and the origin it has been applied from since. */
  restart(startTime: number): void {
    this.#sqlite.transaction(() => {
      this.#setState.run(STATE_EVENTS_START, String(startTime));
      this.#setState.run(STATE_EVENTS_ORIGIN, String(startTime));
    })();
  }

  /**
   * Applies one page: users, the comments of stored live tickets, refetch rows for the rest,
   * marks every conversation it completes, and stores the position, atomically. Idempotent.
   */
  applyPage(input: EventsPageInput): EventsPageOutcome {
    return this.#sqlite.transaction((): EventsPageOutcome => {
      for (const u of input.users) {
        if (u.id != null) this.#upsertUser.run(u.id, u.name ?? null, u.email ?? null, u.role ?? null, u.organization_id ?? null);
      }
      let comments = 0;
      const touched = new Set<number>();
      for (const { ticketId, comment: m } of input.comments) {
        const deleted = this.#ticketState.get(ticketId) as number | undefined;
        if (deleted === undefined) {
          this.#refetch.run(refetchKey(ticketId)); // the ticket comes later, with comments the stream has passed
          continue;
        }
        if (deleted !== 0) continue; // Zendesk no longer serves its conversation; nor do we
        const author = m.author_id ?? null;
        const created = m.created_at ?? '';
        comments += this.#insertComment.run(m.id, ticketId, author, author, m.public === false ? 0 : 1, commentText(m), created).changes;
        touched.add(ticketId);
      }
      for (const ticketId of input.redacted) this.#refetch.run(refetchKey(ticketId));
      for (const ticketId of touched) this.#recount.run(ticketId, ticketId);
      const conversations = this.#markCurrent.run({ position: input.position, origin: input.origin }).changes;
      this.#setState.run(STATE_EVENTS_START, String(input.position));
      return { comments, conversations };
    })();
  }
}
