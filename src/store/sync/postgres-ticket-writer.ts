import type { Pool, PoolClient } from 'pg';
import { pgTransaction } from '../postgres/pg-transaction.js';
import { numbered } from '../raw-query.js';
import { addSkipped, STATE_SKIPPED } from './skipped-tickets.js';
import { SET_STATE } from './sync-statements.js';
import { refetchKey, STATE_CURSOR, STATE_START_TIME, STATE_WATERMARK } from './sync-state-keys.js';
import type { TicketRow, UserRow } from './sync-rows.js';
import type { Conversation, PageOutcome, RejectedTickets, TicketWriter } from './sync-writers.js';

/*
 * TicketWriter on PostgreSQL, with sqlite-ticket-writer.ts's behaviour method for method. Where SQLite
 * runs one prepared statement per row inside one transaction (cheap in-process calls), a round
 * trip to a server per row would cost a network hop each: here each write is one multi-row
 * statement over arrays (unnest), a page in one transaction. Rows repeated within one statement
 * are folded first, as ON CONFLICT DO UPDATE refuses to touch a row twice.
 */

const TICKET_COLUMNS = [
  ['id', 'bigint'], ['subject', 'text'], ['description', 'text'], ['status', 'text'], ['priority', 'text'], ['type', 'text'],
  ['channel', 'text'], ['tags', 'text'], ['requester_id', 'bigint'], ['organization_id', 'bigint'], ['assignee_id', 'bigint'],
  ['created_at', 'text'], ['updated_at', 'text'], ['generated_timestamp', 'bigint'], ['deleted', 'bigint'], ['synced_at', 'text'],
] as const;
const TICKET_NAMES = TICKET_COLUMNS.map(([n]) => n).join(', ');

// As on SQLite: a duplicate or older copy of a ticket changes nothing.
const UPSERT_TICKETS = `
  INSERT INTO tickets (${TICKET_NAMES})
  SELECT * FROM unnest(${TICKET_COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${TICKET_COLUMNS.slice(1).map(([n]) => `${n} = excluded.${n}`).join(', ')}
  WHERE excluded.generated_timestamp > tickets.generated_timestamp
  RETURNING id, deleted`;

const UPSERT_USERS = `
  INSERT INTO users (id, name, email, role, organization_id)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[])
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, organization_id = excluded.organization_id`;

/** sync-statements.ts's SET_STATE with PostgreSQL's placeholders. */
const SET_STATE_PG = numbered(SET_STATE);

