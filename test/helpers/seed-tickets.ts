import type { SqliteStore as Store } from '../../src/store/store.js';

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

/** Inserts (or replaces) `tickets` with their comments and requesters. Synchronous. */
export function seedTickets(store: Store, tickets: SeedTicket[]): void {
  const sqlite = store.sqlite;
  const insertUser = sqlite.prepare('INSERT OR REPLACE INTO users (id, name, email, role) VALUES (?, ?, ?, ?)');
  const insertTicket = sqlite.prepare(
    `INSERT OR REPLACE INTO tickets (id, subject, description, status, channel, tags, requester_id, created_at, updated_at,
       generated_timestamp, deleted, comment_count, comments_synced_gts, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertComment = sqlite.prepare(
    'INSERT INTO comments (id, ticket_id, author_id, author_role, public, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const t of tickets) {
      const createdAt = t.createdAt ?? '2026-11-01T10:00:00.000Z';
      if (t.requester) insertUser.run(t.requester.id, t.requester.name ?? null, t.requester.email ?? null, 'end-user');
      const comments = t.comments ?? [{ body: t.description ?? t.subject ?? 'help', role: 'end-user' as const, authorId: t.requester?.id ?? null }];
      const gts = 1_790_000_000;
      sqlite.prepare('DELETE FROM comments WHERE ticket_id = ?').run(t.id);
      insertTicket.run(
        t.id,
        t.subject ?? `Ticket ${t.id}`,
        t.description ?? null,
        t.deleted ? 'deleted' : (t.status ?? 'open'),
        t.channel ?? 'email',
        JSON.stringify(t.tags ?? []),
        t.requester?.id ?? null,
        createdAt,
        createdAt,
        gts,
        t.deleted ? 1 : 0,
        comments.length,
        gts,
        createdAt,
      );
      comments.forEach((c, i) => {
        insertComment.run(
          commentId++,
          t.id,
          c.authorId === undefined ? (c.role === 'agent' ? null : (t.requester?.id ?? null)) : c.authorId,
          c.role ?? 'end-user',
          c.public === false ? 0 : 1,
          c.body,
          c.createdAt ?? new Date(Date.parse(createdAt) + i * 60_000).toISOString(),
        );
      });
    }
  })();
}

/**
 * Changes a ticket as a later sync would: new subject and/or an added comment, with
 * updated_at and generated_timestamp moved forward.
 */
export function touchTicket(store: Store, id: number, change: { subject?: string; addComment?: SeedComment; statusOnly?: string }): void {
  const sqlite = store.sqlite;
  const row = sqlite.prepare('SELECT generated_timestamp AS gts, updated_at FROM tickets WHERE id = ?').get(id) as { gts: number; updated_at: string };
  const gts = row.gts + 60;
  const updatedAt = new Date(Date.parse(row.updated_at) + 60_000).toISOString();
  if (change.subject !== undefined) sqlite.prepare('UPDATE tickets SET subject = ? WHERE id = ?').run(change.subject, id);
  if (change.statusOnly !== undefined) sqlite.prepare('UPDATE tickets SET status = ? WHERE id = ?').run(change.statusOnly, id);
  if (change.addComment) {
    sqlite
      .prepare('INSERT INTO comments (id, ticket_id, author_id, author_role, public, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(commentId++, id, change.addComment.authorId ?? null, change.addComment.role ?? 'end-user', 1, change.addComment.body, updatedAt);
    sqlite.prepare('UPDATE tickets SET comment_count = comment_count + 1 WHERE id = ?').run(id);
  }
  sqlite.prepare('UPDATE tickets SET updated_at = ?, generated_timestamp = ?, comments_synced_gts = ? WHERE id = ?').run(updatedAt, gts, gts, id);
}
