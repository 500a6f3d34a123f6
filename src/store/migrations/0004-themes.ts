import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

/**
 * Themes (clusters), their merges, and per-theme counts. Centroids are not stored: they are a pure
 * function of membership (issues.cluster_id), so a crash can never leave them out of step.
 * Daily and hourly counts are rewritten whole by each trends run.
 */
const sqlite = `
    CREATE TABLE clusters (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      category TEXT NOT NULL,
      title TEXT NOT NULL,
      title_source TEXT NOT NULL DEFAULT 'auto',
      description TEXT,
      component TEXT,
      keywords TEXT NOT NULL DEFAULT '[]',
      merged_into INTEGER REFERENCES clusters (id),
      issue_count INTEGER NOT NULL DEFAULT 0,
      ticket_count INTEGER NOT NULL DEFAULT 0,
      requester_count INTEGER NOT NULL DEFAULT 0,
      organization_count INTEGER NOT NULL DEFAULT 0,
      first_seen TEXT,
      last_seen TEXT,
      count_24h INTEGER NOT NULL DEFAULT 0,
      count_7d INTEGER NOT NULL DEFAULT 0,
      baseline_7d REAL,
      baseline_28d REAL,
      expected_24h REAL,
      expected_7d REAL,
      p_value_24h REAL,
      p_value_7d REAL,
      rising INTEGER NOT NULL DEFAULT 0,
      rising_since TEXT,
      stats_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX clusters_live ON clusters (merged_into, category);
    CREATE TABLE cluster_merges (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      from_id INTEGER NOT NULL REFERENCES clusters (id),
      into_id INTEGER NOT NULL REFERENCES clusters (id),
      similarity REAL NOT NULL,
      issues_moved INTEGER NOT NULL,
      run_id TEXT,
      merged_at TEXT NOT NULL
    );
    CREATE INDEX cluster_merges_from ON cluster_merges (from_id);
    CREATE TABLE cluster_daily_counts (
      cluster_id INTEGER NOT NULL REFERENCES clusters (id),
      day TEXT NOT NULL,
      tickets INTEGER NOT NULL,
      PRIMARY KEY (cluster_id, day)
    ) WITHOUT ROWID;
    CREATE TABLE cluster_hourly_counts (
      cluster_id INTEGER NOT NULL REFERENCES clusters (id),
      hour TEXT NOT NULL,
      tickets INTEGER NOT NULL,
      PRIMARY KEY (cluster_id, hour)
    ) WITHOUT ROWID;
    CREATE INDEX issues_created_cluster ON issues (created_at, cluster_id);
  `;

export const migration0004: Migration = {
  version: 4,
  name: 'themes',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
