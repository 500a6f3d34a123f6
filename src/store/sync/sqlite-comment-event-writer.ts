import type BetterSqlite3 from 'better-sqlite3';
import { STALE_CONVERSATION } from './stale-conversation.js';
import { insertComment, SET_STATE, UPSERT_USER } from './sync-statements.js';
import { refetchKey, REFETCH_PREFIX, STATE_EVENTS_ORIGIN, STATE_EVENTS_START } from './sync-state-keys.js';
import type { CommentEventWriter, EventsPageInput, EventsPageOutcome } from './sync-writers.js';

/**
 * CommentEventWriter on SQLite: raw SQL in one better-sqlite3 transaction per page for the same
 * reason as sqlite-ticket-writer.ts: a page's comments and the position after it commit together
 * or not at all. When a page completes a conversation: sync-writers.ts.
 */
export class SqliteCommentEventWriter implements CommentEventWriter {
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
    this.#upsertUser = sqlite.prepare(UPSERT_USER);
    // OR IGNORE: a comment already stored (an overlapping page, a whole fetch that came first, a
    // redacted text) is never overwritten by what the stream carries.
    this.#insertComment = sqlite.prepare(insertComment('OR IGNORE'));
    this.#recount = sqlite.prepare('UPDATE tickets SET comment_count = (SELECT count(*) FROM comments WHERE ticket_id = ?) WHERE id = ?');
    // Keys are built here: a JS number binds as a REAL, and 7.0 || '' is '7.0', not '7'.
    this.#refetch = sqlite.prepare(`INSERT OR IGNORE INTO sync_state (key, value) VALUES (?, '')`);
    // Stale conversations first, so that SQLite walks their partial index (stale-conversation.ts).
    this.#markCurrent = sqlite.prepare(`
      UPDATE tickets SET comments_synced_gts = generated_timestamp,
        comment_count = (SELECT count(*) FROM comments c WHERE c.ticket_id = tickets.id)
      WHERE ${STALE_CONVERSATION}
        AND generated_timestamp < @position
        AND (comments_synced_gts >= 0 OR (comments_synced_gts IS NULL AND CAST(strftime('%s', created_at) AS INTEGER) >= @origin))
        AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.key = '${REFETCH_PREFIX}' || tickets.id)`);
    this.#setState = sqlite.prepare(SET_STATE);
    this.#knownUsers = sqlite.prepare('SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))').pluck();
  }

  unknownUsers(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    const known = new Set(this.#knownUsers.all(JSON.stringify(ids)) as number[]);
    return ids.filter((id) => !known.has(id));
  }

  restart(startTime: number): void {
    this.#sqlite.transaction(() => {
      this.#setState.run(STATE_EVENTS_START, String(startTime));
      this.#setState.run(STATE_EVENTS_ORIGIN, String(startTime));
    })();
  }

  applyPage(input: EventsPageInput): EventsPageOutcome {
    return this.#sqlite.transaction((): EventsPageOutcome => {
      for (const u of input.users) this.#upsertUser.run(u.id, u.name, u.email, u.role, u.organization_id);
      let comments = 0;
      const touched = new Set<number>();
      for (const m of input.comments) {
        const deleted = this.#ticketState.get(m.ticket_id) as number | undefined;
        if (deleted === undefined) {
          this.#refetch.run(refetchKey(m.ticket_id)); // the ticket comes later, with comments the stream has passed
          continue;
        }
        if (deleted !== 0) continue; // Zendesk no longer serves its conversation; nor do we
        comments += this.#insertComment.run(m.id, m.ticket_id, m.author_id, m.author_id, m.public, m.body, m.created_at).changes;
        touched.add(m.ticket_id);
      }
      for (const ticketId of input.redacted) this.#refetch.run(refetchKey(ticketId));
      for (const ticketId of touched) this.#recount.run(ticketId, ticketId);
      const conversations = this.#markCurrent.run({ position: input.position, origin: input.origin }).changes;
      this.#setState.run(STATE_EVENTS_START, String(input.position));
      return { comments, conversations };
    })();
  }
}
