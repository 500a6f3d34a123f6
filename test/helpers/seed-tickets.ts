import type { SqliteStore, Store } from '../../src/store/store.js';

/**
 * Seeds tickets, their comments and users straight into a test database, the way sync
 * would leave them (tickets schema: src/store/schema-tickets.ts, migration 0002).
 */

export interface SeedComment {
  body: string;
  role?: 'end-user' | 'agent' | 'admin';
  authorId?: number | null;
  createdAt?: string;
  public?: boolean;
}

export interface SeedTicket {
  id: number;
  subject?: string;
  description?: string | null;
  channel?: string;
  tags?: string[];
  status?: string;
  deleted?: boolean;
  createdAt?: string;
  requester?: { id: number; name?: string | null; email?: string | null };
  /** Defaults to one customer comment repeating the description (or subject). */
  comments?: SeedComment[];
}

let commentId = 1_000_000;

/** The rows sync would leave for `tickets`: requesters, tickets and their comments. */
function seedRows(tickets: SeedTicket[]) {
  const gts = 1_790_000_000;
  return tickets.map((t) => {
    const createdAt = t.createdAt ?? '2026-11-01T10:00:00.000Z';
    const comments = t.comments ?? [{ body: t.description ?? t.subject ?? 'help', role: 'end-user' as const, authorId: t.requester?.id ?? null }];
    return {
      user: t.requester ? { id: t.requester.id, name: t.requester.name ?? null, email: t.requester.email ?? null, role: 'end-user' } : undefined,
      ticket: {
        id: t.id,
        subject: t.subject ?? `Ticket ${t.id}`,
        description: t.description ?? null,
        status: t.deleted ? 'deleted' : (t.status ?? 'open'),
        channel: t.channel ?? 'email',
        tags: JSON.stringify(t.tags ?? []),
        requester_id: t.requester?.id ?? null,
        created_at: createdAt,
        updated_at: createdAt,
        generated_timestamp: gts,
        deleted: t.deleted ? 1 : 0,
        comment_count: comments.length,
        comments_synced_gts: gts,
        synced_at: createdAt,
      },
      comments: comments.map((c, i) => ({
        id: commentId++,
        ticket_id: t.id,
        author_id: c.authorId === undefined ? (c.role === 'agent' ? null : (t.requester?.id ?? null)) : c.authorId,
        author_role: c.role ?? 'end-user',
        public: c.public === false ? 0 : 1,
        body: c.body,
        created_at: c.createdAt ?? new Date(Date.parse(createdAt) + i * 60_000).toISOString(),
      })),
    };
  });
}

/** `INSERT OR REPLACE` of one row object into `table`, its keys as the columns. */
function upsertSqlite(sqlite: SqliteStore['sqlite'], table: string, row: Record<string, unknown>): void {
  const columns = Object.keys(row);
  sqlite.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
}

/** Inserts (or replaces) `tickets` with their comments and requesters. Synchronous (SQLite); seedTicketsInto does the same on either database. */
export function seedTickets(store: SqliteStore, tickets: SeedTicket[]): void {
  const sqlite = store.sqlite;
  sqlite.transaction(() => {
    for (const { user, ticket, comments } of seedRows(tickets)) {
      if (user) upsertSqlite(sqlite, 'users', user);
      sqlite.prepare('DELETE FROM comments WHERE ticket_id = ?').run(ticket.id);
      upsertSqlite(sqlite, 'tickets', ticket);
      for (const comment of comments) upsertSqlite(sqlite, 'comments', comment);
    }
  })();
}

/** seedTickets through Kysely, for suites that run on both databases. One transaction. */
export async function seedTicketsInto(store: Store, tickets: SeedTicket[]): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    for (const { user, ticket, comments } of seedRows(tickets)) {
      if (user) await trx.insertInto('users').values(user).onConflict((oc) => oc.column('id').doUpdateSet(user)).execute();
      await trx.deleteFrom('comments').where('ticket_id', '=', ticket.id).execute();
      await trx.insertInto('tickets').values(ticket).onConflict((oc) => oc.column('id').doUpdateSet(ticket)).execute();
      if (comments.length > 0) await trx.insertInto('comments').values(comments).execute();
    }
  });
}

/**
 * Changes a ticket as a later sync would: new subject and/or an added comment, with
 * updated_at and generated_timestamp moved forward. Either database.
 */
export async function touchTicket(store: Store, id: number, change: { subject?: string; addComment?: SeedComment; statusOnly?: string }): Promise<void> {
  const db = store.db;
  const row = await db.selectFrom('tickets').select(['generated_timestamp', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const gts = row.generated_timestamp + 60;
  const updatedAt = new Date(Date.parse(row.updated_at) + 60_000).toISOString();
  if (change.subject !== undefined) await db.updateTable('tickets').set({ subject: change.subject }).where('id', '=', id).execute();
  if (change.statusOnly !== undefined) await db.updateTable('tickets').set({ status: change.statusOnly }).where('id', '=', id).execute();
  if (change.addComment) {
    const { authorId, role, body } = change.addComment;
    await db.insertInto('comments').values({ id: commentId++, ticket_id: id, author_id: authorId ?? null, author_role: role ?? 'end-user', public: 1, body, created_at: updatedAt }).execute();
    await db.updateTable('tickets').set((eb) => ({ comment_count: eb('comment_count', '+', 1) })).where('id', '=', id).execute();
  }
  await db.updateTable('tickets').set({ updated_at: updatedAt, generated_timestamp: gts, comments_synced_gts: gts }).where('id', '=', id).execute();
}
