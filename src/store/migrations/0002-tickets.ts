import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

/**
 * Tables of `sync` (owned by src/zendesk/). sync_state holds the export's cursor, start time and
 * watermark; they are written in the same transaction as the tickets of each page.
 */
const sqlite = `
    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      subject TEXT, description TEXT,
      status TEXT NOT NULL, priority TEXT, type TEXT, channel TEXT,
      tags TEXT NOT NULL DEFAULT '[]',
      requester_id INTEGER, organization_id INTEGER, assignee_id INTEGER,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      generated_timestamp INTEGER NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0,
      comment_count INTEGER NOT NULL DEFAULT 0,
      comments_synced_gts INTEGER,
      synced_at TEXT NOT NULL
    );
    CREATE INDEX tickets_created ON tickets (created_at);
    -- Tickets whose conversation lags their last change: what the comment phase of sync reads.
    CREATE INDEX tickets_comments_stale ON tickets (id)
      WHERE deleted = 0 AND (comments_synced_gts IS NULL OR comments_synced_gts <> generated_timestamp);
    CREATE TABLE comments (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      author_id INTEGER,
      author_role TEXT NOT NULL DEFAULT 'unknown',
      public INTEGER NOT NULL DEFAULT 1,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX comments_ticket ON comments (ticket_id, created_at);
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT, email TEXT, role TEXT, organization_id INTEGER
    );
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `;

export const migration0002: Migration = {
  version: 2,
  name: 'tickets',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