export class PostgresTicketWriter implements TicketWriter {
  readonly #pool: Pool;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * One write transaction at a time, as SQLite has it: the comment workers flush concurrently,
   * and two transactions upserting overlapping users in different orders deadlock (40P01).
   */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async restartExport(startTime: number): Promise<void> {
    await this.#serial(() => pgTransaction(this.#pool, async (client) => {
      await client.query('DELETE FROM sync_state WHERE key = $1', [STATE_CURSOR]);
      await client.query(SET_STATE_PG, [STATE_START_TIME, String(startTime)]);
    }));
  }

  async applyExportPage(tickets: readonly TicketRow[], afterCursor: string | null, syncedAt: string, rejected: RejectedTickets = { skipped: [], runId: null }): Promise<PageOutcome> {
    return this.#serial(() => pgTransaction(this.#pool, async (client) => {
      if (rejected.skipped.length) {
        const { rows } = await client.query<{ value: string }>('SELECT value FROM sync_state WHERE key = $1 FOR UPDATE', [STATE_SKIPPED]);
        await client.query(SET_STATE_PG, [STATE_SKIPPED, addSkipped(rows[0]?.value, rejected.skipped, syncedAt, rejected.runId)]);
      }
      const newest = newestPerTicket(tickets);
      const deletedIds = newest.filter((t) => t.deleted === 1).map((t) => t.id);
      const before = deletedIds.length
        ? new Map((await client.query<{ id: number; deleted: number }>('SELECT id, deleted FROM tickets WHERE id = ANY($1::bigint[])', [deletedIds])).rows.map((r) => [r.id, r.deleted]))
        : new Map<number, number>();
      const changed = newest.length ? (await client.query<{ id: number; deleted: number }>(UPSERT_TICKETS, TICKET_COLUMNS.map(([n]) => newest.map((r) => r[n])))).rows : [];
      const gone = changed.filter((r) => r.deleted === 1).map((r) => r.id);
      if (gone.length) {
        await client.query('DELETE FROM comments WHERE ticket_id = ANY($1::bigint[])', [gone]);
        await client.query('UPDATE tickets SET comment_count = 0, comments_synced_gts = -1 WHERE id = ANY($1::bigint[])', [gone]);
      }
      if (afterCursor) await client.query(SET_STATE_PG, [STATE_CURSOR, afterCursor]);
      const watermark = tickets.reduce((max, t) => Math.max(max, t.generated_timestamp), -1);
      if (watermark >= 0) {
        await client.query(
          `INSERT INTO sync_state (key, value) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET value = greatest(sync_state.value::bigint, excluded.value::bigint)::text`,
          [STATE_WATERMARK, String(watermark)],
        );
      }
      return { upserted: changed.length, deleted: gone.filter((id) => before.get(id) !== 1).length };
    }));
  }

  async saveConversations(batch: readonly Conversation[]): Promise<number> {
    if (batch.length === 0) return 0;
    return this.#serial(() => pgTransaction(this.#pool, async (client) => {
      await upsertUsers(client, batch.flatMap((c) => c.users));
      const ids = batch.map((c) => c.ticketId);
      await client.query('DELETE FROM comments WHERE ticket_id = ANY($1::bigint[])', [ids]);
      // INSERT OR REPLACE on SQLite: a merged ticket's comment may reappear under another ticket; the last one wins.
      const comments = new Map<number, unknown[]>();
      for (const c of batch) for (const m of c.comments) comments.set(m.id, [m.id, m.ticket_id, m.author_id, m.public, m.body, m.created_at]);
      await insertComments(client, [...comments.values()], 'DO UPDATE SET ticket_id = excluded.ticket_id, author_id = excluded.author_id, author_role = excluded.author_role, public = excluded.public, body = excluded.body, created_at = excluded.created_at');
      await client.query(
        `UPDATE tickets SET comment_count = u.n, comments_synced_gts = u.gts
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS u(id, n, gts) WHERE tickets.id = u.id`,
        [ids, batch.map((c) => c.comments.length), batch.map((c) => c.gts)],
      );
      await client.query('DELETE FROM sync_state WHERE key = ANY($1::text[])', [ids.map(refetchKey)]);
      return batch.reduce((n, c) => n + c.comments.length, 0);
    }));
  }

  async markGone(ticketId: number): Promise<boolean> {
    return this.#serial(() => pgTransaction(this.#pool, async (client) => {
      await client.query('DELETE FROM comments WHERE ticket_id = $1', [ticketId]);
      const result = await client.query(
        `UPDATE tickets SET deleted = 1, status = 'deleted', comment_count = 0, comments_synced_gts = -1 WHERE id = $1 AND deleted = 0`,
        [ticketId],
      );
      return result.rowCount === 1;
    }));
  }
}

/**
 * One row per ticket id, as applying them in order would leave it: the first copy, replaced
 * only by a later one with a newer generated_timestamp.
 */
function newestPerTicket(tickets: readonly TicketRow[]): TicketRow[] {
  const byId = new Map<number, TicketRow>();
  for (const t of tickets) {
    const seen = byId.get(t.id);
    if (!seen || t.generated_timestamp > seen.generated_timestamp) byId.set(t.id, t);
  }
  return [...byId.values()];
}

/** Upserts users (the last copy of an id wins, as row-by-row upserts would leave it). */
async function upsertUsers(client: PoolClient, users: readonly UserRow[]): Promise<void> {
  const byId = new Map<number, UserRow>();
  for (const u of users) byId.set(u.id, u);
  if (byId.size === 0) return;
  const list = [...byId.values()].sort((a, b) => a.id - b.id); // one lock order for every writer
  await client.query(UPSERT_USERS, [list.map((u) => u.id), list.map((u) => u.name), list.map((u) => u.email), list.map((u) => u.role), list.map((u) => u.organization_id)]);
}

/**
 * Inserts comments given as [id, ticket_id, author_id, public, body, created_at], each with
 * its author's role from users ('unknown' when not stored); `onConflict` says what a stored id
 * does. Returns how many rows were written.
 */
async function insertComments(client: PoolClient, rows: readonly unknown[][], onConflict: string): Promise<number> {
  if (rows.length === 0) return 0;
  const column = (i: number) => rows.map((r) => r[i]);
  const result = await client.query(
    // The role looked up per comment (an index probe each), not joined: the planner hashed the
    // whole users table for every page (~4 of a page's 14 ms with 8k users, measured with
    // auto_explain), a cost that grows with the account, not with the page.
    `INSERT INTO comments (id, ticket_id, author_id, author_role, public, body, created_at)
     SELECT c.id, c.ticket_id, c.author_id, coalesce((SELECT u.role FROM users u WHERE u.id = c.author_id), 'unknown'), c.public, c.body, c.created_at
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[]) AS c(id, ticket_id, author_id, public, body, created_at)
     ON CONFLICT (id) ${onConflict}`,
    [column(0), column(1), column(2), column(3), column(4), column(5)],
  );
  return result.rowCount ?? 0;
}
