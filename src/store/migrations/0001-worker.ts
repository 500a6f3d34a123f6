import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

const sqlite = `
    CREATE TABLE worker_status (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      status TEXT NOT NULL DEFAULT 'idle',
      task TEXT, run_id TEXT, pid INTEGER, host TEXT,
      started_at TEXT, finished_at TEXT, heartbeat_at TEXT, lease_expires_at TEXT,
      progress_phase TEXT, progress_done INTEGER, progress_total INTEGER, progress_message TEXT,
      error TEXT
    );
    INSERT INTO worker_status (id, status) VALUES (1, 'idle');
    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      task TEXT NOT NULL,
      status TEXT NOT NULL,
      params TEXT NOT NULL DEFAULT '{}',
      result TEXT, error TEXT, exit_code INTEGER,
      pid INTEGER NOT NULL, host TEXT NOT NULL,
      started_at TEXT NOT NULL, finished_at TEXT, duration_ms INTEGER
    );
    CREATE INDEX runs_task_started ON runs (task, started_at);
    CREATE INDEX runs_started ON runs (started_at);
  `;

export const migration0001: Migration = {
  version: 1,
  name: 'worker',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
