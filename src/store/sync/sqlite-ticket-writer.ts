import type BetterSqlite3 from 'better-sqlite3';
import { addSkipped, STATE_SKIPPED } from './skipped-tickets.js';
import { insertComment, SET_STATE, UPSERT_USER } from './sync-statements.js';
import { refetchKey, STATE_CURSOR, STATE_START_TIME, STATE_WATERMARK } from './sync-state-keys.js';
import type { TicketRow } from './sync-rows.js';
import type { Conversation, PageOutcome, RejectedTickets, TicketWriter } from './sync-writers.js';

/**
 * TicketWriter on SQLite, each write one synchronous better-sqlite3 transaction. Raw SQL on
 * purpose (STYLE.md habit 10's exception): a page's rows and the cursor that follows them must
 * commit together or not at all, and Kysely's async driver cannot join a better-sqlite3
 * transaction. Reads stay in Kysely (sync-queries.ts).
 */
export class SqliteTicketWriter implements TicketWriter {
  readonly #sqlite: BetterSqlite3.Database;
  readonly #upsertTicket: BetterSqlite3.Statement;
  readonly #isDeleted: BetterSqlite3.Statement;
  readonly #dropComments: BetterSqlite3.Statement;
  readonly #markCommentsDone: BetterSqlite3.Statement;
  readonly #setState: BetterSqlite3.Statement;
  readonly #deleteState: BetterSqlite3.Statement;
  readonly #upsertUser: BetterSqlite3.Statement;
  readonly #insertComment: BetterSqlite3.Statement;
  readonly #markGone: BetterSqlite3.Statement;
  readonly #raiseWatermark: BetterSqlite3.Statement;
  readonly #dropRefetch: BetterSqlite3.Statement;

  constructor(sqlite: BetterSqlite3.Database) {
    this.#sqlite = sqlite;
    // A duplicate or older copy of a ticket (same or lower generated_timestamp) changes nothing.
    this.#upsertTicket = sqlite.prepare(`
      INSERT INTO tickets (id, subject, description, status, priority, type, channel, tags, requester_id,
        organization_id, assignee_id, created_at, updated_at, generated_timestamp, deleted, synced_at)
      VALUES (@id, @subject, @description, @status, @priority, @type, @channel, @tags, @requester_id,
        @organization_id, @assignee_id, @created_at, @updated_at, @generated_timestamp, @deleted, @synced_at)
      ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, description = excluded.description,
        status = excluded.status, priority = excluded.priority, type = excluded.type, channel = excluded.channel,
        tags = excluded.tags, requester_id = excluded.requester_id, organization_id = excluded.organization_id,
        assignee_id = excluded.assignee_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
        generated_timestamp = excluded.generated_timestamp, deleted = excluded.deleted, synced_at = excluded.synced_at
      WHERE excluded.generated_timestamp > tickets.generated_timestamp`);
    this.#isDeleted = sqlite.prepare('SELECT deleted FROM tickets WHERE id = ?').pluck();
    this.#dropComments = sqlite.prepare('DELETE FROM comments WHERE ticket_id = ?');
    this.#markCommentsDone = sqlite.prepare('UPDATE tickets SET comment_count = ?, comments_synced_gts = ? WHERE id = ?');
    this.#setState = sqlite.prepare(SET_STATE);
    this.#deleteState = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
    this.#upsertUser = sqlite.prepare(UPSERT_USER);
    // INSERT OR REPLACE: a merged ticket's comments may reappear under another ticket.
    this.#insertComment = sqlite.prepare(insertComment('OR REPLACE'));
    // comments_synced_gts -1: no complete conversation to build on (sync-writers.ts), so
    // a restored ticket is fetched whole.
    this.#markGone = sqlite.prepare(`
      UPDATE tickets SET deleted = 1, status = 'deleted', comment_count = 0, comments_synced_gts = -1
      WHERE id = ? AND deleted = 0`);
    this.#dropRefetch = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
    this.#raiseWatermark = sqlite.prepare(`
      INSERT INTO sync_state (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))`);
  }

  restartExport(startTime: number): void {
    this.#sqlite.transaction(() => {
      this.#deleteState.run(STATE_CURSOR);
      this.#setState.run(STATE_START_TIME, String(startTime));
    })();
  }

  applyExportPage(tickets: readonly TicketRow[], afterCursor: string | null, syncedAt: string, rejected: RejectedTickets = { skipped: [], runId: null }): PageOutcome {
    return this.#sqlite.transaction((): PageOutcome => {
      if (rejected.skipped.length) {
        const stored = this.#sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(STATE_SKIPPED) as string | undefined;
        this.#setState.run(STATE_SKIPPED, addSkipped(stored, rejected.skipped, syncedAt, rejected.runId));
      }
      let upserted = 0;
      let deleted = 0;
      let watermark = -1;
      for (const t of tickets) {
        const isDeleted = t.deleted === 1;
        const wasDeleted = isDeleted ? (this.#isDeleted.get(t.id) as number | undefined) : undefined;
        const info = this.#upsertTicket.run(t);
        if (t.generated_timestamp > watermark) watermark = t.generated_timestamp;
        if (info.changes === 0) continue;
        upserted++;
        if (isDeleted) {
          if (wasDeleted !== 1) deleted++;
          this.#dropComments.run(t.id);
          this.#markCommentsDone.run(0, -1, t.id);
        }
      }
      if (afterCursor) this.#setState.run(STATE_CURSOR, afterCursor);
      if (watermark >= 0) this.#raiseWatermark.run(STATE_WATERMARK, String(watermark));
      return { upserted, deleted };
    })();
  }

  saveConversations(batch: readonly Conversation[]): number {
    return this.#sqlite.transaction((): number => {
      let written = 0;
      for (const c of batch) {
        for (const u of c.users) this.#upsertUser.run(u.id, u.name, u.email, u.role, u.organization_id);
        this.#dropComments.run(c.ticketId);
        for (const m of c.comments) this.#insertComment.run(m.id, m.ticket_id, m.author_id, m.author_id, m.public, m.body, m.created_at);
        written += c.comments.length;
        this.#markCommentsDone.run(c.comments.length, c.gts, c.ticketId);
        this.#dropRefetch.run(refetchKey(c.ticketId));
      }
      return written;
    })();
  }

  markGone(ticketId: number): boolean {
    return this.#sqlite.transaction(() => {
      this.#dropComments.run(ticketId);
      return this.#markGone.run(ticketId).changes === 1;
    })();
  }
}
