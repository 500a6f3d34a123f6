import type { Migration } from '../migration.js';

export const migration0004: Migration = {
  version: 4,
  name: 'themes',
  sql: `
    CREATE TABLE clusters (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      category TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT,
      component TEXT,
      merged_into INTEGER REFERENCES clusters (id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
