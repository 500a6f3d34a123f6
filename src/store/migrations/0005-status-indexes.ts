import type { Migration } from '../migration.js';

/** Indexes that keep `status` cheap on large databases (see store/status-queries.ts). */
export const migration0005: Migration = {
  version: 5,
  name: 'status-indexes',
  sql: `
    CREATE INDEX IF NOT EXISTS tickets_deleted ON tickets (deleted);
    CREATE INDEX IF NOT EXISTS ticket_analyses_status ON ticket_analyses (status);
    CREATE INDEX IF NOT EXISTS clusters_merged_into ON clusters (merged_into);
  `,
};
