import type { Migration } from '../migration.js';

export const migration0003: Migration = {
  version: 3,
  name: 'analysis',
  sql: `
    CREATE TABLE ticket_analyses (
      ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
      status TEXT NOT NULL,
      input_hash TEXT NOT NULL,
      prompt_version TEXT NOT NULL,
      model TEXT NOT NULL,
      is_product_issue INTEGER, language TEXT, sentiment TEXT,
      error TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      analyzed_at TEXT NOT NULL
    );
    CREATE TABLE issues (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      title TEXT NOT NULL,
      category TEXT NOT NULL,
      component TEXT,
      severity TEXT NOT NULL,
      summary TEXT, evidence TEXT,
      cluster_id INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX issues_ticket ON issues (ticket_id);
    CREATE INDEX issues_cluster ON issues (cluster_id);
  `,
};
