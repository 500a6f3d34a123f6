import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

/**
 * Analysis tables. ticket_analyses is one row per analysed (or failed) ticket; source_stamp is
 * the ticket's sync stamp at analysis time, so a run re-hashes only tickets that sync touched.
 * api_usage records every Claude call (live and batch) for cost accounting; message_batches and
 * batch_items track submitted Message Batches until their results are stored.
 */
const sqlite = `
    CREATE TABLE ticket_analyses (
      ticket_id INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
      status TEXT NOT NULL,
      input_hash TEXT NOT NULL,
      source_stamp TEXT NOT NULL DEFAULT '',
      prompt_version TEXT NOT NULL,
      model TEXT NOT NULL,
      mode TEXT NOT NULL DEFAULT 'live',
      is_product_issue INTEGER, language TEXT, sentiment TEXT,
      error TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      analyzed_at TEXT NOT NULL
    );
    CREATE INDEX ticket_analyses_status ON ticket_analyses (status);
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
    CREATE TABLE api_usage (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      run_id TEXT,
      ticket_id INTEGER,
      purpose TEXT NOT NULL DEFAULT 'analyze',
      model TEXT NOT NULL,
      mode TEXT NOT NULL,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cache_creation_input_tokens INTEGER NOT NULL DEFAULT 0,
      cache_read_input_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL,
      request_id TEXT
    );
    CREATE INDEX api_usage_at ON api_usage (at);
    CREATE TABLE message_batches (
      id TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      model TEXT NOT NULL,
      prompt_version TEXT NOT NULL,
      request_count INTEGER NOT NULL,
      run_id TEXT,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      ended_at TEXT,
      collected_at TEXT
    );
    CREATE INDEX message_batches_status ON message_batches (status);
    CREATE TABLE batch_items (
      batch_id TEXT NOT NULL REFERENCES message_batches (id) ON DELETE CASCADE,
      custom_id TEXT NOT NULL,
      ticket_id INTEGER NOT NULL,
      input_hash TEXT NOT NULL,
      source_stamp TEXT NOT NULL,
      attempt INTEGER NOT NULL DEFAULT 0,
      collected INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (batch_id, custom_id)
    );
    CREATE INDEX batch_items_ticket ON batch_items (ticket_id);
  `;

export const migration0003: Migration = {
  version: 3,
  name: 'analysis',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
