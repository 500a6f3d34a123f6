/*
 * The statements both SQLite sync writers prepare, and the sync_state upsert all four run: one
 * text each, so the writers cannot drift apart. `?` placeholders (raw-query.ts's numbered() turns
 * them into PostgreSQL's $n).
 */

/** Sets one sync_state key: key, value. */
export const SET_STATE = 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

/** Upserts one user: id, name, email, role, organization_id. SQLite. */
export const UPSERT_USER = `
      INSERT INTO users (id, name, email, role, organization_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role,
        organization_id = excluded.organization_id`;

/**
 * Inserts one comment with its author's role from users ('unknown' when not stored): id,
 * ticket_id, author_id, author_id again (for the role), public, body, created_at. `onConflict`
 * says what a stored id does. SQLite.
 */
export function insertComment(onConflict: 'OR IGNORE' | 'OR REPLACE'): string {
  return `
      INSERT ${onConflict} INTO comments (id, ticket_id, author_id, author_role, public, body, created_at)
      VALUES (?, ?, ?, COALESCE((SELECT role FROM users WHERE id = ?), 'unknown'), ?, ?, ?)`;
}
