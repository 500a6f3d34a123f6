import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

/**
 * The alert outbox (src/alerts/). A row of alert_outbox is written in the same transaction as the
 * theme numbers that caused it, with one alert_deliveries row per channel configured then; delivery
 * happens after commit and updates only alert_deliveries. The outbox is also the alert state: the
 * newest alert of a theme in its rising episode (`episode` = the theme's rising_since) is what
 * escalation and the cooldown compare against, so there is no second copy to drift.
 */
const sqlite = `
    CREATE TABLE alert_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      idempotency_key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      theme_id INTEGER REFERENCES clusters (id),
      job TEXT,
      episode TEXT,
      count_24h INTEGER,
      summary TEXT NOT NULL,
      payload TEXT NOT NULL,
      run_id TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX alert_outbox_theme ON alert_outbox (theme_id, id);
    CREATE TABLE alert_deliveries (
      alert_id INTEGER NOT NULL REFERENCES alert_outbox (id),
      channel TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at TEXT,
      sent_at TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (alert_id, channel)
    ) WITHOUT ROWID;
    CREATE INDEX alert_deliveries_status ON alert_deliveries (status, alert_id);
  `;

export const migration0010: Migration = {
  version: 10,
  name: 'alerts',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
