import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

/**
 * Schedules a user sets (`issuetrack schedule set|enable|disable`), and what `--install` put
 * where, so `--uninstall` removes exactly that. A job without a row keeps its default
 * (schedule/jobs.ts): rows hold only what the user changed.
 */
const sqlite = `
    CREATE TABLE schedules (
      job TEXT PRIMARY KEY,
      cron TEXT, -- five-field expression; NULL keeps the default
      enabled INTEGER NOT NULL DEFAULT 1,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE schedule_installs (
      kind TEXT PRIMARY KEY, -- 'cron' or 'systemd'
      installed_at TEXT NOT NULL,
      items TEXT NOT NULL -- JSON: the crontab block, or the unit file paths and timers
    );
  `;

export const migration0009: Migration = {
  version: 9,
  name: 'schedules',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
