import type { Migration } from '../migration.js';
import { postgresTypes } from './postgres-types.js';

/**
 * Claude's say in themes (issue 8): the theme `analyze` suggested for each issue, the shortlist a
 * Message Batch request was sent with (so its answer is checked against what was shown, however
 * long the batch takes), and why a merge was made (the local similarity, or Claude's reason).
 * No foreign key on suggested_cluster_id: an answer is kept even if it names a theme this
 * database never had; trends then simply ignores it.
 */
const sqlite = `
    ALTER TABLE issues ADD COLUMN suggested_cluster_id INTEGER;
    ALTER TABLE batch_items ADD COLUMN theme_ids TEXT; -- JSON array of the shortlist sent; NULL: none
    ALTER TABLE cluster_merges ADD COLUMN reason TEXT; -- NULL for merges made before version 6
  `;

export const migration0006: Migration = {
  version: 6,
  name: 'theme-suggestions',
  sql: sqlite,
  postgres: postgresTypes(sqlite), // the same tables with PostgreSQL's types (see postgres-types.ts)
};
